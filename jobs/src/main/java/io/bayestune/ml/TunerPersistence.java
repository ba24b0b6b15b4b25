package io.bayestune.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

/**
 * The writers and readers of {@link BayesianTuner} and {@link BayesianTunerModel}, laid out as
 * {@link StagePersistence} describes so that both load inside a saved Pipeline or PipelineModel.
 */
final class TunerPersistence {
  private static final String BEST_MODEL = "bestModel";
  private static final String ESTIMATOR = "estimator";
  private static final String EVALUATOR = "evaluator";

  private TunerPersistence() {
  }

  /** {@code metadata/} (settings, search space, experiment), {@code bestModel/}, {@code trials/} (Parquet). */
  static final class ModelWriter extends MLWriter {
    private final BayesianTunerModel model;

    ModelWriter(BayesianTunerModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      ObjectNode metadata = StagePersistence.metadata(model, sparkSession());
      metadata.set("paramMap", model.settings().toJson());
      metadata.put("bestTrialId", Long.toString(model.bestTrialId()));
      metadata.set("experiment", parse(model.experimentJson()));
      StagePersistence.writeMetadata(metadata, path, sparkSession());
      StagePersistence.saveStage(model.bestModel(), BEST_MODEL, new Path(path, BEST_MODEL).toString(), sparkSession());
      model.trials().write().parquet(new Path(path, "trials").toString());
    }
  }

  static final class ModelReader extends MLReader<BayesianTunerModel> {
    @Override
    public BayesianTunerModel load(String path) {
      JsonNode metadata = StagePersistence.readMetadata(path, sparkSession(), BayesianTunerModel.class);
      Model<?> best = StagePersistence.loadStage(new Path(path, BEST_MODEL).toString(), sparkSession());
      return new BayesianTunerModel(metadata.path("uid").asText(), best, metadata.path("experiment").toString(),
          metadata.path("bestTrialId").asText(), TunerSettings.fromJson(metadata.path("paramMap")));
    }
  }

  /** {@code metadata/} (the tuner's Params, set and default), {@code estimator/}, {@code evaluator/}. */
  static final class TunerWriter extends MLWriter {
    private final BayesianTuner tuner;

    TunerWriter(BayesianTuner tuner) {
      this.tuner = tuner;
    }

    @Override
    public void saveImpl(String path) {
      ObjectNode metadata = StagePersistence.metadata(tuner, sparkSession());
      ObjectNode set = (ObjectNode) metadata.get("paramMap");
      ObjectNode defaults = (ObjectNode) metadata.get("defaultParamMap");
      for (Param<?> p : simpleParams(tuner)) {
        if (tuner.isSet(p)) {
          set.set(p.name(), StagePersistence.MAPPER.valueToTree(tuner.get(p).get()));
        }
        if (tuner.hasDefault(p)) {
          defaults.set(p.name(), StagePersistence.MAPPER.valueToTree(tuner.getDefault(p).get()));
        }
      }
      StagePersistence.writeMetadata(metadata, path, sparkSession());
      tuner.decodeNestedJson(); // a Spark Connect client's estimator and evaluator are saved as stages too
      if (tuner.isDefined(tuner.estimator())) {
        StagePersistence.saveStage(tuner.getEstimator(), ESTIMATOR, new Path(path, ESTIMATOR).toString(),
            sparkSession());
      }
      if (tuner.isDefined(tuner.evaluator())) {
        StagePersistence.saveStage(tuner.getEvaluator(), EVALUATOR, new Path(path, EVALUATOR).toString(),
            sparkSession());
      }
    }
  }

  static final class TunerReader extends MLReader<BayesianTuner> {
    @Override
    public BayesianTuner load(String path) {
      JsonNode metadata = StagePersistence.readMetadata(path, sparkSession(), BayesianTuner.class);
      BayesianTuner tuner = new BayesianTuner(metadata.path("uid").asText());
      for (Iterator<Map.Entry<String, JsonNode>> it = metadata.path("paramMap").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Param<Object> p = tuner.getParam(e.getKey());
        tuner.set(p, decode(p, e.getValue()));
      }
      if (exists(new Path(path, ESTIMATOR))) {
        tuner.setEstimator(StagePersistence.<Estimator<?>>loadStage(new Path(path, ESTIMATOR).toString(),
            sparkSession()));
      }
      if (exists(new Path(path, EVALUATOR))) {
        tuner.setEvaluator(StagePersistence.<Evaluator>loadStage(new Path(path, EVALUATOR).toString(),
            sparkSession()));
      }
      return tuner;
    }

    private boolean exists(Path p) {
      try {
        return p.getFileSystem(sparkSession().sparkContext().hadoopConfiguration()).exists(p);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(p + ": cannot check whether it exists", e);
      }
    }
  }

  private static Param<?>[] simpleParams(BayesianTuner t) {
    return new Param<?>[] {t.searchSpace(), t.maxTrials(), t.parallelism(), t.numFolds(), t.trainRatio(), t.seed(),
        t.extraMetrics(), t.mlflowTrackingUri(), t.mlflowExperiment(), t.mlflowRunName()};
  }

  private static Object decode(Param<?> p, JsonNode v) {
    if (p instanceof IntParam) {
      return v.asInt();
    }
    if (p instanceof LongParam) {
      return v.asLong();
    }
    if (p instanceof DoubleParam) {
      return v.asDouble();
    }
    return v.asText();
  }

  private static JsonNode parse(String json) {
    try {
      return StagePersistence.MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("experiment state is not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
  }
}
