package io.bayestune.driver;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.store.StateConflictException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The driver's loop: keeps {@code parallelism} trials in flight until the observation budget is spent.
 *
 * <p>There are no rounds. Whenever any trial ends it is observed, the state is saved, and the next
 * suggestion (made knowing the trials still open) is dispatched at once, so a slow trial holds one
 * slot and never the others. Trials run on driver threads, one per trial in flight; each names its
 * Spark job group {@code bayestune-<name>-trial-<id>}.
 *
 * <p>Lookahead: a GP fit and acquisition search take 50-150 ms, which would leave the freed slot idle
 * each time. So the loop keeps {@code lookahead} (default 1) suggestions prepared, made knowing
 * every trial in flight as open; the freed slot starts the prepared one at once, and the next one is
 * prepared, with the new result, while the trials run. The price is one more open suggestion in
 * the model (asynchronous batch BO in the style of kriging believer; Ginsbourger, Le Riche and
 * Carraro 2010), the gain is slots that never wait for the optimizer (docs/benchmarks.md, "Spark:
 * scheduling"). Prepared suggestions are saved as open ones, so a resumed job runs them first.
 *
 * <p>A trial that throws, outlives {@code trial_timeout} or returns a non-finite value is observed as
 * failed, with its reason and seconds in the observation's metadata, and the loop goes on. Only when
 * this run's first {@code failFastCount} trials all fail does it stop, with the first cause.
 *
 * <p>Resuming: the experiment's open suggestions (trials that were in flight when a previous driver
 * died) are dispatched first, under their own ids; nothing observed runs again.
 *
 * <pre>{@code
 * StoredExperiment stored = StoredExperiment.openOrCreate(store, spec, seed);
 * new TuningLoop(stored, runner, LoopOptions.of("credit", 4, Duration.ofMinutes(10), 30),
 *     new ProgressPrinter(System.out)).run();
 * }</pre>
 */
public final class TuningLoop {
  private static final Logger LOG = LogManager.getLogger(TuningLoop.class);

  private final StoredExperiment stored;
  private final Experiment experiment;
  private final TrialRunner runner;
  private final LoopOptions options;
  private final TrialListener listener;
  private final BlockingQueue<TrialOutcome> outcomes = new LinkedBlockingQueue<>();
  private final Map<String, InFlight> inFlight = new LinkedHashMap<>();
  private final Deque<Suggestion> reruns = new ArrayDeque<>();
  private final Deque<Suggestion> prepared = new ArrayDeque<>();
  private int runOutcomes;
  private boolean anyCompleted;
  private TrialOutcome firstFailure;
  private String firstFailureReason;
  private boolean exhausted;

  /** A trial being run: its identity and the handles that stop it. */
  private record InFlight(TrialContext context, Future<?> run, ScheduledFuture<?> timer) {
  }

  public TuningLoop(StoredExperiment stored, TrialRunner runner, LoopOptions options, TrialListener listener) {
    this.stored = stored;
    this.experiment = stored.experiment();
    this.runner = runner;
    this.options = options;
    this.listener = listener;
  }

  /**
   * Runs trials until the experiment holds {@code observationBudget} observations (or the search space
   * has no configuration left).
   *
   * @throws TuningStoppedException when this run's first trials all failed, or another driver took over
   * @throws IOException when the state cannot be saved (what was saved before stays)
   */
  public void run() throws IOException, InterruptedException {
    reruns.addAll(experiment.openSuggestions());
    if (!reruns.isEmpty()) {
      LOG.info("re-running {} trial(s) that were in flight when the previous driver stopped: {}", reruns.size(),
          reruns.stream().map(Suggestion::id).toList());
    }
    ThreadPoolExecutor pool = new ThreadPoolExecutor(options.parallelism(), Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), threads("bayestune-trial-"));
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(threads("bayestune-timeout-"));
    try {
      dispatch(pool, timers);
      while (!inFlight.isEmpty()) {
        TrialOutcome outcome = outcomes.take();
        InFlight trial = inFlight.remove(outcome.suggestionId());
        if (trial == null) {
          continue; // a timed-out trial that returned after all: it was observed already
        }
        if (trial.timer() != null) {
          trial.timer().cancel(false);
        }
        if (outcome.timedOut()) {
          runner.cancel(trial.context());
          trial.run().cancel(true);
        }
        if (anyCompleted) {
          // The freed slot gets a prepared suggestion before the GP sees this result: no slot waits for a fit.
          startPrepared(pool, timers);
        }
        Observation o = observe(outcome);
        save();
        TuningStoppedException stop = firstTrialsAllFailed(outcome, o);
        if (stop == null) {
          dispatch(pool, timers);
        }
        listener.observed(new ObservedTrial(o, experiment.observations().size(), options.observationBudget(),
            outcome.seconds(), experiment.best(), experiment.spec().metric()));
        if (stop != null) {
          throw stop;
        }
      }
    } finally {
      for (InFlight t : inFlight.values()) {
        runner.cancel(t.context());
        t.run().cancel(true);
      }
      pool.shutdownNow();
      timers.shutdownNow();
    }
  }

  /** Fills free slots with suggestions already made: open ones from an earlier run, then prepared ones. */
  private void startPrepared(ThreadPoolExecutor pool, ScheduledExecutorService timers) {
    while (inFlight.size() < options.parallelism() && !reruns.isEmpty()) {
      start(reruns.poll(), pool, timers);
    }
    while (inFlight.size() < options.parallelism() && !prepared.isEmpty()) {
      start(prepared.poll(), pool, timers);
    }
  }

  /**
   * Fills every free slot, making new suggestions in one batch when the made ones run out, and prepares
   * {@code lookahead} more for the next trial to end, all within the budget.
   */
  private void dispatch(ThreadPoolExecutor pool, ScheduledExecutorService timers) {
    startPrepared(pool, timers);
    int budgetLeft = options.observationBudget() - experiment.observations().size() - inFlight.size()
        - reruns.size() - prepared.size();
    int free = Math.min(options.parallelism() - inFlight.size(), budgetLeft);
    int ahead = Math.min(options.lookahead() - prepared.size(), budgetLeft - Math.max(free, 0));
    int count = Math.max(free, 0) + Math.max(ahead, 0);
    if (count == 0 || exhausted) {
      return;
    }
    List<Suggestion> next;
    try {
      next = experiment.suggest(count);
    } catch (IllegalStateException e) {
      // A grid or a small discrete space can run out; the trials in flight still finish.
      LOG.warn("no more suggestions: {}", e.getMessage());
      exhausted = true;
      return;
    }
    for (Suggestion s : next) {
      if (inFlight.size() < options.parallelism()) {
        start(s, pool, timers);
      } else {
        prepared.add(s);
      }
    }
  }

  private void start(Suggestion s, ThreadPoolExecutor pool, ScheduledExecutorService timers) {
    TrialContext ctx = new TrialContext(s.id(), options.jobGroup(s.id()), "trial " + s.id() + ": " + s.assignments());
    long started = System.nanoTime();
    Future<?> run = pool.submit(() -> {
      TrialOutcome outcome;
      try {
        TrialResult result = runner.run(ctx, s.assignments());
        outcome = TrialOutcome.completed(s.id(), result, (System.nanoTime() - started) / 1e9);
      } catch (Throwable t) {
        outcome = TrialOutcome.threw(s.id(), t, (System.nanoTime() - started) / 1e9);
      }
      outcomes.add(outcome);
    });
    ScheduledFuture<?> timer = options.trialTimeout() == null ? null : timers.schedule(
        () -> outcomes.add(TrialOutcome.timedOut(s.id(), options.trialTimeout())),
        options.trialTimeout().toNanos(), TimeUnit.NANOSECONDS);
    inFlight.put(s.id(), new InFlight(ctx, run, timer));
    LOG.debug("dispatched {}", ctx.description());
  }

  private Observation observe(TrialOutcome outcome) {
    String metric = experiment.spec().metric().name();
    String reason = outcome.failureReason(metric);
    Map<String, String> metadata = new HashMap<>();
    metadata.put("seconds", String.format(java.util.Locale.ROOT, "%.3f", outcome.seconds()));
    if (reason != null) {
      metadata.put("error", reason);
      if (outcome.failure() != null) {
        LOG.warn("trial {} failed: {}", outcome.suggestionId(), reason, outcome.failure());
      } else {
        LOG.warn("trial {} failed: {}", outcome.suggestionId(), reason);
      }
      return experiment.observeFailed(outcome.suggestionId(), reason, metadata);
    }
    Double stddev = outcome.result().valueStddev();
    if (stddev != null && !(Double.isFinite(stddev) && stddev >= 0)) {
      LOG.warn("trial {}: value_stddev {} is not a finite number >= 0; keeping the value without it",
          outcome.suggestionId(), stddev);
      stddev = null;
    }
    return experiment.observe(outcome.suggestionId(), outcome.result().value(), stddev, metadata);
  }

  private void save() throws IOException {
    try {
      stored.save();
    } catch (StateConflictException e) {
      throw new TuningStoppedException(e.getMessage(), e);
    }
  }

  /** The exception that stops the job when this run's first trials all failed, else null. */
  private TuningStoppedException firstTrialsAllFailed(TrialOutcome outcome, Observation o) {
    runOutcomes++;
    if (!o.failed()) {
      anyCompleted = true;
      return null;
    }
    if (firstFailure == null) {
      firstFailure = outcome;
      firstFailureReason = o.failureReason();
    }
    if (!anyCompleted && runOutcomes == options.failFastCount()) {
      return new TuningStoppedException("the first " + runOutcomes + " trial(s) of this run all failed, so the job"
          + " stops instead of spending its budget on failures (observations so far are saved). The first"
          + " failure, trial " + firstFailure.suggestionId() + ": " + firstFailureReason, firstFailure.failure());
    }
    return null;
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
