package io.bayestune.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.connectors.testing.HdfsCluster;
import io.bayestune.driver.job.JobSpec;
import io.bayestune.driver.job.JobSpecParser;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole job on HDFS (MiniDFSCluster on 127.0.0.1): the credit data read from hdfs://, the experiment
 * state (lease and write-then-rename) and every output written to hdfs://, then a second run on the same
 * output that resumes instead of running the observed trials again.
 */
class HdfsTuningJobIT {
  private static HdfsCluster hdfs;
  private static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    hdfs = HdfsCluster.start();
    hdfs.fileSystem().copyFromLocalFile(new org.apache.hadoop.fs.Path(
        Path.of("..", "examples", "data", "credit_data.csv").toAbsolutePath().toUri()),
        new org.apache.hadoop.fs.Path("/data/credit/credit_data.csv"));
    spark = JobRuns.localSpark("HdfsTuningJobIT");
  }

  @AfterAll
  static void stop() {
    // Spark first: its cached DFS clients would otherwise retry a NameNode that is gone.
    spark.stop();
    hdfs.close();
  }

  private static String run(JobSpec job) throws Exception {
    return JobRuns.printed(spark, job);
  }

  private static Experiment stored(FileSystem fs, String output) throws IOException {
    try (FSDataInputStream in = fs.open(new org.apache.hadoop.fs.Path(output + "/experiment/experiment.json"))) {
      return Experiment.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void creditJobReadsAndWritesHdfsAndASecondRunResumes() throws Exception {
    String output = hdfs.uri("/runs/credit");
    Path file = Files.writeString(dir.resolve("credit-hdfs.yaml"), String.join("\n",
        "name: credit-hdfs",
        "data: {path: \"" + hdfs.uri("/data/credit/credit_data.csv") + "\", format: csv,"
            + " options: {header: \"true\"}, label: Status, positive: bad}",
        "model: {estimator: logistic_regression, params: {maxIter: 10}}",
        "parameters:",
        "  - {name: regParam, type: double, bounds: {min: 0.001, max: 1}, transformation: log}",
        "metric: {name: areaUnderROC}",
        "validation: {holdout: 0.25}",
        "observation_budget: 2",
        "parallelism: 2",
        "seed: 3",
        "output: " + output));
    JobSpec job = JobSpecParser.parse(file);
    String first = run(job);
    assertEquals(2, first.lines().filter(l -> l.startsWith("[")).count(), first);

    FileSystem fs = hdfs.fileSystem();
    Set<String> written = Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path("/runs/credit")))
        .map(s -> s.getPath().getName()).collect(Collectors.toSet());
    assertTrue(written.containsAll(Set.of("experiment", "trials.parquet", "trials.csv", "best.json", "report.html")),
        "written under " + output + ": " + written);
    Set<String> state = Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path("/runs/credit/experiment")))
        .map(s -> s.getPath().getName()).collect(Collectors.toSet());
    assertEquals(Set.of("experiment.json", "_lease"), state, "the lease store's files on HDFS");
    try (FSDataInputStream in = fs.open(new org.apache.hadoop.fs.Path("/runs/credit/best.json"))) {
      String best = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(best.contains("\"best_assignments\"") && best.contains("regParam"), best);
    }
    Experiment afterFirst = stored(fs, output);
    assertEquals(2, afterFirst.observations().size());
    afterFirst.observations().forEach(o -> assertTrue(!o.failed() && o.value() > 0.6 && o.value() <= 1,
        "AUC of a logistic regression on the credit data read from HDFS: " + o));
    Map<String, String> secondsBefore = new HashMap<>();
    afterFirst.observations().forEach(o -> secondsBefore.put(o.suggestionId(), o.metadata().get("seconds")));

    // Same job, same output, a larger budget: it resumes with both trials and runs only the two new ones.
    String second = run(TuningJob.apply(job, new TuningJob.Overrides(null, 4, null, null)));
    assertTrue(second.contains("resuming with 2 observation(s)"), second);
    assertEquals(2, second.lines().filter(l -> l.startsWith("[")).count(), second);
    Experiment afterSecond = stored(fs, output);
    List<Observation> observations = afterSecond.observations();
    assertEquals(4, observations.size());
    Set<String> ids = new HashSet<>();
    observations.forEach(o -> assertTrue(ids.add(o.suggestionId()), "observed twice: " + o.suggestionId()));
    secondsBefore.forEach((id, seconds) -> assertEquals(seconds,
        afterSecond.observationOf(id).orElseThrow().metadata().get("seconds"), "trial " + id + " was not run again"));
    List<Row> trials = spark.read().option("header", "true").csv(output + "/trials.csv").collectAsList();
    assertEquals(4, trials.size(), "trials.csv on HDFS lists both runs' trials");
  }
}
