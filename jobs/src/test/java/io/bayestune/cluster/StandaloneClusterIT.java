package io.bayestune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.Observation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs submitted with SparkSubmit to a real standalone cluster (a master and two one-core workers, each in its
 * own JVM, executors in JVMs of their own) with the cluster jar and the test-jobs jar as the user's jars.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {

  @TempDir
  static Path dir;
  private static StandaloneCluster cluster;
  private static long startedAt;

  @BeforeAll
  static void startCluster() throws Exception {
    startedAt = System.nanoTime();
    cluster = StandaloneCluster.start(dir, 2);
    System.out.printf("standalone cluster (master + 2 workers) up in %.1f s%n", seconds(startedAt));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
      System.out.printf("StandaloneClusterIT: %.1f s in all%n", seconds(startedAt));
    }
  }

  /**
   * A per-task tuning job (parallelism 2, budget 12, an objective from the test-jobs jar, 0.5-1.5 s a trial) runs trials on both
   * workers, then loses worker 0 with its executor after three observations: it completes on worker 1 with every
   * observation stored once.
   */
  @Test
  @Order(1)
  void aTuningJobLosesNoObservationWhenAWorkerDies() throws Exception {
    Path output = dir.resolve("tuning-out");
    Path job = Files.writeString(dir.resolve("sleeping.yaml"), String.join("\n",
        "name: sleeping-on-a-cluster",
        "model: {objective: io.bayestune.cluster.job.SleepingTrial}",
        "parameters:",
        "  - {name: x, type: double, bounds: {min: 0, max: 1}}",
        "  - {name: y, type: double, bounds: {min: 0, max: 1}}",
        "metric: {name: f, objective: maximize}",
        "observation_budget: 12",
        "parallelism: 2",
        "seed: 5",
        "output: " + output, ""));
    Path log = dir.resolve("tuning.log");
    long start = System.nanoTime();
    Process driver = submit(List.of("--class", "io.bayestune.cli.Main", "--jars",
        SparkDistribution.testJobsJar().toString(), SparkDistribution.clusterJar().toString(), "run", job.toString()),
        log).start();
    try {
      awaitObservations(output, 3, driver, log);
      awaitExecutorLog(cluster.workDir(0), "Finished task", 60);
      awaitExecutorLog(cluster.workDir(1), "Finished task", 60);
      awaitExecutorLog(cluster.workDir(0), "Running task", 60);
      cluster.killWorker(0);
      System.out.printf("worker 0 killed after %.1f s%n", seconds(start));
      assertTrue(driver.waitFor(240, TimeUnit.SECONDS), "the job did not finish after losing a worker");
    } finally {
      driver.descendants().forEach(ProcessHandle::destroyForcibly);
      driver.destroyForcibly();
    }
    assertEquals(0, driver.exitValue(), JavaProcess.tail(log, 60));
    List<Observation> observed = TuningOutputs.observations(output);
    assertEquals(12, TuningOutputs.distinctIds(observed).size(), JavaProcess.tail(log, 60));
    assertTrue(observed.stream().noneMatch(Observation::failed), "no trial should count as failed: " + observed);
    assertEquals(TuningOutputs.distinctIds(observed), TuningOutputs.trialsCsvIds(output), "trials.csv: one row a trial");
    System.out.printf("tuning job, budget 12 on 2 workers, one killed mid-run: %.1f s%n", seconds(start));
  }

  /** spark-submit to the cluster in client mode, executors of 512 MiB (a worker has 1 GiB), both cores. */
  private static JavaProcess submit(List<String> appArgs, Path log) {
    List<String> args = new ArrayList<>(List.of("--master", cluster.masterUrl(),
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.executor.memory=512m",
        "--conf", "spark.cores.max=2"));
    args.addAll(appArgs);
    return SparkSubmitCommand.of(args, log).env("SPARK_HOME", cluster.sparkHome().toString());
  }

  private static void awaitObservations(Path output, int n, Process driver, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!driver.isAlive()) {
        throw new AssertionError("the driver exited early:\n" + JavaProcess.tail(log, 60));
      }
      if (TuningOutputs.storedObservations(output).map(List::size).orElse(0) >= n) {
        return;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("fewer than " + n + " observations after 180 s:\n" + JavaProcess.tail(log, 60));
  }

  /** Waits until an executor under {@code workDir} logs {@code text} ("Running task", "Finished task"). */
  private static void awaitExecutorLog(Path workDir, String text, int timeoutSeconds)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      List<Path> stderrs = new ArrayList<>();
      try (Stream<Path> files = Files.walk(workDir)) {
        files.filter(p -> p.getFileName().toString().equals("stderr")).forEach(stderrs::add);
      }
      for (Path stderr : stderrs) {
        if (Files.readString(stderr).contains(text)) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no executor under " + workDir + " logged '" + text + "' within " + timeoutSeconds + " s");
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
