package io.bayestune.driver;

import java.io.Serializable;

/**
 * What one trial measured: the metric value and, when known, its standard deviation (the spread over
 * validation folds, or a simulation's own noise estimate). Non-finite values are accepted here and
 * observed as failed by the driver, so that a NaN metric never reaches the model.
 *
 * @param value the metric, in the metric's own direction (the experiment knows whether to maximize)
 * @param valueStddev the value's standard deviation, or null when unknown
 */
public record TrialResult(double value, Double valueStddev) implements Serializable {

  public static TrialResult of(double value) {
    return new TrialResult(value, null);
  }

  public static TrialResult of(double value, double valueStddev) {
    return new TrialResult(value, valueStddev);
  }
}
