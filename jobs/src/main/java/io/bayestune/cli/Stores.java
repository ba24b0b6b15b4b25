package io.bayestune.cli;

import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.optimizer.store.LocalDirectoryStore;
import java.nio.file.Path;

/** Opens the experiment store named by an {@code --at} location. */
final class Stores {
  private Stores() {
  }

  static ExperimentStore open(String location) {
    if (location.startsWith("file://")) {
      return new LocalDirectoryStore(Path.of(java.net.URI.create(location)));
    }
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new IllegalArgumentException("--at " + location + ": only local directories and file:// are supported"
          + " by this build; s3a:// and hdfs:// locations come with the connectors module");
    }
    return new LocalDirectoryStore(Path.of(location));
  }
}
