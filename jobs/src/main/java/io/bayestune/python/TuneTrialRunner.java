package io.bayestune.python;

import io.bayestune.driver.JobGroups;
import io.bayestune.driver.TrialContext;
import io.bayestune.driver.TrialFailedException;
import io.bayestune.driver.TrialResult;
import io.bayestune.driver.TrialRunner;
import io.bayestune.optimizer.space.Assignments;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;

/**
 * The trial runner of {@code bayestune.tune}: hands each trial the loop dispatches to the Python driver,
 * whose threads run it as a Spark task on a Python worker and report back.
 *
 * <p>The {@link io.bayestune.driver.TuningLoop} calls {@link #run} on one of its trial threads, which waits
 * here until a Python thread has {@linkplain #take taken} the trial and {@linkplain #complete completed} or
 * {@linkplain #fail failed} it. The loop keeps every rule of a job (asynchronous slots, timeouts, the first
 * trials' fail-fast rule, resume) and the Python side only runs what it is given.
 *
 * <p>A timeout cancels the trial's Spark job group, which the Python thread set before submitting the
 * trial's job; a report that comes after the loop gave up on a trial is ignored.
 */
final class TuneTrialRunner implements TrialRunner {
  /** One trial waiting for, or being run by, a Python thread. */
  record Handoff(TrialContext trial, Assignments assignments, CompletableFuture<TrialResult> result) {
  }

  private final SparkContext sc;
  private final BlockingQueue<Handoff> waiting = new LinkedBlockingQueue<>();
  private final Map<String, Handoff> open = new ConcurrentHashMap<>();

  TuneTrialRunner(SparkContext sc) {
    this.sc = sc;
  }

  @Override
  public TrialResult run(TrialContext trial, Assignments assignments) throws Exception {
    Handoff h = new Handoff(trial, assignments, new CompletableFuture<>());
    open.put(trial.suggestionId(), h);
    waiting.add(h);
    try {
      return h.result().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      // Interrupted (a timeout): the trial is given up; a late report from Python finds nothing.
      open.remove(trial.suggestionId(), h);
      h.result().cancel(false);
    }
  }

  @Override
  public void cancel(TrialContext trial) {
    Handoff h = open.remove(trial.suggestionId());
    if (h != null) {
      h.result().cancel(false);
    }
    JobGroups.cancel(sc, trial.jobGroup());
  }

  /** The next trial for a Python thread, or null when none comes within {@code timeoutMillis}. */
  Handoff take(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      Handoff h = waiting.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (h == null || !h.result().isDone()) {
        return h; // skips trials the loop gave up on before any Python thread took them
      }
    }
  }

  /** True while the loop still waits for this trial's report (false once it timed out or the loop stopped). */
  boolean isOpen(String suggestionId) {
    Handoff h = open.get(suggestionId);
    return h != null && !h.result().isDone();
  }

  void complete(String suggestionId, double value, Double valueStddev) {
    Handoff h = open.get(suggestionId);
    if (h != null) {
      h.result().complete(new TrialResult(value, valueStddev));
    }
  }

  void fail(String suggestionId, String reason) {
    Handoff h = open.get(suggestionId);
    if (h != null) {
      h.result().completeExceptionally(new TrialFailedException(reason));
    }
  }
}
