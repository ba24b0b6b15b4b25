package io.bayestune.driver.data;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The training/validation pairs every trial is scored on: k folds (split i validates the model trained
 * on the other folds) or a single holdout. The same rows for every trial, so trials compare fairly.
 */
public interface ValidationFolds {

  /** How many train/validation splits: the folds, or 1 for a holdout. */
  int splits();

  /** The training rows of split {@code i}. */
  Dataset<Row> train(int i);

  /** The validation rows of split {@code i}. */
  Dataset<Row> test(int i);
}
