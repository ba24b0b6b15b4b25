package io.bayestune.optimizer.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.acquisition.ParetoFront;
import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.MetricEvaluation;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.space.Assignments;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The constrained and two-objective optimizer on small closed-form problems, one seeded run each. */
class MultiMetricStrategyTest {
  private static final String SQUARE = "\"parameters\": [{\"name\": \"x\", \"type\": \"double\", \"bounds\":"
      + " {\"min\": 0, \"max\": 1}}, {\"name\": \"y\", \"type\": \"double\", \"bounds\": {\"min\": 0, \"max\": 1}}]";

  /** Maximize x + y subject to x^2 + y^2 <= 0.64: the optimum is x = y = 0.4 sqrt 2, f = 0.8 sqrt 2. */
  static Experiment constrained(long seed) {
    return Experiment.create(SpecJson.parse("{" + SQUARE + ", \"observation_budget\": 25, \"metrics\": ["
        + "{\"name\": \"f\"}, {\"name\": \"r2\", \"objective\": \"minimize\", \"strategy\": \"constraint\","
        + " \"threshold\": 0.64}]}"), seed);
  }

  static List<MetricEvaluation> circle(Assignments a) {
    double x = a.getDouble("x");
    double y = a.getDouble("y");
    return List.of(new MetricEvaluation("f", x + y, null), new MetricEvaluation("r2", x * x + y * y, null));
  }

  /** Two objectives with a straight front: distance from (0.2, 0.2) and from (0.8, 0.8), both minimized. */
  static List<MetricEvaluation> twoCenters(Assignments a) {
    double x = a.getDouble("x");
    double y = a.getDouble("y");
    return List.of(new MetricEvaluation("d1", Math.pow(x - 0.2, 2) + Math.pow(y - 0.2, 2), null),
        new MetricEvaluation("d2", Math.pow(x - 0.8, 2) + Math.pow(y - 0.8, 2), null));
  }

  static Experiment twoObjectives(String type, long seed) {
    return Experiment.create(SpecJson.parse("{" + SQUARE + ", \"type\": \"" + type + "\", \"observation_budget\": 20,"
        + " \"metrics\": [{\"name\": \"d1\", \"objective\": \"minimize\"}, {\"name\": \"d2\", \"objective\":"
        + " \"minimize\"}]}"), seed);
  }

  static void run(Experiment e, int budget, Function<Assignments, List<MetricEvaluation>> f) {
    while (e.observations().size() < budget) {
      Suggestion s = e.suggest();
      e.observe(s.id(), f.apply(s.assignments()), Map.of());
    }
  }

  @Test
  void constrainedRunFindsTheFeasibleOptimumOnTheBoundary() {
    Experiment e = constrained(1);
    run(e, 25, MultiMetricStrategyTest::circle);
    Best best = e.best().orElseThrow();
    double optimum = 0.8 * Math.sqrt(2);
    assertTrue(best.value() > optimum - 1e-3 && best.values().get(1).value() <= 0.64, "best feasible "
        + best.values() + " vs optimum " + optimum);
    // The optimum is on the constraint's boundary, so the search refines along it from both sides.
    long nearBoundary = e.observations().subList(5, 25).stream()
        .filter(o -> Math.abs(o.values().get(1).value() - 0.64) < 0.05).count();
    assertTrue(nearBoundary >= 15, "suggestions after the design within 0.05 of the boundary: " + nearBoundary
        + " of 20");
  }

  @Test
  void twoObjectiveRunCoversMoreHypervolumeThanRandomSearch() {
    double model = hypervolume(twoObjectives("offline", 2));
    double random = hypervolume(twoObjectives("random", 2));
    // The true front is the segment between the centres: hypervolume 0.36^2... computed densely below.
    double[][] front = new double[1001][];
    for (int i = 0; i <= 1000; i++) {
      double t = 0.2 + 0.6 * i / 1000.0;
      front[i] = new double[] {-2 * Math.pow(t - 0.2, 2), -2 * Math.pow(t - 0.8, 2)};
    }
    double truth = ParetoFront.hypervolume2d(front, REFERENCE);
    assertTrue(model > 0.9 * truth && model > random, "hypervolume " + model + " (random " + random + ", true front "
        + truth + ")");
  }

  private static final double[] REFERENCE = {-1.0, -1.0};

  private static double hypervolume(Experiment e) {
    run(e, 20, MultiMetricStrategyTest::twoCenters);
    List<Best> front = e.bestAssignments();
    double[][] points = front.stream().map(b -> new double[] {-b.values().get(0).value(), -b.values().get(1).value()})
        .toArray(double[][]::new);
    return ParetoFront.hypervolume2d(points, REFERENCE);
  }

  @Test
  void sameSeedGivesTheSameRunAndReloadedStateContinuesExactly() {
    Experiment a = constrained(9);
    Experiment b = constrained(9);
    run(a, 9, MultiMetricStrategyTest::circle);
    run(b, 9, MultiMetricStrategyTest::circle);
    assertEquals(a.observations(), b.observations());
    a.suggest();
    Experiment reloaded = Experiment.fromJson(a.toJson());
    assertEquals(a.suggest(2), reloaded.suggest(2));
  }

  @Test
  void openSuggestionsSpreadTheBatch() {
    Experiment e = twoObjectives("offline", 4);
    run(e, 8, MultiMetricStrategyTest::twoCenters);
    List<Suggestion> batch = e.suggest(3);
    for (int i = 0; i < batch.size(); i++) {
      for (int j = i + 1; j < batch.size(); j++) {
        double dx = batch.get(i).assignments().getDouble("x") - batch.get(j).assignments().getDouble("x");
        double dy = batch.get(i).assignments().getDouble("y") - batch.get(j).assignments().getDouble("y");
        assertTrue(Math.hypot(dx, dy) > 0.02, "suggestions " + i + " and " + j + " of one batch are "
            + Math.hypot(dx, dy) + " apart");
      }
    }
  }
}
