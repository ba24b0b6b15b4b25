package io.bayestune.driver.model;

import io.bayestune.driver.JobGroups;
import io.bayestune.driver.TrialContext;
import io.bayestune.driver.TrialResult;
import io.bayestune.driver.data.ValidationFolds;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.evaluation.Evaluator;

/**
 * Distributed trials scored on fixed validation folds: each trial fits its estimator on every split
 * from its own thread, in the trial's Spark job group, and is scored by one evaluator. The job's
 * {@link ModelTrialRunner} and the MLlib {@code BayesianTuner} both run their trials here, so the two
 * fit, score and cancel the same way.
 *
 * <pre>{@code
 * FoldTrials trials = new FoldTrials(spark.sparkContext(), folds, evaluator);
 * TrialResult r = trials.run(trial, estimatorWithTheTrialsParams);  // from the trial's thread
 * trials.cancel(trial);                                             // from any thread
 * }</pre>
 */
public final class FoldTrials {
  private final SparkContext sc;
  private final ValidationFolds folds;
  private final java.util.List<TrialMetric> metrics;
  /** Running trials by job group, so that {@link #cancel} can interrupt their fold threads. */
  private final Map<String, FoldEvaluation> running = new ConcurrentHashMap<>();

  public FoldTrials(SparkContext sc, ValidationFolds folds, Evaluator evaluator) {
    this(sc, folds, java.util.List.of(TrialMetric.of("value", evaluator)));
  }

  /** Trials measuring several metrics per fold (a job's {@code metrics:} list), in the experiment's order. */
  public FoldTrials(SparkContext sc, ValidationFolds folds, java.util.List<TrialMetric> metrics) {
    this.sc = sc;
    this.folds = folds;
    this.metrics = java.util.List.copyOf(metrics);
  }

  /**
   * Fits {@code estimator} on every split and scores it on the split's validation rows.
   *
   * @return the mean metric, with the sample standard deviation over folds (none for a holdout)
   * @throws Exception the fit's own exception, e.g. Spark's message for an invalid Param combination;
   *     a {@link java.util.concurrent.CancellationException} after {@link #cancel}
   */
  public TrialResult run(TrialContext trial, Estimator<?> estimator) throws Exception {
    FoldEvaluation evaluation = new FoldEvaluation(sc, folds, estimator, metrics, trial);
    running.put(trial.jobGroup(), evaluation);
    try {
      return evaluation.run();
    } finally {
      running.remove(trial.jobGroup(), evaluation);
    }
  }

  /**
   * Stops a running trial: interrupts its fold threads and cancels its Spark job group. A fit is many
   * short jobs, so {@link #run} cancels the group once more after the fold threads have ended, which
   * stops a job launched in between. (Not {@code cancelJobGroupAndFutureJobs}: it would also fail a
   * later job group of the same name in this SparkContext, e.g. a notebook running the job again.)
   */
  public void cancel(TrialContext trial) {
    FoldEvaluation evaluation = running.get(trial.jobGroup());
    if (evaluation != null) {
      evaluation.stop();
    }
    JobGroups.cancel(sc, trial.jobGroup());
  }
}
