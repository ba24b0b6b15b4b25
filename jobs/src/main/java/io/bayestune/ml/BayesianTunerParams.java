package io.bayestune.ml;

import io.bayestune.tracking.MlflowSettings;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;

/**
 * The Params of {@link BayesianTuner}: their declarations, defaults and getters, as Spark keeps
 * {@code CrossValidator}'s in {@code CrossValidatorParams}; the tuner adds the setters and {@code fit}.
 *
 * <p>The names, docs and defaults are what a saved tuner's metadata holds and what the Python wrapper
 * ({@code python/bayestune/ml/_params.py}) mirrors, so a change here is a change to both. Public because
 * Spark finds a stage's Params by reflection on its public methods, which this class declares.
 * {@link BayesianTunerModel} has no Params of its own: it keeps what a run was asked to do as
 * {@link TunerSettings}, written with its metadata.
 */
public abstract class BayesianTunerParams extends Estimator<BayesianTunerModel> {
  private final String uid;
  private final Param<Estimator<?>> estimator;
  private final Param<Evaluator> evaluator;
  private final Param<String> searchSpace;
  private final IntParam maxTrials;
  private final IntParam parallelism;
  private final IntParam numFolds;
  private final DoubleParam trainRatio;
  private final LongParam seed;
  private final Param<String> estimatorJson;
  private final Param<String> evaluatorJson;
  private final Param<String> extraMetrics;
  private final Param<String> mlflowTrackingUri;
  private final Param<String> mlflowExperiment;
  private final Param<String> mlflowRunName;

  /** Declares the Params, owned by {@code uid} (Spark checks that a stage owns every Param set on it). */
  protected BayesianTunerParams(String uid) {
    this.uid = uid;
    estimator = new Param<>(this, "estimator", "the estimator to tune");
    evaluator = new Param<>(this, "evaluator", "scores a trial's model on its validation set");
    searchSpace = new Param<>(this, "searchSpace", "the estimator Params to search, as SigOpt JSON");
    maxTrials = new IntParam(this, "maxTrials", "number of trials (>= 1)", ParamValidators.gtEq(1));
    parallelism = new IntParam(this, "parallelism", "trials in flight at once (>= 1)", ParamValidators.gtEq(1));
    numFolds = new IntParam(this, "numFolds", "folds each trial is scored on (>= 2)", ParamValidators.gtEq(2));
    trainRatio = new DoubleParam(this, "trainRatio", "training fraction of a single split, instead of folds,"
        + " in (0, 1)", ParamValidators.inRange(0, 1, false, false));
    seed = new LongParam(this, "seed", "seeds the splits and the optimizer");
    // Spark Connect sends Params as literals, so its clients send the nested stages as JSON (StageJson).
    estimatorJson = new Param<>(this, "estimatorJson", "the estimator as JSON {class, uid, paramMap}, for Spark"
        + " Connect clients; used when estimator is not set");
    evaluatorJson = new Param<>(this, "evaluatorJson", "the evaluator as JSON {class, uid, paramMap}, for Spark"
        + " Connect clients; used when evaluator is not set");
    extraMetrics = new Param<>(this, ExtraMetrics.PARAM, "metrics measured beside the evaluator's, from the same"
        + " predictions, as JSON in the job file's metrics: schema: constraints (with a threshold) that the best"
        + " model must meet on every fold, and stored metrics, e.g. [{\"name\": \"recallByLabel\", \"label\": 1,"
        + " \"strategy\": \"constraint\", \"threshold\": 0.7}]");
    // The job file's mlflow: block as Params (docs/mlflow.md); setting any of them turns tracking on.
    mlflowTrackingUri = new Param<>(this, "mlflowTrackingUri", "the MLflow tracking server's URL (http(s)://...) or"
        + " databricks; default: MLFLOW_TRACKING_URI. Setting any mlflow Param logs the fit to MLflow");
    mlflowExperiment = new Param<>(this, "mlflowExperiment", "the MLflow experiment's name, created when missing;"
        + " default: 'bayestune <estimator class>'");
    mlflowRunName = new Param<>(this, "mlflowRunName", "the MLflow parent run's name; default: 'bayestune"
        + " <estimator class>'");
    setDefault(maxTrials, 20);
    setDefault(parallelism, 1);
    setDefault(numFolds, 3);
    setDefault(trainRatio, 0.75);
    // BayesianTuner's class name, not this base's: saved tuners and the Python wrapper's DEFAULT_SEED use its hash.
    setDefault(seed, (long) BayesianTuner.class.getName().hashCode());
  }

  @Override
  public String uid() {
    return uid;
  }

  // --- Params: Spark's naming; BayesianTuner's setters return the tuner so that callers chain them ---

  public Param<Estimator<?>> estimator() {
    return estimator;
  }

  public Param<Evaluator> evaluator() {
    return evaluator;
  }

  public Param<String> searchSpace() {
    return searchSpace;
  }

  public IntParam maxTrials() {
    return maxTrials;
  }

  public IntParam parallelism() {
    return parallelism;
  }

  public IntParam numFolds() {
    return numFolds;
  }

  public DoubleParam trainRatio() {
    return trainRatio;
  }

  public LongParam seed() {
    return seed;
  }

  public Param<String> estimatorJson() {
    return estimatorJson;
  }

  public Param<String> evaluatorJson() {
    return evaluatorJson;
  }

  public Param<String> extraMetrics() {
    return extraMetrics;
  }

  public Param<String> mlflowTrackingUri() {
    return mlflowTrackingUri;
  }

  public Param<String> mlflowExperiment() {
    return mlflowExperiment;
  }

  public Param<String> mlflowRunName() {
    return mlflowRunName;
  }

  /** The estimator: the one set, else the one {@code estimatorJson} describes (a Spark Connect client's). */
  public Estimator<?> getEstimator() {
    decodeNestedJson();
    return getOrDefault(estimator);
  }

  /** The evaluator: the one set, else the one {@code evaluatorJson} describes (a Spark Connect client's). */
  public Evaluator getEvaluator() {
    decodeNestedJson();
    return getOrDefault(evaluator);
  }

  /** Sets the estimator and the evaluator from their JSON Params where only the JSON was given. */
  void decodeNestedJson() {
    if (!isDefined(estimator) && isDefined(estimatorJson)) {
      set(estimator, StageJson.decode(getOrDefault(estimatorJson), Estimator.class, "estimatorJson"));
    }
    if (!isDefined(evaluator) && isDefined(evaluatorJson)) {
      set(evaluator, StageJson.decode(getOrDefault(evaluatorJson), Evaluator.class, "evaluatorJson"));
    }
  }

  public SearchSpace getSearchSpace() {
    return SearchSpace.fromJson(getOrDefault(searchSpace));
  }

  public int getMaxTrials() {
    return (Integer) getOrDefault(maxTrials);
  }

  public int getParallelism() {
    return (Integer) getOrDefault(parallelism);
  }

  public int getNumFolds() {
    return (Integer) getOrDefault(numFolds);
  }

  public double getTrainRatio() {
    return (Double) getOrDefault(trainRatio);
  }

  public long getSeed() {
    return (Long) getOrDefault(seed);
  }

  /** The extra metrics' JSON, or null when none are set. */
  public String getExtraMetrics() {
    return isDefined(extraMetrics) ? getOrDefault(extraMetrics) : null;
  }

  /**
   * The extra metrics, checked against the evaluator and the estimator.
   *
   * @throws IllegalArgumentException naming {@code extraMetrics[i]}, the value and the fix
   */
  ExtraMetrics extraMetricsChecked(String evaluatorMetric) {
    try {
      ExtraMetrics extra = isDefined(extraMetrics) ? ExtraMetrics.parse(getOrDefault(extraMetrics))
          : ExtraMetrics.none();
      extra.check(evaluatorMetric, getEstimator());
      return extra;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("BayesianTuner " + uid + ": " + e.getMessage(), e);
    }
  }

  public String getMlflowTrackingUri() {
    return isDefined(mlflowTrackingUri) ? getOrDefault(mlflowTrackingUri) : null;
  }

  public String getMlflowExperiment() {
    return isDefined(mlflowExperiment) ? getOrDefault(mlflowExperiment) : null;
  }

  public String getMlflowRunName() {
    return isDefined(mlflowRunName) ? getOrDefault(mlflowRunName) : null;
  }

  /**
   * The MLflow settings of the mlflow Params (the tracking URI checked), or null when none is set: no tracking.
   *
   * @throws IllegalArgumentException naming mlflowTrackingUri when it is not a tracking server's URL
   */
  MlflowSettings mlflowSettings() {
    if (!isSet(mlflowTrackingUri) && !isSet(mlflowExperiment) && !isSet(mlflowRunName)) {
      return null;
    }
    try {
      return new MlflowSettings(getMlflowTrackingUri(), getMlflowExperiment(), getMlflowRunName());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("BayesianTuner " + uid + ": " + e.getMessage()
          .replace("mlflow.tracking_uri", "mlflowTrackingUri"), e);
    }
  }
}
