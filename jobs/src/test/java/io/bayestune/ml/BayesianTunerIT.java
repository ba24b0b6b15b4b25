package io.bayestune.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BayesianTuner on the credit data, local[2]: a LogisticRegression tuned inside a Pipeline (8 trials,
 * 2 in flight, 3 folds), its trial history, persistence of the model and of the PipelineModel, and
 * the errors a user meets first.
 */
class BayesianTunerIT {
  private static final int TRIALS = 8;
  private static SparkSession spark;
  private static Dataset<Row> train;
  private static Dataset<Row> test;
  private static final Set<String> jobGroups = ConcurrentHashMap.newKeySet();
  private static BayesianTuner tuner;
  private static PipelineModel fitted;
  private static BayesianTunerModel model;

  @TempDir
  static Path dir;

  @BeforeAll
  static void fitOnce() {
    spark = CreditData.localSpark("BayesianTunerIT");
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart job) {
        String group = job.properties() == null ? null : job.properties().getProperty("spark.jobGroup.id");
        if (group != null) {
          jobGroups.add(group);
        }
      }
    });
    Dataset<Row>[] parts = CreditData.load(spark).randomSplit(new double[] {0.8, 0.2}, 11);
    train = parts[0].cache();
    test = parts[1].cache();
    tuner = new BayesianTuner().setEstimator(new LogisticRegression().setMaxIter(10))
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(SearchSpace.builder().addDouble("regParam", 1e-4, 1.0, Scale.LOG)
            .addDouble("elasticNetParam", 0.0, 1.0).build())
        .setMaxTrials(TRIALS).setParallelism(2).setNumFolds(3).setSeed(7);
    long t0 = System.nanoTime();
    fitted = CreditData.pipelineWith(tuner).fit(train);
    System.out.printf("pipeline with the tuner fitted in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    model = (BayesianTunerModel) fitted.stages()[fitted.stages().length - 1];
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void bestTrialIsTheBestOfTheHistoryAndBeatsTheWorst() {
    model.trials().show(false);
    List<Row> trials = model.trials().collectAsList();
    assertEquals(TRIALS, trials.size());
    double worst = Double.POSITIVE_INFINITY;
    Row bestRow = null;
    for (Row r : trials) {
      assertEquals("completed", r.getAs("status"), () -> "trial " + r + " should have completed");
      double auc = r.getAs("metric");
      assertTrue(model.bestValue() >= auc, () -> "best " + model.bestValue() + " < trial " + r);
      worst = Math.min(worst, auc);
      if (auc == model.bestValue()) {
        bestRow = r;
      }
      assertTrue((Double) r.getAs("stddev") > 0, () -> "3 folds give a spread: " + r);
      assertTrue((Double) r.getAs("seconds") > 0);
    }
    assertTrue(model.bestValue() > worst, "best " + model.bestValue() + " should beat the worst " + worst);
    assertNotNull(bestRow);
    assertEquals(model.bestTrialId(), (long) (Long) bestRow.getAs("id"));
    assertEquals(bestRow.getAs("regParam"), model.bestParams().get("regParam"));
    assertEquals("areaUnderROC", model.metricName());
    // The refitted best model scores the held-out rows about as well as cross-validation promised.
    double heldOut = new BinaryClassificationEvaluator().evaluate(fitted.transform(test));
    assertTrue(heldOut > 0.78 && Math.abs(heldOut - model.bestValue()) < 0.05,
        "held-out AUC " + heldOut + " vs cross-validated " + model.bestValue());
  }

  @Test
  void everyTrialRanInItsOwnJobGroup() {
    for (int i = 1; i <= TRIALS; i++) {
      String group = "bayestune-" + tuner.uid() + "-trial-" + i;
      assertTrue(jobGroups.contains(group), group + " missing from " + jobGroups);
    }
    assertTrue(jobGroups.contains("bayestune-" + tuner.uid() + "-best"), () -> "refit group missing: " + jobGroups);
  }

  @Test
  void savedTunerModelAndPipelineModelPredictTheSame() throws Exception {
    Dataset<Row> features = fitted.transform(test).select("Status", "features");
    model.write().save(dir.resolve("tuner-model").toString());
    BayesianTunerModel loaded = BayesianTunerModel.load(dir.resolve("tuner-model").toString());
    assertEquals(probabilities(model.transform(features)), probabilities(loaded.transform(features)));
    assertEquals(model.trials().collectAsList(), loaded.trials().collectAsList());
    assertEquals(model.bestParams(), loaded.bestParams());
    assertEquals(model.uid(), loaded.uid());
    assertEquals(TRIALS, spark.read().parquet(dir.resolve("tuner-model/trials").toString()).count());

    fitted.write().save(dir.resolve("pipeline-model").toString());
    PipelineModel reloaded = PipelineModel.load(dir.resolve("pipeline-model").toString());
    assertInstanceOf(BayesianTunerModel.class, reloaded.stages()[reloaded.stages().length - 1]);
    assertEquals(probabilities(fitted.transform(test)), probabilities(reloaded.transform(test)));
  }

  @Test
  void unfittedPipelineWithTheTunerSavesAndLoads() throws Exception {
    Pipeline pipeline = CreditData.pipelineWith(tuner);
    pipeline.write().save(dir.resolve("pipeline").toString());
    Pipeline loaded = Pipeline.load(dir.resolve("pipeline").toString());
    BayesianTuner t = (BayesianTuner) loaded.getStages()[loaded.getStages().length - 1];
    assertEquals(tuner.uid(), t.uid());
    assertEquals(tuner.getSearchSpace(), t.getSearchSpace());
    assertEquals(List.of(TRIALS, 2, 3, 7L), List.of(t.getMaxTrials(), t.getParallelism(), t.getNumFolds(),
        t.getSeed()));
    assertTrue(t.isSet(t.numFolds()) && !t.isSet(t.trainRatio()), "set and default Params keep their state");
    assertEquals(10, ((LogisticRegression) t.getEstimator()).getMaxIter());
    assertEquals("areaUnderROC", ((BinaryClassificationEvaluator) t.getEvaluator()).getMetricName());
  }

  @Test
  void paramTheEstimatorLacksFailsBeforeAnyTrial() {
    BayesianTuner misspelled = new BayesianTuner().setEstimator(new LogisticRegression())
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(SearchSpace.builder().addInt("maxDepht", 2, 8).build()).setMaxTrials(2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CreditData.pipelineWith(misspelled).fit(train));
    assertTrue(e.getMessage().contains("'maxDepht'") && e.getMessage().contains("LogisticRegression")
        && e.getMessage().contains("regParam"), e.getMessage());
    assertTrue(jobGroups.stream().noneMatch(g -> g.contains(misspelled.uid())), "no trial may run: " + jobGroups);
  }

  @Test
  void failedTrialsAreObservedAndOnlyAllFailingFailsTheFit() {
    // A features column that does not exist makes a trial's fit throw; the other value works.
    Dataset<Row> assembled = assembled();
    BayesianTunerModel partly = new BayesianTuner().setEstimator(new LogisticRegression().setMaxIter(10))
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(SearchSpace.builder().addCategorical("featuresCol", "features", "no_such_column")
            .addDouble("regParam", 1e-3, 1.0, Scale.LOG).build())
        .setMaxTrials(6).setParallelism(2).setTrainRatio(0.75).setSeed(3).fit(assembled);
    List<String> statuses = new ArrayList<>();
    for (Row r : partly.trials().collectAsList()) {
      statuses.add(r.getAs("status"));
      if ("failed".equals(r.getAs("status"))) {
        assertEquals("no_such_column", r.getAs("featuresCol"));
        assertTrue(((String) r.getAs("error")).contains("no_such_column"), (String) r.getAs("error"));
        assertTrue(r.isNullAt(r.fieldIndex("metric")), "a failed trial has no metric");
      }
    }
    assertTrue(statuses.contains("failed") && statuses.contains("completed"), statuses.toString());
    assertEquals("features", partly.bestParams().get("featuresCol"));

    BayesianTuner hopeless = new BayesianTuner().setEstimator(new LogisticRegression())
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(SearchSpace.builder().addCategorical("featuresCol", "nothing", "nowhere").build())
        .setMaxTrials(2).setTrainRatio(0.75);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> hopeless.fit(assembled));
    assertTrue(e.getMessage().contains("every one of the 2 trials failed"), e.getMessage());
    assertNotNull(e.getCause(), "the first failure is the cause");
    assertTrue(e.getCause().getMessage().contains("nothing") || e.getCause().getMessage().contains("nowhere"),
        e.getCause().getMessage());
  }

  @Test
  void aSmallSpaceEndsOnceEveryConfigurationWasTried() {
    BayesianTunerModel m = new BayesianTuner().setEstimator(new LogisticRegression().setMaxIter(5))
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(SearchSpace.builder().addCategorical("standardization", "true", "false").build())
        .setMaxTrials(5).setParallelism(2).setTrainRatio(0.7).fit(assembled());
    List<Object> tried = new ArrayList<>();
    for (Row r : m.trials().collectAsList()) {
      tried.add(r.getAs("standardization"));
      assertEquals("completed", r.getAs("status"));
    }
    tried.sort(null);
    assertEquals(List.of("false", "true"), tried);
  }

  @Test
  void sameSeedGivesTheSameTrials() {
    Dataset<Row> assembled = assembled();
    // A notebook cell runs in its own job group (its cancel button cancels it); the fit must leave it set.
    spark.sparkContext().setJobGroup("notebook-cell-7", "the caller's group", false);
    List<List<Object>> first;
    try {
      first = seededRun(assembled);
      assertEquals("notebook-cell-7", spark.sparkContext().getLocalProperty("spark.jobGroup.id"));
    } finally {
      spark.sparkContext().clearJobGroup();
    }
    assertEquals(first, seededRun(assembled), "same seed, same splits and suggestions");
    assertEquals(3, first.size());
  }

  /** Each trial's id, regParam and metric from a one-at-a-time run (so the order of endings is fixed). */
  private static List<List<Object>> seededRun(Dataset<Row> data) {
    BayesianTunerModel m = new BayesianTuner().setEstimator(new LogisticRegression().setMaxIter(5))
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace("{\"parameters\": [{\"name\": \"regParam\", \"type\": \"double\","
            + " \"bounds\": {\"min\": 0.0001, \"max\": 1}, \"transformation\": \"log\"}]}")
        .setMaxTrials(3).setParallelism(1).setTrainRatio(0.7).setSeed(99).fit(data);
    List<List<Object>> out = new ArrayList<>();
    for (Row r : m.trials().collectAsList()) {
      out.add(List.of(r.getAs("id"), r.getAs("regParam"), r.getAs("metric")));
    }
    return out;
  }

  private static Dataset<Row> assembled() {
    return fitted.transform(train).select("label", "features");
  }

  private static List<Double> probabilities(Dataset<Row> scored) {
    List<Double> out = new ArrayList<>();
    for (Row r : scored.select("probability").collectAsList()) {
      out.add(((org.apache.spark.ml.linalg.Vector) r.get(0)).apply(1));
    }
    return out;
  }
}
