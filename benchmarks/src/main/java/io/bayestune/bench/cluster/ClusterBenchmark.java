package io.bayestune.bench.cluster;

import io.bayestune.bench.Environment;
import io.bayestune.functions.Ackley;
import io.bayestune.functions.BenchmarkFunction;
import io.bayestune.functions.BenchmarkFunctions;
import io.bayestune.optimizer.experiment.ExperimentOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bayestune bench cluster}: {@link ClusterSimulation} for each function, slot count and seed,
 * rendered as the "Cluster simulator" section of docs/benchmarks.md.
 */
public final class ClusterBenchmark {
  static final String SECTION = "Cluster simulator";
  private static final int[] TRIAL_MARKS = {100, 250, 500, 1000, 2000, 5000};
  private static final double[] MINUTE_MARKS = {10, 20, 40, 80, 160, 320};

  /**
   * @param budgets one budget per slot count (same order)
   * @param experimentOptions how the optimizer works in every run
   */
  public record Options(List<BenchmarkFunction> functions, List<Integer> slots, List<Integer> budgets, int firstSeed, int lastSeed,
      int lookahead, boolean cpuClock, boolean saveState, Path raw, String commandLine,
      ExperimentOptions experimentOptions) {
  }

  private ClusterBenchmark() {
  }

  /** hartmann6-in-12 and ackley12 by default; any name of {@link BenchmarkFunctions}, or NAME-in-D. */
  public static BenchmarkFunction function(String name) {
    int in = name.indexOf("-in-");
    if (in > 0) {
      return new EmbeddedFunction(BenchmarkFunctions.byName(name.substring(0, in)),
          Integer.parseInt(name.substring(in + 4)));
    }
    if (name.matches("ackley\\d+")) {
      return new Ackley(Integer.parseInt(name.substring(6)));
    }
    return BenchmarkFunctions.byName(name);
  }

  public static List<ClusterSimulation.Result> run(Options o, PrintStream log) throws IOException {
    List<ClusterSimulation.Result> results = new ArrayList<>();
    for (BenchmarkFunction f : o.functions()) {
      for (int i = 0; i < o.slots().size(); i++) {
        for (int seed = o.firstSeed(); seed <= o.lastSeed(); seed++) {
          var config = new ClusterSimulation.Config(f, o.slots().get(i), o.budgets().get(i), seed, o.lookahead(),
              o.cpuClock(), o.saveState(), o.experimentOptions());
          long start = System.nanoTime();
          ClusterSimulation.Result r = new ClusterSimulation(config).run();
          results.add(r);
          log.printf(Locale.ROOT, "cluster: %s P=%d budget=%d seed=%d: utilization %.4f (%.4f while dispatching,"
              + " %.4f with a zero-time optimizer),"
              + " regret %.4g, %d batches, optimizer %.0f s, in %.0f s%n", f.name(), config.slots(), config.budget(),
              seed, r.utilization(), r.utilizationWhileDispatching(), r.idealUtilization(), r.finalRegret(), r.batches().size(),
              r.optimizerSeconds(), (System.nanoTime() - start) / 1e9);
          if (o.raw() != null) {
            appendRaw(o.raw(), r);
          }
        }
      }
    }
    return results;
  }

  private static void appendRaw(Path raw, ClusterSimulation.Result r) throws IOException {
    boolean fresh = !Files.exists(raw);
    try (Writer w = Files.newBufferedWriter(raw, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND)) {
      if (fresh) {
        w.write("function,slots,budget,seed,trial,time_s,regret\n");
      }
      for (int i = 0; i < r.regretByTrial().length; i++) {
        w.write(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%.3f,%.9g%n", r.config().function().name(),
            r.config().slots(), r.config().budget(), r.config().seed(), i + 1, r.observedAt()[i], r.regretByTrial()[i]));
      }
    }
  }

  public static String render(List<ClusterSimulation.Result> results, Options o, Environment env, double seconds) {
    StringBuilder md = new StringBuilder();
    md.append("Produced by\n\n```\n").append(o.commandLine()).append("\n```\n\n");
    md.append(String.format(Locale.ROOT, "on %s, %s (%d cores, %s, %s), in %.1f min; work tree at commit %s. The"
        + " optimizer's %s time is charged to the virtual clock%s; trials take log-normal times (median 60 s,"
        + " sigma 0.5); lookahead %d. Utilization is busy slot time over slots x time: over the whole run, and"
        + " until the last trial started (after that, slots can only wait for the slowest trials); \"zero-time\" is the"
        + " whole-run utilization of a driver that takes no time at all with the same trial durations (the ceiling"
        + " the final wait sets).%n%n",
        env.date(), env.host(), env.cores(), env.os(), env.jvm(), seconds / 60, env.commit(),
        o.cpuClock() ? "CPU" : "wall", o.saveState() ? " (observe, state serialization and suggest)" : " (observe and suggest)",
        o.lookahead()));
    md.append("| function | P | trials | seed | utilization | until last start | zero-time | sim. minutes"
        + " | batches (mean size) | batch seconds p50 / p90 / p99 / max | final regret |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (ClusterSimulation.Result r : results) {
      double[] s = r.batches().stream().mapToDouble(ClusterSimulation.Batch::seconds).sorted().toArray();
      double mean = r.batches().stream().mapToInt(ClusterSimulation.Batch::size).average().orElse(0);
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.4f | %.4f | %.4f | %.1f | %d (%.1f) | %.2f / %.2f / %.2f / %.2f | %.4g |%n",
          r.config().function().name(), r.config().slots(), r.regretByTrial().length, r.config().seed(), r.utilization(),
          r.utilizationWhileDispatching(), r.idealUtilization(), r.makespan() / 60, s.length, mean, percentile(s, 50), percentile(s, 90),
          percentile(s, 99), s.length == 0 ? 0 : s[s.length - 1], r.finalRegret()));
    }
    md.append("\nRegret against trial count (best observed minus the optimum, after that many observations):\n\n");
    md.append("| function | P | seed |");
    Arrays.stream(TRIAL_MARKS).forEach(m -> md.append(" ").append(m).append(" |"));
    md.append("\n|---|---|---|").append("---|".repeat(TRIAL_MARKS.length)).append('\n');
    for (ClusterSimulation.Result r : results) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %d |", r.config().function().name(), r.config().slots(),
          r.config().seed()));
      for (int m : TRIAL_MARKS) {
        md.append(m <= r.regretByTrial().length ? String.format(Locale.ROOT, " %.4g |", r.regretByTrial()[m - 1]) : " - |");
      }
      md.append('\n');
    }
    md.append("\nRegret against simulated time (minutes since the start):\n\n| function | P | seed |");
    Arrays.stream(MINUTE_MARKS).forEach(m -> md.append(String.format(Locale.ROOT, " %.0f min |", m)));
    md.append("\n|---|---|---|").append("---|".repeat(MINUTE_MARKS.length)).append('\n');
    for (ClusterSimulation.Result r : results) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %d |", r.config().function().name(), r.config().slots(),
          r.config().seed()));
      for (double m : MINUTE_MARKS) {
        double v = r.regretAt(m * 60);
        md.append(Double.isNaN(v) || m * 60 > r.makespan() + 60 * 20 ? " - |" : String.format(Locale.ROOT, " %.4g |", v));
      }
      md.append('\n');
    }
    return md.toString();
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
