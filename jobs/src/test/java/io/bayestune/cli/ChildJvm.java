package io.bayestune.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code io.bayestune.cli.Main} in a separate JVM on the test classpath, as a user's shell would. */
final class ChildJvm {
  private ChildJvm() {
  }

  static ProcessBuilder cli(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
        .replace(File.pathSeparatorChar, File.pathSeparatorChar));
    command.add("io.bayestune.cli.Main");
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }
}
