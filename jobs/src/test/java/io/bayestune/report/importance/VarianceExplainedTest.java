package io.bayestune.report.importance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.space.Assignments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VarianceExplainedTest {

  @Test
  void epsilonSquaredMatchesTheHandComputedAnova() {
    // Groups {1, 2, 3} and {5, 6, 7}: mean 4, SS_total 28, SS_between 24, MS_within 4 / 4 = 1,
    // epsilon^2 = (24 - 1 * 1) / 28.
    double[] y = {1, 2, 3, 5, 6, 7};
    int[] group = {0, 0, 0, 1, 1, 1};
    assertEquals(23.0 / 28, VarianceExplained.epsilonSquared(y, group, 4, 28), 1e-12);
    // One group, or as many groups as values, leaves nothing to compare.
    assertEquals(0, VarianceExplained.epsilonSquared(y, new int[6], 4, 28));
    assertEquals(0, VarianceExplained.epsilonSquared(y, new int[] {0, 1, 2, 3, 4, 5}, 4, 28));
  }

  @Test
  void numericValuesBinByRankAndTiesNeverSplitAcrossBins() {
    List<Observation> ok = new ArrayList<>();
    double[] xs = {0.1, 0.2, 0.2, 0.2, 0.5, 0.6, 0.7, 0.9};
    for (double x : xs) {
      ok.add(observation(Map.of("x", x), 1));
    }
    // 2 bins over 8 values by rank: the three 0.2s start at rank 1 and stay in bin 0 with 0.1.
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1}, VarianceExplained.groups(ok, "x", 2));
    List<Observation> withInactive = new ArrayList<>(ok);
    withInactive.add(observation(Map.of(), 1));
    int[] groups = VarianceExplained.groups(withInactive, "x", 2);
    assertEquals(0, groups[8], "trials without the parameter form a group of their own");
    assertEquals(1, groups[0]);
  }

  @Test
  void aParameterThatSetsTheValueExplainsNearlyAllAndANoiseOneNothing() {
    Experiment e = LengthScaleImportanceTest.experiment(120, s -> switch (s.assignments().getString("c")) {
      case "x" -> 0;
      case "y" -> 10;
      default -> 20;
    });
    Importance importance = new VarianceExplained().compute(e);
    assertTrue(importance.available(), importance.unavailableReason());
    Importance.Entry top = importance.entries().get(0);
    assertEquals("c", top.name());
    assertEquals(1.0, top.raw(), 1e-9);
    for (Importance.Entry noise : importance.entries().subList(1, 3)) {
      assertTrue(noise.raw() < 0.1, "parameter " + noise.name() + " is noise here: " + importance.entries());
    }
  }

  @Test
  void constantOrTooFewValuesAreExplainedNotDrawn() {
    Importance constant = new VarianceExplained().compute(LengthScaleImportanceTest.experiment(10, s -> 3.0));
    assertFalse(constant.available());
    assertEquals("every successful observation has the same value", constant.unavailableReason());
    Importance few = new VarianceExplained().compute(LengthScaleImportanceTest.experiment(5, s -> 1.0));
    assertEquals("needs at least 5 successful observations, has 4", few.unavailableReason());
  }

  private static Observation observation(Map<String, Object> values, double y) {
    return new Observation(null, new Assignments(new LinkedHashMap<>(values)), y, null, false, null, Map.of());
  }
}
