package io.bayestune.ml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Model;
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
 * What a {@link BayesianTuner} found: the best model (refitted on the whole dataset with the best
 * trial's Params), to which {@link #transform} delegates, and the record of every trial.
 *
 * <pre>{@code
 * BayesianTunerModel model = tuner.fit(train);
 * model.trials().orderBy(desc("metric")).show();     // one row per trial
 * model.bestParams();                                 // {maxDepth=5, stepSize=0.08}
 * displayHTML(HtmlReport.renderFragment(model.experiment(), "GBT"));   // in a notebook
 * model.write().overwrite().save(path);  BayesianTunerModel.load(path);
 * }</pre>
 *
 * <p>Saved as a directory: {@code metadata/} (Spark's stage metadata plus the settings, the search
 * space and the experiment with every observation), {@code bestModel/} (written by the best model's
 * own writer) and {@code trials/} (the trials as Parquet, for reading without bayestune).
 */
public final class BayesianTunerModel extends Model<BayesianTunerModel> implements MLWritable {
  private final String uid;
  private final Model<?> bestModel;
  private final String experimentJson;
  private final String bestTrialId;
  private final TunerSettings settings;
  private transient Experiment parsed;

  /**
   * An empty model, which only a {@code ServiceLoader} should make: Spark Connect finds stages through
   * {@code META-INF/services}, and Java's ServiceLoader requires a public no-argument constructor of
   * every class listed there. Fit a {@link BayesianTuner} or {@link #load} a saved model for a usable one.
   */
  public BayesianTunerModel() {
    this(Identifiable.randomUID("bayesianTunerModel"), null, null, null, null);
  }

  BayesianTunerModel(String uid, Model<?> bestModel, String experimentJson, String bestTrialId,
      TunerSettings settings) {
    this.uid = uid;
    this.bestModel = bestModel;
    this.experimentJson = experimentJson;
    this.bestTrialId = bestTrialId;
    this.settings = settings;
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The model fitted on the whole dataset with the best trial's Params. */
  public Model<?> bestModel() {
    return bestModel;
  }

  /** The trials, one row per trial: id, one column per parameter, metric, stddev, status, seconds, error. */
  public Dataset<Row> trials() {
    return TrialHistory.dataFrame(SparkSession.active(), experiment(), searchSpace());
  }

  /** The best trial's Params by name (Long for int, Double for double, String for categorical). */
  public Map<String, Object> bestParams() {
    return new LinkedHashMap<>(bestObservation().assignments().asMap());
  }

  /** The best trial's metric, as the evaluator measured it (mean over folds). */
  public double bestValue() {
    return bestObservation().value();
  }

  /** The best trial's id, as in {@link #trials}. */
  public long bestTrialId() {
    return Long.parseLong(bestTrialId);
  }

  /** The evaluator's metric name, e.g. {@code areaUnderROC}. */
  public String metricName() {
    return settings.metricName();
  }

  public boolean isLargerBetter() {
    return settings.largerBetter();
  }

  public SearchSpace searchSpace() {
    return SearchSpace.fromJson(settings.searchSpace());
  }

  public TunerSettings settings() {
    return settings;
  }

  /**
   * The tuning run as an experiment (a copy: observing into it changes nothing here), for
   * {@code io.bayestune.report.HtmlReport} or to continue the search with the three calls.
   */
  public Experiment experiment() {
    return Experiment.fromJson(experimentJson);
  }

  String experimentJson() {
    return experimentJson;
  }

  private Experiment parsedExperiment() {
    if (parsed == null) {
      parsed = Experiment.fromJson(experimentJson);
    }
    return parsed;
  }

  private Observation bestObservation() {
    return parsedExperiment().observationOf(bestTrialId).orElseThrow(() -> new IllegalStateException(
        "trial " + bestTrialId + " is missing from the experiment; the saved model is damaged"));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    return fitted().transform(dataset);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return fitted().transformSchema(schema);
  }

  private Model<?> fitted() {
    if (bestModel == null) {
      throw new IllegalStateException("BayesianTunerModel " + uid + " is empty (made by its no-argument constructor);"
          + " fit a BayesianTuner or load a saved model with BayesianTunerModel.load(path)");
    }
    return bestModel;
  }

  /**
   * {@code BayesianTunerModel <uid> {"metricName":...,"largerBetter":...,"bestValue":...,"bestTrialId":...,
   * "bestParams":{...},"trials":N}}: readable, and the one method a Spark Connect client may call on a
   * third-party model (Connect allows only Spark's own model attributes and {@code toString}), so the
   * Python wrapper reads the best trial from it there.
   */
  @Override
  public String toString() {
    if (bestModel == null) {
      return "BayesianTunerModel " + uid + " (empty)";
    }
    ObjectNode summary = StagePersistence.MAPPER.createObjectNode();
    summary.put("metricName", metricName()).put("largerBetter", isLargerBetter()).put("bestValue", bestValue())
        .put("bestTrialId", bestTrialId());
    summary.set("bestParams", StagePersistence.MAPPER.valueToTree(bestParams()));
    summary.put("trials", parsedExperiment().observations().size());
    return "BayesianTunerModel " + uid + " " + summary;
  }

  @Override
  public BayesianTunerModel copy(ParamMap extra) {
    BayesianTunerModel copied = new BayesianTunerModel(uid, (Model<?>) fitted().copy(extra), experimentJson,
        bestTrialId, settings);
    return copyValues(copied, extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new TunerPersistence.ModelWriter(this);
  }

  public static MLReader<BayesianTunerModel> read() {
    return new TunerPersistence.ModelReader();
  }

  public static BayesianTunerModel load(String path) {
    return read().load(path);
  }
}
