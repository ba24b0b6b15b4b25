package io.bayestune.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM with Spark's JVM options and loopback-only networking, its stdout and stderr going to one log
 * file. Tests keep the log: when a child fails, its last lines go into the assertion message.
 */
public final class JavaProcess {
  private final List<String> command = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final Path log;
  private Path directory;
  private Path stdout;

  /** A JVM that will run {@code mainClass} on {@code classpath}, logging to {@code log}. */
  public JavaProcess(String classpath, String mainClass, Path log) {
    this.log = log;
    command.add(SparkDistribution.javaExecutable());
    command.addAll(SparkDistribution.jvmOptions());
    command.add("-Xmx768m");
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    environment.put("SPARK_LOCAL_IP", "127.0.0.1");
  }

  /** Adds JVM options (after Spark's, so that a later -Xmx wins). */
  public JavaProcess jvmOptions(String... options) {
    command.addAll(command.indexOf("-cp"), List.of(options));
    return this;
  }

  /** Appends program arguments. */
  public JavaProcess args(String... args) {
    command.addAll(List.of(args));
    return this;
  }

  /** Appends program arguments. */
  public JavaProcess args(List<String> args) {
    command.addAll(args);
    return this;
  }

  /** Sets an environment variable of the child. */
  public JavaProcess env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Sets the child's working directory (relative paths in job files resolve against it). */
  public JavaProcess directory(Path dir) {
    this.directory = dir;
    return this;
  }

  /**
   * Sends stdout to its own file (stderr, with Spark's logging, stays in the log), for commands whose stdout is
   * their result, such as the CLI's JSON.
   */
  public JavaProcess stdoutTo(Path file) {
    this.stdout = file;
    return this;
  }

  /** The full command line, for messages. */
  public List<String> command() {
    return List.copyOf(command);
  }

  /** Starts the JVM; the caller owns the process. */
  public Process start() {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (stdout == null) {
      builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    } else {
      builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()));
    }
    builder.environment().putAll(environment);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command.get(0), e);
    }
  }

  /** Runs the JVM to its end (killing it after {@code timeoutSeconds}) and returns its exit code and log. */
  public Finished run(long timeoutSeconds) throws InterruptedException {
    long start = System.nanoTime();
    Process process = start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      throw new AssertionError("still running after " + timeoutSeconds + " s: " + String.join(" ", command)
          + "\n--- log tail ---\n" + tail(log, 60));
    }
    return new Finished(process.exitValue(), read(log), stdout == null ? "" : read(stdout),
        (System.nanoTime() - start) / 1e9);
  }

  /** The last {@code lines} lines of a log, for assertion messages. */
  public static String tail(Path log, int lines) {
    List<String> all = read(log).lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A child that ended: its exit code, its log (everything it printed, or only stderr after
   * {@link #stdoutTo}), its stdout when kept apart, and how long it ran.
   */
  public record Finished(int exitCode, String output, String stdout, double seconds) {
    /** The last lines of the output, for assertion messages. */
    public String tail() {
      List<String> all = output.lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
    }
  }
}
