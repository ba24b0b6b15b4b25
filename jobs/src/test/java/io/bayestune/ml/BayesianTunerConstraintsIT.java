package io.bayestune.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.optimizer.experiment.Observation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BayesianTuner with a constraint from an extra metric, on the credit data, local[2]: maximize areaUnderROC subject
 * to the recall of the positive class ("bad" credits) being at least 0.7 on every fold, searching the logistic
 * regression's decision threshold (recall depends on it, AUC does not). 5 trials, 2 folds.
 */
class BayesianTunerConstraintsIT {
  private static final long SEED = 11;
  private static final double MIN_RECALL = 0.7;
  private static final String EXTRA = "[{\"name\": \"recallByLabel\", \"label\": 1, \"strategy\": \"constraint\","
      + " \"threshold\": " + MIN_RECALL + "}, {\"name\": \"training_seconds\", \"strategy\": \"store\"}]";
  private static SparkSession spark;
  private static Dataset<Row> data;
  private static BayesianTuner tuner;
  private static PipelineModel fitted;
  private static BayesianTunerModel model;

  @TempDir
  static Path dir;

  @BeforeAll
  static void fitOnce() {
    spark = CreditData.localSpark("BayesianTunerConstraintsIT");
    data = CreditData.load(spark).cache();
    tuner = tuner(MIN_RECALL, 5);
    fitted = CreditData.pipelineWith(tuner).fit(data);
    model = (BayesianTunerModel) fitted.stages()[fitted.stages().length - 1];
  }

  private static BayesianTuner tuner(double minRecall, int trials) {
    return new BayesianTuner().setEstimator(new LogisticRegression().setMaxIter(10))
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(SearchSpace.builder().addDouble("regParam", 1e-4, 0.1, Scale.LOG)
            .addDouble("threshold", 0.05, 0.9).build())
        .setExtraMetrics(EXTRA.replace("0.7}", minRecall + "}"))
        .setMaxTrials(trials).setParallelism(1).setNumFolds(2).setSeed(SEED);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void theChosenModelIsTheBestFeasibleTrialAndMeetsTheConstraintOnEveryFold() {
    Experiment e = model.experiment();
    Metric recall = e.spec().constraints().get(0);
    List<Observation> completed = e.observations().stream().filter(o -> !o.failed()).toList();
    assertEquals(5, completed.size(), e.observations().toString());
    // The threshold bites: some configurations miss it, so choosing by AUC alone could pick one of those.
    assertTrue(completed.stream().anyMatch(o -> !o.feasible(e.spec())), "no trial missed recall >= 0.7: " + completed);
    Observation best = e.observationOf(Long.toString(model.bestTrialId())).orElseThrow();
    assertTrue(best.feasible(e.spec()), "the chosen trial misses the constraint: " + best);
    double bestFeasible = completed.stream().filter(o -> o.feasible(e.spec())).mapToDouble(Observation::value).max()
        .orElseThrow();
    assertEquals(bestFeasible, model.bestValue(), 0.0);

    // Recomputed here, on the tuner's own folds (same seed, same input): fit the best Params on each training set
    // and measure recall of "bad" on its validation set.
    Dataset<Row> prepared = fitted.stages()[3].transform(fitted.stages()[2].transform(fitted.stages()[1].transform(
        fitted.stages()[0].transform(data))));
    double[] logged = Arrays.stream(best.metadata().get("folds.recallByLabel").split(","))
        .mapToDouble(Double::parseDouble).toArray();
    MulticlassClassificationEvaluator recallOfBad = new MulticlassClassificationEvaluator()
        .setMetricName("recallByLabel").setMetricLabel(1.0);
    try (ValidationSplits splits = ValidationSplits.kFold(prepared, 2, SEED)) {
      for (int fold = 0; fold < splits.splits(); fold++) {
        LogisticRegression lr = new LogisticRegression().setMaxIter(10)
            .setRegParam((Double) model.bestParams().get("regParam"))
            .setThreshold((Double) model.bestParams().get("threshold"));
        Model<?> m = lr.fit(splits.train(fold));
        double r = recallOfBad.evaluate(m.transform(splits.test(fold)));
        assertEquals(logged[fold], r, 1e-9, "fold " + (fold + 1) + " recall, as the tuner measured it");
        assertTrue(r >= MIN_RECALL, "fold " + (fold + 1) + ": recall " + r + " < " + MIN_RECALL);
      }
    }
    assertEquals(recall.threshold(), MIN_RECALL, 0.0);

    Row chosen = model.trials().where("id = " + model.bestTrialId()).first();
    assertTrue(chosen.<Boolean>getAs("feasible"));
    assertEquals(Math.min(logged[0], logged[1]), chosen.<Double>getAs("recallByLabel"), 1e-12);
    assertTrue(chosen.<Double>getAs("training_seconds") > 0);
  }

  @Test
  void saveAndLoadKeepTheConstraints() throws java.io.IOException {
    String tunerPath = dir.resolve("tuner").toString();
    tuner.write().save(tunerPath);
    BayesianTuner loaded = BayesianTuner.load(tunerPath);
    assertEquals(tuner.getExtraMetrics(), loaded.getExtraMetrics());

    String modelPath = dir.resolve("pipeline-model").toString();
    fitted.write().save(modelPath);
    Transformer[] stages = PipelineModel.load(modelPath).stages();
    BayesianTunerModel back = (BayesianTunerModel) stages[stages.length - 1];
    Metric recall = back.experiment().spec().constraints().get(0);
    assertEquals("recallByLabel", recall.name());
    assertEquals(MIN_RECALL, recall.threshold(), 0.0);
    assertEquals(model.bestTrialId(), back.bestTrialId());
  }

  @Test
  void noFeasibleTrialFailsTheFitNamingTheConstraint() {
    // Recall is at most 1, so no configuration can meet 1.01.
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> CreditData.pipelineWith(tuner(1.01, 2)).fit(data));
    String m = e.getMessage();
    assertTrue(m.contains("none of the 2 completed trials met the constraints of extraMetrics on every fold")
        && m.contains("recallByLabel >= 1.01") && m.contains("loosen the threshold"), m);
    assertFalse(m.contains("every one of"), m);
  }
}
