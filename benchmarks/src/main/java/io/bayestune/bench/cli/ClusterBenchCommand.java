package io.bayestune.bench.cli;

import io.bayestune.bench.Environment;
import io.bayestune.bench.cluster.ClusterBenchmark;
import io.bayestune.bench.cluster.ClusterSimulation;
import io.bayestune.cli.Args;
import io.bayestune.functions.BenchmarkFunction;
import io.bayestune.optimizer.experiment.ExperimentOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code bayestune bench cluster}: the cluster simulator (see {@link ClusterSimulation}). */
final class ClusterBenchCommand {
  static final String USAGE = String.join("\n",
      "bayestune bench cluster [--functions hartmann6-in-12,ackley12] [--slots 16,64,256] [--budgets 1000,2000,5000]",
      "    [--seeds 1 | --seeds FIRST-LAST] [--lookahead 1] [--clock wall|cpu] [--save-state true|false] [--raw trials.csv]",
      "    [--local-kernel auto|matern52|two-scale] [--out docs/benchmarks.md]");

  private ClusterBenchCommand() {
  }

  static int run(String[] argv, String line, PrintStream out, PrintStream err) throws IOException {
    Args a = new Args("bench cluster", argv, 1, Set.of("functions", "slots", "budgets", "seeds", "lookahead", "clock",
        "save-state", "raw", "local-kernel", "out"), Set.of());
    List<BenchmarkFunction> functions = new ArrayList<>();
    for (String name : split(a.get("functions"), "hartmann6-in-12,ackley12")) {
      functions.add(ClusterBenchmark.function(name));
    }
    List<Integer> slots = integers(split(a.get("slots"), "16,64,256"), "--slots");
    List<Integer> budgets = integers(split(a.get("budgets"), "1000,2000,5000"), "--budgets");
    if (budgets.size() != slots.size()) {
      err.println("bayestune: bench cluster: --budgets needs one budget per slot count (" + slots.size()
          + "), but got " + budgets.size() + "\n\n" + USAGE);
      return 2;
    }
    String clock = a.get("clock") == null ? "wall" : a.get("clock");
    if (!clock.equals("wall") && !clock.equals("cpu")) {
      err.println("bayestune: bench cluster: --clock must be wall or cpu, but got " + clock);
      return 2;
    }
    String seeds = a.get("seeds") == null ? "1" : a.get("seeds");
    // "N" runs seeds 1..N; "FIRST-LAST" a range, so that seeds can run in separate processes.
    List<Integer> seedRange = integers(List.of(seeds.contains("-") ? seeds.split("-", 2) : new String[] {"1", seeds}),
        "--seeds");
    ClusterBenchmark.Options o = new ClusterBenchmark.Options(functions, slots, budgets, seedRange.get(0), seedRange.get(1),
        (int) a.integer("lookahead", 1), clock.equals("cpu"), !"false".equals(a.get("save-state")),
        a.get("raw") == null ? null : Path.of(a.get("raw")), line,
        BenchCommand.withLocalKernel("bench cluster", ExperimentOptions.defaults(), a.get("local-kernel")));
    long start = System.nanoTime();
    List<ClusterSimulation.Result> results = ClusterBenchmark.run(o, err);
    String body = ClusterBenchmark.render(results, o, Environment.capture(BenchCommand.findScript()),
        (System.nanoTime() - start) / 1e9);
    BenchCommand.writeSection(a.get("out"), "Cluster simulator", body, out, err);
    return 0;
  }

  private static List<String> split(String value, String fallback) {
    return List.of((value == null ? fallback : value).split(","));
  }

  private static List<Integer> integers(List<String> values, String flag) {
    List<Integer> out = new ArrayList<>();
    for (String v : values) {
      try {
        out.add(Integer.parseInt(v.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + ": a comma-separated list of integers, but got '" + v + "'");
      }
    }
    return out;
  }
}
