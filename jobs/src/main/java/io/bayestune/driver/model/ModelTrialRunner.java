package io.bayestune.driver.model;

import io.bayestune.driver.TrialContext;
import io.bayestune.driver.TrialResult;
import io.bayestune.driver.TrialRunner;
import io.bayestune.driver.data.PreparedData;
import io.bayestune.driver.data.Task;
import io.bayestune.driver.job.JobSpec;
import io.bayestune.optimizer.space.Assignments;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Distributed trials: each trial fits the job's Spark ML estimator with one suggestion's Params on the
 * cached, prepared data and scores it with the job's evaluator, folds in parallel, in the trial's job
 * group. Like Spark's {@code CrossValidator}, but one configuration per call, so the driver loop can
 * feed every result to the optimizer as soon as it is known.
 *
 * <pre>{@code
 * try (ModelTrialRunner runner = ModelTrialRunner.create(spark, job)) {  // checks, reads and caches once
 *   TrialResult r = runner.run(new TrialContext("1", "bayestune-credit-gbt-trial-1", "trial 1"), assignments);
 *   PipelineModel best = (PipelineModel) runner.refit(bestAssignments);  // scores raw rows; save with write()
 * }
 * }</pre>
 */
public final class ModelTrialRunner implements TrialRunner {
  private final SparkSession spark;
  private final JobSpec job;
  private final PreparedData data;
  private final Estimator<?> prototype;
  private final FoldTrials trials;

  private ModelTrialRunner(SparkSession spark, JobSpec job, PreparedData data, Estimator<?> prototype,
      java.util.List<TrialMetric> metrics) {
    this.spark = spark;
    this.job = job;
    this.data = data;
    this.prototype = prototype;
    this.trials = new FoldTrials(spark.sparkContext(), data, metrics);
  }

  /**
   * Checks the job against the estimator (Params, bounds, metric), then reads, prepares and caches the
   * data and its folds, once for the whole job.
   *
   * @throws IllegalArgumentException naming the job-file field at fault
   */
  public static ModelTrialRunner create(SparkSession spark, JobSpec job) {
    EstimatorKind kind = JobChecks.check(job);
    Task task = kind == EstimatorKind.RECOMMENDER ? Task.RATINGS
        : kind.isClassifier() ? Task.CLASSIFICATION : Task.REGRESSION;
    PreparedData data = PreparedData.load(spark, job.data(), task, job.validation(), job.seed());
    Estimator<?> configured = EstimatorCatalog.configure(EstimatorCatalog.instantiate(job.model().estimator()),
        job.model().params(), job.seed());
    Map<String, Object> columns = new LinkedHashMap<>();
    if (task == Task.RATINGS) {
      columns.put("userCol", data.userCol());
      columns.put("itemCol", data.itemCol());
      columns.put("ratingCol", PreparedData.LABEL);
      // Ids seen only in a test fold have no factors; dropping them keeps the metric finite.
      columns.put("coldStartStrategy", "drop");
    } else {
      columns.put("featuresCol", data.featuresCol());
      columns.put("labelCol", PreparedData.LABEL);
    }
    Estimator<?> prototype = EstimatorCatalog.with(configured, columns);
    java.util.List<TrialMetric> metrics = new java.util.ArrayList<>();
    for (io.bayestune.driver.job.MetricSpec m : job.metrics()) {
      metrics.add(TrialMetric.of(m, PreparedData.LABEL, job.objective(m).equals("maximize")));
    }
    return new ModelTrialRunner(spark, job, data, prototype, metrics);
  }

  /**
   * Fits and evaluates one configuration over the validation splits.
   *
   * @return the mean metric, with the sample standard deviation over folds (none for a holdout)
   * @throws Exception the fit's own exception, e.g. Spark's message for an invalid Param combination
   */
  @Override
  public TrialResult run(TrialContext trial, Assignments assignments) throws Exception {
    return trials.run(trial, EstimatorCatalog.apply(prototype, assignments));
  }

  /** Stops a running trial (see {@link FoldTrials#cancel}); {@code run} then throws a CancellationException. */
  @Override
  public void cancel(TrialContext trial) {
    trials.cancel(trial);
  }

  /**
   * Fits the configuration on all the prepared rows and returns the preparation stages and the fitted
   * model as one {@link org.apache.spark.ml.PipelineModel}: it scores raw rows (the source's columns) and
   * saves with Spark ML persistence ({@code MLWritable}).
   */
  public Model<?> refit(Assignments best) {
    Estimator<?> estimator = EstimatorCatalog.apply(prototype, best);
    spark.sparkContext().setJobGroup("bayestune-" + job.name() + "-refit", "refit best: " + best, true);
    try {
      return data.scoringModel((Model<?>) estimator.fit(data.all()));
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /** The prepared, cached rows: {@code label}, the features (or ALS ids) and {@code fold}. */
  public Dataset<Row> preparedData() {
    return data.all();
  }

  /** The prepared data with its column names and splits. */
  public PreparedData prepared() {
    return data;
  }

  /** Releases the cached data. */
  @Override
  public void close() {
    data.unpersist();
  }
}
