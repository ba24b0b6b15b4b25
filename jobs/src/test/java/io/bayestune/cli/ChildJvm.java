package io.bayestune.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code io.bayestune.cli.Main} in a separate JVM on the test classpath, as a user's shell would. */
public final class ChildJvm {
  private ChildJvm() {
  }

  static ProcessBuilder cli(String... args) {
    return command(List.of("-XX:TieredStopAtLevel=1"), args);
  }

  /**
   * {@code bayestune ARGS} in a JVM that can run Spark: the module openings Spark 4 needs on Java 17,
   * taken from this test JVM's own options (the build's {@code spark.jvm.options}), and 1 GiB of heap.
   */
  public static ProcessBuilder spark(String... args) {
    return spark(List.of(), args);
  }

  /** As {@link #spark(String...)}, with {@code extraOptions} (e.g. system properties) for the child JVM. */
  public static ProcessBuilder spark(List<String> extraOptions, String... args) {
    List<String> options = new ArrayList<>(extraOptions);
    for (String o : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (o.startsWith("--add-opens") || o.startsWith("--add-modules") || o.startsWith("--enable-native-access")
          || o.startsWith("-Djdk.reflect") || o.startsWith("-Dio.netty") || o.equals("-XX:+IgnoreUnrecognizedVMOptions")) {
        options.add(o);
      }
    }
    options.add("-Xmx1g");
    return command(options, args);
  }

  private static ProcessBuilder command(List<String> options, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.add("-cp");
    command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
        .replace(File.pathSeparatorChar, File.pathSeparatorChar));
    command.add("io.bayestune.cli.Main");
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }
}
