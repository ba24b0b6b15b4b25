package io.bayestune.driver.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.optimizer.experiment.StrategyType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSpecParserTest {
  /** The repository's example, read from the module directory Maven runs tests in. */
  static final Path EXAMPLE = Path.of("../examples/credit-gbt.yaml");

  static final String BASE = String.join("\n",
      "name: t",
      "data: {path: d.csv, options: {header: true}, label: Status, positive: bad}",
      "model: {estimator: gbt_classifier, params: {maxIter: 5}}",
      "parameters:",
      "  - {name: maxDepth, type: int, bounds: {min: 2, max: 8}}",
      "  - {name: subsamplingRate, type: double, bounds: {min: 0.5, max: 1.0}}",
      "metric: {name: areaUnderROC}",
      "observation_budget: 10",
      "trial_timeout: 90s",
      "");

  static String failure(String yaml) {
    return assertThrows(IllegalArgumentException.class, () -> JobSpecParser.parse(yaml, "credit.yaml")).getMessage();
  }

  static void assertContains(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), () -> "expected \"" + p + "\" in: " + message);
    }
  }

  @Test
  void theExampleParsesToItsValues() {
    JobSpec job = JobSpecParser.parse(EXAMPLE);
    assertEquals("credit-gbt", job.name());
    assertEquals(StrategyType.OFFLINE, job.type());
    assertEquals(new DataSpec("examples/data/credit_data.csv", "csv", Map.of("header", "true"), "Status", "bad",
        List.of(), null, null, null), job.data());
    assertEquals(new ModelSpec("gbt_classifier", Map.of("maxIter", 20), null), job.model());
    assertFalse(job.model().perTask());
    assertEquals(List.of(Map.of("name", "maxDepth", "type", "int", "bounds", Map.of("min", 2, "max", 8)),
        Map.of("name", "stepSize", "type", "double", "bounds", Map.of("min", 0.01, "max", 0.5),
            "transformation", "log")), job.parameters());
    assertEquals(new MetricSpec("areaUnderROC"), job.metric());
    assertEquals(new ValidationSpec(3, 0), job.validation());
    assertEquals(30, job.observationBudget());
    assertEquals(4, job.parallelism());
    assertEquals(Duration.ofMinutes(10), job.trialTimeout());
    assertEquals(42L, job.seed());
    assertEquals("runs/credit-gbt", job.output());
    assertEquals(Map.of(), job.s3());
    assertEquals(Map.of(), job.sparkConf());

    ExperimentSpec spec = job.experimentSpec();
    assertEquals("credit-gbt", spec.name());
    assertEquals(new Metric("areaUnderROC", Metric.Goal.MAXIMIZE), spec.metric());
    assertEquals(30, spec.observationBudget());
    assertEquals(4, spec.parallelBandwidth());
    assertEquals(List.of("maxDepth", "stepSize"), spec.space().parameters().stream().map(p -> p.name()).toList());
    assertEquals(8, job.experimentSpec(8).parallelBandwidth());
  }

  @Test
  void defaultsAndJson() {
    JobSpec job = JobSpecParser.parse("{\"name\": \"r\", \"data\": {\"path\": \"c.csv\", \"label\": \"y\"},"
        + " \"model\": {\"estimator\": \"gbt_regressor\"}, \"metric\": {\"name\": \"rmse\"},"
        + " \"parameters\": [{\"name\": \"maxDepth\", \"type\": \"int\", \"bounds\": {\"min\": 2, \"max\": 5}}],"
        + " \"observation_budget\": 5}", "r.json");
    assertEquals("csv", job.data().format());
    assertEquals(ValidationSpec.defaults(), job.validation());
    assertEquals(0, job.parallelism());
    assertNull(job.trialTimeout());
    assertEquals("runs/r", job.output());
    assertEquals(Metric.Goal.MINIMIZE, job.experimentSpec().metric().objective());
    assertEquals(1, job.experimentSpec().parallelBandwidth());
  }

  @Test
  void unknownFieldsAreNamedWithTheKnownOnes() {
    assertContains(failure(BASE.replace("model:", "modle:")), "job file credit.yaml: unknown field 'modle'",
        "known fields: data, metric, metrics, mlflow, model,", "did you mean 'model'?");
    assertContains(failure(BASE.replace("label: Status", "lable: Status")), "unknown field 'data.lable'",
        "known fields of data:", "did you mean 'label'?");
    assertContains(failure(BASE.replace("{name: areaUnderROC}", "{name: areaUnderROC, goal: max}")),
        "unknown field 'metric.goal'");
  }

  @Test
  void unknownEstimatorIsNamed() {
    assertContains(failure(BASE.replace("gbt_classifier", "gbt_clasifier")), "credit.yaml: model.estimator:",
        "\"gbt_clasifier\"", "did you mean gbt_classifier?");
    assertContains(failure(BASE.replace("gbt_classifier", "java.lang.String")), "model.estimator:",
        "is not a Spark ML Estimator");
  }

  @Test
  void aParamTheEstimatorLacksNamesBoth() {
    assertContains(failure(BASE.replace("name: maxDepth", "name: maxDept")), "parameters[0] 'maxDept'",
        "is not a Param of GBTClassifier (org.apache.spark.ml.classification.GBTClassifier)",
        "did you mean 'maxDepth'?");
    assertContains(failure(BASE.replace("maxIter: 5", "maxIterations: 5")), "model.params.maxIterations",
        "not a Param of GBTClassifier");
  }

  @Test
  void boundsOutsideTheParamsRangeAreNamed() {
    assertContains(failure(BASE.replace("{min: 2, max: 8}", "{min: -1, max: 8}")), "parameters[0] 'maxDepth'",
        "bounds.min -1 is outside the valid range of GBTClassifier.maxDepth");
    assertContains(failure(BASE.replace("{min: 0.5, max: 1.0}", "{min: 0.5, max: 1.5}")),
        "parameters[1] 'subsamplingRate'", "bounds.max 1.5 is outside the valid range of GBTClassifier.subsamplingRate",
        "(0, 1]");
    assertContains(failure(BASE.replace("maxIter: 5", "maxIter: -3")), "model.params.maxIter",
        "value -3 is outside the valid range");
    assertContains(failure(BASE.replace("name: maxDepth, type: int", "name: maxDepth, type: double")),
        "GBTClassifier.maxDepth takes integers; use type: int");
    assertContains(failure(BASE.replace("{name: maxDepth, type: int, bounds: {min: 2, max: 8}}",
        "{name: lossType, type: categorical, categorical_values: [logistic, hinge]}")),
        "categorical value hinge is outside the valid range of GBTClassifier.lossType");
  }

  @Test
  void aMetricThatDoesNotFitTheEstimatorIsNamed() {
    assertContains(failure(BASE.replace("areaUnderROC", "rmse")), "metric.name: rmse does not fit gbt_classifier");
    assertContains(failure(BASE.replace("areaUnderROC", "auc")), "metric.name: unknown metric \"auc\"",
        "areaUnderROC");
    String svc = BASE.replace("gbt_classifier", "linear_svc").replace("areaUnderROC", "logLoss")
        .replace("name: maxDepth, type: int, bounds: {min: 2, max: 8}", "name: regParam, type: double, bounds: {min: 0.001, max: 1}")
        .replace("name: subsamplingRate, type: double, bounds: {min: 0.5, max: 1.0}", "name: tol, type: double, bounds: {min: 1e-6, max: 1e-3}");
    assertContains(failure(svc),
        "metric.name: logLoss does not fit linear_svc", "without class probabilities");
  }

  @Test
  void malformedDurationsNameTheFieldAndTheValue() {
    assertContains(failure(BASE.replace("90s", "10 minutes")), "credit.yaml: trial_timeout: \"10 minutes\" is not"
        + " a duration", "1h30m");
    assertContains(failure(BASE.replace("90s", "0s")), "trial_timeout: must be positive");
    assertEquals(Duration.ofSeconds(90), Durations.parse("t", "90s"));
    assertEquals(Duration.ofMinutes(90), Durations.parse("t", "1h30m"));
    assertEquals(Duration.ofSeconds(2 * 3600 + 15 * 60 + 30), Durations.parse("t", "2h15m30s"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("t", "30m1h"));
  }

  @Test
  void otherFieldsAreChecked() {
    assertContains(failure(BASE.replace("observation_budget: 10", "observation_budget: thirty")),
        "observation_budget: must be an integer of at least 1 such as 30, but got \"thirty\"");
    assertContains(failure(BASE.replace("name: t\n", "")), "name: is required");
    assertContains(failure(BASE.replace("label: Status, ", "")), "data.label: is required");
    assertContains(failure(BASE.replace("d.csv", "d.txt")), "data.format: is required for \"d.txt\"");
    assertContains(failure(BASE + "validation: {folds: 1}\n"), "validation.folds: must be an integer of at least 2");
    assertContains(failure(BASE + "validation: {holdout: 1.5}\n"), "validation.holdout: must be strictly between 0 and 1");
    assertContains(failure(BASE + "validation: {folds: 3, holdout: 0.2}\n"), "validation: set exactly one");
    assertContains(failure(BASE.replace("type: int", "type: integer")), "parameters[0] 'maxDepth'.type");
    assertContains(failure(BASE + "maxDepth: 3\n"), "unknown field 'maxDepth'");
    assertContains(failure(BASE + "type: bayes\n"), "type: must be one of");
  }

  @Test
  void perTaskObjectivesAreCheckedByTheClassLoader() {
    String perTask = BASE.replace("data: {path: d.csv, options: {header: true}, label: Status, positive: bad}\n", "")
        .replace("{estimator: gbt_classifier, params: {maxIter: 5}}", "{objective: " + Sphere.class.getName() + "}")
        .replace("areaUnderROC", "loss, objective: minimize");
    JobSpec job = JobSpecParser.parse(perTask, "p.yaml");
    assertTrue(job.model().perTask());
    assertNull(job.data());
    assertEquals(Metric.Goal.MINIMIZE, job.experimentSpec().metric().objective());
    assertContains(failure(perTask.replace(Sphere.class.getName(), "com.acme.Missing")),
        "model.objective: class com.acme.Missing was not found");
    assertContains(failure(perTask.replace(Sphere.class.getName(), "java.lang.String")),
        "model.objective: class java.lang.String does not implement io.bayestune.driver.Objective");
  }

  @Test
  void toStringNeverPrintsSecrets() {
    JobSpec job = JobSpecParser.parse(BASE.replace("header: true", "header: true, password: s3cr3t") + "s3: {endpoint: 'http://127.0.0.1:9000', access_key: AKIAXYZ,"
        + " secret_key: s3cr3t}\nspark: {spark.hadoop.fs.s3a.secret.key: s3cr3t, spark.executor.memory: 2g}\n",
        "s.yaml");
    assertEquals("s3cr3t", job.s3().get("secret_key"));
    String text = job.toString();
    assertFalse(text.contains("s3cr3t"), text);
    assertFalse(text.contains("AKIAXYZ"), text);
    assertContains(text, "http://127.0.0.1:9000", "spark.executor.memory=2g", "secret_key=****");
  }

  /** A per-task objective for the parser's class check. */
  public static final class Sphere implements io.bayestune.driver.Objective {
    @Override
    public io.bayestune.driver.TrialResult evaluate(Map<String, Object> assignments) {
      double x = (Double) assignments.get("x");
      return io.bayestune.driver.TrialResult.of(-x * x);
    }
  }
}
