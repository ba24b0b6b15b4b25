package io.bayestune.cli;

import io.bayestune.functions.BenchmarkFunction;
import io.bayestune.functions.BenchmarkFunctions;
import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Suggestion;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bayestune demo}: the three calls on a standard test function with a known minimum, printed
 * as they happen, with random search on the same budget beside it for scale. No Spark involved.
 */
final class DemoCommand {
  static final String USAGE = "bayestune demo [--function hartmann6] [--budget 40] [--seed 1]";

  private DemoCommand() {
  }

  static int run(String[] argv, PrintStream out) {
    Args a = new Args("demo", argv, 0, Set.of("function", "budget", "seed"), Set.of());
    BenchmarkFunction f = BenchmarkFunctions.byName(a.get("function") == null ? "hartmann6" : a.get("function"));
    int budget = (int) a.integer("budget", 40);
    long seed = a.integer("seed", 1);
    out.printf(Locale.ROOT, "bayestune demo: minimizing %s (known minimum %.6g) in %d evaluations%n", f.name(),
        f.optimum(), budget);
    Experiment e = BenchmarkFunctions.experiment(f, "offline", seed, budget, 1);
    double best = Double.POSITIVE_INFINITY;
    long start = System.nanoTime();
    for (int i = 1; i <= budget; i++) {
      Suggestion s = e.suggest();
      double v = f.value(s.assignments());
      e.observe(s.id(), v, null);
      boolean improved = v < best;
      best = Math.min(best, v);
      out.printf(Locale.ROOT, "[%d/%d] value=%.5g best=%.5g %s%s%n", i, budget, v, best, s.assignments(),
          improved ? "  *" : "");
    }
    Best b = e.best().orElseThrow();
    double randomBest = BenchmarkFunctions.bestOfNext(f, BenchmarkFunctions.experiment(f, "random", seed, budget, 1), budget);
    out.printf(Locale.ROOT, "%nbest after %d evaluations: %.6g at %s (regret %.3g) in %.1f s%n", budget, b.value(),
        b.assignments(), b.value() - f.optimum(), (System.nanoTime() - start) / 1e9);
    out.printf(Locale.ROOT, "random search, same budget and seed: %.6g (regret %.3g)%n", randomBest,
        randomBest - f.optimum());
    return 0;
  }
}
