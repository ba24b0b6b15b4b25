package io.bayestune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
