package io.bayestune.driver;

import io.bayestune.connectors.s3.S3Settings;
import io.bayestune.connectors.storage.ExperimentStores;
import io.bayestune.driver.job.JobSpec;
import io.bayestune.driver.job.JobSpecParser;
import io.bayestune.driver.model.ModelTrialRunner;
import io.bayestune.driver.output.JobOutputs;
import io.bayestune.driver.output.OutputLocation;
import io.bayestune.driver.output.RunSummary;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.tracking.JobTracking;
import io.bayestune.tracking.MlflowTracker;
import io.bayestune.tracking.ParentResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A whole tuning job: job file, SparkSession, trial runner, {@link TuningLoop}, outputs.
 *
 * <pre>{@code
 * // spark-submit --class io.bayestune.cli.Main bayestune.jar run credit-gbt.yaml
 * // in a notebook, with its session:
 * TuningJob.Result r = TuningJob.run(spark, JobSpecParser.parse(Path.of("credit-gbt.yaml")), System.out);
 * }</pre>
 *
 * <p>A job whose output already holds its experiment resumes it (see {@link StoredExperiment}).
 */
public final class TuningJob {
  private static final Logger LOG = LogManager.getLogger(TuningJob.class);

  /**
   * Command-line overrides of the job file (tests, Airflow); null fields keep the file's value.
   *
   * @param warmStartFrom an earlier experiment's location (e.g. last night's {@code s3a://.../experiment})
   *     whose observations a new experiment starts from; ignored when the output already holds an
   *     experiment (that one resumes), and a location holding nothing starts cold with a note
   */
  public record Overrides(String output, Integer budget, String master, String warmStartFrom) {
    public static Overrides none() {
      return new Overrides(null, null, null, null);
    }
  }

  /** What a finished job produced. */
  public record Result(Experiment experiment, OutputLocation output, int parallelism, double seconds,
      List<String> written) {
  }

  private TuningJob() {
  }

  /**
   * Parses the job file, runs it, prints progress and the summary. The session is the one already
   * running in this JVM (a Databricks or Zeppelin driver, an Airflow-launched spark-submit that made
   * one first), which is left running, or else one made for the job and stopped at the end.
   */
  public static Result run(Path jobFile, Overrides overrides, PrintStream out) throws IOException, InterruptedException {
    JobSpec job = apply(JobSpecParser.parse(jobFile), overrides);
    String jobFileText = java.nio.file.Files.readString(jobFile);
    boolean existing = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
    SparkSession spark = session(job, overrides.master());
    try {
      return run(spark, job, out, overrides.warmStartFrom(), jobFileText);
    } finally {
      if (!existing) {
        spark.stop();
      }
    }
  }

  /** Runs a parsed job on an existing session (a notebook's, a test's). */
  public static Result run(SparkSession spark, JobSpec job, PrintStream out) throws IOException, InterruptedException {
    return run(spark, job, out, null);
  }

  /** As {@link #run(SparkSession, JobSpec, PrintStream)}, a new experiment warm-started from {@code warmStartFrom}. */
  public static Result run(SparkSession spark, JobSpec job, PrintStream out, String warmStartFrom)
      throws IOException, InterruptedException {
    return run(spark, job, out, warmStartFrom, null);
  }

  /** As above, with the job file's text (logged to MLflow as an artifact when the job has an mlflow block). */
  static Result run(SparkSession spark, JobSpec job, PrintStream out, String warmStartFrom, String jobFileText)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    // The job's s3 block over what Spark's Hadoop configuration already says (spark.hadoop.fs.s3a.*,
    // core-site.xml): one meaning of the settings for the data, the outputs and the experiment store.
    S3Settings fromJob = S3Settings.fromJob(job.s3());
    S3Settings s3 = S3Settings.fromHadoop(spark.sparkContext().hadoopConfiguration()).overlay(fromJob);
    s3.apply(spark);
    List<String> refreshed = fromJob.refreshCachedFileSystems(spark.sparkContext().hadoopConfiguration(),
        java.util.Arrays.asList(job.data() == null ? null : job.data().path(), job.output(), warmStartFrom));
    if (!refreshed.isEmpty()) {
      LOG.info("S3 settings changed since this session first used {}: reconnecting with the job's", refreshed);
    }
    OutputLocation output = OutputLocation.of(job.output());
    int parallelism = job.parallelism() > 0 ? job.parallelism() : Math.max(1, spark.sparkContext().defaultParallelism());
    ExperimentSpec spec = job.experimentSpec(parallelism);
    int budget = spec.observationBudget() > 0 ? spec.observationBudget() : job.observationBudget();
    try (ExperimentStore store = ExperimentStores.open(output.experiment(), s3);
        TrialRunner runner = runner(spark, job)) {
      StoredExperiment stored = StoredExperiment.openOrCreate(store, spec, job.seed(),
          () -> WarmStartSource.load(warmStartFrom, s3, out));
      Experiment e = stored.experiment();
      out.println("bayestune: " + job.name() + ": " + (stored.resumed() ? "resuming with "
          + e.observations().size() + " observation(s), " + e.openSuggestions().size() + " open" : "starting")
          + "; budget " + budget + ", " + parallelism + " trial(s) at a time, state in " + stored.location());
      out.flush();
      Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      MlflowTracker tracker = JobTracking.start(job, spec, budget, parallelism, warmStartFrom, output, hadoop, e,
          jobFileText, out);
      ProgressPrinter progress = new ProgressPrinter(out);
      List<String> written;
      try {
        new TuningLoop(stored, runner, LoopOptions.of(job.name(), parallelism, job.trialTimeout(), budget),
            tracker == null ? progress : t -> {
              progress.observed(t);
              tracker.observed(t);
            }).run();
        written = JobOutputs.write(spark, e, output, job.name(),
            runner instanceof ModelTrialRunner model ? model::refit : null);
        if (tracker != null) {
          tracker.finish(ParentResults.of(e, JobTracking.artifacts(hadoop, output, written, spark.version())));
        }
      } finally {
        if (tracker != null) {
          out.println(tracker.close());
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      out.println(RunSummary.render(job.name(), e, seconds, parallelism, output, written));
      out.flush();
      return new Result(e, output, parallelism, seconds, written);
    } catch (IOException | RuntimeException | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("closing the trial runner failed: " + e.getMessage(), e);
    }
  }

  private static TrialRunner runner(SparkSession spark, JobSpec job) {
    if (job.model().perTask()) {
      return TaskTrialRunner.create(JavaSparkContext.fromSparkContext(spark.sparkContext()), job.model().objective());
    }
    return ModelTrialRunner.create(spark, job);
  }

  /** The job with the command line's output and budget, when given. */
  public static JobSpec apply(JobSpec j, Overrides o) {
    if (o.budget() != null && o.budget() < 1) {
      throw new IllegalArgumentException("--budget: must be at least 1, but got " + o.budget());
    }
    return new JobSpec(j.name(), j.type(), j.data(), j.model(), j.parameters(), j.metric(), j.validation(),
        o.budget() != null ? o.budget() : j.observationBudget(), j.parallelism(), j.trialTimeout(), j.seed(),
        o.output() != null ? o.output() : j.output(), j.s3(), j.sparkConf(), j.metrics(), j.mlflow());
  }

  /**
   * The job's SparkSession. Under spark-submit the master and settings come from spark-submit (they are
   * system properties by then, which {@code new SparkConf()} reads); from {@code bin/bayestune run} the
   * master is {@code local[*]} unless {@code --master} says otherwise. Trials share the cluster through
   * the FAIR scheduler, so one trial's many tasks do not queue every other trial behind them.
   */
  static SparkSession session(JobSpec job, String master) {
    SparkConf given = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName("bayestune " + job.name());
    if (master != null) {
      b.master(master);
    } else if (!given.contains("spark.master") && !job.sparkConf().containsKey("spark.master")) {
      b.master("local[*]");
    }
    setIfAbsent(b, given, job, "spark.scheduler.mode", "FAIR");
    // Spark's console progress bar would tear through the one-line-per-trial progress on the terminal.
    setIfAbsent(b, given, job, "spark.ui.showConsoleProgress", "false");
    job.sparkConf().forEach(b::config);
    LOG.info("Spark settings from the job file: {}", job.sparkConf().keySet());
    return b.getOrCreate();
  }

  private static void setIfAbsent(SparkSession.Builder b, SparkConf given, JobSpec job, String key, String value) {
    if (!given.contains(key) && !job.sparkConf().containsKey(key)) {
      b.config(key, value);
    }
  }
}
