package io.bayestune.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.functions.BenchmarkFunction;
import org.junit.jupiter.api.Test;

/** The simulator's bookkeeping on a small run (its figures are a benchmark's, not a test's). */
class ClusterSimulationTest {

  @Test
  void runsTheWholeBudgetWithNoMoreTrialsInFlightThanSlots() {
    BenchmarkFunction f = ClusterBenchmark.function("hartmann6-in-8");
    ClusterSimulation.Result r = new ClusterSimulation(
        new ClusterSimulation.Config(f, 4, 24, 3, 1, true, true)).run();
    assertEquals(24, r.regretByTrial().length, "every trial of the budget is observed");
    for (int i = 1; i < r.regretByTrial().length; i++) {
      assertTrue(r.regretByTrial()[i] <= r.regretByTrial()[i - 1], "regret is a running minimum, at trial " + i);
      assertTrue(r.observedAt()[i] >= r.observedAt()[i - 1], "observations in time order, at trial " + i);
    }
    assertTrue(r.finalRegret() >= 0, "regret is measured from the known optimum");
    int made = r.batches().stream().mapToInt(ClusterSimulation.Batch::size).sum();
    assertEquals(24, made, "exactly the budget is suggested");
    r.batches().forEach(b -> assertTrue(b.size() <= 5, "a batch is at most the slots plus the lookahead: " + b));
    // 24 trials of about a minute on 4 slots: at least 6 rounds, so at least 5 minutes.
    assertTrue(r.makespan() > 300, "makespan " + r.makespan());
    assertTrue(r.utilization() > 0 && r.utilization() <= 1.0, "utilization " + r.utilization());
    assertTrue(r.busySlotSeconds() <= 4 * r.makespan() + 1e-9, "no more than 4 slots busy at once");
  }

  @Test
  void embeddedFunctionIgnoresTheAddedCoordinates() {
    BenchmarkFunction f = ClusterBenchmark.function("hartmann6-in-12");
    assertEquals(12, f.spec().path("parameters").size());
    var minimizer = new java.util.HashMap<>(f.minimizer());
    double at = f.value(new io.bayestune.optimizer.space.Assignments(minimizer));
    minimizer.put("x12", 0.9);
    assertEquals(at, f.value(new io.bayestune.optimizer.space.Assignments(minimizer)), 0.0);
    assertEquals(f.optimum(), at, 1e-9);
  }
}
