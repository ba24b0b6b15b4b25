package io.bayestune.driver;

import io.bayestune.optimizer.experiment.MetricEvaluation;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one trial measured: the metric value and, when known, its standard deviation (the spread over
 * validation folds, or a simulation's own noise estimate). Non-finite values are accepted here and
 * observed as failed by the driver, so that a NaN metric never reaches the model.
 *
 * @param value the metric, in the metric's own direction (the experiment knows whether to maximize);
 *     with several metrics, the first one's
 * @param valueStddev the value's standard deviation, or null when unknown
 * @param values with several metrics (a job's {@code metrics:} list), every metric's value; else empty
 * @param metadata small facts to keep with the observation (e.g. each fold's value of every metric)
 */
public record TrialResult(double value, Double valueStddev, List<MetricEvaluation> values,
    Map<String, String> metadata) implements Serializable {

  public TrialResult(double value, Double valueStddev) {
    this(value, valueStddev, List.of(), Map.of());
  }

  public TrialResult {
    values = values == null ? List.of() : List.copyOf(values);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public static TrialResult of(double value) {
    return new TrialResult(value, null);
  }

  public static TrialResult of(double value, double valueStddev) {
    return new TrialResult(value, valueStddev);
  }

  /** A result of several metrics; {@code value} is the first one's. */
  public static TrialResult of(List<MetricEvaluation> values, Map<String, String> metadata) {
    MetricEvaluation first = values.get(0);
    return new TrialResult(first.value(), first.valueStddev(), values, metadata);
  }
}
