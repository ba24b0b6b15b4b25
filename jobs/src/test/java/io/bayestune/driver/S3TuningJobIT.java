package io.bayestune.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.cli.ChildJvm;
import io.bayestune.connectors.testing.S3ProxyServer;
import io.bayestune.driver.job.JobSpecParser;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Whole jobs against S3 (S3Proxy on 127.0.0.1, the real S3A client): credit data read from s3a:// with state
 * and outputs written back; the server stopped for 5 s mid-run; two drivers on one experiment.
 */
class S3TuningJobIT {
  private static S3ProxyServer s3;
  private static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyServer.start();
    s3.createBucket("data");
    s3.createBucket("runs");
    Path credit = Path.of("..", "examples", "data", "credit_data.csv");
    try (S3Client client = s3.client()) {
      client.putObject(b -> b.bucket("data").key("credit/credit_data.csv"), RequestBody.fromFile(credit));
    }
    spark = JobRuns.localSpark("S3TuningJobIT");
  }

  @AfterAll
  static void stop() {
    spark.stop();
    s3.close();
  }

  private static String s3Block() {
    return "s3: {endpoint: \"" + s3.endpoint() + "\", region: us-east-1, path_style_access: \"true\", access_key: "
        + s3.accessKey() + ", secret_key: " + s3.secretKey() + "}";
  }

  private Path sleepJob(String name, String output, int budget) throws Exception {
    return Files.writeString(dir.resolve(name + ".yaml"), String.join("\n",
        "name: " + name,
        "model: {objective: io.bayestune.cluster.job.SleepingTrial}",
        "parameters:",
        "  - {name: x, type: double, bounds: {min: 0, max: 1}}",
        "  - {name: y, type: double, bounds: {min: 0, max: 1}}",
        "metric: {name: f}",
        "observation_budget: " + budget,
        "parallelism: 2",
        "seed: 5",
        "output: " + output,
        s3Block()));
  }

  /** Two logistic-regression trials on the credit data described by {@code data}, state and outputs at {@code output}. */
  private Path creditJob(String name, String data, String output) throws Exception {
    return Files.writeString(dir.resolve(name + ".yaml"), String.join("\n",
        "name: " + name,
        "data: " + data,
        "model: {estimator: logistic_regression, params: {maxIter: 10}}",
        "parameters:",
        "  - {name: regParam, type: double, bounds: {min: 0.001, max: 1}, transformation: log}",
        "metric: {name: areaUnderROC}",
        "validation: {holdout: 0.25}",
        "observation_budget: 2",
        "parallelism: 2",
        "seed: 3",
        "output: " + output,
        s3Block()));
  }

  private static String run(Path jobFile) throws Exception {
    return JobRuns.printed(spark, JobSpecParser.parse(jobFile));
  }

  private static Experiment stored(String key) {
    try (S3Client client = s3.client()) {
      return Experiment.fromJson(client.getObjectAsBytes(b -> b.bucket("runs").key(key)).asUtf8String());
    }
  }

  private static void assertEachOnce(Experiment e, int count) {
    List<Observation> observations = e.observations();
    assertEquals(count, observations.size());
    Set<String> ids = new HashSet<>();
    observations.forEach(o -> assertTrue(ids.add(o.suggestionId()), "observed twice: " + o.suggestionId()));
  }

  @Test
  void creditDataFromS3WithStateAndOutputsWrittenBack() throws Exception {
    Path file = creditJob("credit-lr", "{path: \"s3a://data/credit/credit_data.csv\", format: csv,"
        + " options: {header: \"true\"}, label: Status, positive: bad}", "s3a://runs/credit");
    String printed = run(file);
    assertEquals(2, printed.lines().filter(l -> l.startsWith("[")).count(), printed);
    Experiment e = stored("credit/experiment/experiment.json");
    assertEachOnce(e, 2);
    e.observations().forEach(o -> assertTrue(!o.failed() && o.value() > 0.6 && o.value() <= 1,
        "AUC of a logistic regression on the credit data: " + o));
    List<Row> trials = spark.read().parquet("s3a://runs/credit/trials.parquet").collectAsList();
    assertEquals(2, trials.size());
    try (S3Client client = s3.client()) {
      String best = client.getObjectAsBytes(b -> b.bucket("runs").key("credit/best.json")).asUtf8String();
      assertTrue(best.contains("\"best_assignments\"") && best.contains("regParam"), best);
      assertTrue(!best.contains(s3.secretKey()) && !printed.contains(s3.secretKey()), "secret in an output");
      Set<String> written = new HashSet<>();
      client.listObjectsV2Paginator(b -> b.bucket("runs").prefix("credit/")).contents()
          .forEach(o -> written.add(o.key().substring("credit/".length()).split("/")[0]));
      assertTrue(written.containsAll(Set.of("experiment", "trials.parquet", "trials.csv", "best.json", "report.html",
          "best-model")), "objects written under s3a://runs/credit/: " + written);
      // One object, not a folder of Spark part files: a person downloads it and opens it.
      String csv = client.getObjectAsBytes(b -> b.bucket("runs").key("credit/trials.csv")).asUtf8String();
      assertEquals(3, csv.lines().count(), "trials.csv: a header and the 2 trials\n" + csv);
    }
  }

  @Test
  void parquetWrittenToS3FirstIsTheJobsData() throws Exception {
    // The test's own conversion step needs the server's settings too (the job brings its s3 block).
    s3.s3aSettings().forEach(spark.sparkContext().hadoopConfiguration()::set);
    spark.read().option("header", "true").option("inferSchema", "true").csv("s3a://data/credit/credit_data.csv")
        .write().mode("overwrite").parquet("s3a://data/credit-parquet");
    Path file = creditJob("credit-parquet",
        "{path: \"s3a://data/credit-parquet\", format: parquet, label: Status, positive: bad}",
        "s3a://runs/credit-parquet");
    run(file);
    Experiment e = stored("credit-parquet/experiment/experiment.json");
    assertEachOnce(e, 2);
    e.observations().forEach(o -> assertTrue(!o.failed() && o.value() > 0.6 && o.value() <= 1,
        "AUC of a logistic regression on the credit data read as Parquet from S3: " + o));
  }

  @Test
  void aBucketFirstReadWithOtherSettingsIsReachedWithTheJobsOwn() throws Exception {
    // A notebook cell read the bucket with a wrong secret before the job ran: S3A cached a file system
    // for "data" with that secret, and the job's s3 block alone would never reach it.
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    s3.s3aSettings().forEach(conf::set);
    conf.set("fs.s3a.secret.key", "not-the-secret");
    // whatever an earlier test left cached for the bucket goes first, so the read below makes its own
    org.apache.hadoop.fs.FileSystem.get(java.net.URI.create("s3a://data/"), conf).close();
    Exception refused = assertThrows(Exception.class,
        () -> spark.read().option("header", "true").csv("s3a://data/credit/credit_data.csv").count());
    assertTrue(String.valueOf(refused.getMessage()).contains("403") || refused.toString().contains("AccessDenied")
        || refused.toString().contains("Forbidden"), "the wrong secret is refused: " + refused);
    Path file = creditJob("credit-after-wrong-secret", "{path: \"s3a://data/credit/credit_data.csv\", format: csv,"
        + " options: {header: \"true\"}, label: Status, positive: bad}", "s3a://runs/credit-after-wrong-secret");
    run(file);
    Experiment e = stored("credit-after-wrong-secret/experiment/experiment.json");
    assertEachOnce(e, 2);
    e.observations().forEach(o -> assertTrue(!o.failed() && o.value() > 0.6, "trained on the S3 data: " + o));
  }

  @Test
  void serverStoppedMidRunAndTheJobCompletesWithEveryObservationOnce() throws Exception {
    Path file = sleepJob("outage", "s3a://runs/outage", 10);
    AtomicInteger observedAtStop = new AtomicInteger(-1);
    AtomicLong restartingAt = new AtomicLong(Long.MAX_VALUE);
    Thread outage = new Thread(() -> {
      try {
        // stop the server once the job has saved a few observations, so the outage falls mid-run
        for (int seen = 0; seen < 2; Thread.sleep(100)) {
          try {
            seen = stored("outage/experiment/experiment.json").observations().size();
          } catch (RuntimeException notYetWritten) {
            seen = 0;
          }
        }
        observedAtStop.set(stored("outage/experiment/experiment.json").observations().size());
        s3.stop();
        Thread.sleep(5000);
        // Before the restart: the server answers nothing earlier, so a job that rode the outage out
        // ends after this (set after restart() returns, it could come later than a quick job's end).
        restartingAt.set(System.nanoTime());
        s3.restart();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    outage.start();
    String printed;
    long endedAt;
    try {
      printed = run(file);
      // Taken when the job ends, not after joining the outage thread (that made the check below always hold).
      endedAt = System.nanoTime();
    } finally {
      outage.join();
    }
    assertTrue(observedAtStop.get() >= 2 && observedAtStop.get() < 10, "stopped mid-run at " + observedAtStop);
    assertTrue(restartingAt.get() < endedAt, "the job outlived the outage");
    assertEquals(10, printed.lines().filter(l -> l.startsWith("[")).count(), printed);
    assertEachOnce(stored("outage/experiment/experiment.json"), 10);
  }

  @Test
  void aSecondDriverOnTheSameExperimentIsRefusedAndNothingIsLost() throws Exception {
    Path file = sleepJob("shared", "s3a://runs/shared", 8);
    // The first driver's trials sleep three times as long (1.5-4.5 s): the second must load the state
    // while the first still runs, else it finds a finished experiment and neither stops. At the usual
    // length the first had about 2 s left once it printed two lines, too little on a busy machine.
    Process first = ChildJvm.spark(List.of("-Dbayestune.sleepScale=3"), "run", file.toString(), "--master", "local[2]")
        .redirectError(dir.resolve("first.err").toFile()).start();
    List<String> firstLines = new ArrayList<>();
    String second = null;
    Exception secondFailure = null;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
      String line = lines.readLine();
      for (; line != null && firstLines.size() < 2; line = lines.readLine()) {
        if (line.startsWith("[")) {
          firstLines.add(line);
        }
      }
      assertEquals(2, firstLines.size(), "first driver's stderr: " + Files.readString(dir.resolve("first.err")));
      try {
        second = run(file);
      } catch (Exception e) {
        secondFailure = e;
      }
      for (; line != null; line = lines.readLine()) {
        if (line.startsWith("[")) {
          firstLines.add(line);
        }
      }
      assertTrue(first.waitFor(180, TimeUnit.SECONDS));
    } finally {
      first.destroyForcibly();
    }
    String firstErr = Files.readString(dir.resolve("first.err"));
    boolean firstRefused = first.exitValue() != 0;
    boolean secondRefused = secondFailure != null;
    assertTrue(firstRefused != secondRefused, "exactly one driver stops: first exit " + first.exitValue()
        + ", second " + (secondFailure == null ? "finished" : secondFailure) + "\n" + firstErr);
    String refusal = firstRefused ? firstErr : secondFailure.getMessage();
    assertTrue(refusal.contains("changed by another writer") || refusal.contains("another driver"), refusal);
    Experiment e = stored("shared/experiment/experiment.json");
    assertEachOnce(e, 8);
    if (!firstRefused) {
      assertTrue(firstLines.size() >= 2, "the first driver reported its trials");
    } else {
      assertTrue(second.contains("resuming with"), second);
    }
  }
}
