package io.bayestune.cli;

import io.bayestune.connectors.storage.ExperimentStores;
import io.bayestune.optimizer.store.ExperimentStore;

/** Opens the experiment store named by an {@code --at} location. */
final class Stores {
  private Stores() {
  }

  static ExperimentStore open(String location) {
    return ExperimentStores.open(location);
  }
}
