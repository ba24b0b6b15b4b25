package io.bayestune.driver.model;

import java.util.List;
import java.util.TreeSet;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;

/**
 * Metric names to Spark evaluators. The direction (maximize or minimize) is the evaluator's own
 * {@code isLargerBetter}, never a table of ours, so it cannot disagree with Spark.
 *
 * <ul>
 *   <li>areaUnderROC, areaUnderPR: {@link BinaryClassificationEvaluator} on {@code rawPrediction}
 *   <li>f1, accuracy, logLoss, weightedPrecision, ...: {@link MulticlassClassificationEvaluator}
 *   <li>rmse, mse, mae, r2, var: {@link RegressionEvaluator} (also for ALS, whose cold-start rows are dropped)
 * </ul>
 */
public final class MetricCatalog {
  private static final List<String> BINARY = List.of("areaUnderROC", "areaUnderPR");
  private static final List<String> MULTICLASS = List.of("f1", "accuracy", "logLoss",
      "weightedPrecision", "weightedRecall", "weightedTruePositiveRate", "weightedFalsePositiveRate",
      "weightedFMeasure", "truePositiveRateByLabel", "falsePositiveRateByLabel", "precisionByLabel",
      "recallByLabel", "fMeasureByLabel", "hammingLoss");
  private static final List<String> REGRESSION = List.of("rmse", "mse", "mae", "r2", "var");

  private MetricCatalog() {
  }

  /** Every metric name this catalog knows, sorted. */
  public static TreeSet<String> names() {
    TreeSet<String> all = new TreeSet<>(BINARY);
    all.addAll(MULTICLASS);
    all.addAll(REGRESSION);
    return all;
  }

  /**
   * Whether larger values are better, from the evaluator.
   *
   * @throws IllegalArgumentException naming {@code metric.name} for an unknown metric
   */
  public static boolean isLargerBetter(String metric) {
    return evaluator(metric, "label").isLargerBetter();
  }

  /**
   * A configured evaluator for the metric, reading {@code labelCol} and Spark's default prediction
   * columns ({@code prediction}, {@code rawPrediction}, {@code probability}).
   */
  public static Evaluator evaluator(String metric, String labelCol) {
    if (BINARY.contains(metric)) {
      return new BinaryClassificationEvaluator().setMetricName(metric).setLabelCol(labelCol)
          .setRawPredictionCol("rawPrediction");
    }
    if (MULTICLASS.contains(metric)) {
      return new MulticlassClassificationEvaluator().setMetricName(metric).setLabelCol(labelCol)
          .setPredictionCol("prediction").setProbabilityCol("probability");
    }
    if (REGRESSION.contains(metric)) {
      return new RegressionEvaluator().setMetricName(metric).setLabelCol(labelCol).setPredictionCol("prediction");
    }
    throw new IllegalArgumentException("metric.name: unknown metric \"" + metric + "\"; known metrics: "
        + String.join(", ", names()));
  }

  /**
   * Checks that the metric can score the estimator's predictions.
   *
   * @throws IllegalArgumentException naming {@code metric.name}, e.g. rmse for a classifier
   */
  public static void checkFits(String metric, EstimatorKind kind, String estimatorName) {
    evaluator(metric, "label");
    boolean fits = REGRESSION.contains(metric) ? !kind.isClassifier()
        : kind.isClassifier() && (!metric.equals("logLoss") || kind == EstimatorKind.PROBABILISTIC_CLASSIFIER);
    if (!fits) {
      String suggestion = kind.isClassifier() ? "areaUnderROC, areaUnderPR, f1 or accuracy" : "rmse, mae or r2";
      throw new IllegalArgumentException("metric.name: " + metric + " does not fit " + estimatorName + " (a "
          + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + (metric.equals("logLoss")
          && kind == EstimatorKind.CLASSIFIER ? " without class probabilities" : "") + "); use " + suggestion);
    }
  }
}
