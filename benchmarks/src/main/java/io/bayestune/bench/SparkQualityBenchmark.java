package io.bayestune.bench;

import io.bayestune.driver.LoopOptions;
import io.bayestune.driver.StoredExperiment;
import io.bayestune.driver.TrialContext;
import io.bayestune.driver.TuningLoop;
import io.bayestune.driver.job.JobSpec;
import io.bayestune.driver.job.JobSpecParser;
import io.bayestune.driver.job.ModelSpec;
import io.bayestune.driver.model.EstimatorCatalog;
import io.bayestune.driver.model.MetricCatalog;
import io.bayestune.driver.model.ModelTrialRunner;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.experiment.StrategyType;
import io.bayestune.optimizer.space.Assignments;
import io.bayestune.optimizer.store.LocalDirectoryStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.SparkSession;

/**
 * Tuning quality on the credit data, side by side in one run with the same GBT, the same fixed Params
 * and the same folds: bayestune's best cross-validated AUC after {@code budget} trials, Spark's own
 * {@link CrossValidator} over a {@code depths x steps} grid of the same size ({@code setFoldCol} on the
 * fold column bayestune's trials use, so both score a configuration identically; checked on one grid
 * point), and random search at the same budget, over several optimizer seeds.
 */
public final class SparkQualityBenchmark {

  /** @param job the credit example job (its data, estimator, fixed Params, folds and search space) */
  public record Options(JobSpec job, int budget, int seeds, int parallelism, int[] depths, double[] steps,
      String command) {
  }

  /** One tuning run: method, optimizer seed, best CV metric and where, wall seconds. */
  public record Run(String method, long seed, double best, String bestAt, double seconds) {
  }

  /** Every run, with the same-folds check (|runner - CrossValidator| on one grid point). */
  public record Results(List<Run> runs, double sameFoldsDifference) {
  }

  private SparkQualityBenchmark() {
  }

  /** The example job {@code examples/credit-gbt.yaml} below {@code root}, with its data path made absolute. */
  public static JobSpec exampleJob(Path root, Integer maxIter) throws IOException {
    String text = Files.readString(root.resolve("examples/credit-gbt.yaml"))
        .replace("examples/data/credit_data.csv", root.resolve("examples/data/credit_data.csv").toString());
    JobSpec j = JobSpecParser.parse(text, "examples/credit-gbt.yaml");
    Map<String, Object> params = new LinkedHashMap<>(j.model().params());
    if (maxIter != null) {
      params.put("maxIter", maxIter);
    }
    return new JobSpec(j.name(), j.type(), j.data(), new ModelSpec(j.model().estimator(), params, null),
        j.parameters(), j.metric(), j.validation(), j.observationBudget(), j.parallelism(), j.trialTimeout(),
        j.seed(), j.output(), j.s3(), j.sparkConf());
  }

  public static Results run(SparkSession spark, Options o, PrintStream log) throws Exception {
    List<Run> runs = new ArrayList<>();
    try (ModelTrialRunner runner = ModelTrialRunner.create(spark, o.job())) {
      CrossValidatorModel cv = grid(spark, runner, o, log, runs);
      double difference = sameFolds(runner, cv);
      log.println("same folds: |runner - CrossValidator| on grid point 0 = " + difference);
      for (int s = 1; s <= o.seeds(); s++) {
        runs.add(tune(runner, o, StrategyType.OFFLINE, s, log));
        runs.add(tune(runner, o, StrategyType.RANDOM, s, log));
      }
      return new Results(runs, difference);
    }
  }

  private static CrossValidatorModel grid(SparkSession spark, ModelTrialRunner runner, Options o, PrintStream log,
      List<Run> runs) {
    JobSpec job = o.job();
    Map<String, Object> columns = Map.of("featuresCol", runner.prepared().featuresCol(), "labelCol", "label");
    GBTClassifier gbt = (GBTClassifier) EstimatorCatalog.with(EstimatorCatalog.configure(
        EstimatorCatalog.instantiate(job.model().estimator()), job.model().params(), job.seed()), columns);
    ParamMap[] maps = new ParamGridBuilder().addGrid(gbt.maxDepth(), o.depths()).addGrid(gbt.stepSize(), o.steps())
        .build();
    CrossValidator cv = new CrossValidator().setEstimator(gbt).setEstimatorParamMaps(maps)
        .setEvaluator(MetricCatalog.evaluator(job.metric().name(), "label")).setNumFolds(job.validation().folds())
        .setFoldCol("fold").setParallelism(o.parallelism()).setSeed(job.seed());
    long start = System.nanoTime();
    spark.sparkContext().setJobGroup("bayestune-bench-grid", "CrossValidator over " + maps.length + " points", false);
    CrossValidatorModel model = cv.fit(runner.preparedData());
    spark.sparkContext().clearJobGroup();
    double seconds = (System.nanoTime() - start) / 1e9;
    double[] metrics = model.avgMetrics();
    int best = 0;
    for (int i = 1; i < metrics.length; i++) {
      best = metrics[i] > metrics[best] ? i : best;
    }
    runs.add(new Run("grid " + o.depths().length + "x" + o.steps().length + " (CrossValidator)", job.seed(),
        metrics[best], describe(maps[best], gbt), seconds));
    log.printf("grid: best %.4f at %s (%.0f s)%n", metrics[best], describe(maps[best], gbt), seconds);
    return model;
  }

  /** Evaluates grid point 0 through bayestune's runner: the same folds give the same mean metric. */
  private static double sameFolds(ModelTrialRunner runner, CrossValidatorModel cv) throws Exception {
    ParamMap first = cv.getEstimatorParamMaps()[0];
    GBTClassifier gbt = (GBTClassifier) cv.getEstimator();
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("maxDepth", ((Integer) first.apply(gbt.maxDepth())).longValue());
    a.put("stepSize", first.apply(gbt.stepSize()));
    double value = runner.run(new TrialContext("check", "bayestune-bench-check", "same folds check"),
        new Assignments(a)).value();
    return Math.abs(value - cv.avgMetrics()[0]);
  }

  private static Run tune(ModelTrialRunner runner, Options o, StrategyType type, long seed, PrintStream log)
      throws IOException, InterruptedException {
    JobSpec j = o.job();
    JobSpec job = new JobSpec(j.name(), type, j.data(), j.model(), j.parameters(), j.metric(), j.validation(),
        o.budget(), o.parallelism(), null, seed, j.output(), j.s3(), j.sparkConf());
    Path dir = Files.createTempDirectory("bayestune-quality");
    StoredExperiment stored = StoredExperiment.openOrCreate(new LocalDirectoryStore(dir),
        job.experimentSpec(o.parallelism()), seed);
    long start = System.nanoTime();
    String name = "quality-" + type.jsonName() + "-" + seed;
    new TuningLoop(stored, runner, LoopOptions.of(name, o.parallelism(), null, o.budget()), t -> { }).run();
    double seconds = (System.nanoTime() - start) / 1e9;
    Experiment e = stored.experiment();
    // The highest mean AUC, as CrossValidator and random search are scored.
    Observation best = e.bestObserved().orElse(null);
    String method = type == StrategyType.OFFLINE ? "bayestune (offline)" : "random search";
    Run run = new Run(method, seed, best == null ? Double.NaN : best.value(),
        best == null ? "" : best.assignments().toString(), seconds);
    log.printf("%s seed %d: best %.4f at %s (%.0f s)%n", method, seed, run.best(), run.bestAt(), seconds);
    return run;
  }

  /** The Markdown section body. */
  public static String render(Results r, Options o, Environment env) {
    JobSpec j = o.job();
    StringBuilder sb = new StringBuilder();
    sb.append("Command: `").append(o.command()).append("` (").append(env.summary()).append(").\n\n");
    sb.append("Data: the bundled credit data (label `Status`, positive `bad`), `").append(j.model().estimator())
        .append("` with ").append(j.model().params()).append(", ").append(j.validation().folds())
        .append("-fold cross-validated ").append(j.metric().name()).append(", search space of examples/credit-gbt.yaml")
        .append(" (maxDepth 2-8, stepSize 0.01-0.5 log). Every method scores configurations on the same folds:")
        .append(" Spark's CrossValidator runs with `setFoldCol` on the fold column bayestune's trials use; grid")
        .append(" point 0 scored both ways differs by ").append(String.format(java.util.Locale.ROOT, "%.2g",
            r.sameFoldsDifference())).append(". Budget ").append(o.budget()).append(" trials, ")
        .append(o.parallelism()).append(" at a time; the grid has ").append(o.depths().length).append(" x ")
        .append(o.steps().length).append(" points (maxDepth ").append(java.util.Arrays.toString(o.depths()))
        .append(", stepSize ").append(java.util.Arrays.toString(o.steps())).append(").\n\n");
    sb.append("| method | optimizer seed | best CV ").append(j.metric().name()).append(" | at | wall |\n|---|---|---|---|---|\n");
    for (Run run : r.runs()) {
      sb.append(String.format(java.util.Locale.ROOT, "| %s | %d | %.4f | %s | %.0f s |%n", run.method(), run.seed(),
          run.best(), run.bestAt(), run.seconds()));
    }
    sb.append('\n').append(String.format(java.util.Locale.ROOT,
        "Median best over %d seed(s): bayestune %.4f, random search %.4f; grid (CrossValidator) %.4f.",
        o.seeds(), median(r, "bayestune (offline)"), median(r, "random search"), r.runs().get(0).best()));
    return sb.toString();
  }

  static double median(Results r, String method) {
    double[] v = r.runs().stream().filter(x -> x.method().equals(method)).mapToDouble(Run::best).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String describe(ParamMap map, GBTClassifier gbt) {
    return "maxDepth=" + map.apply(gbt.maxDepth()) + " stepSize=" + map.apply(gbt.stepSize());
  }
}
