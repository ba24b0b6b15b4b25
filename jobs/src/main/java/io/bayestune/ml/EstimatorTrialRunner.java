package io.bayestune.ml;

import io.bayestune.driver.TrialContext;
import io.bayestune.driver.TrialResult;
import io.bayestune.driver.TrialRunner;
import io.bayestune.driver.model.FoldTrials;
import io.bayestune.driver.model.TrialMetric;
import io.bayestune.optimizer.space.Assignments;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Estimator;
import java.util.List;

/**
 * One trial of a {@link BayesianTuner}: the estimator copied with the trial's Params, fitted on each
 * training set and scored by the evaluator on its validation set, the way a job's trials are
 * ({@link FoldTrials}): folds in parallel, all in the trial's job group, so the Spark UI shows a
 * trial as one group and {@link #cancel} stops every fold.
 */
final class EstimatorTrialRunner implements TrialRunner {
  private final Estimator<?> estimator;
  private final EstimatorParams params;
  private final FoldTrials trials;

  /**
   * @param metrics what each fold measures: the evaluator's metric first (named as the experiment's metric, so that
   *     each fold's value is kept as {@code folds.<metric>}), then the extra metrics
   */
  EstimatorTrialRunner(Estimator<?> estimator, List<TrialMetric> metrics, EstimatorParams params,
      ValidationSplits splits, SparkContext sc) {
    this.estimator = estimator;
    this.params = params;
    this.trials = new FoldTrials(sc, splits, metrics);
  }

  @Override
  public TrialResult run(TrialContext trial, Assignments assignments) throws Exception {
    return trials.run(trial, (Estimator<?>) estimator.copy(params.paramMap(assignments.asMap())));
  }

  @Override
  public void cancel(TrialContext trial) {
    trials.cancel(trial);
  }
}
