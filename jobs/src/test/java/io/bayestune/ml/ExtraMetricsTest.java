package io.bayestune.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.Metric;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.junit.jupiter.api.Test;

/** The extraMetrics Param's checks, without Spark: each bad entry named with its value and the fix. */
class ExtraMetricsTest {

  private static String error(String json) {
    return assertThrows(IllegalArgumentException.class, () -> new BayesianTuner("t").setExtraMetrics(json))
        .getMessage();
  }

  private static void assertMentions(String message, String... words) {
    for (String w : words) {
      assertTrue(message.contains(w), "'" + w + "' missing from: " + message);
    }
  }

  @Test
  void aConstraintAndAStoredMetricBecomeTheExperimentsMetrics() {
    ExtraMetrics extra = ExtraMetrics.parse("[{\"name\": \"recallByLabel\", \"label\": 1, \"strategy\":"
        + " \"constraint\", \"threshold\": 0.7}, {\"name\": \"training_seconds\", \"strategy\": \"store\"}]");
    List<Metric> metrics = extra.experimentMetrics(new Metric("areaUnderROC", Metric.Goal.MAXIMIZE));
    assertEquals(List.of(new Metric("areaUnderROC", Metric.Goal.MAXIMIZE),
        new Metric("recallByLabel", Metric.Goal.MAXIMIZE, Metric.Strategy.CONSTRAINT, 0.7),
        new Metric("training_seconds", Metric.Goal.MINIMIZE, Metric.Strategy.STORE, null)), metrics);
  }

  @Test
  void badEntriesNameTheParamTheValueAndTheFix() {
    assertMentions(error("[{\"name\": \"recallByLabel\", \"strategy\": \"constraint\"}]"),
        "BayesianTuner t: extraMetrics[0] {\"name\":\"recallByLabel\",\"strategy\":\"constraint\"}",
        "a constraint needs a threshold", "add \"threshold\"");
    assertMentions(error("[{\"name\": \"recal\", \"strategy\": \"constraint\", \"threshold\": 0.7}]"),
        "extraMetrics[0]", "unknown metric name \"recal\"", "known metrics:", "recallByLabel");
    String five = "[" + String.join(", ", List.of("areaUnderPR", "f1", "accuracy", "recallByLabel", "precisionByLabel")
        .stream().map(n -> "{\"name\": \"" + n + "\", \"strategy\": \"constraint\", \"threshold\": 0.5}").toList())
        + "]";
    assertMentions(error(five), "extraMetrics: at most 4 constraint metrics, but got 5", "\"strategy\": \"store\"");
    assertMentions(error("[{\"name\": \"f1\", \"strategy\": \"optimize\"}]"), "extraMetrics[0]",
        "strategy optimize is the evaluator's metric");
    assertMentions(error("[{\"name\": \"f1\", \"strategy\": \"store\", \"threshold\": 0.5}]"),
        "only constraints take a threshold");
    assertMentions(error("[{\"name\": \"f1\", \"strategy\": \"store\", \"objective\": \"minimize\"}]"),
        "Spark's evaluator says f1 is to maximize");
    assertMentions(error("{\"name\": \"f1\"}"), "extraMetrics: must be a JSON list");
    assertMentions(error("[{\"name\": \"f1\", \"strategy\": \"store\", \"treshold\": 1}]"), "unknown field 'treshold'");
  }

  @Test
  void metricsThatCannotScoreTheEstimatorOrRepeatTheEvaluatorsAreRefused() {
    ExtraMetrics rmse = ExtraMetrics.parse("[{\"name\": \"rmse\", \"strategy\": \"constraint\", \"threshold\": 1}]");
    assertMentions(assertThrows(IllegalArgumentException.class,
        () -> rmse.check("areaUnderROC", new LogisticRegression())).getMessage(),
        "extraMetrics[0] 'rmse'", "does not fit LogisticRegression");
    ExtraMetrics auc = ExtraMetrics.parse("[{\"name\": \"areaUnderROC\", \"strategy\": \"store\"}]");
    assertMentions(assertThrows(IllegalArgumentException.class,
        () -> auc.check("areaUnderROC", new LogisticRegression())).getMessage(), "is the evaluator's metric");
  }
}
