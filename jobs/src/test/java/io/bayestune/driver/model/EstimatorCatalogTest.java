package io.bayestune.driver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.space.Assignments;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.recommendation.ALS;
import org.junit.jupiter.api.Test;

/** Estimators are plain objects until fit: no SparkSession here. */
class EstimatorCatalogTest {

  @Test
  void shortNamesAndClassNamesGiveEstimatorsOfTheirKind() {
    assertInstanceOf(GBTClassifier.class, EstimatorCatalog.instantiate("gbt_classifier"));
    assertInstanceOf(GBTClassifier.class, EstimatorCatalog.instantiate(GBTClassifier.class.getName()));
    assertEquals(EstimatorKind.PROBABILISTIC_CLASSIFIER, EstimatorKind.of(EstimatorCatalog.instantiate("gbt_classifier")));
    assertEquals(EstimatorKind.CLASSIFIER, EstimatorKind.of(EstimatorCatalog.instantiate("linear_svc")));
    assertEquals(EstimatorKind.REGRESSOR, EstimatorKind.of(EstimatorCatalog.instantiate("gbt_regressor")));
    assertEquals(EstimatorKind.REGRESSOR, EstimatorKind.of(EstimatorCatalog.instantiate(
        "org.apache.spark.ml.regression.IsotonicRegression")));
    assertEquals(EstimatorKind.RECOMMENDER, EstimatorKind.of(EstimatorCatalog.instantiate("als")));
    for (String name : EstimatorCatalog.shortNames()) {
      EstimatorKind.of(EstimatorCatalog.instantiate(name));
    }
    IllegalArgumentException kmeans = assertThrows(IllegalArgumentException.class,
        () -> EstimatorKind.of(EstimatorCatalog.instantiate("org.apache.spark.ml.clustering.KMeans")));
    assertTrue(kmeans.getMessage().startsWith("model.estimator: org.apache.spark.ml.clustering.KMeans is not a"));
  }

  @Test
  void assignmentsAreConvertedToEachParamsTypeOnAFreshCopy() {
    Estimator<?> prototype = EstimatorCatalog.configure(EstimatorCatalog.instantiate("gbt_classifier"),
        Map.of("maxIter", 7), 42);
    GBTClassifier trial = (GBTClassifier) EstimatorCatalog.apply(prototype,
        new Assignments(Map.of("maxDepth", 6L, "stepSize", 0.2, "featureSubsetStrategy", "sqrt")));
    assertNotSame(prototype, trial);
    assertEquals(6, trial.getMaxDepth());
    assertEquals(0.2, trial.getStepSize());
    assertEquals("sqrt", trial.getFeatureSubsetStrategy());
    assertEquals(7, trial.getMaxIter());
    assertEquals(42L, trial.getSeed());
    assertEquals(5, ((GBTClassifier) prototype).getMaxDepth(), "the prototype keeps Spark's default");

    LogisticRegression lr = (LogisticRegression) EstimatorCatalog.apply(EstimatorCatalog.instantiate(
        "logistic_regression"), new Assignments(Map.of("fitIntercept", "false", "maxIter", 12L)));
    assertFalse(lr.getFitIntercept());
    assertEquals(12, lr.getMaxIter());
    ALS als = (ALS) EstimatorCatalog.apply(EstimatorCatalog.instantiate("als"),
        new Assignments(Map.of("rank", 4L, "implicitPrefs", "true", "alpha", 2.0)));
    assertEquals(4, als.getRank());
    assertTrue(als.getImplicitPrefs());
  }

  @Test
  void aValueOutsideTheParamsRangeFailsWithSparksMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EstimatorCatalog.apply(
        EstimatorCatalog.instantiate("gbt_classifier"), new Assignments(Map.of("maxDepth", 31L))));
    assertTrue(e.getMessage().contains("parameter maxDepth given invalid value 31"), e.getMessage());
  }

  @Test
  void aJobFileMayNotTuneColumnsNorAFixedParam() {
    Map<String, Object> column = Map.of("name", "featuresCol", "type", "categorical",
        "categorical_values", List.of("features"));
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> EstimatorCatalog.validate("gbt_classifier", Map.of(), List.of(column)));
    assertEquals("parameters[0] 'featuresCol': 'featuresCol' names a column, which bayestune sets for the prepared"
        + " data (features, label); choose columns in the data block instead", c.getMessage());
    Map<String, Object> depth = Map.of("name", "maxDepth", "type", "int", "bounds", Map.of("min", 2, "max", 8));
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
        () -> EstimatorCatalog.validate("gbt_classifier", Map.of("maxDepth", 3), List.of(depth)));
    assertEquals("parameters[0] 'maxDepth': maxDepth is also fixed in model.params; tune it or fix it, not both",
        f.getMessage());
  }

  @Test
  void foldStatistics() {
    assertEquals(2.5, FoldStatistics.mean(new double[] {1, 2, 3, 4}));
    // numpy.std([1, 2, 3, 4], ddof=1)
    assertEquals(1.2909944487358056, FoldStatistics.sampleStddev(new double[] {1, 2, 3, 4}), 1e-15);
  }
}
