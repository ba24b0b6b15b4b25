package io.bayestune.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.space.Conditional;
import io.bayestune.optimizer.space.DoubleParameter;
import java.util.LinkedHashMap;
import java.util.List;
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
    assertTrue(e.getMessage().startsWith("searchSpace parameter 'maxDepth': 'maxDepth' is not a Param of"
        + " LogisticRegression (org.apache.spark.ml.classification.LogisticRegression)"), e.getMessage());
    assertTrue(e.getMessage().contains("regParam"), "lists what it has: " + e.getMessage());
  }

  @Test
  void boundsOutsideWhatTheParamAcceptsFailWithItsDoc() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EstimatorParams.check(gbt,
        SearchSpace.builder().addDouble("stepSize", 0.1, 2.0).build().space()));
    assertTrue(e.getMessage().startsWith("searchSpace parameter 'stepSize': bounds.max 2.0 is outside the valid"
        + " range of GBTClassifier.stepSize") && e.getMessage().contains("(0, 1]")
        && e.getMessage().endsWith("; narrow the bounds to that range"), e.getMessage());
  }

  @Test
  void conditionalsAreCheckedAsTheParamsTheySet() {
    io.bayestune.optimizer.space.SearchSpace conditional = new io.bayestune.optimizer.space.SearchSpace(
        List.of(DoubleParameter.of("stepSize", 0.1, 0.5)), List.of(new Conditional("lossType", List.of("logistic",
        "hinge"))));
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> EstimatorParams.check(gbt, conditional));
    assertTrue(c.getMessage().startsWith("searchSpace parameter 'lossType': conditional value hinge is outside the"
        + " valid range of GBTClassifier.lossType"), c.getMessage());
  }

  @Test
  void typeMismatchSaysHowToDeclareIt() {
    IllegalArgumentException dbl = assertThrows(IllegalArgumentException.class, () -> EstimatorParams.check(gbt,
        SearchSpace.builder().addDouble("maxDepth", 2, 8).build().space()));
    assertEquals("searchSpace parameter 'maxDepth': GBTClassifier.maxDepth takes integers; use type: int",
        dbl.getMessage());
    IllegalArgumentException bool = assertThrows(IllegalArgumentException.class, () -> EstimatorParams.check(gbt,
        SearchSpace.builder().addCategorical("cacheNodeIds", "yes", "no").build().space()));
    assertTrue(bool.getMessage().startsWith("searchSpace parameter 'cacheNodeIds': categorical value \"yes\" is not"
        + " a boolean; use true or false, but GBTClassifier.cacheNodeIds is a BooleanParam"), bool.getMessage());
    IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> EstimatorParams.check(gbt,
        SearchSpace.builder().addInt("lossType", 1, 3).build().space()));
    assertTrue(text.getMessage().startsWith("searchSpace parameter 'lossType': GBTClassifier.lossType is not numeric")
        && text.getMessage().endsWith("use type: categorical with its values"), text.getMessage());
  }

  @Test
  void columnParamsMayBeSearchedSinceTheUserOwnsTheColumns() {
    // A job file may not tune columns (bayestune prepares them); the tuner's user may, e.g. between feature sets.
    EstimatorParams params = EstimatorParams.check(gbt,
        SearchSpace.builder().addCategorical("featuresCol", "features", "other_features").build().space());
    assertEquals("other_features", gbt.copy(params.paramMap(Map.of("featuresCol", "other_features")))
        .getFeaturesCol());
  }

  @Test
  void columnNamesOfTheTrialTableAreReserved() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrialHistory.checkNames(
        SearchSpace.builder().addDouble("metric", 0, 1).build(), java.util.List.of()));
    assertTrue(e.getMessage().contains("'metric'") && e.getMessage().contains("trials DataFrame"), e.getMessage());
  }
}
