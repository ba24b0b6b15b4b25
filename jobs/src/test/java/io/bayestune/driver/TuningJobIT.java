package io.bayestune.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayestune.cli.ChildJvm;
import io.bayestune.driver.job.JobSpec;
import io.bayestune.driver.job.JobSpecParser;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole jobs on a real local[2] Spark: per-task runs, outputs, a kill -9 and its resume. */
class TuningJobIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSpark() {
    spark = JobRuns.localSpark("TuningJobIT");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private Path jobFile(String name, String body) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, body);
    return file;
  }

  /** A per-task job minimizing noisy Branin, 2 trials at a time, seed 11. */
  private Path braninJob(String name, int budget, Path out) throws Exception {
    return jobFile(name, String.join("\n",
        "name: " + name,
        "model: {objective: io.bayestune.driver.NoisyBranin}",
        "parameters:",
        "  - {name: x1, type: double, bounds: {min: -5, max: 10}}",
        "  - {name: x2, type: double, bounds: {min: 0, max: 15}}",
        "metric: {name: branin, objective: minimize}",
        "observation_budget: " + budget,
        "parallelism: 2",
        "seed: 11",
        "output: " + out));
  }

  private static String run(JobSpec job) throws Exception {
    return JobRuns.printed(spark, job);
  }

  @Test
  void perTaskJobRunsToBudgetAndWritesEveryOutput() throws Exception {
    Path out = dir.resolve("branin-out");
    Path file = braninJob("branin", 14, out);
    String printed = run(JobSpecParser.parse(file));

    List<String> progress = printed.lines().filter(l -> l.startsWith("[")).toList();
    assertEquals(14, progress.size(), printed);
    for (int i = 0; i < progress.size(); i++) {
      assertTrue(progress.get(i).matches("\\[" + (i + 1) + "/14] (branin=[-0-9.e]+|failed: .+) best=[-0-9.e]+"
          + "( \\(est\\. [-0-9.e]+\\))? x1=[-0-9.e]+ x2=[-0-9.e]+ \\([0-9.]+ s\\)"), progress.get(i));
    }
    assertTrue(printed.contains("branin: 14 observations ("), printed);
    assertTrue(printed.contains("outputs in " + out.toUri().toString().replaceAll("/$", "")
        + ": trials.parquet trials.csv best.json report.html"), printed);

    assertTrue(Files.isRegularFile(out.resolve("trials.csv")), "trials.csv is one file, not Spark's part files");
    List<Row> parquet = spark.read().parquet(out.resolve("trials.parquet").toString()).orderBy("id").collectAsList();
    List<Row> csv = spark.read().option("header", "true").option("inferSchema", "true")
        .csv(out.resolve("trials.csv").toString()).orderBy("id").collectAsList();
    assertEquals(14, parquet.size());
    assertEquals(14, csv.size());
    Experiment e = Experiment.fromJson(Files.readString(out.resolve("experiment/experiment.json")));
    for (int i = 0; i < 14; i++) {
      Row row = parquet.get(i);
      Observation o = e.observationOf(Long.toString(row.getLong(row.fieldIndex("id")))).orElseThrow();
      assertEquals(o.assignments().getDouble("x1"), row.getDouble(row.fieldIndex("x1")));
      assertEquals(o.failed() ? "failed" : "completed", row.getString(row.fieldIndex("status")));
      assertEquals(o.failed() ? null : o.value(), row.get(row.fieldIndex("value")));
      assertEquals(o.failed() ? null : NoisyBranin.NOISE, row.get(row.fieldIndex("value_stddev")));
      assertEquals(o.failureReason(), row.get(row.fieldIndex("error")));
      assertTrue(row.getDouble(row.fieldIndex("seconds")) > 0);
      assertEquals(row.getLong(0), csv.get(i).getInt(0), "CSV and Parquet list the same trials");
      assertEquals(row.getString(row.fieldIndex("status")), csv.get(i).getString(csv.get(i).fieldIndex("status")));
    }
    JsonNode best = JSON.readTree(out.resolve("best.json").toFile());
    assertEquals("best_assignments", best.path("object").asText());
    assertEquals("branin", best.path("metric").asText());
    Observation bestObservation = e.observationOf(best.path("suggestion").asText()).orElseThrow();
    assertEquals(bestObservation.value(), best.path("value").asDouble());
    assertEquals(bestObservation.assignments().getDouble("x2"), best.path("assignments").path("x2").asDouble());
    assertTrue(best.path("value").asDouble() < 5, "14 trials on Branin find a value below 5: " + best);
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("branin"), html.substring(0, 200));
  }

  @Test
  void aJobFileRunInsideARunningSessionLeavesThatSessionRunning() throws Exception {
    // A notebook (Databricks, Zeppelin) owns its session: the job file entry point runs on it and
    // must not stop it at the end, as it does stop a session it made itself.
    Path out = dir.resolve("shared-session-out");
    Path file = braninJob("shared-session", 4, out);
    TuningJob.Result result = TuningJob.run(file, TuningJob.Overrides.none(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(4, result.experiment().observations().size());
    assertFalse(spark.sparkContext().isStopped(), "the notebook's session was stopped by the job");
    assertEquals(3, spark.range(3).count());
  }

  private static final String CREDIT_DATA = "data: {path: ../examples/data/credit_data.csv, format: csv,"
      + " options: {header: \"true\"}, label: Status, positive: bad}";

  @Test
  void distributedGbtJobOnCreditDataSavesABestModelThatLoadsAndScoresRawRows() throws Exception {
    Path out = dir.resolve("credit-out");
    Path file = jobFile("credit", String.join("\n",
        "name: credit-it",
        CREDIT_DATA,
        "model: {estimator: gbt_classifier, params: {maxIter: 5}}",
        "parameters:",
        "  - {name: maxDepth, type: int, bounds: {min: 2, max: 4}}",
        "  - {name: stepSize, type: double, bounds: {min: 0.05, max: 0.3}}",
        "metric: {name: areaUnderROC}",
        "validation: {holdout: 0.25}",
        "observation_budget: 4",
        "parallelism: 2",
        "seed: 7",
        "output: " + out));
    String printed = run(JobSpecParser.parse(file));

    assertEquals(4, printed.lines().filter(l -> l.matches("\\[\\d/4] areaUnderROC=0\\.\\d+ .*")).count(), printed);
    assertTrue(printed.contains("credit-it: 4 observations (4 completed, 0 failed)"), printed);
    assertTrue(printed.contains("trials.parquet trials.csv best.json report.html best-model"), printed);
    Experiment e = Experiment.fromJson(Files.readString(out.resolve("experiment/experiment.json")));
    e.observations().forEach(o -> assertTrue(o.value() > 0.75 && o.value() < 0.95, "holdout AUC " + o.value()));
    JsonNode best = JSON.readTree(out.resolve("best.json").toFile());
    assertEquals(e.best().orElseThrow().value(), best.path("value").asDouble());

    org.apache.spark.ml.PipelineModel model = org.apache.spark.ml.PipelineModel.load(out.resolve("best-model").toString());
    org.apache.spark.sql.Dataset<Row> raw = spark.read().option("header", "true").option("inferSchema", "true")
        .csv("../examples/data/credit_data.csv").limit(50);
    List<Row> scored = model.transform(raw).select("prediction").collectAsList();
    assertEquals(50, scored.size());
    scored.forEach(r -> assertTrue(r.getDouble(0) == 0.0 || r.getDouble(0) == 1.0, r.toString()));
  }

  @Test
  void aTrialSparkRejectsAtFitTimeIsFailedWithItsMessageAndTheJobCompletes() throws Exception {
    Path out = dir.resolve("bayes-out");
    // modelType bernoulli passes the Param's validator, but the fit rejects the credit data's non-binary features.
    Path file = jobFile("bayes", String.join("\n",
        "name: credit-bayes",
        "type: grid",
        CREDIT_DATA,
        "model: {estimator: naive_bayes}",
        "parameters:",
        "  - {name: modelType, type: categorical, categorical_values: [gaussian, bernoulli]}",
        "  - {name: smoothing, type: double, bounds: {min: 0.5, max: 1.0}, grid: [0.5, 1.0]}",
        "metric: {name: areaUnderROC}",
        "validation: {holdout: 0.25}",
        "observation_budget: 4",
        "parallelism: 2",
        "output: " + out));
    String printed = run(JobSpecParser.parse(file));

    List<String> failures = printed.lines().filter(l -> l.matches("\\[\\d/4] failed: .*")).toList();
    assertEquals(2, failures.size(), printed);
    for (String f : failures) {
      // Spark 4 raises it from a SQL check inside the fit: the innermost cause, with Spark's error class.
      assertTrue(f.contains("failed: SparkRuntimeException: [USER_RAISED_EXCEPTION] Vector values MUST be in {0, 1},"
          + " but got (26,") && f.contains("modelType=bernoulli "), f);
    }
    assertTrue(printed.contains("credit-bayes: 4 observations (2 completed, 2 failed)"), printed);
    Experiment e = Experiment.fromJson(Files.readString(out.resolve("experiment/experiment.json")));
    for (Observation o : e.observations()) {
      assertEquals(o.assignments().getString("modelType").equals("bernoulli"), o.failed(), o.toString());
      if (o.failed()) {
        assertTrue(o.metadata().get("error").startsWith("SparkRuntimeException: [USER_RAISED_EXCEPTION] Vector values"),
            o.metadata().toString());
      }
    }
    List<Row> table = spark.read().parquet(out.resolve("trials.parquet").toString()).where("status = 'failed'")
        .collectAsList();
    assertEquals(2, table.size());
    table.forEach(r -> assertTrue(r.getString(r.fieldIndex("error")).contains("MUST be in {0, 1}"), r.toString()));
  }

  @Test
  void warmStartImportsLastNightOnceAndAResumedRunDoesNotImportAgain() throws Exception {
    String job = String.join("\n",
        "name: nightly",
        "model: {objective: io.bayestune.driver.NoisyBranin}",
        "parameters:",
        "  - {name: x1, type: double, bounds: {min: -5, max: 10}}",
        "  - {name: x2, type: double, bounds: {min: 0, max: 15}}",
        "metric: {name: branin, objective: minimize}",
        "observation_budget: 5",
        "parallelism: 2",
        "seed: 3");
    Path lastNight = dir.resolve("2026-11-30");
    Path tonight = dir.resolve("2026-12-01");
    JobSpec spec = JobSpecParser.parse(jobFile("nightly", job));
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    TuningJob.run(spark, TuningJob.apply(spec, new TuningJob.Overrides(lastNight.toString(), null, null, null)),
        new PrintStream(first, true, StandardCharsets.UTF_8), dir.resolve("no-night-before").toString());
    assertTrue(first.toString(StandardCharsets.UTF_8).contains("starting cold"), first.toString(StandardCharsets.UTF_8));

    JobSpec warm = TuningJob.apply(spec, new TuningJob.Overrides(tonight.toString(), 8, null, null));
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    TuningJob.run(spark, warm, new PrintStream(second, true, StandardCharsets.UTF_8), lastNight.toString());
    assertTrue(second.toString(StandardCharsets.UTF_8).contains("warm start from"), second.toString(StandardCharsets.UTF_8));
    Experiment before = Experiment.fromJson(Files.readString(lastNight.resolve("experiment/experiment.json")));
    long succeeded = before.observations().stream().filter(o -> !o.failed()).count();
    assertTrue(succeeded >= 3, "NoisyBranin fails now and then, not mostly: " + succeeded + " of 5");
    Experiment e = Experiment.fromJson(Files.readString(tonight.resolve("experiment/experiment.json")));
    long imported = e.observations().stream().filter(o -> o.suggestionId() == null).count();
    assertEquals(succeeded, imported, "last night's successful observations come in, without suggestion ids");
    assertEquals(8, e.observations().size(), "the budget counts imported observations");

    // A retried task: same output, same warm start. It resumes; nothing is imported a second time.
    TuningJob.run(spark, warm, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        lastNight.toString());
    Experiment resumed = Experiment.fromJson(Files.readString(tonight.resolve("experiment/experiment.json")));
    assertEquals(8, resumed.observations().size());
    assertEquals(succeeded, resumed.observations().stream().filter(o -> o.suggestionId() == null).count());
  }

  @Test
  void aKilledDriverResumesWithEveryObservationKeptAndNoTrialTwice() throws Exception {
    Path out = dir.resolve("sleep-out");
    Path file = jobFile("sleep", String.join("\n",
        "name: sleep",
        "model: {objective: io.bayestune.cluster.job.SleepingTrial}",
        "parameters:",
        "  - {name: x, type: double, bounds: {min: 0, max: 1}}",
        "  - {name: y, type: double, bounds: {min: 0, max: 1}}",
        "metric: {name: f}",
        "observation_budget: 10",
        "parallelism: 2",
        "seed: 5",
        "output: " + out));
    Process child = ChildJvm.spark("run", file.toString(), "--master", "local[2]")
        .redirectError(dir.resolve("child.err").toFile()).start();
    List<String> before = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null && before.size() < 3; line = lines.readLine()) {
        if (line.startsWith("[")) {
          before.add(line);
        }
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, trials in flight die with the driver
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(3, before.size(), "the child printed 3 progress lines before the kill; stderr: "
        + Files.readString(dir.resolve("child.err")));
    assertEquals(137, child.exitValue(), "killed by SIGKILL");

    Experiment killed = Experiment.fromJson(Files.readString(out.resolve("experiment/experiment.json")));
    assertTrue(killed.observations().size() >= 3, "every printed trial was saved first");
    Map<String, String> secondsBefore = new HashMap<>();
    killed.observations().forEach(o -> secondsBefore.put(o.suggestionId(), o.metadata().get("seconds")));
    List<String> openBefore = killed.openSuggestions().stream().map(s -> s.id()).toList();

    String printed = run(JobSpecParser.parse(file));
    assertTrue(printed.contains("resuming with " + killed.observations().size() + " observation(s), "
        + openBefore.size() + " open"), printed);
    assertEquals(10 - killed.observations().size(), printed.lines().filter(l -> l.startsWith("[")).count(), printed);

    List<Row> table = spark.read().parquet(out.resolve("trials.parquet").toString()).collectAsList();
    assertEquals(10, table.size());
    HashSet<Long> ids = new HashSet<>();
    table.forEach(r -> assertTrue(ids.add(r.getLong(r.fieldIndex("id"))), "trial id twice: " + r));
    Experiment finished = Experiment.fromJson(Files.readString(out.resolve("experiment/experiment.json")));
    secondsBefore.forEach((id, seconds) -> assertEquals(seconds,
        finished.observationOf(id).orElseThrow().metadata().get("seconds"), "trial " + id + " was not run again"));
    for (String id : openBefore) {
      assertFalse(finished.observationOf(id).orElseThrow().failed(), "open trial " + id + " ran again under its id");
    }
  }
}
