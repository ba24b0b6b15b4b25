package io.bayestune.driver.model;

import io.bayestune.optimizer.model.SampleMoments;

/** The mean of fold values and their sample standard deviation sqrt(sum (v_i - mean)^2 / (k - 1)). */
public final class FoldStatistics {
  private FoldStatistics() {
  }

  public static double mean(double[] values) {
    return SampleMoments.of(values).mean();
  }

  /** Needs at least two values. */
  public static double sampleStddev(double[] values) {
    return SampleMoments.of(values).stddev();
  }

  /**
   * The trial's result from each fold's value of every metric ({@code values[fold][metric]}): one
   * metric gives the one-value result of before; several give every metric's value ({@link
   * TrialMetric#combine}: the mean, a constraint's worst fold) and the folds' standard deviation,
   * with each fold's values kept as metadata {@code folds.<metric>} (so that a constraint can be checked
   * fold by fold).
   */
  static io.bayestune.driver.TrialResult result(java.util.List<TrialMetric> metrics, double[][] values) {
    int k = values.length;
    if (metrics.size() == 1) {
      double[] only = new double[k];
      for (int i = 0; i < k; i++) {
        only[i] = values[i][0];
      }
      // each fold's value kept as metadata folds.<metric>, as for several metrics (MLflow logs them per fold)
      return k == 1 ? io.bayestune.driver.TrialResult.of(only[0])
          : new io.bayestune.driver.TrialResult(mean(only), sampleStddev(only), java.util.List.of(),
              java.util.Map.of("folds." + metrics.get(0).name(), java.util.Arrays.stream(only)
                  .mapToObj(Double::toString).collect(java.util.stream.Collectors.joining(","))));
    }
    java.util.List<io.bayestune.optimizer.experiment.MetricEvaluation> out = new java.util.ArrayList<>();
    java.util.Map<String, String> metadata = new java.util.LinkedHashMap<>();
    for (int j = 0; j < metrics.size(); j++) {
      String name = metrics.get(j).name();
      double[] column = new double[k];
      StringBuilder folds = new StringBuilder();
      for (int i = 0; i < k; i++) {
        column[i] = values[i][j];
        folds.append(i == 0 ? "" : ",").append(column[i]);
      }
      out.add(new io.bayestune.optimizer.experiment.MetricEvaluation(name, metrics.get(j).combine(column),
          k == 1 ? null : sampleStddev(column)));
      metadata.put("folds." + name, folds.toString());
    }
    return io.bayestune.driver.TrialResult.of(out, metadata);
  }
}
