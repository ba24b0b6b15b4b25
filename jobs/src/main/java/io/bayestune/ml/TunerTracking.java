package io.bayestune.ml;

import io.bayestune.driver.ObservedTrial;
import io.bayestune.driver.TrialListener;
import io.bayestune.driver.output.BestJson;
import io.bayestune.driver.output.TrialsTable;
import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.report.HtmlReport;
import io.bayestune.tracking.JobTracking;
import io.bayestune.tracking.MlflowSettings;
import io.bayestune.tracking.MlflowTracker;
import io.bayestune.tracking.ParentResults;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;

/**
 * MLflow tracking of one {@link BayesianTuner} fit, in the structure a tuning job logs (docs/mlflow.md) and through
 * the same {@link MlflowTracker}: a parent run (params: the tuner, estimator, evaluator, seed, validation, metric,
 * budget, one {@code space.<name>} per parameter; at the end {@code best_<metric>}, the best trial's tags and the
 * artifacts best.json, report.html, trials.csv, search-space.json and {@code model/}), and one child run per trial.
 *
 * <p>{@code model/} is the tuner's best model (refitted on all the data) in MLflow's spark flavor, wrapped in a
 * one-stage {@code PipelineModel}: it scores what the tuner was fitted on (in a Pipeline, the output of the stages
 * before the tuner), where a job's model scores raw rows because the job prepares its data itself.
 *
 * <p>A fit keeps no state between runs, so each fit starts a new parent run; a trial's child run is logged in the
 * background as the trial ends, and {@link #finish} waits (boundedly) for the last uploads, as a job does.
 */
final class TunerTracking implements TrialListener {
  private static final Logger LOG = LogManager.getLogger(BayesianTuner.class);
  private static final String RESUME_HINT = "the fitted model keeps every trial (trials()); a BayesianTuner fit is"
      + " not resumed, so fit again once MLflow answers to get a complete record there";

  private final MlflowTracker tracker;
  private final SparkSession spark;
  private final String title;

  private TunerTracking(MlflowTracker tracker, SparkSession spark, String title) {
    this.tracker = tracker;
    this.spark = spark;
    this.title = title;
  }

  /**
   * Starts tracking in the background, or returns null when none of the tuner's MLflow Params is set.
   *
   * @throws IllegalArgumentException when no tracking URI is given by the Params nor by {@code MLFLOW_TRACKING_URI}
   */
  static TunerTracking start(MlflowSettings given, ExperimentSpec spec, TunerSettings settings, BayesianTuner tuner,
      SparkSession spark) {
    if (given == null) {
      return null;
    }
    MlflowSettings resolved;
    try {
      resolved = given.resolve(System.getenv(), spec.name());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("BayesianTuner " + tuner.uid() + ": mlflowTrackingUri is not set and neither"
          + " is " + MlflowSettings.TRACKING_URI_ENV + "; set one to the tracking server's URL, e.g."
          + " setMlflowTrackingUri(\"http://127.0.0.1:5000\"), or unset mlflowExperiment and mlflowRunName", e);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("tuner", tuner.uid());
    params.put("estimator", tuner.getEstimator().getClass().getName());
    params.put("evaluator", tuner.getEvaluator().getClass().getName());
    params.put("seed", Long.toString(settings.seed()));
    params.put("validation", settings.numFolds() > 0 ? settings.numFolds() + " folds"
        : "holdout " + (1 - settings.trainRatio()));
    MlflowTracker tracker = JobTracking.startUnsaved(resolved, spec, spec.observationBudget(), settings.parallelism(),
        params, RESUME_HINT, System.out);
    return new TunerTracking(tracker, spark, "BayesianTuner " + tuner.getEstimator().getClass().getSimpleName());
  }

  @Override
  public void observed(ObservedTrial trial) {
    tracker.observed(trial);
  }

  /**
   * Logs the results and artifacts, ends the parent run (FAILED when {@code best} is null: no trial was usable) and
   * waits for the background logging; prints and logs its summary line.
   *
   * @param best the tuner's chosen trial, or null
   * @param bestModel its model refitted on {@code data}, or null
   */
  void finish(Experiment e, Observation best, Model<?> bestModel, Dataset<?> data) {
    Optional<Best> chosen = Optional.ofNullable(best).map(o -> new Best(o.suggestionId(), o.assignments(), o.value(),
        o.valueStddev(), null, o.values()));
    // A one-stage PipelineModel, the class MLflow's spark flavor loads; fitting a Pipeline of a fitted model runs
    // no Spark job.
    PipelineModel model = bestModel instanceof MLWritable
        ? new Pipeline().setStages(new PipelineStage[] {bestModel}).fit(data) : null;
    ParentResults results = ParentResults.of(e, chosen, (folder, runId) -> {
      if (chosen.isPresent()) {
        Files.writeString(folder.resolve("best.json"), BestJson.render(chosen.get(), e.spec().metric().name()));
      }
      Files.writeString(folder.resolve("report.html"), HtmlReport.render(e, title));
      Files.writeString(folder.resolve("trials.csv"), TrialsTable.csv(e));
      if (model != null) {
        stageModel(model, folder, runId);
      }
    });
    tracker.finish(best == null ? results.failed() : results);
    String summary = tracker.close();
    System.out.println(summary);
    LOG.info(summary);
  }

  /** Ends tracking after a fit that stopped early (interrupted): what was logged stays, the parent ends FAILED. */
  void abandon(Experiment e) {
    if (e != null) {
      tracker.finish(ParentResults.of(e, Optional.empty(), null).failed());
    }
    LOG.info(tracker.close());
  }

  /**
   * Saves the model on the cluster's default file system (a local path would land on the executors' disks) and
   * copies it into the artifact folder as the spark flavor.
   */
  private void stageModel(PipelineModel model, java.nio.file.Path folder, String runId) throws IOException {
    org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    FileSystem fs = FileSystem.get(hadoop);
    Path saved = fs.makeQualified(new Path("/tmp/bayestune-mlflow-" + UUID.randomUUID()));
    try {
      model.write().session(spark).save(saved.toString());
      JobTracking.stageSparkModel(hadoop, saved.toString(), folder, runId, spark.version());
    } finally {
      fs.delete(saved, true);
    }
  }
}
