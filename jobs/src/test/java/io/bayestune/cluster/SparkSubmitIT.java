package io.bayestune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster jar under Spark's real submit entry point, on a Spark distribution's classpath and nothing else:
 * everything bayestune needs beyond Spark must come from the jar.
 */
class SparkSubmitIT {
  @TempDir
  Path dir;

  @Test
  void theDemoRunsFromTheClusterJarUnderSparkSubmit() throws Exception {
    JavaProcess.Finished demo = SparkSubmitCommand.of(List.of("--master", "local[2]", "--class",
        "io.bayestune.cli.Main", SparkDistribution.clusterJar().toString(), "demo", "--budget", "10", "--seed", "3"),
        dir.resolve("submit.log")).run(180);
    System.out.printf("SparkSubmit demo --budget 10: %.1f s%n", demo.seconds());

    assertEquals(0, demo.exitCode(), demo.tail());
    assertTrue(demo.output().contains("[10/10] value="), demo.tail());
    assertTrue(demo.output().contains("best after 10 evaluations:"), demo.tail());
  }

  @Test
  void theExampleJobRunsFromTheClusterJarUnderSparkSubmit() throws Exception {
    Path output = dir.resolve("credit-gbt");
    JavaProcess.Finished run = SparkSubmitCommand.of(List.of("--master", "local[2]", "--class",
        "io.bayestune.cli.Main", SparkDistribution.clusterJar().toString(),
        "run", "examples/credit-gbt.yaml", "--budget", "3", "--output", output.toString()),
        dir.resolve("run.log")).directory(SparkDistribution.repoRoot()).run(600);
    System.out.printf("SparkSubmit run examples/credit-gbt.yaml --budget 3: %.1f s%n", run.seconds());

    assertEquals(0, run.exitCode(), run.tail());
    List<Observation> observed = TuningOutputs.observations(output);
    assertEquals(3, TuningOutputs.distinctIds(observed).size(), run.tail());
    for (Observation o : observed) {
      assertTrue(!o.failed() && o.value() > 0.5 && o.value() <= 1.0,
          "a GBT on the credit data should reach an areaUnderROC in (0.5, 1]: " + o);
    }
    for (String file : List.of("best.json", "report.html")) {
      assertTrue(Files.isRegularFile(output.resolve(file)), file + " missing in " + output + "\n" + run.tail());
    }
    assertEquals(TuningOutputs.distinctIds(observed), TuningOutputs.trialsCsvIds(output), "trials.csv: one row a trial");
  }
}
