package io.bayestune.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What a Spark cluster provides, as the integration tests see it: the jars of a Spark distribution (resolved
 * apart from ours by {@code src/test/spark-distribution/pom.xml} into {@code target/spark-distribution.classpath}),
 * the JVM options Spark 4 needs on Java 17, and the artifacts of this build that get deployed on it.
 * Failsafe passes the locations as system properties (jobs/pom.xml).
 */
public final class SparkDistribution {
  private SparkDistribution() {
  }

  /** Every jar of the Spark distribution's runtime classpath, in resolution order. */
  public static List<Path> jars() {
    Path file = Path.of(property("bayestune.sparkClasspathFile"));
    try {
      String classpath = Files.readString(file).trim();
      List<Path> jars = Arrays.stream(classpath.split(File.pathSeparator)).map(Path::of).toList();
      if (jars.size() < 100) {
        throw new IllegalStateException(file + ": expected the 200+ jars of a Spark distribution, but found "
            + jars.size() + "; run the integration tests through Maven (mvn verify) so that it is resolved");
      }
      return jars;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": not readable; run the integration tests through Maven (mvn verify), "
          + "whose pre-integration-test phase writes it", e);
    }
  }

  /** {@link #jars()} joined for {@code -cp}. */
  public static String classpath() {
    return String.join(File.pathSeparator, jars().stream().map(Path::toString).toList());
  }

  /** The options Spark 4 needs on Java 17 (the parent pom's {@code spark.jvm.options}). */
  public static List<String> jvmOptions() {
    return Arrays.stream(property("bayestune.sparkJvmOptions").trim().split("\\s+")).toList();
  }

  /** {@code jobs/target/bayestune-<version>.jar}, the shaded jar for clusters. */
  public static Path clusterJar() {
    Path jar = Path.of(property("bayestune.clusterJar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist; it is built in the package phase (mvn verify)");
    }
    return jar;
  }

  /** The jar of test-only Spark code (objectives, probe jobs) that the cluster tests ship with {@code --jars}. */
  public static Path testJobsJar() {
    Path jar = Path.of(property("bayestune.testJobsJar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist; it is built in the package phase (mvn verify)");
    }
    return jar;
  }

  /** The repository's root directory (examples/ and airflow/ live there). */
  public static Path repoRoot() {
    return Path.of(property("bayestune.repoRoot")).toAbsolutePath().normalize();
  }

  /** The {@code java} of the JVM running the tests (a JDK 17, as the build requires). */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set; run the integration tests through "
          + "Maven (failsafe in jobs/pom.xml sets it)");
    }
    return value;
  }
}
