package io.bayestune.report.importance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.optimizer.experiment.StrategyType;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.space.CategoricalParameter;
import io.bayestune.optimizer.space.DoubleParameter;
import io.bayestune.optimizer.space.SearchSpace;
import io.bayestune.optimizer.space.UnitCubeEncoding;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class LengthScaleImportanceTest {
  private static final SearchSpace SPACE = new SearchSpace(List.of(DoubleParameter.of("a", 0, 1),
      DoubleParameter.of("b", 0, 1), CategoricalParameter.of("c", "x", "y", "z")));

  @Test
  void numericRelevanceIsInverseLengthScaleAndOneHotGroupsCombineAsTheDistanceOfSwitching() {
    // Coordinates: a, b, then c's one-hot group (x, y, z).
    Importance importance = LengthScaleImportance.fromLengthScales(new UnitCubeEncoding(SPACE),
        new double[] {0.5, 2, 1, 1, 4}, 30);
    double a = 2;
    double b = 0.5;
    // Switching x<->y moves sqrt(1 + 1), x<->z and y<->z sqrt(1 + 1/16): RMS over pairs = sqrt(2 * mean 1/l^2).
    double c = Math.sqrt(2 * (1 + 1 + 1 / 16.0) / 3);
    double sum = a + b + c;
    assertEquals(List.of("a", "c", "b"), importance.entries().stream().map(Importance.Entry::name).toList());
    assertEquals(a / sum, importance.entries().get(0).share(), 1e-12);
    assertEquals(c / sum, importance.entries().get(1).share(), 1e-12);
    assertEquals(b / sum, importance.entries().get(2).share(), 1e-12);
    assertEquals(c, importance.entries().get(1).raw(), 1e-12);
    assertEquals(30, importance.observations());
  }

  @Test
  void theParameterTheMetricDependsOnComesFirstAndTheIrrelevantOnesLast() {
    Experiment e = experiment(30, s -> Math.sin(6 * s.assignments().getDouble("a")) + 0.05 * s.assignments()
        .getDouble("b"));
    Importance importance = new LengthScaleImportance().compute(e);
    assertTrue(importance.available(), importance.unavailableReason());
    assertEquals("a", importance.entries().get(0).name());
    assertTrue(importance.entries().get(0).share() > 0.6, importance.entries().toString());
    assertEquals(29, importance.observations(), "the failed trial is left out");
  }

  @Test
  void tooFewObservationsSayHowManyAreNeeded() {
    Experiment e = experiment(6, s -> s.assignments().getDouble("a"));
    Importance importance = new LengthScaleImportance().compute(e);
    assertFalse(importance.available());
    assertEquals("the Gaussian process needs at least 10 successful observations for 5 encoded dimensions, has 5",
        importance.unavailableReason());
  }

  @Test
  void theSameExperimentGivesTheSameNumbers() {
    Experiment e = experiment(20, s -> s.assignments().getDouble("a") * s.assignments().getDouble("b"));
    assertEquals(new LengthScaleImportance().compute(e), new LengthScaleImportance().compute(e));
  }

  /** Random-search observations of {@code f}; the third trial fails. */
  static Experiment experiment(int trials, ToDoubleFunction<Suggestion> f) {
    Experiment e = Experiment.create(new ExperimentSpec("t", SPACE, new Metric("m", Metric.Goal.MAXIMIZE),
        StrategyType.RANDOM, 0, 1), 7);
    for (int i = 1; i <= trials; i++) {
      Suggestion s = e.suggest();
      if (i == 3) {
        e.observeFailed(s.id(), "crashed", Map.of());
      } else {
        e.observe(s.id(), f.applyAsDouble(s), null);
      }
    }
    return e;
  }
}
