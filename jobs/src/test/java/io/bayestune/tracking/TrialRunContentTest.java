package io.bayestune.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bayestune.driver.TuningLoop;
import io.bayestune.optimizer.experiment.MetricEvaluation;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.space.Assignments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialRunContentTest {
  private static final Assignments A = new Assignments(new LinkedHashMap<>(Map.of("maxDepth", 4L)));

  @Test
  void aCompletedTrialLogsItsValueSpreadAndEachFold() {
    Observation o = new Observation("7", A, 0.8, 0.05, false, null,
        Map.of("seconds", "12.500", "folds.areaUnderROC", "0.75,0.85"));
    TrialRunContent c = TrialRunContent.of(o, "areaUnderROC");
    assertEquals(Map.of("maxDepth", "4"), c.params());
    assertEquals(Map.of("areaUnderROC", 0.8, "areaUnderROC_stddev", 0.05, "areaUnderROC_fold_1", 0.75,
        "areaUnderROC_fold_2", 0.85), c.metrics());
    assertEquals(Map.of("bayestune.trial_id", "7", "bayestune.status", "completed", "bayestune.seconds", "12.500"),
        c.tags());
  }

  @Test
  void everyMetricOfAMultimetricTrialIsLoggedWithItsFolds() {
    Observation o = new Observation("4", A, 0.8, 0.05, false, null, Map.of("folds.areaUnderROC", "0.75,0.85",
        "folds.recallByLabel", "0.7,0.9"), List.of(new MetricEvaluation("areaUnderROC", 0.8, 0.05),
        new MetricEvaluation("recallByLabel", 0.7, 0.14)));
    Map<String, Double> m = TrialRunContent.of(o, "areaUnderROC").metrics();
    assertEquals(Map.of("areaUnderROC", 0.8, "areaUnderROC_stddev", 0.05, "areaUnderROC_fold_1", 0.75,
        "areaUnderROC_fold_2", 0.85, "recallByLabel", 0.7, "recallByLabel_stddev", 0.14, "recallByLabel_fold_1", 0.7,
        "recallByLabel_fold_2", 0.9), m);
  }

  @Test
  void failedAndTimedOutTrialsSayWhy() {
    Observation failed = new Observation("8", A, Double.NaN, null, true, "IllegalArgumentException: maxBins",
        Map.of("seconds", "1.000"));
    assertEquals("failed", TrialRunContent.of(failed, "f").tags().get("bayestune.status"));
    assertEquals("IllegalArgumentException: maxBins", TrialRunContent.of(failed, "f").tags().get(
        "bayestune.failure_reason"));
    assertEquals(Map.of(), TrialRunContent.of(failed, "f").metrics());
    Observation late = new Observation("9", A, Double.NaN, null, true, "timed out after 10m",
        Map.of(TuningLoop.TIMED_OUT, "true"));
    assertEquals("timed out", TrialRunContent.of(late, "f").tags().get("bayestune.status"));
  }
}
