package io.bayestune.driver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.driver.TrialContext;
import io.bayestune.driver.TrialResult;
import io.bayestune.driver.job.JobSpec;
import io.bayestune.driver.job.JobSpecParser;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.optimizer.space.Assignments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.StorageStatistics;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Distributed trials on local[2] with the repository's credit and concrete data. */
class ModelTrialRunnerIT {
  static final Path EXAMPLES = Path.of("../examples");
  static final Path CREDIT = EXAMPLES.resolve("data/credit_data.csv");
  static final Path CONCRETE = EXAMPLES.resolve("data/concrete.csv");

  static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().master("local[2]").appName("ModelTrialRunnerIT")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4").getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /** The example job file with other values substituted (path relative to the module directory). */
  static JobSpec exampleJob(String... replacements) throws Exception {
    String text = Files.readString(EXAMPLES.resolve("credit-gbt.yaml"))
        .replace("examples/data/credit_data.csv", CREDIT.toString());
    for (int i = 0; i < replacements.length; i += 2) {
      text = text.replace(replacements[i], replacements[i + 1]);
    }
    return JobSpecParser.parse(text, "credit-gbt.yaml");
  }

  static TrialContext trial(int n) {
    return new TrialContext(String.valueOf(n), "bayestune-it-trial-" + n, "trial " + n);
  }

  static Assignments assign(Object... nameValues) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      m.put((String) nameValues[i], nameValues[i + 1]);
    }
    return new Assignments(m);
  }

  @Test
  void gbtAtThreeFoldsGivesASaneAucWithItsSpreadAndRefitsAModelThatScoresRawRows(@TempDir Path dir)
      throws Exception {
    // maxIter 5 keeps the class lean; the example's maxIter 20 is timed by -Dbayestune.exampleTrial=true.
    JobSpec job = Boolean.getBoolean("bayestune.exampleTrial") ? exampleJob() : exampleJob("maxIter: 20", "maxIter: 5");
    long start = System.nanoTime();
    try (ModelTrialRunner runner = ModelTrialRunner.create(spark, job)) {
      assertEquals(4454, runner.preparedData().count());
      long created = System.nanoTime();
      TrialResult r = runner.run(trial(1), assign("maxDepth", 4L, "stepSize", 0.1));
      System.out.printf("gbt %s 3 folds: create %.1f s, one trial %.1f s, AUC %.4f +- %.4f%n", job.model().params(),
          (created - start) / 1e9, (System.nanoTime() - created) / 1e9, r.value(), r.valueStddev());
      assertTrue(r.value() > 0.7 && r.value() < 0.9, "AUC " + r.value());
      assertTrue(r.valueStddev() > 0 && r.valueStddev() < 0.05, "stddev " + r.valueStddev());

      // A trial far longer than the test: cancel stops it, though its fits keep launching new jobs.
      TrialContext slow = trial(2);
      ExecutorService background = Executors.newSingleThreadExecutor();
      Future<TrialResult> running = background.submit(() -> runner.run(slow, assign("maxDepth", 6L, "stepSize", 0.1,
          "maxIter", 1000L)));
      // Cancel once the trial has launched a Spark job, not after a fixed 3 s: on a busy machine the trial
      // might not have reached the runner by then, and a cancel before run() registers it finds nothing to stop.
      awaitJobOf(slow.jobGroup());
      long cancelledAt = System.nanoTime();
      runner.cancel(slow);
      ExecutionException cancelled = assertThrows(ExecutionException.class, () -> running.get(60, TimeUnit.SECONDS));
      background.shutdown();
      assertInstanceOf(CancellationException.class, cancelled.getCause(), cancelled.getCause().toString());
      System.out.printf("cancel took %.1f s%n", (System.nanoTime() - cancelledAt) / 1e9);
      assertTrue(trialJobsSettle(slow.jobGroup()), "jobs of the cancelled trial still run or start");

      Model<?> model = runner.refit(assign("maxDepth", 3L, "stepSize", 0.1));
      PipelineModel pipeline = assertInstanceOf(PipelineModel.class, model);
      Dataset<Row> raw = spark.read().option("header", "true").csv(CREDIT.toString()).drop("Status").limit(50);
      List<Row> scored = pipeline.transform(raw).select("prediction", "probability").collectAsList();
      assertEquals(50, scored.size());
      assertTrue(scored.stream().allMatch(row -> row.getDouble(0) == 0.0 || row.getDouble(0) == 1.0));
      ((MLWritable) model).write().save(dir.resolve("model").toString());
      List<Row> reloaded = PipelineModel.load(dir.resolve("model").toString()).transform(raw).select("prediction",
          "probability").collectAsList();
      assertEquals(scored, reloaded);
    }
  }

  /** Waits until a Spark job of {@code group} was submitted (the trial is fitting). */
  static void awaitJobOf(String group) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (spark.sparkContext().statusTracker().getJobIdsForGroup(group).length == 0) {
      assertTrue(System.nanoTime() < deadline, "no Spark job of " + group + " within 120 s");
      Thread.sleep(50);
    }
  }

  /** True once no job of the group runs and none starts for two seconds (cancellation is asynchronous). */
  static boolean trialJobsSettle(String group) throws InterruptedException {
    org.apache.spark.SparkStatusTracker status = spark.sparkContext().statusTracker();
    int seen = -1;
    for (int attempt = 0; attempt < 20; attempt++) {
      int[] jobs = status.getJobIdsForGroup(group);
      boolean running = java.util.Arrays.stream(jobs).anyMatch(id -> status.getJobInfo(id).isDefined()
          && status.getJobInfo(id).get().status() == org.apache.spark.JobExecutionStatus.RUNNING);
      if (!running && jobs.length == seen) {
        return true;
      }
      seen = running ? -1 : jobs.length;
      Thread.sleep(2000);
    }
    return false;
  }

  @Test
  void logisticRegressionTrialsReadTheSourceOnce() throws Exception {
    JobSpec job = exampleJob("gbt_classifier", "logistic_regression", "{maxIter: 20}", "{maxIter: 10}",
        "{name: maxDepth, type: int, bounds: {min: 2, max: 8}}", "{name: elasticNetParam, type: double, bounds: {min: 0, max: 1}}",
        "{name: stepSize, type: double, bounds: {min: 0.01, max: 0.5}, transformation: log}",
        "{name: regParam, type: double, bounds: {min: 0.0001, max: 1}, transformation: log}",
        "{folds: 3}", "{folds: 2}");
    SourceReadListener listener = new SourceReadListener();
    spark.sparkContext().addSparkListener(listener);
    FileSystem.getLocal(spark.sparkContext().hadoopConfiguration());
    StorageStatistics files = FileSystem.getGlobalStorageStatistics().get("file");
    long hadoopBefore = files.getLong("bytesRead");
    long size = Files.size(CREDIT);
    try (ModelTrialRunner runner = ModelTrialRunner.create(spark, job)) {
      spark.sparkContext().listenerBus().waitUntilEmpty();
      long afterCreate = listener.sourceBytes.get();
      listener.jobGroups.clear();
      long hadoopAfterCreate = files.getLong("bytesRead") - hadoopBefore;
      double best = 0;
      for (int t = 0; t < 6; t++) {
        TrialResult r = runner.run(trial(10 + t), assign("elasticNetParam", t / 5.0, "regParam", Math.pow(10, -3 + t / 2.0)));
        best = Math.max(best, r.value());
        assertTrue(r.valueStddev() != null && r.valueStddev() >= 0);
      }
      spark.sparkContext().listenerBus().waitUntilEmpty();
      System.out.printf("source %d bytes; Spark input metrics: source reads %d bytes / %d records after create, %d"
          + " bytes after 6 trials (all input incl. cached blocks: %d bytes); Hadoop file reads %d after create, %d"
          + " after trials%n", size, afterCreate, listener.sourceRecords.get(), listener.sourceBytes.get(),
          listener.allBytes.get(), hadoopAfterCreate, files.getLong("bytesRead") - hadoopBefore);
      assertTrue(best > 0.75 && best < 0.9, "logistic regression AUC " + best);
      assertEquals(new java.util.TreeSet<>(List.of("bayestune-it-trial-10", "bayestune-it-trial-11",
          "bayestune-it-trial-12", "bayestune-it-trial-13", "bayestune-it-trial-14", "bayestune-it-trial-15")),
          new java.util.TreeSet<>(listener.jobGroups), "every trial job runs in its trial's job group");
      // One full read, plus the first 64 KiB buffer read once more when Spark takes the CSV header line.
      assertTrue(afterCreate >= size && afterCreate <= size + 128 * 1024, "bytes read while preparing: " + afterCreate);
      assertTrue(hadoopAfterCreate >= size && hadoopAfterCreate <= size + 128 * 1024, "Hadoop: " + hadoopAfterCreate);
      assertEquals(afterCreate, listener.sourceBytes.get(), "the trials read the source again");
      assertTrue(listener.sourceRecords.get() >= 4454 && listener.sourceRecords.get() <= 4455 * 1.5,
          "records read: " + listener.sourceRecords.get());
      assertEquals(hadoopAfterCreate, files.getLong("bytesRead") - hadoopBefore, "Hadoop file reads during the trials");
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }

  @Test
  void gbtRegressorOnConcreteMinimizesRmse() throws Exception {
    JobSpec job = JobSpecParser.parse(String.join("\n",
        "name: concrete",
        "data: {path: " + CONCRETE + ", options: {header: \"true\"}, label: compressive_strength}",
        "model: {estimator: gbt_regressor, params: {maxIter: 10}}",
        "parameters: [{name: maxDepth, type: int, bounds: {min: 2, max: 6}}]",
        "metric: {name: rmse}",
        "validation: {holdout: 0.25}",
        "observation_budget: 5", ""), "concrete.yaml");
    assertEquals(Metric.Goal.MINIMIZE, job.experimentSpec().metric().objective());
    try (ModelTrialRunner runner = ModelTrialRunner.create(spark, job)) {
      TrialResult r = runner.run(trial(20), assign("maxDepth", 4L));
      assertTrue(r.value() > 3 && r.value() < 10, "rmse " + r.value());
      assertNull(r.valueStddev(), "a holdout has no spread");
    }
  }

  @Test
  void libsvmDataNeedsNoPreparationAndALinearModelFitsConcreteAsTheCsvWould(@TempDir Path dir) throws Exception {
    // The concrete data as LibSVM lines (label, then 1-based index:value), the format Spark's own samples use.
    List<String> rows = Files.readAllLines(CONCRETE);
    StringBuilder svm = new StringBuilder();
    for (String row : rows.subList(1, rows.size())) {
      String[] v = row.split(",");
      svm.append(v[v.length - 1]);
      for (int i = 0; i < v.length - 1; i++) {
        svm.append(' ').append(i + 1).append(':').append(v[i]);
      }
      svm.append('\n');
    }
    Path data = Files.writeString(dir.resolve("concrete.libsvm"), svm);
    JobSpec job = JobSpecParser.parse(String.join("\n",
        "name: concrete-libsvm",
        "data: {path: " + data + ", format: libsvm, label: label}",
        "model: {estimator: linear_regression}",
        "parameters: [{name: regParam, type: double, bounds: {min: 0.001, max: 1}, transformation: log}]",
        "metric: {name: rmse}",
        "validation: {folds: 2}",
        "observation_budget: 5", ""), "concrete-libsvm.yaml");
    try (ModelTrialRunner runner = ModelTrialRunner.create(spark, job)) {
      assertEquals(rows.size() - 1, runner.preparedData().count());
      TrialResult r = runner.run(trial(25), assign("regParam", 0.01));
      // Near-ordinary least squares on the 8 mixture columns: an rmse of about 10.5 MPa on this data.
      assertTrue(r.value() > 9 && r.value() < 12, "rmse " + r.value());
      PipelineModel model = (PipelineModel) runner.refit(assign("regParam", 0.01));
      Dataset<Row> raw = spark.read().format("libsvm").load(data.toString()).drop("label").limit(10);
      assertEquals(10, model.transform(raw).where("prediction > 0 AND prediction < 100").count());
    }
  }

  @Test
  void anInvalidParamCombinationThrowsSparksMessage() throws Exception {
    JobSpec job = JobSpecParser.parse(String.join("\n",
        "name: concrete-linear",
        "data: {path: " + CONCRETE + ", options: {header: \"true\"}, label: compressive_strength}",
        "model: {estimator: linear_regression}",
        "parameters:",
        "  - {name: loss, type: categorical, categorical_values: [squaredError, huber]}",
        "  - {name: elasticNetParam, type: double, bounds: {min: 0, max: 1}}",
        "metric: {name: rmse}",
        "validation: {folds: 2}",
        "observation_budget: 5", ""), "linear.yaml");
    try (ModelTrialRunner runner = ModelTrialRunner.create(spark, job)) {
      assertTrue(runner.run(trial(30), assign("loss", "squaredError", "elasticNetParam", 0.5)).value() > 0);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> runner.run(trial(31), assign("loss", "huber", "elasticNetParam", 0.5)));
      assertTrue(e.getMessage().contains("LinearRegression with huber loss only supports L2 regularization"),
          e.getMessage());
    }
  }

  @Test
  void alsOnRatingsWithTextUserIdsBeatsTheConstantPrediction(@TempDir Path dir) throws Exception {
    // rating = 3 + user bias + item bias + noise: rank 2, std about 0.84 around its mean.
    java.util.Random random = new java.util.Random(1);
    double[] userBias = random.doubles(40, -1, 1).toArray();
    double[] itemBias = random.doubles(25, -1, 1).toArray();
    StringBuilder csv = new StringBuilder("userId,movieId,rating\n");
    for (int u = 0; u < 40; u++) {
      for (int i = 0; i < 25; i++) {
        if (random.nextDouble() < 0.6) {
          csv.append("u").append(u).append(',').append(i).append(',')
              .append(3 + userBias[u] + itemBias[i] + 0.2 * random.nextGaussian()).append('\n');
        }
      }
    }
    Path ratings = Files.writeString(dir.resolve("ratings.csv"), csv);
    JobSpec job = JobSpecParser.parse(String.join("\n",
        "name: ratings",
        "data: {path: " + ratings + ", options: {header: \"true\"}, user: userId, item: movieId, rating: rating}",
        "model: {estimator: als, params: {maxIter: 5}}",
        "parameters:",
        "  - {name: rank, type: int, bounds: {min: 2, max: 8}}",
        "  - {name: regParam, type: double, bounds: {min: 0.001, max: 1}, transformation: log}",
        "metric: {name: rmse}",
        "validation: {folds: 2}",
        "observation_budget: 5", ""), "ratings.yaml");
    try (ModelTrialRunner runner = ModelTrialRunner.create(spark, job)) {
      TrialResult r = runner.run(trial(40), assign("rank", 3L, "regParam", 0.05));
      assertTrue(r.value() < 0.6, "ALS rmse " + r.value() + " should beat the constant prediction's 0.84");
      PipelineModel model = (PipelineModel) runner.refit(assign("rank", 3L, "regParam", 0.05));
      Dataset<Row> raw = spark.read().option("header", "true").csv(ratings.toString()).drop("rating").limit(20);
      assertEquals(20, model.transform(raw).where("prediction > 1 AND prediction < 5").count());
    }
  }

  @Test
  void missingColumnsAndUnknownClassesNameTheField() throws Exception {
    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> ModelTrialRunner.create(spark, exampleJob("label: Status", "label: Statuss")));
    assertTrue(label.getMessage().startsWith("data.label: column 'Statuss' is not in"), label.getMessage());
    assertTrue(label.getMessage().contains("columns present: Status, Seniority, Home,"), label.getMessage());
    IllegalArgumentException feature = assertThrows(IllegalArgumentException.class,
        () -> ModelTrialRunner.create(spark, exampleJob("features: []", "features: [Age, Incme]")));
    assertTrue(feature.getMessage().startsWith("data.features[1]: column 'Incme' is not in"), feature.getMessage());
    IllegalArgumentException headerless = assertThrows(IllegalArgumentException.class,
        () -> ModelTrialRunner.create(spark, exampleJob("options: {header: \"true\"}", "options: {}")));
    assertTrue(headerless.getMessage().contains("set data.options.header: \"true\""), headerless.getMessage());
    IllegalArgumentException positive = assertThrows(IllegalArgumentException.class,
        () -> ModelTrialRunner.create(spark, exampleJob("positive: bad", "positive: risky")));
    assertEquals("data.positive: \"risky\" is not a value of the label 'Status'; its values: \"bad\", \"good\"",
        positive.getMessage());
  }
}
