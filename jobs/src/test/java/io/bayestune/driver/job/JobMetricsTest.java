package io.bayestune.driver.job;

import static io.bayestune.driver.job.JobSpecParserTest.assertContains;
import static io.bayestune.driver.job.JobSpecParserTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.experiment.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job file's {@code metrics:} list: SigOpt's multimetric schema with evaluator metrics and built-ins. */
class JobMetricsTest {
  private static final String WITHOUT_METRIC = JobSpecParserTest.BASE.replace("metric: {name: areaUnderROC}\n", "");

  @Test
  void theConstrainedExampleBecomesAThreeMetricExperiment() throws Exception {
    JobSpec job = JobSpecParser.parse(Files.readString(Path.of("../examples/credit-constrained.yaml")),
        "credit-constrained.yaml");
    ExperimentSpec spec = job.experimentSpec();
    assertEquals(List.of(new Metric("areaUnderROC", Metric.Goal.MAXIMIZE),
        new Metric("recallByLabel", Metric.Goal.MAXIMIZE, Metric.Strategy.CONSTRAINT, 0.7),
        new Metric("training_seconds", Metric.Goal.MINIMIZE, Metric.Strategy.STORE, null)), spec.metrics());
    assertEquals(1.0, job.metrics().get(1).label());
    assertEquals("areaUnderROC", job.metric().name());
  }

  @Test
  void badMetricListsNameTheFieldAndTheFix() {
    assertContains(failure(JobSpecParserTest.BASE + "metrics: [{name: f1}]\n"), "metrics", "not both");
    assertContains(failure(WITHOUT_METRIC + "metrics: [{name: areaUnderROC}, {name: recallByLabel,"
        + " strategy: constraint}]\n"), "metrics[1] 'recallByLabel': threshold", "add \"threshold\"");
    assertContains(failure(WITHOUT_METRIC + "metrics: [{name: areaUnderROC}, {name: rmse, strategy: store}]\n"),
        "metrics[1].name", "rmse does not fit");
    assertContains(failure(WITHOUT_METRIC + "metrics: [{name: areaUnderROC}, {name: f1}, {name: accuracy}]\n"),
        "metrics: at most 2", "\"constraint\"");
    assertContains(failure(WITHOUT_METRIC + "metrics: [{name: areaUnderROC, threshold: x}]\n"),
        "metrics[0].threshold", "must be a number");
  }
}
