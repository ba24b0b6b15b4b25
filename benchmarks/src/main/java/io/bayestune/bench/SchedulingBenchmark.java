package io.bayestune.bench;

import io.bayestune.driver.LoopOptions;
import io.bayestune.driver.StoredExperiment;
import io.bayestune.driver.TaskTrialRunner;
import io.bayestune.driver.TuningLoop;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.store.LocalDirectoryStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * How busy the driver keeps the executor slots: a per-task {@link SleepingObjective} (0.5-1.5 s per
 * trial), {@code trials} trials at {@code parallelism} on {@code local[parallelism]}, the Bayesian
 * strategy suggesting as each trial ends.
 *
 * <p>slot-busy fraction = sum of trial durations / (parallelism x wall time of the loop). A trial's
 * duration is what the driver measured from dispatch to result (Spark's scheduling included); the
 * objective's own sleeping, a lower bound on the useful work, is shown beside it.
 */
public final class SchedulingBenchmark {

  /** @param trials how many trials (the observation budget) */
  public record Options(int trials, int parallelism, long seed, int lookahead, String command) {
  }

  /** What one run measured. */
  public record Result(int trials, int parallelism, double wallSeconds, double trialSeconds, double sleepSeconds,
      int failed, String loadBefore, String loadAfter, Idle idle) {
    public double busyFraction() {
      return trialSeconds / (parallelism * wallSeconds);
    }

    public double sleepFraction() {
      return sleepSeconds / (parallelism * wallSeconds);
    }
  }

  private SchedulingBenchmark() {
  }

  static final String SPEC = "{\"name\":\"scheduling\",\"type\":\"offline\",\"parameters\":["
      + "{\"name\":\"x\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1}},"
      + "{\"name\":\"y\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1}}],"
      + "\"metrics\":[{\"name\":\"f\",\"objective\":\"maximize\"}],\"observation_budget\":%d,"
      + "\"parallel_bandwidth\":%d}";

  /** Runs the loop on {@code spark} (which should have {@code parallelism} cores) and measures it. */
  public static Result run(SparkSession spark, Options o, PrintStream log) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("bayestune-scheduling");
    StoredExperiment stored = StoredExperiment.openOrCreate(new LocalDirectoryStore(dir),
        SpecJson.parse(String.format(Locale.ROOT, SPEC, o.trials(), o.parallelism())), o.seed());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    TimedRunner runner = new TimedRunner(TaskTrialRunner.create(jsc, SleepingObjective.class.getName()));
    // Warm Spark up (first job, class loading) outside the measurement, as a long job amortizes it.
    jsc.parallelize(java.util.List.of(1, 2, 3, 4), o.parallelism()).count();
    String loadBefore = loadAverage();
    long start = System.nanoTime();
    new TuningLoop(stored, runner, LoopOptions.of("scheduling", o.parallelism(), null, o.trials())
        .withLookahead(o.lookahead()),
        t -> log.println("  " + t.observationCount() + "/" + t.observationBudget() + " "
            + String.format(Locale.ROOT, "%.2f s", t.seconds()))).run();
    long end = System.nanoTime();
    double wall = (end - start) / 1e9;
    Experiment e = stored.experiment();
    double trialSeconds = 0;
    double sleepSeconds = 0;
    int failed = 0;
    for (Observation obs : e.observations()) {
      trialSeconds += Double.parseDouble(obs.metadata().get("seconds"));
      sleepSeconds += SleepingObjective.sleepMillis(obs.assignments().getDouble("x"),
          obs.assignments().getDouble("y")) / 1000.0;
      failed += obs.failed() ? 1 : 0;
    }
    return new Result(e.observations().size(), o.parallelism(), wall, trialSeconds, sleepSeconds, failed,
        loadBefore, loadAverage(), Idle.of(runner.spans(), o.parallelism(), start, end));
  }

  /** The 1-minute load average, since other work on the machine delays the driver's thread. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The Markdown section body. */
  public static String render(Result r, Options o, Environment env) {
    return String.join("\n",
        "Command: `" + o.command() + "` (" + env.summary() + ").",
        "",
        "A per-task objective that sleeps 0.5-1.5 s (io.bayestune.bench.SleepingObjective), " + r.trials()
            + " trials at parallelism " + r.parallelism() + " on `local[" + r.parallelism() + "]`, Bayesian"
            + " strategy (GP suggestions made as each trial ends, knowing the open ones), lookahead "
            + o.lookahead() + ". Load average (1 min) before / after: " + r.loadBefore() + " / " + r.loadAfter()
            + " on " + env.cores() + " cores.",
        "",
        "| measure | value |",
        "|---|---|",
        String.format(Locale.ROOT, "| wall time of the loop | %.1f s |", r.wallSeconds()),
        String.format(Locale.ROOT, "| sum of trial durations (driver-measured, dispatch to result) | %.1f s |",
            r.trialSeconds()),
        String.format(Locale.ROOT, "| **slot-busy fraction** = sum / (%d x wall) | **%.3f** |", r.parallelism(),
            r.busyFraction()),
        String.format(Locale.ROOT, "| objective's own sleep / (%d x wall) | %.3f |", r.parallelism(),
            r.sleepFraction()),
        String.format(Locale.ROOT, "| failed trials | %d |", r.failed()),
        String.format(Locale.ROOT, "| idle slot-seconds before the first trial starts (first suggestions) | %.2f |",
            r.idle().beforeFirst()),
        String.format(Locale.ROOT, "| idle slot-seconds between trials (a slot freed, the next not yet started) | %.2f |",
            r.idle().between()),
        String.format(Locale.ROOT, "| idle slot-seconds in the tail (after the last trial started) | %.2f |",
            r.idle().tail()),
        "",
        "The gap between the two fractions is Spark's per-task overhead (job submission, task"
            + " serialization, result fetch), counted as busy since the slot is taken. Idle time is measured from"
            + " each trial's start and end in the runner (a sweep over the number running): between trials it is the"
            + " driver's dispatch latency (the made-ahead suggestion starts at once; observing, saving and the GP run"
            + " on another thread), the tail is inherent (fewer than " + r.parallelism() + " trials are left), and"
            + " all of it grows with other load on the machine.");
  }
}
