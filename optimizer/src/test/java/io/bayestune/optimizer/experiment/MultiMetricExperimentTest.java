package io.bayestune.optimizer.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SigOpt's multimetric schema: optimized, constraint and stored metrics; values; best and the front. */
class MultiMetricExperimentTest {
  private static final String PARAMETERS = "\"parameters\": [{\"name\": \"x\", \"type\": \"double\","
      + " \"bounds\": {\"min\": 0, \"max\": 1}}]";

  static ExperimentSpec spec(String metrics) {
    return SpecJson.parse("{\"type\": \"random\", " + PARAMETERS + ", \"metrics\": " + metrics + "}");
  }

  static final String CONSTRAINED = "[{\"name\": \"auc\"}, {\"name\": \"recall\", \"strategy\": \"constraint\","
      + " \"threshold\": 0.7}, {\"name\": \"seconds\", \"objective\": \"minimize\", \"strategy\": \"store\"}]";
  static final String TWO_OBJECTIVES = "[{\"name\": \"auc\"}, {\"name\": \"seconds\", \"objective\": \"minimize\"},"
      + " {\"name\": \"recall\", \"strategy\": \"constraint\", \"threshold\": 0.7}]";

  static List<MetricEvaluation> values(double auc, double recall, double seconds) {
    return List.of(new MetricEvaluation("auc", auc, null), new MetricEvaluation("recall", recall, 0.01),
        new MetricEvaluation("seconds", seconds, null));
  }

  @Test
  void parsesStrategiesAndThresholdsAndWritesThemBack() {
    ExperimentSpec spec = spec(CONSTRAINED);
    assertEquals(new Metric("auc", Metric.Goal.MAXIMIZE), spec.metric());
    assertEquals(List.of(new Metric("recall", Metric.Goal.MAXIMIZE, Metric.Strategy.CONSTRAINT, 0.7)),
        spec.constraints());
    assertEquals(3, spec.metrics().size());
    assertEquals(spec.metrics(), SpecJson.parse(SpecJson.toJson(spec)).metrics());
    assertEquals(SpecJson.toJson(spec), SpecJson.toJson(SpecJson.parse(SpecJson.toJson(spec))));
  }

  @Test
  void aConstraintMissIsNeverBest() {
    Experiment e = Experiment.create(spec(CONSTRAINED), 3);
    e.observe(e.suggest().id(), values(0.95, 0.5, 10), Map.of()); // best AUC, recall too low
    e.observe(e.suggest().id(), values(0.80, 0.75, 12), Map.of());
    e.observe(e.suggest().id(), values(0.85, 0.71, 30), Map.of());
    Best best = e.best().orElseThrow();
    assertEquals(0.85, best.value());
    assertEquals(values(0.85, 0.71, 30), best.values());
    assertEquals(0.85, e.bestObserved().orElseThrow().value());
    assertEquals(List.of(best), e.bestAssignments());
  }

  @Test
  void noFeasibleObservationMeansNoBest() {
    Experiment e = Experiment.create(spec(CONSTRAINED), 3);
    e.observe(e.suggest().id(), values(0.95, 0.5, 10), Map.of());
    assertTrue(e.best().isEmpty());
    assertTrue(e.bestAssignments().isEmpty());
  }

  @Test
  void twoObjectivesGiveTheFeasibleParetoFront() {
    Experiment e = Experiment.create(spec(TWO_OBJECTIVES), 3);
    e.observe(e.suggest().id(), values(0.90, 0.8, 50), Map.of()); // front
    e.observe(e.suggest().id(), values(0.85, 0.8, 60), Map.of()); // dominated by the first
    e.observe(e.suggest().id(), values(0.80, 0.8, 10), Map.of()); // front
    e.observe(e.suggest().id(), values(0.99, 0.6, 5), Map.of());  // dominates all, but infeasible
    e.observe(e.suggest().id(), values(0.88, 0.9, 20), Map.of()); // front
    List<Double> front = e.bestAssignments().stream().map(Best::value).toList();
    assertEquals(List.of(0.90, 0.88, 0.80), front);
  }

  @Test
  void stateWithValuesReadsBackTheSame() {
    Experiment e = Experiment.create(spec(TWO_OBJECTIVES), 3);
    e.observe(e.suggest().id(), values(0.90, 0.8, 50), Map.of("k", "v"));
    e.observeFailed(e.suggest().id());
    Experiment again = Experiment.fromJson(e.toJson());
    assertEquals(e.toJson(), again.toJson());
    assertEquals(e.observations(), again.observations());
  }

  @Test
  void oneMetricStateKeepsItsShape() {
    Experiment e = Experiment.create(spec("[{\"name\": \"auc\"}]"), 3);
    e.observe(e.suggest().id(), List.of(new MetricEvaluation("auc", 0.7, null)), Map.of());
    assertTrue(!e.toJson().contains("\"values\"") && !e.toJson().contains("strategy"), e.toJson());
    assertEquals(0.7, e.best().orElseThrow().value());
  }

  /** Acceptance 5: each bad spec names the field and the fix. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "three optimized|[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"}]|metrics:|at most 2|\"store\"",
      "constraint without threshold|[{\"name\":\"a\"},{\"name\":\"b\",\"strategy\":\"constraint\"}]"
          + "|metrics[1] 'b': threshold|needs a finite threshold|add \"threshold\"",
      "threshold on a stored metric|[{\"name\":\"a\"},{\"name\":\"b\",\"strategy\":\"store\",\"threshold\":1}]"
          + "|metrics[1] 'b': threshold|strategy store|remove the threshold",
      "five constraints|[{\"name\":\"a\"},{\"name\":\"b\",\"strategy\":\"constraint\",\"threshold\":1},"
          + "{\"name\":\"c\",\"strategy\":\"constraint\",\"threshold\":1},{\"name\":\"d\",\"strategy\":\"constraint\","
          + "\"threshold\":1},{\"name\":\"e\",\"strategy\":\"constraint\",\"threshold\":1},{\"name\":\"f\","
          + "\"strategy\":\"constraint\",\"threshold\":1}]|metrics:|at most 4|\"store\"",
      "unknown strategy|[{\"name\":\"a\",\"strategy\":\"maximize\"}]|metrics[0].strategy|\"maximize\"|\"constraint\"",
      "no optimized metric|[{\"name\":\"a\",\"strategy\":\"store\"}]|metrics:|none|mark the metric",
      "same name twice|[{\"name\":\"a\"},{\"name\":\"a\",\"strategy\":\"store\"}]|metrics[1].name|twice|own name"})
  void badMetricsNameTheFieldAndTheFix(String what, String metrics, String field, String found, String fix) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec(metrics));
    assertTrue(e.getMessage().startsWith(field), e.getMessage());
    assertTrue(e.getMessage().contains(found), e.getMessage());
    assertTrue(e.getMessage().contains(fix), e.getMessage());
  }

  /** Acceptance 5: an observation missing a metric's value is refused and changes nothing. */
  @Test
  void missingValueIsRefusedAndStateUnchanged() {
    Experiment e = Experiment.create(spec(CONSTRAINED), 3);
    String id = e.suggest().id();
    String before = e.toJson();
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> e.observe(id,
        List.of(new MetricEvaluation("auc", 0.8, null), new MetricEvaluation("seconds", 3, null)), Map.of()));
    assertTrue(missing.getMessage().startsWith("suggestion 1: values: metric 'recall' (constraint) has no value;"
        + " add {\"name\": \"recall\""), missing.getMessage());
    IllegalArgumentException single = assertThrows(IllegalArgumentException.class, () -> e.observe(id, 0.8, null));
    assertTrue(single.getMessage().contains("values: this experiment has metrics [auc, recall, seconds]"),
        single.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> e.observe(id,
        List.of(new MetricEvaluation("auc", 0.8, null), new MetricEvaluation("recal", 3, null)), Map.of()));
    assertTrue(unknown.getMessage().contains("values[1].name: 'recal' is not a metric"), unknown.getMessage());
    assertEquals(before, e.toJson());
    assertEquals(List.of(e.suggestions().get(0)), e.openSuggestions());
  }
}
