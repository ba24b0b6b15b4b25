package io.bayestune.python;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.driver.TuningJob;
import io.bayestune.driver.job.JobSpec;
import io.bayestune.driver.job.JobSpecParser;
import io.bayestune.driver.output.BestJson;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * A job file running on the caller's SparkSession, for Python's {@code bayestune.run_job}:
 * <pre>{@code
 * run = JobRun.start(spark, "/abs/credit-gbt.yaml", "/abs/out", 8, null)   # parses now: bad input throws here
 * while not run.isDone(): print(run.poll(500))                            # progress lines as they come
 * result = json.loads(run.result())                                      # or the job's exception
 * }</pre>
 * The job runs on a thread of its own so that the Python side can show progress in a notebook cell and cancel it
 * (Ctrl-C) between polls; the job is {@link TuningJob#run(SparkSession, JobSpec, PrintStream, String)}, the same one
 * {@code bayestune run} and spark-submit run, so the two agree trial for trial.
 */
public final class JobRun {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final LineQueue printed = new LineQueue();
  private final Thread thread;
  private volatile TuningJob.Result result;
  private volatile Throwable failure;

  private JobRun(SparkSession spark, JobSpec job, String warmStartFrom) {
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    thread = new Thread(() -> {
      try {
        result = TuningJob.run(spark, job, out, warmStartFrom);
      } catch (Throwable t) {
        failure = t;
      } finally {
        out.flush();
      }
    }, "bayestune-job-" + job.name());
    thread.setDaemon(true);
  }

  /**
   * Parses {@code jobFile} with the overrides (null keeps the file's value) and starts the job.
   *
   * @throws IllegalArgumentException for a job file that cannot be read or is invalid, naming the field and the fix
   */
  public static JobRun start(SparkSession spark, String jobFile, String output, Integer budget, String warmStartFrom) {
    JobSpec job = TuningJob.apply(JobSpecParser.parse(Path.of(jobFile)),
        new TuningJob.Overrides(output, budget, null, warmStartFrom));
    JobRun run = new JobRun(spark, job, warmStartFrom);
    run.thread.start();
    return run;
  }

  /** The progress lines printed since the last call, waiting up to {@code millis} for one; "" when none came. */
  public String poll(long millis) throws InterruptedException {
    List<String> lines = isDone() ? printed.rest() : printed.take(millis);
    return String.join("\n", lines);
  }

  public boolean isDone() {
    return !thread.isAlive();
  }

  /** Interrupts the job: trials in flight are cancelled, what was observed is kept (a later run resumes). */
  public void cancel() throws InterruptedException {
    thread.interrupt();
    thread.join(120_000);
  }

  /**
   * The finished job as JSON: {@code name, metric, output, parallelism, seconds, written, observations, failed, best}
   * ({@code best} in SigOpt's best_assignments shape, null when no trial succeeded).
   *
   * @throws Exception the job's own exception, when it failed
   */
  public String result() throws Exception {
    thread.join();
    if (failure instanceof Exception e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException(failure.toString(), failure);
    }
    Experiment e = result.experiment();
    ObjectNode out = MAPPER.createObjectNode();
    out.put("name", e.spec().name());
    out.put("metric", e.spec().metric().name());
    out.put("output", result.output().toString());
    out.put("parallelism", result.parallelism());
    out.put("seconds", result.seconds());
    ArrayNode written = out.putArray("written");
    result.written().forEach(written::add);
    List<Observation> observations = e.observations();
    out.put("observations", observations.size());
    out.put("failed", observations.stream().filter(Observation::failed).count());
    out.set("best", e.best().<com.fasterxml.jackson.databind.JsonNode>map(BestJson::node).orElse(null));
    return MAPPER.writeValueAsString(out);
  }
}
