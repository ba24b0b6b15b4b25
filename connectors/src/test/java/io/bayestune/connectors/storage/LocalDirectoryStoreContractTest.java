package io.bayestune.connectors.storage;

import io.bayestune.optimizer.store.ExperimentStore;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The contract against the local directory store, opened the way users open it: through ExperimentStores. */
class LocalDirectoryStoreContractTest implements ExperimentStoreContract {
  @TempDir
  Path root;

  @Override
  public String freshLocation() {
    return root.resolve(UUID.randomUUID().toString()).toUri().toString();
  }

  @Override
  public ExperimentStore open(String location) {
    return ExperimentStores.open(location);
  }
}
