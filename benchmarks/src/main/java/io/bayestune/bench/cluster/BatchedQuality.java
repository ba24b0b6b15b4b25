package io.bayestune.bench.cluster;

import io.bayestune.bench.AskTellLoop;
import io.bayestune.functions.BenchmarkFunction;
import io.bayestune.optimizer.experiment.ExperimentOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The simulator's functions optimized in synchronous batches (suggest a batch, evaluate all of it, observe
 * all of it), as {@code bench/cluster_optuna.py} runs Optuna: the same batch sizes on both sides, and about
 * 30 model fits for 2,000 trials in batches of 64 instead of one per trial, so a variant of the optimizer
 * can be compared in minutes. A main, not a test. Args: function seeds(comma-separated) budget batch. Run:
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/bayestune.classpath)" \
 *     io.bayestune.bench.cluster.BatchedQuality ackley12 1,2,3 2000 64
 */
public final class BatchedQuality {
  private static final int[] MARKS = {250, 500, 1000, 2000, 5000};

  private BatchedQuality() {
  }

  public static void main(String[] args) {
    BenchmarkFunction f = ClusterBenchmark.function(args[0]);
    int budget = Integer.parseInt(args[2]);
    int batch = Integer.parseInt(args[3]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (String s : args[1].split(",")) {
      long seed = Long.parseLong(s.trim());
      long cpu = threads.getCurrentThreadCpuTime();
      AskTellLoop.Result r = AskTellLoop.batched(f, "offline", seed, budget, batch, ExperimentOptions.defaults());
      double[] values = r.run().values();
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s batch %d seed %d (%.0f s CPU): regret",
          f.name(), batch, seed, (threads.getCurrentThreadCpuTime() - cpu) / 1e9));
      double best = Double.POSITIVE_INFINITY;
      int mark = 0;
      for (int i = 0; i < values.length; i++) {
        best = Math.min(best, values[i]);
        while (mark < MARKS.length && MARKS[mark] == i + 1) {
          line.append(String.format(Locale.ROOT, " after %d: %.3g;", MARKS[mark++], best - f.optimum()));
        }
      }
      System.out.println(line + (r.run().error() == null ? "" : " stopped: " + r.run().error()));
    }
  }
}
