package io.bayestune.ml;

import io.bayestune.driver.TrialContext;
import io.bayestune.driver.TrialResult;
import io.bayestune.driver.TrialRunner;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.experiment.Suggestion;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Keeps {@code parallelism} trials in flight until {@code maxTrials} have run: a trial starts as
 * soon as one ends, each ending trial is observed at once (failed ones as failed, so the search
 * steers away), and the next suggestion is made knowing the trials still running.
 *
 * <p>A stand-in inside the MLlib package until the driver's TuningLoop is shared; it keeps the same
 * behaviour (see the package's report to the lead).
 */
final class InFlightTrials {
  /** Observation metadata key: wall-clock seconds the trial took. */
  static final String SECONDS = "seconds";
  private static final Logger LOG = LogManager.getLogger(InFlightTrials.class);

  private final Experiment experiment;
  private final TrialRunner runner;
  private final int parallelism;
  private final int maxTrials;
  private final String jobGroupPrefix;
  private Throwable firstFailure;
  private boolean exhausted;

  InFlightTrials(Experiment experiment, TrialRunner runner, int parallelism, int maxTrials, String jobGroupPrefix) {
    this.experiment = experiment;
    this.runner = runner;
    this.parallelism = parallelism;
    this.maxTrials = maxTrials;
    this.jobGroupPrefix = jobGroupPrefix;
  }

  private record Ended(Suggestion suggestion, TrialResult result, Throwable failure, double seconds) {
  }

  /**
   * Runs every trial; returns once all are observed.
   *
   * @throws InterruptedException when the calling thread is interrupted: running trials are cancelled
   */
  void run() throws InterruptedException {
    ExecutorService threads = Executors.newFixedThreadPool(parallelism, DaemonThreads.named("bayestune-trial-"));
    CompletionService<Ended> ended = new ExecutorCompletionService<>(threads);
    Map<String, TrialContext> running = new HashMap<>();
    int started = 0;
    try {
      for (Suggestion s : suggest(Math.min(parallelism, maxTrials))) {
        running.put(s.id(), start(ended, s));
        started++;
      }
      while (!running.isEmpty()) {
        Ended e = ended.take().get();
        running.remove(e.suggestion().id());
        observe(e);
        if (started < maxTrials && !exhausted) {
          for (Suggestion next : suggest(1)) {
            running.put(next.id(), start(ended, next));
            started++;
          }
        }
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("trial thread failed outside its trial: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      running.values().forEach(runner::cancel);
      throw e;
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * Up to {@code count} new suggestions; fewer once a small (integer or categorical) space has no
   * untried configuration left, after which the run ends with the trials it has.
   */
  private java.util.List<Suggestion> suggest(int count) {
    java.util.List<Suggestion> made = new java.util.ArrayList<>();
    try {
      made.addAll(experiment.suggest(count));
    } catch (IllegalStateException spaceUsedUp) {
      // suggest(count) makes all or nothing: take what is left one at a time.
      try {
        while (made.size() < count) {
          made.add(experiment.suggest());
        }
      } catch (IllegalStateException none) {
        exhausted = true;
        LOG.info("every configuration of the search space has been tried or is running; no more trials");
      }
    }
    return made;
  }

  /** The first trial failure, or null when none failed. */
  Throwable firstFailure() {
    return firstFailure;
  }

  private TrialContext start(CompletionService<Ended> ended, Suggestion s) {
    TrialContext trial = new TrialContext(s.id(), jobGroupPrefix + "-trial-" + s.id(),
        "trial " + s.id() + ": " + s.assignments());
    ended.submit(() -> {
      long t0 = System.nanoTime();
      try {
        TrialResult r = runner.run(trial, s.assignments());
        return new Ended(s, r, null, (System.nanoTime() - t0) / 1e9);
      } catch (Throwable t) {
        return new Ended(s, null, t, (System.nanoTime() - t0) / 1e9);
      }
    });
    return trial;
  }

  private void observe(Ended e) {
    Map<String, String> metadata = Map.of(SECONDS, String.format(Locale.ROOT, "%.3f", e.seconds()));
    String id = e.suggestion().id();
    if (e.failure() != null) {
      if (firstFailure == null) {
        firstFailure = e.failure();
      }
      experiment.observeFailed(id, describe(e.failure()), metadata);
    } else if (!Double.isFinite(e.result().value())) {
      experiment.observeFailed(id, "the evaluator returned " + e.result().value(), metadata);
    } else {
      Double sd = e.result().valueStddev();
      experiment.observe(id, e.result().value(), sd == null || !Double.isFinite(sd) ? null : sd, metadata);
    }
    if (LOG.isInfoEnabled()) {
      Observation o = experiment.observationOf(id).orElseThrow();
      LOG.info(String.format(Locale.ROOT, "trial %s (%d of %d) %s in %.1f s: %s", id, experiment.observations().size(),
          maxTrials, o.failed() ? "failed (" + o.failureReason() + ")"
              : experiment.spec().metric().name() + " " + o.value()
                  + (o.valueStddev() == null ? "" : " \u00b1 " + o.valueStddev()), e.seconds(), o.assignments()));
    }
  }

  static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
  }
}
