package io.bayestune.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.Test;

/** What a Spark Connect client relies on: nested stages from JSON, and the ServiceLoader registration. */
class StageJsonTest {
  @Test
  void buildsTheStageWithItsParams() {
    LogisticRegression lr = StageJson.decode("{\"class\":\"org.apache.spark.ml.classification.LogisticRegression\","
        + "\"uid\":\"lr_1\",\"paramMap\":{\"maxIter\":7,\"regParam\":0.5,\"family\":\"binomial\",\"fitIntercept\":false,"
        + "\"lowerBoundsOnIntercepts\":{\"type\":1,\"values\":[-1.0]}}}", Estimator.class, "estimatorJson")
        instanceof LogisticRegression l ? l : null;
    assertEquals("lr_1", lr.uid());
    assertEquals(7, lr.getMaxIter());
    assertEquals(0.5, lr.getRegParam());
    assertEquals("binomial", lr.getFamily());
    assertEquals(false, lr.getFitIntercept());
    assertEquals(Vectors.dense(-1.0), lr.getLowerBoundsOnIntercepts());
  }

  @Test
  void tunerUsesTheJsonStagesWhenNoObjectsAreSet() {
    BayesianTuner tuner = new BayesianTuner("t");
    tuner.set(tuner.estimatorJson(), "{\"class\":\"org.apache.spark.ml.classification.LogisticRegression\","
        + "\"uid\":\"lr\",\"paramMap\":{\"maxIter\":3}}");
    tuner.set(tuner.evaluatorJson(), "{\"class\":\"org.apache.spark.ml.evaluation.BinaryClassificationEvaluator\","
        + "\"uid\":\"ev\",\"paramMap\":{\"metricName\":\"areaUnderPR\"}}");
    assertEquals(3, ((LogisticRegression) tuner.getEstimator()).getMaxIter());
    Evaluator evaluator = tuner.getEvaluator();
    assertEquals("areaUnderPR", ((BinaryClassificationEvaluator) evaluator).getMetricName());
    assertTrue(tuner.copy(new org.apache.spark.ml.param.ParamMap()).getEstimator() instanceof LogisticRegression);
  }

  @Test
  void badJsonNamesTheRoleAndTheFix() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> StageJson.decode(
        "{\"class\":\"org.apache.spark.ml.classification.LogisticRegression\",\"paramMap\":{\"maxDepht\":3}}",
        Estimator.class, "estimatorJson"));
    assertTrue(unknown.getMessage().startsWith("estimatorJson: 'maxDepht' is not a Param of"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("regParam"), unknown.getMessage());
    IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class, () -> StageJson.decode(
        "{\"class\":\"org.apache.spark.ml.classification.LogisticRegression\"}", Evaluator.class, "evaluatorJson"));
    assertTrue(wrongKind.getMessage().contains("is not a org.apache.spark.ml.evaluation.Evaluator"));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> StageJson.decode(
        "{\"class\":\"com.example.Nope\"}", Estimator.class, "estimatorJson"));
    assertTrue(missing.getMessage().contains("not on the server's classpath"));
  }

  @Test
  void serviceLoaderListsBothStages() {
    // Spark Connect finds stages this way; a listed class without a public no-arg constructor breaks it.
    List<String> estimators = ServiceLoader.load(Estimator.class).stream().map(p -> p.type().getName()).toList();
    List<String> transformers = ServiceLoader.load(Transformer.class).stream().map(p -> p.type().getName()).toList();
    assertTrue(estimators.contains(BayesianTuner.class.getName()), estimators.toString());
    assertTrue(transformers.contains(BayesianTunerModel.class.getName()), transformers.toString());
    BayesianTunerModel empty = new BayesianTunerModel();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> empty.transformSchema(null));
    assertTrue(e.getMessage().contains("fit a BayesianTuner or load a saved model"));
    assertInstanceOf(String.class, empty.toString());
  }
}
