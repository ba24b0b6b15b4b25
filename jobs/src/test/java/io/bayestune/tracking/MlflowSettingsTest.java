package io.bayestune.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.driver.job.JobSpec;
import io.bayestune.driver.job.JobSpecParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlflowSettingsTest {
  private static final String JOB = String.join("\n",
      "name: sim",
      "model: {objective: io.bayestune.cluster.job.SleepingTrial}",
      "parameters: [{name: x, type: double, bounds: {min: 0, max: 1}}]",
      "metric: {name: f}",
      "observation_budget: 3", "");

  @Test
  void theBlockIsReadAndNamesDefaultToTheJob() {
    JobSpec job = JobSpecParser.parse(JOB + "mlflow: {tracking_uri: \"http://127.0.0.1:5000\", experiment: e1}\n",
        "sim.yaml");
    MlflowSettings s = job.mlflow().resolve(Map.of(), job.name());
    assertEquals(new MlflowSettings("http://127.0.0.1:5000", "e1", "sim"), s);
    assertEquals(null, JobSpecParser.parse(JOB, "sim.yaml").mlflow());
  }

  @Test
  void theEnvironmentGivesTheUriWhenTheBlockDoesNot() {
    JobSpec job = JobSpecParser.parse(JOB + "mlflow: {experiment: e1}\n", "sim.yaml");
    assertEquals("https://mlflow.example:443",
        job.mlflow().resolve(Map.of("MLFLOW_TRACKING_URI", "https://mlflow.example:443"), "sim").trackingUri());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> job.mlflow().resolve(Map.of(), "sim"));
    assertTrue(e.getMessage().startsWith("mlflow.tracking_uri: is not set and neither is MLFLOW_TRACKING_URI;"),
        e.getMessage());
  }

  @Test
  void aLocalFolderIsRefusedNamingTheSettingAndTheFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JobSpecParser.parse(JOB + "mlflow: {tracking_uri: \"file:///tmp/mlruns\"}\n", "sim.yaml"));
    assertTrue(e.getMessage().startsWith("job file sim.yaml: mlflow.tracking_uri: must be an MLflow tracking server's"
        + " http(s):// URL or databricks, but got \"file:///tmp/mlruns\""), e.getMessage());
    assertTrue(e.getMessage().contains("mlflow server --backend-store-uri sqlite:///mlflow.db"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new MlflowSettings("mlruns", null, null));
    assertEquals("databricks", new MlflowSettings("databricks", null, null).trackingUri());
  }

  @Test
  void anUnknownFieldSuggestsTheKnownOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JobSpecParser.parse(JOB + "mlflow: {tracking_url: \"http://h:5000\"}\n", "sim.yaml"));
    assertTrue(e.getMessage().contains("unknown field 'mlflow.tracking_url'") && e.getMessage().contains(
        "did you mean 'tracking_uri'?"), e.getMessage());
  }
}
