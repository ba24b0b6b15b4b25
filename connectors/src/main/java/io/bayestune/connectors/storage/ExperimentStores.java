package io.bayestune.connectors.storage;

import io.bayestune.connectors.s3.S3Settings;
import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.optimizer.store.LocalDirectoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Opens the experiment store at a location, by scheme: a local directory or {@code file://} URI
 * ({@link LocalDirectoryStore}: rename under a file lock), {@code s3a://} (S3 conditional writes) and
 * any other Hadoop file system such as {@code hdfs://} (a lease and write-then-rename), both through
 * {@link HadoopFileSystemStore}.
 *
 * <p>{@code settings} are the job file's {@code s3:} keys (endpoint, region, path_style_access,
 * access_key, secret_key, session_token, credentials_provider) and/or Hadoop entries
 * ({@code fs.s3a.endpoint}, ...), laid over the Hadoop defaults and {@code core-site.xml}; never logged.
 */
public final class ExperimentStores {
  private ExperimentStores() {
  }

  /**
   * @throws IllegalArgumentException for an unknown setting or an unusable location
   * @throws UncheckedIOException when the file system cannot be reached (the message says which setting to check)
   */
  public static ExperimentStore open(String location, Map<String, String> settings) {
    return open(location, S3Settings.fromJob(settings));
  }

  /** As {@link #open(String, Map)}, with settings already gathered. */
  public static ExperimentStore open(String location, S3Settings settings) {
    if (location.startsWith("file:")) {
      return new LocalDirectoryStore(Path.of(URI.create(location)));
    }
    if (!location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return new LocalDirectoryStore(Path.of(location));
    }
    URI uri;
    try {
      uri = URI.create(location);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(location + ": not a valid URI (" + e.getMessage() + "); write it as"
          + " s3a://bucket/prefix or hdfs://namenode/path", e);
    }
    if (uri.getScheme().equalsIgnoreCase("s3") || uri.getScheme().equalsIgnoreCase("s3n")) {
      throw new IllegalArgumentException(location + ": use the s3a:// scheme (Hadoop's S3A connector) for S3");
    }
    Configuration conf = settings.apply(new Configuration());
    try {
      return HadoopFileSystemStore.open(uri, conf);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  public static ExperimentStore open(String location) {
    return open(location, S3Settings.none());
  }
}
