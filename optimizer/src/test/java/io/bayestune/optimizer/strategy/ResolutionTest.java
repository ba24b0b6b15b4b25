package io.bayestune.optimizer.strategy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.space.Assignments;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Noisy experiments do not spend trials on near-copies of evaluated points (see {@link Resolution});
 * exact ones still refine next to the incumbent.
 */
class ResolutionTest {

  /**
   * Like a learning rate whose best value lies against its upper bound, with an int beside it: the
   * value rises towards step = 0.5 and peaks at depth 3.
   */
  private static final String SPEC = """
      {"metrics": [{"name": "auc", "objective": "maximize"}], "observation_budget": 30,
       "parameters": [{"name": "depth", "type": "int", "bounds": {"min": 2, "max": 8}},
                      {"name": "step", "type": "double", "bounds": {"min": 0.01, "max": 0.5},
                       "transformation": "log"}]}
      """;

  private static double auc(Assignments a) {
    double depth = a.getLong("depth");
    return 0.83 - 0.004 * (depth - 3) * (depth - 3) - 0.01 * Math.pow(Math.log(0.5 / a.getDouble("step")), 2);
  }

  /** (depth, step in the unit cube of its log) of each of 30 trials, observed with the given stddev. */
  private static List<double[]> run(Double reportedStddev) {
    Experiment e = Experiment.create(SpecJson.parse(SPEC), 3);
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Suggestion s = e.suggest(1).get(0);
      e.observe(s.id(), auc(s.assignments()), reportedStddev);
      points.add(new double[] {s.assignments().getLong("depth"),
          Math.log(s.assignments().getDouble("step") / 0.01) / Math.log(50)});
    }
    return points;
  }

  /** The smallest unit-cube distance in step between two points of the same depth. */
  private static double closestPair(List<double[]> points) {
    double closest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < points.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (points.get(i)[0] == points.get(j)[0]) {
          closest = Math.min(closest, Math.abs(points.get(i)[1] - points.get(j)[1]));
        }
      }
    }
    return closest;
  }

  @Test
  void aNoisyExperimentKeepsItsTrialsApart() {
    double closest = closestPair(run(0.005));
    assertTrue(closest >= Resolution.NOISY - 1e-9, "closest pair " + closest + " should be at least " + Resolution.NOISY);
  }

  @Test
  void anExactExperimentStillRefinesNextToItsBest() {
    // The same run without reported noise packs points against the bound: the rule above is what
    // keeps the noisy run apart, not the function.
    double closest = closestPair(run(null));
    assertTrue(closest < Resolution.NOISY, "closest pair " + closest + " should be below " + Resolution.NOISY);
  }
}
