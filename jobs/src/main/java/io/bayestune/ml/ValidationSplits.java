package io.bayestune.ml;

import io.bayestune.driver.data.ValidationFolds;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The training/validation pairs every trial is scored on: k folds (each fold validates once, the
 * others train) or one split by a training ratio. Drawn once per fit with the tuner's seed, so every
 * trial sees the same rows and a rerun with the same seed sees them again; cached and materialized
 * before the first trial, so that parallel trials do not each recompute them.
 */
final class ValidationSplits implements ValidationFolds, AutoCloseable {

  /** One training set and the set it is validated on. */
  record Split(Dataset<Row> training, Dataset<Row> validation) {
  }

  private final List<Dataset<Row>> cached;
  private final List<Split> splits;

  private ValidationSplits(List<Dataset<Row>> cached, List<Split> splits) {
    this.cached = cached;
    this.splits = List.copyOf(splits);
  }

  /** k folds of about equal size; fold i validates the model trained on the other k - 1. */
  static ValidationSplits kFold(Dataset<Row> data, int k, long seed) {
    double[] weights = new double[k];
    java.util.Arrays.fill(weights, 1.0);
    List<Dataset<Row>> folds = cacheAll(data.randomSplit(weights, seed));
    List<Dataset<Row>> cached = new ArrayList<>(folds);
    List<Split> splits = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      Dataset<Row> training = null;
      for (int j = 0; j < k; j++) {
        if (j != i) {
          training = training == null ? folds.get(j) : training.union(folds.get(j));
        }
      }
      // Cached as CrossValidator caches its training sets: every trial fits on them, and an estimator
      // given an uncached input (a union is one) caches its own copy on each fit.
      Dataset<Row> trainingSet = training.persist(StorageLevel.MEMORY_AND_DISK());
      trainingSet.count();
      cached.add(trainingSet);
      splits.add(new Split(trainingSet, folds.get(i)));
    }
    return new ValidationSplits(cached, splits);
  }

  /** One split: a fraction {@code trainRatio} of the rows trains, the rest validates. */
  static ValidationSplits trainRatio(Dataset<Row> data, double trainRatio, long seed) {
    List<Dataset<Row>> parts = cacheAll(data.randomSplit(new double[] {trainRatio, 1 - trainRatio}, seed));
    return new ValidationSplits(parts, List.of(new Split(parts.get(0), parts.get(1))));
  }

  private static List<Dataset<Row>> cacheAll(Dataset<Row>[] parts) {
    List<Dataset<Row>> out = new ArrayList<>();
    for (Dataset<Row> part : parts) {
      Dataset<Row> p = part.persist(StorageLevel.MEMORY_AND_DISK());
      long rows = p.count();
      if (rows == 0) {
        throw new IllegalArgumentException("dataset: a validation split came out empty (" + parts.length
            + " splits of the input); give more rows, fewer folds or a trainRatio nearer 0.5");
      }
      out.add(p);
    }
    return out;
  }

  @Override
  public int splits() {
    return splits.size();
  }

  @Override
  public Dataset<Row> train(int i) {
    return splits.get(i).training();
  }

  @Override
  public Dataset<Row> test(int i) {
    return splits.get(i).validation();
  }

  @Override
  public void close() {
    cached.forEach(Dataset::unpersist);
  }
}
