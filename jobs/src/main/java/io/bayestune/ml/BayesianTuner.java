package io.bayestune.ml;

import io.bayestune.driver.LoopOptions;
import io.bayestune.driver.StoredExperiment;
import io.bayestune.driver.TuningLoop;
import io.bayestune.driver.TuningStoppedException;
import io.bayestune.driver.model.TrialMetric;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.optimizer.experiment.Observation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Tunes a Spark ML estimator by Bayesian optimization: the shape of Spark's {@code CrossValidator},
 * with a search space in place of a grid of ParamMaps. Each trial fits {@code estimator.copy(params)}
 * on every training fold (or one split), scores it with the evaluator, and is observed as soon as it
 * ends, so the next suggestion knows every finished trial and every one still running.
 *
 * <pre>{@code
 * BayesianTuner tuner = new BayesianTuner()
 *     .setEstimator(new GBTClassifier())
 *     .setEvaluator(new BinaryClassificationEvaluator())
 *     .setSearchSpace(SearchSpace.builder().addInt("maxDepth", 2, 8)
 *         .addDouble("stepSize", 0.01, 0.5, Scale.LOG).build())
 *     .setMaxTrials(30).setParallelism(4).setNumFolds(3).setSeed(7);
 * BayesianTunerModel model = tuner.fit(train);       // or a stage: new Pipeline().setStages(..., tuner)
 * model.trials().show();                              // id, maxDepth, stepSize, metric, stddev, status, ...
 * model.write().save("s3a://bucket/models/gbt");      // BayesianTunerModel.load(...) reads it back
 * }</pre>
 *
 * <p>A trial whose fit or evaluation throws is observed as failed and the search steers away from it;
 * {@code fit} fails only when every trial failed, with the first failure as its cause. The best model
 * is refitted on the whole dataset with the best trial's Params, as CrossValidator does.
 */
public final class BayesianTuner extends BayesianTunerParams implements MLWritable {
  public BayesianTuner() {
    this(Identifiable.randomUID("bayesianTuner"));
  }

  public BayesianTuner(String uid) {
    super(uid);
  }

  // --- setters: Spark's naming, each returns this so that Scala and Java callers chain them ---

  public BayesianTuner setEstimator(Estimator<?> value) {
    set(estimator(), value);
    return this;
  }

  public BayesianTuner setEvaluator(Evaluator value) {
    set(evaluator(), value);
    return this;
  }

  public BayesianTuner setSearchSpace(SearchSpace value) {
    set(searchSpace(), value.toJson());
    return this;
  }

  /** The search space as SigOpt JSON: {@code {"parameters": [...]}} or a bare parameters array. */
  public BayesianTuner setSearchSpace(String json) {
    set(searchSpace(), SearchSpace.fromJson(json).toJson());
    return this;
  }

  public BayesianTuner setMaxTrials(int value) {
    set(maxTrials(), value);
    return this;
  }

  public BayesianTuner setParallelism(int value) {
    set(parallelism(), value);
    return this;
  }

  /** Scores each trial by k-fold cross-validation (the default, with 3 folds). */
  public BayesianTuner setNumFolds(int value) {
    set(numFolds(), value);
    return this;
  }

  /** Scores each trial on one split instead of folds: this fraction trains, the rest validates. */
  public BayesianTuner setTrainRatio(double value) {
    set(trainRatio(), value);
    return this;
  }

  public BayesianTuner setSeed(long value) {
    set(seed(), value);
    return this;
  }

  /**
   * Metrics to measure beside the evaluator's (which stays the one optimized), as JSON in the job file's
   * {@code metrics:} schema: a constraint ({@code "strategy": "constraint"} with a {@code threshold}) is modelled by
   * the optimizer, and the best model is the best trial that meets every constraint on every fold; a stored metric
   * ({@code "strategy": "store"}) is only recorded. At most 4 constraints. For example, the highest AUC among models
   * that catch at least 70% of the positive class:
   * <pre>{@code
   * tuner.setEvaluator(new BinaryClassificationEvaluator())
   *     .setExtraMetrics("[{\"name\": \"recallByLabel\", \"label\": 1, \"strategy\": \"constraint\","
   *         + " \"threshold\": 0.7}, {\"name\": \"training_seconds\", \"strategy\": \"store\"}]");
   * }</pre>
   *
   * @throws IllegalArgumentException naming the entry, the value and the fix (unknown metric, constraint without a
   *     threshold, more than 4 constraints, ...)
   */
  public BayesianTuner setExtraMetrics(String json) {
    try {
      ExtraMetrics.parse(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("BayesianTuner " + uid() + ": " + e.getMessage(), e);
    }
    set(extraMetrics(), json);
    return this;
  }

  /**
   * Logs the fit to this MLflow tracking server (as a job's {@code mlflow.tracking_uri}): a parent run, a child run
   * per trial, the results and the best model. Without it, {@code MLFLOW_TRACKING_URI} is used once another mlflow
   * Param is set.
   */
  public BayesianTuner setMlflowTrackingUri(String value) {
    set(mlflowTrackingUri(), value);
    return this;
  }

  public BayesianTuner setMlflowExperiment(String value) {
    set(mlflowExperiment(), value);
    return this;
  }

  public BayesianTuner setMlflowRunName(String value) {
    set(mlflowRunName(), value);
    return this;
  }

  // --- Estimator ---

  @Override
  public BayesianTunerModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    TunerSettings settings = settings();
    SearchSpace space = getSearchSpace();
    Estimator<?> est = getEstimator();
    EstimatorParams params = EstimatorParams.check(est, space.space());
    SparkSession spark = dataset.sparkSession();
    Metric metric = new Metric(settings.metricName(), settings.largerBetter() ? Metric.Goal.MAXIMIZE
        : Metric.Goal.MINIMIZE);
    ExtraMetrics extra = extraMetricsChecked(settings.metricName());
    // A small discrete space holds fewer configurations than maxTrials: the budget is what it holds.
    int budget = (int) Math.min(settings.maxTrials(), space.configurationCount().orElse(Long.MAX_VALUE));
    ExperimentSpec spec = space.experimentSpec("bayestune " + est.getClass().getSimpleName(),
        extra.experimentMetrics(metric), budget, settings.parallelism());
    TunerTracking tracking = TunerTracking.start(mlflowSettings(), spec, settings, this, spark);
    TrialsRun run = runTrials(dataset.toDF(), settings, spec, extra.trialMetrics(settings.metricName(),
        getEvaluator()), params, spark, tracking);
    Experiment experiment = run.experiment();
    Observation best = null;
    Model<?> bestModel = null;
    try {
      // The best mean metric among the trials that meet every constraint, as CrossValidator chooses (not the
      // noise-aware Experiment.best of a job).
      best = experiment.bestObserved().orElseThrow(() -> TuningFailures.noneFeasible(uid(), experiment)
          .orElseGet(() -> TuningFailures.allFailed(experiment, run.firstFailure())));
      bestModel = refit(est, params.paramMap(best.assignments().asMap()), best, dataset, spark);
    } finally {
      if (tracking != null) {
        tracking.finish(experiment, bestModel == null ? null : best, bestModel, dataset);
      }
    }
    BayesianTunerModel model = new BayesianTunerModel(uid(), bestModel, experiment.toJson(), best.suggestionId(),
        settings);
    return model.setParent(this);
  }

  private Model<?> refit(Estimator<?> est, ParamMap bestParams, Observation best, Dataset<?> dataset,
      SparkSession spark) {
    try {
      return JobGroups.run(spark.sparkContext(), "bayestune-" + uid() + "-best", "refit with the best trial's"
          + " Params (trial " + best.suggestionId() + ")", () -> (Model<?>) est.copy(bestParams).fit(dataset));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("refitting the best trial's Params on the whole dataset failed: " + e, e);
    }
  }

  /** The experiment after every trial, and the first trial failure when every trial failed. */
  private record TrialsRun(Experiment experiment, Throwable firstFailure) {
  }

  /**
   * Draws the splits and runs the trials with the driver's TuningLoop: {@code parallelism} in flight,
   * each observed as it ends, its Spark jobs in the group {@code bayestune-<uid>-trial-<id>}.
   */
  private TrialsRun runTrials(Dataset<Row> data, TunerSettings settings, ExperimentSpec spec,
      List<TrialMetric> metrics, EstimatorParams params, SparkSession spark, TunerTracking tracking) {
    StoredExperiment stored = null;
    try (ValidationSplits splits = settings.numFolds() > 0
            ? ValidationSplits.kFold(data, settings.numFolds(), settings.seed())
            : ValidationSplits.trainRatio(data, settings.trainRatio(), settings.seed())) {
      EstimatorTrialRunner runner = new EstimatorTrialRunner(getEstimator(), metrics, params, splits,
          spark.sparkContext());
      stored = StoredExperiment.openOrCreate(new MemoryExperimentStore("memory:" + uid()), spec,
          settings.seed());
      int budget = spec.observationBudget();
      // failFastCount = budget: the tuner gives up only when every trial failed.
      LoopOptions options = new LoopOptions(uid(), settings.parallelism(), null, budget, budget, 1);
      try {
        new TuningLoop(stored, runner, options, tracking == null ? TrialLog::observed : t -> {
          TrialLog.observed(t);
          tracking.observed(t);
        }).run();
      } catch (TuningStoppedException allFailed) {
        return new TrialsRun(stored.experiment(), allFailed.getCause());
      }
      return new TrialsRun(stored.experiment(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (tracking != null) {
        tracking.abandon(stored == null ? null : stored.experiment());
      }
      throw new IllegalStateException("tuning " + uid() + " was interrupted; running trials were cancelled", e);
    } catch (IOException e) {
      throw new UncheckedIOException("tuning " + uid() + ": the in-memory experiment state failed", e);
    }
  }

  /** The settings this fit uses, checked: every required Param set, folds or a ratio. */
  TunerSettings settings() {
    decodeNestedJson();
    for (Param<?> required : new Param<?>[] {estimator(), evaluator(), searchSpace()}) {
      if (!isDefined(required)) {
        throw new IllegalArgumentException("BayesianTuner " + uid() + ": " + required.name() + " is not set; call set"
            + Character.toUpperCase(required.name().charAt(0)) + required.name().substring(1) + "(...)");
      }
    }
    if (isSet(numFolds()) && isSet(trainRatio())) {
      throw new IllegalArgumentException("BayesianTuner " + uid() + ": both numFolds (" + getNumFolds() + ") and"
          + " trainRatio (" + getTrainRatio() + ") are set; set one: folds, or a single split");
    }
    Evaluator eval = getEvaluator();
    String metricName = eval.hasParam("metricName") ? String.valueOf(eval.getOrDefault(eval.getParam("metricName")))
        : "metric";
    boolean folds = !isSet(trainRatio());
    return new TunerSettings(getOrDefault(searchSpace()), metricName, eval.isLargerBetter(), getMaxTrials(),
        getParallelism(), folds ? getNumFolds() : 0, folds ? 0.0 : getTrainRatio(), getSeed());
  }

  /** Checks the settings and the mlflow Params, before any trial runs. */
  private void checkSettings() {
    TunerSettings settings = settings();
    ExtraMetrics extra = extraMetricsChecked(settings.metricName());
    TrialHistory.checkNames(getSearchSpace(), extra.names());
    mlflowSettings();
  }

  @Override
  public StructType transformSchema(StructType schema) {
    checkSettings();
    SearchSpace space = getSearchSpace();
    EstimatorParams.check(getEstimator(), space.space());
    return getEstimator().transformSchema(schema);
  }

  @Override
  public BayesianTuner copy(ParamMap extra) {
    decodeNestedJson();
    BayesianTuner copied = defaultCopy(extra);
    if (copied.isDefined(estimator())) {
      copied.setEstimator(copied.getEstimator().copy(extra));
    }
    if (copied.isDefined(evaluator())) {
      copied.setEvaluator(copied.getEvaluator().copy(extra));
    }
    return copied;
  }

  // --- persistence ---

  @Override
  public MLWriter write() {
    return new TunerPersistence.TunerWriter(this);
  }

  public static MLReader<BayesianTuner> read() {
    return new TunerPersistence.TunerReader();
  }

  public static BayesianTuner load(String path) {
    return read().load(path);
  }
}
