package io.bayestune.optimizer.experiment;

import io.bayestune.optimizer.space.Assignments;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The result of evaluating one configuration: a finite value with an optional standard deviation, or
 * a failure. Observations are final.
 *
 * @param suggestionId the suggestion this answers, or null for an observation reported with its own
 *     assignments (past trials brought into a new experiment)
 * @param value the metric value; NaN when failed. In a multimetric experiment, the value of the first
 *     optimized metric (so that code reading one value reads the main one)
 * @param valueStddev the value's standard deviation when known (e.g. the spread over folds), else null
 * @param failureReason why a failed evaluation failed, when known
 * @param metadata small string facts kept with the observation (seconds taken, the trial's error)
 * @param values in a multimetric experiment, every metric's value in the spec's order; empty otherwise
 *     and when failed
 */
public record Observation(String suggestionId, Assignments assignments, double value, Double valueStddev,
    boolean failed, String failureReason, Map<String, String> metadata, List<MetricEvaluation> values)
    implements Serializable {

  /** An observation of a one-metric experiment. */
  public Observation(String suggestionId, Assignments assignments, double value, Double valueStddev, boolean failed,
      String failureReason, Map<String, String> metadata) {
    this(suggestionId, assignments, value, valueStddev, failed, failureReason, metadata, List.of());
  }

  public Observation {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    values = values == null || failed ? List.of() : List.copyOf(values);
    if (failed) {
      value = Double.NaN;
      valueStddev = null;
    }
  }

  /** The value of {@code metric}: from {@code values} when present, else the one value; NaN when failed. */
  public double valueOf(Metric metric) {
    MetricEvaluation e = evaluationOf(metric);
    return e == null ? Double.NaN : e.value();
  }

  /** The value and standard deviation of {@code metric}, or null when failed. */
  public MetricEvaluation evaluationOf(Metric metric) {
    if (failed) {
      return null;
    }
    if (values.isEmpty()) {
      return new MetricEvaluation(metric.name(), value, valueStddev);
    }
    for (MetricEvaluation e : values) {
      if (e.name().equals(metric.name())) {
        return e;
      }
    }
    throw new IllegalArgumentException("observation of suggestion " + suggestionId + " has no value for metric '"
        + metric.name() + "'");
  }

  /** True when every constraint metric of {@code spec} meets its threshold (never for a failure). */
  public boolean feasible(ExperimentSpec spec) {
    if (failed) {
      return false;
    }
    for (Metric c : spec.constraints()) {
      if (!c.isMet(valueOf(c))) {
        return false;
      }
    }
    return true;
  }
}
