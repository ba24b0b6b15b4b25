package io.bayestune.bench;

import io.bayestune.bench.jmh.SuggestLatencyBenchmark;
import io.bayestune.optimizer.space.Assignments;
import io.bayestune.optimizer.space.DoubleParameter;
import io.bayestune.optimizer.space.Parameter;
import io.bayestune.optimizer.space.SearchSpace;
import io.bayestune.optimizer.space.UnitCubeEncoding;
import io.bayestune.optimizer.strategy.BayesianStrategy;
import io.bayestune.optimizer.strategy.History;
import io.bayestune.optimizer.strategy.LocalModelOptions;
import io.bayestune.optimizer.strategy.SuggestionStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Wall-clock and CPU times of whole {@code BayesianStrategy.suggest} calls on large histories, built
 * directly (no experiment, no JSON), with the local model for large experiments or without it. The
 * CPU time of the calling thread is what the call costs on a quiet machine; on the shared 2-core
 * machine the wall time was 5-10x larger. A main, not a test: timings belong in docs/benchmarks.md.
 * Args: n d open count [reps] [local|global]. Run:
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/bayestune.classpath)" \
 *     io.bayestune.bench.LargeHistoryTiming 5000 12 255 1 3 local
 */
public final class LargeHistoryTiming {
  private LargeHistoryTiming() {
  }

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int d = Integer.parseInt(args[1]);
    int open = Integer.parseInt(args[2]);
    int count = Integer.parseInt(args[3]);
    int reps = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    History history = history(n, d, open, 17);
    boolean global = args.length > 5 && args[5].equals("global");
    SuggestionStrategy strategy = new BayesianStrategy(10, BayesianStrategy.PendingPolicy.KRIGING_BELIEVER,
        global ? LocalModelOptions.never() : LocalModelOptions.defaults());
    for (int rep = 0; rep < reps; rep++) {
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      List<Assignments> out = strategy.suggest(history, count);
      System.out.printf("%s n=%d d=%d open=%d count=%d: %.0f ms wall, %.0f ms cpu (%d made)%n",
          global ? "global" : "local", n, d, open, count, (System.nanoTime() - t0) / 1e6, (threads.getCurrentThreadCpuTime() - c0) / 1e6, out.size());
    }
  }

  /** n observations of a smooth surface at uniform points in [0,1]^d, plus {@code open} open points. */
  public static History history(int n, int d, int open, long seed) {
    List<Parameter> ps = new ArrayList<>();
    for (int i = 1; i <= d; i++) {
      ps.add(DoubleParameter.of("x" + i, 0, 1));
    }
    UnitCubeEncoding encoding = new UnitCubeEncoding(new SearchSpace(ps));
    SplittableRandom rng = new SplittableRandom(seed);
    List<History.Trial> trials = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Assignments a = point(d, rng);
      trials.add(new History.Trial(a, -SuggestLatencyBenchmark.smooth(a, d), Double.NaN, false));
    }
    List<Assignments> pending = new ArrayList<>();
    for (int k = 0; k < open; k++) {
      pending.add(point(d, rng));
    }
    return new History(encoding, trials, pending, n + open, seed);
  }

  private static Assignments point(int d, SplittableRandom rng) {
    Map<String, Object> m = new java.util.HashMap<>();
    for (int i = 1; i <= d; i++) {
      m.put("x" + i, rng.nextDouble());
    }
    return new Assignments(m);
  }
}
