package io.bayestune.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayestune.driver.job.JobSpec;
import io.bayestune.driver.job.JobSpecParser;
import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/credit-constrained.yaml on a real local[2] Spark, with a smaller budget: the best model's
 * recall of the positive class meets the threshold on every fold, and a trial that missed it is never best.
 */
class ConstrainedJobIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void bestModelMeetsTheRecallThresholdOnEveryFold() throws Exception {
    String yaml = Files.readString(Path.of("../examples/credit-constrained.yaml"))
        .replace("examples/data/credit_data.csv", "../examples/data/credit_data.csv")
        .replace("observation_budget: 20", "observation_budget: 6")
        .replace("output: runs/credit-constrained", "output: " + dir.resolve("out"));
    JobSpec job = JobSpecParser.parse(yaml, "credit-constrained.yaml");
    SparkSession spark = JobRuns.localSpark("ConstrainedJobIT");
    try {
      JobRuns.printed(spark, job);
    } finally {
      spark.stop();
    }
    Experiment e = Experiment.fromJson(Files.readString(dir.resolve("out/experiment/experiment.json")));
    assertEquals(6, e.observations().size());
    Best best = e.best().orElseThrow(() -> new AssertionError("no trial met recall >= 0.7: " + e.observations()));
    Observation bestTrial = e.observationOf(best.suggestionId()).orElseThrow();
    double[] recalls = Arrays.stream(bestTrial.metadata().get("folds.recallByLabel").split(","))
        .mapToDouble(Double::parseDouble).toArray();
    assertEquals(3, recalls.length);
    for (double r : recalls) {
      assertTrue(r >= 0.7, "best trial " + best.suggestionId() + ": fold recalls " + Arrays.toString(recalls));
    }
    for (Observation o : e.observations()) {
      if (!o.failed() && !o.feasible(e.spec())) {
        assertTrue(!o.suggestionId().equals(best.suggestionId()));
      }
      assertEquals(3, o.values().size(), "every metric is recorded: " + o.values());
    }
    JsonNode bestJson = JSON.readTree(dir.resolve("out/best.json").toFile());
    assertEquals(best.value(), bestJson.path("value").asDouble(), 1e-12);
    assertEquals(3, bestJson.path("values").size(), bestJson.toString());
  }
}
