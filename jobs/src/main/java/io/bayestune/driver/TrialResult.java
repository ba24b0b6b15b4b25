package io.bayestune.driver;

import java.io.Serializable;
import java.util.List;

/**
 * What one trial measured: the metric value and, when known, its standard deviation (the spread over
 * validation folds, or a simulation's own noise estimate). Non-finite values are accepted here and
 * observed as failed by the driver, so that a NaN metric never reaches the model.
 *
 * @param value the metric, in the metric's own direction (the experiment knows whether to maximize)
 * @param valueStddev the value's standard deviation, or null when unknown
 * @param foldValues each validation fold's value, in fold order (kept with the observation and logged to MLflow),
 *     or empty when the value is not a mean over folds
 */
public record TrialResult(double value, Double valueStddev, List<Double> foldValues) implements Serializable {

  public TrialResult {
    foldValues = foldValues == null ? List.of() : List.copyOf(foldValues);
  }

  public TrialResult(double value, Double valueStddev) {
    this(value, valueStddev, List.of());
  }

  public static TrialResult of(double value) {
    return new TrialResult(value, null);
  }

  public static TrialResult of(double value, double valueStddev) {
    return new TrialResult(value, valueStddev);
  }

  /** The mean of k >= 2 fold values with their sample standard deviation, each fold's value kept. */
  public static TrialResult ofFolds(double mean, double sampleStddev, double[] folds) {
    return new TrialResult(mean, sampleStddev, java.util.Arrays.stream(folds).boxed().toList());
  }
}
