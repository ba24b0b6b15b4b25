package io.bayestune.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code spark-submit} without a distribution: {@code org.apache.spark.deploy.SparkSubmit} (in spark-core) on the
 * Spark distribution's classpath, which is exactly what {@code bin/spark-submit} ends up running. Our jar is not
 * on {@code -cp}: as on a real cluster, SparkSubmit loads it as the application jar.
 */
public final class SparkSubmitCommand {
  /** SparkSubmit's main class. */
  public static final String MAIN = "org.apache.spark.deploy.SparkSubmit";

  private SparkSubmitCommand() {
  }

  /**
   * A child JVM running {@code SparkSubmit submitArgs}, where {@code submitArgs} is what a user types after
   * {@code spark-submit} (e.g. {@code --master local[2] --class io.bayestune.cli.Main app.jar demo}).
   */
  public static JavaProcess of(List<String> submitArgs, Path log) {
    return new JavaProcess(SparkDistribution.classpath(), MAIN, log).args(submitArgs);
  }

  /** Maps a spark-submit argv (its first element names the spark-submit executable) onto {@link #of}. */
  public static JavaProcess fromArgv(List<String> argv, Path log) {
    if (argv.isEmpty() || !Path.of(argv.get(0)).getFileName().toString().startsWith("spark-submit")) {
      throw new IllegalArgumentException("expected an argv starting with spark-submit, but got " + argv);
    }
    return of(new ArrayList<>(argv.subList(1, argv.size())), log);
  }
}
