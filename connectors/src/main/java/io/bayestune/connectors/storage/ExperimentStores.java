package io.bayestune.connectors.storage;

import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.optimizer.store.LocalDirectoryStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the experiment store at a location: a local directory or {@code file://} URI today;
 * {@code s3a://} and {@code hdfs://} through Hadoop file systems (the S3 issue).
 *
 * <p>{@code settings} are Hadoop configuration entries (e.g. {@code fs.s3a.endpoint}) from the job file
 * or the command line, laid over the defaults; never logged.
 */
public final class ExperimentStores {
  private ExperimentStores() {
  }

  public static ExperimentStore open(String location, Map<String, String> settings) {
    if (location.startsWith("file:")) {
      return new LocalDirectoryStore(Path.of(URI.create(location)));
    }
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new IllegalArgumentException(location + ": only local directories and file:// locations are"
          + " supported by this build so far; s3a:// and hdfs:// come with the Hadoop store");
    }
    return new LocalDirectoryStore(Path.of(location));
  }

  public static ExperimentStore open(String location) {
    return open(location, Map.of());
  }
}
