package io.bayestune.driver.model;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.classification.Classifier;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.regression.Regressor;

/** What an estimator predicts, which decides the data preparation and the metrics that fit it. */
public enum EstimatorKind {
  /** A classifier without class probabilities (e.g. LinearSVC): no logLoss. */
  CLASSIFIER,
  /** A classifier with a probability column. */
  PROBABILISTIC_CLASSIFIER,
  /** Predicts a number from features. */
  REGRESSOR,
  /** ALS: user and item ids to a rating. */
  RECOMMENDER;

  public boolean isClassifier() {
    return this == CLASSIFIER || this == PROBABILISTIC_CLASSIFIER;
  }

  /**
   * The kind of an estimator instance.
   *
   * @throws IllegalArgumentException naming {@code model.estimator} for unsupervised or unknown estimators
   */
  public static EstimatorKind of(Estimator<?> estimator) {
    if (estimator instanceof ProbabilisticClassifier<?, ?, ?>) {
      return PROBABILISTIC_CLASSIFIER;
    }
    if (estimator instanceof Classifier<?, ?, ?>) {
      return CLASSIFIER;
    }
    if (estimator instanceof ALS) {
      return RECOMMENDER;
    }
    // Regressor subclasses, and supervised estimators outside that hierarchy (isotonic, AFT survival).
    if (estimator instanceof Regressor<?, ?, ?>
        || (estimator.hasParam("labelCol") && estimator.hasParam("featuresCol") && estimator.hasParam("predictionCol"))) {
      return REGRESSOR;
    }
    throw new IllegalArgumentException("model.estimator: " + estimator.getClass().getName() + " is not a"
        + " classifier, a regressor or ALS; bayestune tunes supervised estimators scored by an evaluator");
  }
}
