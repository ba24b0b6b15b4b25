package io.bayestune.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.param.ParamMap;
import org.junit.jupiter.api.Test;

/** Applying assignments to Spark Params by name: conversions, and the errors met before any trial. */
class EstimatorParamsTest {
  private final GBTClassifier gbt = new GBTClassifier();

  @Test
  void convertsEachValueToItsParamsType() {
    SearchSpace space = SearchSpace.builder().addInt("maxDepth", 2, 8).addDouble("stepSize", 0.01, 0.5)
        .addInt("seed", 1, 100).addCategorical("cacheNodeIds", "true", "false")
        .addCategorical("lossType", "logistic").build();
    EstimatorParams params = EstimatorParams.check(gbt, space.space());
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("maxDepth", 6L);
    a.put("stepSize", 0.125);
    a.put("seed", 42L);
    a.put("cacheNodeIds", "true");
    a.put("lossType", "logistic");
    ParamMap map = params.paramMap(a);
    GBTClassifier tuned = gbt.copy(map);
    assertEquals(6, tuned.getMaxDepth());           // Long -> Int for an IntParam
    assertEquals(0.125, tuned.getStepSize());
    assertEquals(42L, tuned.getSeed());             // LongParam keeps its Long
    assertTrue(tuned.getCacheNodeIds());            // "true" -> Boolean
    assertEquals("logistic", tuned.getLossType());
    assertEquals(5, gbt.getMaxDepth(), "the estimator itself is untouched");
  }

  @Test
  void nameTheEstimatorLacksNamesBothAndListsTheParams() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EstimatorParams.check(
        new LogisticRegression(), SearchSpace.builder().addInt("maxDepth", 2, 8).build().space()));
    assertTrue(e.getMessage().startsWith("searchSpace parameter 'maxDepth': estimator LogisticRegression (uid logreg_"),
        e.getMessage());
    assertTrue(e.getMessage().contains("regParam"), "lists what it has: " + e.getMessage());
  }

  @Test
  void boundsOutsideWhatTheParamAcceptsFailWithItsDoc() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EstimatorParams.check(gbt,
        SearchSpace.builder().addDouble("stepSize", 0.1, 2.0).build().space()));
    assertTrue(e.getMessage().contains("rejects stepSize=2.0") && e.getMessage().contains("(0, 1]"), e.getMessage());
  }

  @Test
  void typeMismatchSaysHowToDeclareIt() {
    IllegalArgumentException dbl = assertThrows(IllegalArgumentException.class, () -> EstimatorParams.check(gbt,
        SearchSpace.builder().addDouble("maxDepth", 2, 8).build().space()));
    assertTrue(dbl.getMessage().contains("integer Param") && dbl.getMessage().contains("addInt"), dbl.getMessage());
    IllegalArgumentException bool = assertThrows(IllegalArgumentException.class, () -> EstimatorParams.check(gbt,
        SearchSpace.builder().addCategorical("cacheNodeIds", "yes", "no").build().space()));
    assertTrue(bool.getMessage().contains("BooleanParam") && bool.getMessage().contains("\"true\""), bool.getMessage());
    IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> EstimatorParams.check(gbt,
        SearchSpace.builder().addInt("lossType", 1, 3).build().space()));
    assertTrue(text.getMessage().contains("lossType") && text.getMessage().contains("cannot take 1"),
        text.getMessage());
  }

  @Test
  void columnNamesOfTheTrialTableAreReserved() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrialHistory.checkNames(
        SearchSpace.builder().addDouble("metric", 0, 1).build()));
    assertTrue(e.getMessage().contains("'metric'") && e.getMessage().contains("trials DataFrame"), e.getMessage());
  }
}
