package io.bayestune.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where and on what code a benchmark ran, for the report's header: date, machine, JVM, the git commit
 * of the work tree, the last commit that touched {@code optimizer/}, and whether the Bayesian strategy
 * was on the classpath (before it lands, {@code offline} is a random scaffold).
 */
public record Environment(String date, String host, int cores, String os, String jvm, long maxHeapMb,
    String commit, String optimizerCommit, boolean bayesianStrategyPresent, String optimizerCodeSource) {

  static final String BAYESIAN_STRATEGY = "io.bayestune.optimizer.strategy.BayesianStrategy";

  /** @param script a file inside the repository (for git), or null */
  public static Environment capture(Path script) {
    Path root = script == null ? null : script.toAbsolutePath().getParent().getParent();
    boolean bayesian;
    try {
      Class.forName(BAYESIAN_STRATEGY);
      bayesian = true;
    } catch (ClassNotFoundException e) {
      bayesian = false;
    }
    String source = String.valueOf(io.bayestune.optimizer.experiment.Experiment.class.getProtectionDomain()
        .getCodeSource().getLocation());
    String head = git(root, "rev-parse", "--short=12", "HEAD");
    String dirty = git(root, "status", "--porcelain", "--untracked-files=no", "--", "optimizer", "jobs", "bench");
    String optimizer = git(root, "log", "-1", "--format=%h %s", "--", "optimizer");
    return new Environment(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
        hostName(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        head + (dirty.isBlank() || head.equals("unknown") ? "" : " (with uncommitted changes)"),
        optimizer.length() > 80 ? optimizer.substring(0, 77) + "..." : optimizer, bayesian, source);
  }

  public String summary() {
    return date + ", " + host + " (" + cores + " cores, " + os + ", " + jvm + ", max heap " + maxHeapMb
        + " MB), commit " + commit + ", optimizer last changed in " + optimizerCommit + ", BayesianStrategy "
        + (bayesianStrategyPresent ? "present" : "ABSENT (offline = random scaffold)");
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown host";
    }
  }

  private static String git(Path root, String... args) {
    if (root == null) {
      return "unknown";
    }
    try {
      String[] command = new String[args.length + 3];
      command[0] = "git";
      command[1] = "-C";
      command[2] = root.toString();
      System.arraycopy(args, 0, command, 3, args.length);
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
