package io.bayestune.service;

import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.optimizer.store.LocalDirectoryStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Opens the experiment store at a location. The CLI passes its own opener (local directories, {@code s3a://},
 * {@code hdfs://} through the connectors module); {@link #localOnly} serves directories without Hadoop.
 */
@FunctionalInterface
public interface StoreOpener {
  ExperimentStore open(String location) throws IOException;

  /** Local directories and {@code file://} URIs only. */
  static StoreOpener localOnly() {
    return location -> {
      if (location.startsWith("file:")) {
        return new LocalDirectoryStore(Path.of(URI.create(location)));
      }
      if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
        throw new IllegalArgumentException(location + ": this server opens local directories only; start it with"
            + " bayestune serve for s3a:// or hdfs:// state");
      }
      return new LocalDirectoryStore(Path.of(location));
    };
  }
}
