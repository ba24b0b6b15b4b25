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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs submitted with SparkSubmit to a real standalone cluster (a master and two one-core workers, each in its
 * own JVM, executors in JVMs of their own) with the cluster jar and the test-jobs jar as the user's jars. Each
 * test loses a worker, so each starts a cluster of its own.
 */
class StandaloneClusterIT {
  static final Path CREDIT = Path.of("../examples/data/credit_data.csv").toAbsolutePath().normalize();

  @TempDir
  Path dir;
  private StandaloneCluster cluster;
  private long startedAt;

  @BeforeEach
  void startCluster() throws Exception {
    startedAt = System.nanoTime();
    cluster = StandaloneCluster.start(dir, 2);
    System.out.printf("standalone cluster (master + 2 workers) up in %.1f s%n", seconds(startedAt));
  }

  @AfterEach
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
      System.out.printf("StandaloneClusterIT: %.1f s with this cluster%n", seconds(startedAt));
    }
  }

  /**
   * A per-task tuning job (parallelism 2, budget 12, an objective from the test-jobs jar, 0.5-1.5 s a trial) runs trials on both
   * workers, then loses worker 0 with its executor after three observations: it completes on worker 1 with every
   * observation stored once.
   */
  @Test
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
    assertEveryTrialStoredOnce(driver, log, output, 12);
    System.out.printf("tuning job, budget 12 on 2 workers, one killed mid-run: %.1f s%n", seconds(start));
  }

  /**
   * The distributed mode: a model job on the credit data (logistic regression, 2 folds, parallelism 2,
   * budget 8), whose every trial is a Spark ML fit with tasks on both workers' executors. Worker 0 dies
   * while trials run; Spark re-runs the lost tasks (and recomputes the lost cached partitions) on worker
   * 1, so every trial completes and each is stored once, and the best model is refit and saved.
   */
  @Test
  void aDistributedModelJobLosesNoObservationWhenAWorkerDies() throws Exception {
    Path output = dir.resolve("model-out");
    Path job = Files.writeString(dir.resolve("credit-lr.yaml"), String.join("\n",
        "name: credit-lr-on-a-cluster",
        "data: {path: \"" + CREDIT + "\", format: csv, options: {header: \"true\"}, label: Status, positive: bad}",
        "model: {estimator: logistic_regression, params: {maxIter: 20}}",
        "parameters:",
        "  - {name: regParam, type: double, bounds: {min: 0.0001, max: 1}, transformation: log}",
        "  - {name: elasticNetParam, type: double, bounds: {min: 0, max: 1}}",
        "metric: {name: areaUnderROC}",
        "validation: {folds: 2}",
        "observation_budget: 8",
        "parallelism: 2",
        "seed: 5",
        "output: " + output, ""));
    Path log = dir.resolve("model.log");
    long start = System.nanoTime();
    Process driver = submit(List.of("--class", "io.bayestune.cli.Main", SparkDistribution.clusterJar().toString(),
        "run", job.toString()), log).start();
    try {
      awaitObservations(output, 2, driver, log);
      awaitExecutorLog(cluster.workDir(0), "Finished task", 60);
      awaitExecutorLog(cluster.workDir(1), "Finished task", 60);
      cluster.killWorker(0);
      int storedAtKill = TuningOutputs.storedObservations(output).map(List::size).orElse(0);
      System.out.printf("worker 0 killed after %.1f s, %d observations stored%n", seconds(start), storedAtKill);
      assertTrue(storedAtKill < 8, "the kill must come mid-run, but all 8 trials were stored already");
      assertTrue(driver.waitFor(300, TimeUnit.SECONDS), "the job did not finish after losing a worker");
    } finally {
      driver.descendants().forEach(ProcessHandle::destroyForcibly);
      driver.destroyForcibly();
    }
    assertEveryTrialStoredOnce(driver, log, output, 8)
        .forEach(o -> assertTrue(o.value() > 0.6 && o.value() < 0.95, "a credit AUC: " + o));
    assertTrue(Files.isDirectory(output.resolve("best-model")), "the refit best model is saved");
    // The driver saw the executor go while the job ran (Spark's TaskSchedulerImpl logs it at ERROR).
    assertTrue(Files.readString(log).contains("Lost executor"), JavaProcess.tail(log, 60));
    System.out.printf("model job, budget 8 on 2 workers, one killed mid-run: %.1f s%n", seconds(start));
  }

  /** The driver succeeded with {@code budget} trials, none failed, each stored once and one row of trials.csv. */
  private static List<Observation> assertEveryTrialStoredOnce(Process driver, Path log, Path output, int budget)
      throws IOException {
    assertEquals(0, driver.exitValue(), JavaProcess.tail(log, 60));
    List<Observation> observed = TuningOutputs.observations(output);
    assertEquals(budget, TuningOutputs.distinctIds(observed).size(), JavaProcess.tail(log, 60));
    assertTrue(observed.stream().noneMatch(Observation::failed), "no trial should count as failed: " + observed);
    assertEquals(TuningOutputs.distinctIds(observed), TuningOutputs.trialsCsvIds(output), "trials.csv: one row a trial");
    return observed;
  }

  private static final int WAIT_SECONDS = 600;

  /** spark-submit to the cluster in client mode, executors of 512 MiB (a worker has 1 GiB), both cores. */
  private JavaProcess submit(List<String> appArgs, Path log) {
    List<String> args = new ArrayList<>(List.of("--master", cluster.masterUrl(),
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.executor.memory=512m",
        "--conf", "spark.cores.max=2"));
    args.addAll(appArgs);
    return SparkSubmitCommand.of(args, log).env("SPARK_HOME", cluster.sparkHome().toString());
  }

  private static void awaitObservations(Path output, int n, Process driver, Path log) throws Exception {
    // a bound on waiting for progress, not a speed check: generous, so that a loaded CI machine (a niced build at
    // load 18 took more than 180 s for the first two trials of the distributed model) does not fail a correct job
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      if (!driver.isAlive()) {
        throw new AssertionError("the driver exited early:\n" + JavaProcess.tail(log, 60));
      }
      if (TuningOutputs.storedObservations(output).map(List::size).orElse(0) >= n) {
        return;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("fewer than " + n + " observations after " + WAIT_SECONDS + " s:\n"
        + JavaProcess.tail(log, 60));
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
