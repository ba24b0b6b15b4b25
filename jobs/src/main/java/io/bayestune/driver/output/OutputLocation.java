package io.bayestune.driver.output;

import java.nio.file.Path;

/**
 * A job's output location as a URI that Spark's writers and Hadoop's FileSystem agree on.
 *
 * <p>A plain path is a local directory ({@code out/credit} becomes {@code file:/abs/out/credit}), as
 * it is for the experiment store; without the scheme, Spark would resolve it against
 * {@code fs.defaultFS}, which on a cluster is HDFS. Locations with a scheme ({@code file:},
 * {@code s3a://}, {@code hdfs://}) are kept as they are, minus trailing slashes.
 */
public final class OutputLocation {
  private final String uri;

  private OutputLocation(String uri) {
    this.uri = uri;
  }

  public static OutputLocation of(String location) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("output: a job needs an output location (a directory, file://, s3a:// or"
          + " hdfs:// URI), but got none; set output: in the job file or pass --output DIR");
    }
    String trimmed = location.strip();
    if (hasScheme(trimmed)) {
      return new OutputLocation(trimmed.replaceAll("(?<!:/)/+$", ""));
    }
    return new OutputLocation(Path.of(trimmed).toAbsolutePath().normalize().toUri().toString().replaceAll("/+$", ""));
  }

  static boolean hasScheme(String location) {
    return location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !location.matches("^[a-zA-Z]:\\\\.*");
  }

  /** {@code location/name}. */
  public String resolve(String name) {
    return uri + "/" + name;
  }

  /** The experiment store's location: {@code output/experiment}. */
  public String experiment() {
    return resolve("experiment");
  }

  @Override
  public String toString() {
    return uri;
  }
}
