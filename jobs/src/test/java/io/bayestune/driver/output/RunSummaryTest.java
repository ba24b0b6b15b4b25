package io.bayestune.driver.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.bayestune.driver.ProgressPrinter;
import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.Suggestion;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
  private static final String SPEC = """
      {"name": "bowl", "observation_budget": 20, "metrics": [{"name": "auc", "objective": "maximize"}],
       "parameters": [{"name": "x", "type": "double", "bounds": {"min": 0, "max": 1}}]}
      """;

  /**
   * A smooth bowl peaking at 0.8 at x = 0.5, observed at 12 suggestions, except that the suggestion
   * nearest the peak but at least 0.15 from it (worth at most 0.7775) had a lucky draw: 0.81 beats every
   * other single value, but its neighbours say it is worth less than the trials at the peak.
   */
  private static Experiment bowl(Double stddev) {
    Experiment e = Experiment.create(SpecJson.parse(SPEC), 7);
    List<Suggestion> made = e.suggest(12);
    Suggestion lucky = made.stream().filter(s -> distanceToPeak(s) >= 0.15)
        .min(Comparator.comparingDouble(RunSummaryTest::distanceToPeak)).orElseThrow();
    for (Suggestion s : made) {
      double x = s.assignments().getDouble("x");
      e.observe(s.id(), s == lucky ? 0.81 : 0.8 - (x - 0.5) * (x - 0.5), stddev);
    }
    return e;
  }

  private static double distanceToPeak(Suggestion s) {
    return Math.abs(s.assignments().getDouble("x") - 0.5);
  }

  private static Observation lucky(Experiment e) {
    return e.observations().stream().filter(o -> o.value() == 0.81).findFirst().orElseThrow();
  }

  private static List<String> summary(Experiment e) {
    return RunSummary.render("bowl", e, 75, 2, OutputLocation.of("file:///tmp/out"), List.of("best.json"))
        .lines().toList();
  }

  @Test
  void whenTheModelPicksAnotherTrialThanTheHighestValueTheSummarySaysSoWithBothNumbers() {
    Experiment e = bowl(0.02);
    Best best = e.best().orElseThrow();
    Observation lucky = lucky(e);
    assertNotNull(best.estimatedValue(), "noisy values: the best is chosen by the model");
    assertNotEquals(lucky.suggestionId(), best.suggestionId(), "the model does not fall for the lucky draw");

    List<String> lines = summary(e);
    assertEquals("bowl: 12 observations (12 completed, 0 failed), 1m15s, 2 trials at a time", lines.get(0));
    assertEquals("best auc=" + ProgressPrinter.number(best.value()) + " (trial " + best.suggestionId() + "): "
        + best.assignments(), lines.get(1));
    assertEquals("  the model's pick (estimate " + ProgressPrinter.number(best.estimatedValue())
        + "): the highest single value, 0.81 (trial " + lucky.suggestionId() + "), rates lower once each"
        + " trial's fold spread is counted", lines.get(2));
    assertEquals("outputs in file:///tmp/out: best.json", lines.get(3));
  }

  @Test
  void aWarmStartsObservationsHaveNoTrialIdAndAreNamedAsSuch() {
    // The same bowl, observed by assignments as a warm start imports them: no suggestion ids.
    Experiment imported = Experiment.create(SpecJson.parse(SPEC), 7);
    bowl(0.02).observations().forEach(o -> imported.observe(o.assignments().asMap(), o.value(), o.valueStddev()));
    Best best = imported.best().orElseThrow();
    assertNotNull(best.estimatedValue());

    List<String> lines = summary(imported);
    assertEquals("best auc=" + ProgressPrinter.number(best.value()) + " (warm start): " + best.assignments(),
        lines.get(1));
    assertEquals("  the model's pick (estimate " + ProgressPrinter.number(best.estimatedValue())
        + "): the highest single value, 0.81 (warm start), rates lower once each trial's fold spread is counted",
        lines.get(2));
  }

  @Test
  void exactValuesMakeTheHighestValueTheBestWithNoSecondLine() {
    Experiment e = bowl(null);
    List<String> lines = summary(e);
    assertEquals(3, lines.size(), lines.toString());
    Observation lucky = lucky(e);
    assertEquals("best auc=0.81 (trial " + lucky.suggestionId() + "): " + lucky.assignments(), lines.get(1));
  }
}
