package io.bayestune.python;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.connectors.s3.S3Settings;
import io.bayestune.connectors.storage.ExperimentStores;
import io.bayestune.driver.LoopOptions;
import io.bayestune.driver.ProgressPrinter;
import io.bayestune.driver.StoredExperiment;
import io.bayestune.driver.TuningLoop;
import io.bayestune.driver.WarmStartSource;
import io.bayestune.driver.output.BestJson;
import io.bayestune.driver.output.JobOutputs;
import io.bayestune.driver.output.OutputLocation;
import io.bayestune.driver.output.RunSummary;
import io.bayestune.driver.output.TrialsTable;
import io.bayestune.optimizer.experiment.AssignmentsJson;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.tracking.JobTracking;
import io.bayestune.tracking.MlflowSettings;
import io.bayestune.tracking.MlflowTracker;
import io.bayestune.tracking.ParentResults;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The JVM half of {@code bayestune.tune}: a job's experiment, store, {@link TuningLoop} and outputs, driven
 * from Python through py4j with a few coarse calls. The loop runs on a thread of its own; Python threads
 * {@link #nextTrial take} trials, run each as a Spark task on a Python worker, and {@link #complete report}
 * them. Everything else (suggesting with the trials in flight as pending, saving after each observation,
 * timeouts, the fail-fast rule, resuming open trials under their ids, the outputs) is the job's own code.
 *
 * <pre>{@code
 * session = jvm.io.bayestune.python.TuneSession.open(jspark, spec_json, "out/tune", 7, 4, 60.0, None)
 * session.start()
 * trial = session.nextTrial(500)            # JSON: {"id", "job_group", "description", "assignments"}
 * session.complete(id, 0.87, None)           # or session.fail(id, "ValueError: ...")
 * summary = session.finish()                 # after waitFinished(ms) says true
 * }</pre>
 */
public final class TuneSession {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final SparkSession spark;
  private final ExperimentStore store;
  private final StoredExperiment stored;
  private final OutputLocation output;
  private final LoopOptions options;
  private final TuneTrialRunner runner;
  private final ProgressLines progress = new ProgressLines();
  private final CountDownLatch done = new CountDownLatch(1);
  private final long started = System.nanoTime();
  private volatile Throwable failure;
  private Thread loop;
  private MlflowTracker tracker;

  private TuneSession(SparkSession spark, ExperimentStore store, StoredExperiment stored, OutputLocation output,
      LoopOptions options, ProgressLines notes) {
    this.spark = spark;
    this.store = store;
    this.stored = stored;
    this.output = output;
    this.options = options;
    this.runner = new TuneTrialRunner(spark.sparkContext());
    for (String line : notes.drain()) {
      progress.add(line); // the warm start's notes, printed before the start line
    }
  }

  /**
   * Opens the experiment stored in {@code output}'s {@code experiment/} (a resumed run keeps every
   * observation and re-runs the open trials first), or creates it from {@code specJson} (SigOpt JSON with
   * name, parameters, metrics and observation_budget), warm-started from {@code warmStartFrom} if given.
   *
   * @param trialTimeoutSeconds how long one trial may run, or 0 for no limit
   */
  public static TuneSession open(SparkSession spark, String specJson, String output, long seed, int parallelism,
      double trialTimeoutSeconds, String warmStartFrom) throws IOException {
    return open(spark, specJson, output, seed, parallelism, trialTimeoutSeconds, warmStartFrom, null);
  }

  /**
   * As above, logging to MLflow as a job does ({@link JobTracking}) when {@code mlflowJson} is
   * {@code {"tracking_uri", "experiment", "run_name"}} (each optional; the URI may come from MLFLOW_TRACKING_URI).
   */
  public static TuneSession open(SparkSession spark, String specJson, String output, long seed, int parallelism,
      double trialTimeoutSeconds, String warmStartFrom, String mlflowJson) throws IOException {
    TuneSession session = openUntracked(spark, specJson, output, seed, parallelism, trialTimeoutSeconds,
        warmStartFrom);
    if (mlflowJson != null) {
      com.fasterxml.jackson.databind.JsonNode m = MAPPER.readTree(mlflowJson);
      MlflowSettings settings = new MlflowSettings(text(m, "tracking_uri"), text(m, "experiment"),
          text(m, "run_name")).resolve(System.getenv(), session.options.jobName());
      ExperimentSpec spec = session.stored.experiment().spec();
      session.tracker = JobTracking.start(settings, spec, session.options.observationBudget(),
          session.options.parallelism(), warmStartFrom, java.util.Map.of("job", session.options.jobName(), "seed",
              Long.toString(seed)), java.util.Map.of(), session.output, spark.sparkContext().hadoopConfiguration(),
          session.stored.experiment(), session.progress.stream());
    }
    return session;
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  private static TuneSession openUntracked(SparkSession spark, String specJson, String output, long seed,
      int parallelism, double trialTimeoutSeconds, String warmStartFrom) throws IOException {
    ExperimentSpec spec = SpecJson.parse(specJson);
    OutputLocation location = OutputLocation.of(output);
    Duration timeout = trialTimeoutSeconds > 0 ? Duration.ofMillis(Math.round(trialTimeoutSeconds * 1000)) : null;
    LoopOptions options = LoopOptions.of(spec.name(), parallelism, timeout, spec.observationBudget());
    S3Settings s3 = S3Settings.fromHadoop(spark.sparkContext().hadoopConfiguration());
    ProgressLines notes = new ProgressLines();
    ExperimentStore store = ExperimentStores.open(location.experiment(), s3);
    try {
      StoredExperiment stored;
      try {
        stored = StoredExperiment.openOrCreate(store, spec, seed,
            () -> WarmStartSource.load(warmStartFrom, s3, notes.stream()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage().replace("the job file as it was",
            "the tune call's space, name and minimize as they were"), e);
      }
      return new TuneSession(spark, store, stored, location, options, notes);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Starts the loop on its own thread; returns at once. */
  public synchronized void start() {
    if (loop != null) {
      throw new IllegalStateException("this tune session was started already");
    }
    Experiment e = stored.experiment();
    progress.add("bayestune: " + options.jobName() + ": " + (stored.resumed() ? "resuming with "
        + e.observations().size() + " observation(s), " + e.openSuggestions().size() + " open" : "starting")
        + "; budget " + options.observationBudget() + ", " + options.parallelism() + " trial(s) at a time, state in "
        + stored.location());
    ProgressPrinter printer = new ProgressPrinter(progress.stream());
    MlflowTracker tracking = tracker;
    loop = new Thread(() -> {
      try {
        new TuningLoop(stored, runner, options, tracking == null ? printer : trial -> {
          printer.observed(trial);
          tracking.observed(trial);
        }).run();
      } catch (Throwable t) {
        failure = t;
      } finally {
        done.countDown();
      }
    }, "bayestune-tune-loop");
    loop.setDaemon(true);
    loop.start();
  }

  /**
   * The next trial to run, as JSON {@code {"id", "job_group", "description", "assignments"}}, or null when
   * none is ready within {@code timeoutMillis} (then ask {@link #isFinished}).
   */
  public String nextTrial(long timeoutMillis) throws InterruptedException {
    TuneTrialRunner.Handoff h = runner.take(timeoutMillis);
    if (h == null) {
      return null;
    }
    ObjectNode json = MAPPER.createObjectNode();
    json.put("id", h.trial().suggestionId());
    json.put("job_group", h.trial().jobGroup());
    json.put("description", h.trial().description());
    json.set("assignments", AssignmentsJson.write(h.assignments()));
    return json.toString();
  }

  /** False once the trial timed out or the loop stopped: its result would be ignored. */
  public boolean isOpen(String suggestionId) {
    return runner.isOpen(suggestionId);
  }

  /** Reports a trial's value ({@code valueStddev} may be null); a NaN or infinite value is observed as failed. */
  public void complete(String suggestionId, double value, Double valueStddev) {
    runner.complete(suggestionId, value, valueStddev);
  }

  /** Reports a failed trial with its reason, e.g. {@code ValueError: alpha must be positive}. */
  public void fail(String suggestionId, String reason) {
    runner.fail(suggestionId, reason);
  }

  /** Waits up to {@code timeoutMillis} for the loop to end; true when it has. */
  public boolean waitFinished(long timeoutMillis) throws InterruptedException {
    return done.await(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  public boolean isFinished() {
    return done.getCount() == 0;
  }

  /** Progress lines printed since the last call. */
  public String[] progress() {
    return progress.drain();
  }

  /** Stops the loop (the Python side was interrupted): in-flight trials are cancelled and stay open for a resume. */
  public void stop() {
    Thread t = loop;
    if (t != null) {
      t.interrupt();
    }
  }

  /**
   * After the loop ended: rethrows what stopped it, or writes the outputs (trials table, best.json,
   * report.html) and returns the run's summary as JSON: {@code best} (SigOpt's best_assignments, or null),
   * {@code observations}, {@code failed}, {@code seconds}, {@code summary} (the job's closing lines),
   * {@code written}, {@code output}, {@code metric}, {@code resumed}. Closes the store either way.
   */
  public String finish() throws Throwable {
    try {
      if (!waitFinished(0)) {
        throw new IllegalStateException("the tune loop is still running; wait for waitFinished to return true");
      }
      if (failure != null) {
        throw failure;
      }
      Experiment e = stored.experiment();
      List<String> written = JobOutputs.write(spark, e, output, options.jobName(), null);
      String tracked = null;
      if (tracker != null) {
        tracker.finish(ParentResults.of(e, JobTracking.artifacts(spark.sparkContext().hadoopConfiguration(), output,
            written, spark.version())));
        tracked = tracker.close();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      ObjectNode json = MAPPER.createObjectNode();
      e.best().ifPresentOrElse(b -> json.set("best", BestJson.node(b)), () -> json.putNull("best"));
      json.put("metric", e.spec().metric().name());
      json.put("observations", e.observations().size());
      json.put("failed", e.observations().stream().filter(Observation::failed).count());
      json.put("seconds", seconds);
      json.put("resumed", stored.resumed());
      json.put("output", output.toString());
      json.set("written", MAPPER.valueToTree(written));
      json.put("summary", (tracked == null ? "" : tracked + "\n")
          + RunSummary.render(options.jobName(), e, seconds, options.parallelism(), output, written));
      return json.toString();
    } finally {
      if (tracker != null && failure != null) {
        tracker.close(); // the loop failed: log what was observed, boundedly
      }
      store.close();
    }
  }

  /** The trials table (as {@code trials.parquet}) of the experiment as it stands. */
  public Dataset<Row> trials() {
    return TrialsTable.of(spark, stored.experiment());
  }
}
