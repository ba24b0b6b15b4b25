package io.bayestune.tracking;

import io.bayestune.driver.TuningLoop;
import io.bayestune.optimizer.experiment.MetricEvaluation;
import io.bayestune.optimizer.experiment.Observation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one trial's child run holds, derived from its observation alone (so a resumed job logs a trial observed
 * before the crash exactly as the first run would have):
 * <ul>
 *   <li>params: the assignments;</li>
 *   <li>metrics: {@code <metric>}, {@code <metric>_stddev}, {@code <metric>_fold_<i>} (1-based) when known, and
 *       the same for every other metric of a multimetric experiment (constraints, stored metrics);</li>
 *   <li>tags: {@code bayestune.trial_id}, {@code bayestune.status} (completed / failed / timed out),
 *       {@code bayestune.failure_reason}, {@code bayestune.seconds}.</li>
 * </ul>
 */
record TrialRunContent(String trialId, boolean failed, Map<String, String> params, Map<String, Double> metrics,
    Map<String, String> tags) {
  static final String TRIAL_ID = "bayestune.trial_id";
  static final String STATUS = "bayestune.status";
  static final String FAILURE_REASON = "bayestune.failure_reason";
  static final String SECONDS = "bayestune.seconds";
  /** MLflow keeps tag values up to 5000 characters (MLflow 2); longer failure reasons are cut. */
  private static final int MAX_TAG = 5000;

  static TrialRunContent of(Observation o, String metricName) {
    Map<String, String> params = new LinkedHashMap<>();
    o.assignments().asMap().forEach((k, v) -> params.put(k, String.valueOf(v)));
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(TRIAL_ID, o.suggestionId());
    if (o.failed()) {
      tags.put(STATUS, "true".equals(o.metadata().get(TuningLoop.TIMED_OUT)) ? "timed out" : "failed");
      String reason = o.failureReason() == null ? "unknown" : o.failureReason();
      tags.put(FAILURE_REASON, reason.length() > MAX_TAG ? reason.substring(0, MAX_TAG - 3) + "..." : reason);
    } else {
      tags.put(STATUS, "completed");
      putMetric(metrics, o, metricName, o.value(), o.valueStddev());
      for (MetricEvaluation e : o.values()) { // several metrics (constraints, stored ones): each the same way
        if (!e.name().equals(metricName)) {
          putMetric(metrics, o, e.name(), e.value(), e.valueStddev());
        }
      }
    }
    String seconds = o.metadata().get("seconds");
    if (seconds != null) {
      tags.put(SECONDS, seconds);
    }
    return new TrialRunContent(o.suggestionId(), o.failed(), params, metrics, tags);
  }

  private static void putMetric(Map<String, Double> metrics, Observation o, String name, double value,
      Double stddev) {
    metrics.put(name, value);
    if (stddev != null) {
      metrics.put(name + "_stddev", stddev);
    }
    String folds = o.metadata().get("folds." + name); // FoldStatistics: each fold's value
    if (folds != null && !folds.isBlank()) {
      String[] values = folds.split(",");
      for (int i = 0; i < values.length; i++) {
        metrics.put(name + "_fold_" + (i + 1), Double.parseDouble(values[i]));
      }
    }
  }
}
