package io.bayestune.driver;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.store.StateConflictException;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
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
 * <p>Two threads share the work so that a freed slot never waits for the optimizer. The loop's own
 * thread only dispatches: when a trial ends it starts a suggestion that is already made in the freed
 * slot, then hands the result to the optimizer thread, which observes it, saves the state, and makes
 * the next suggestion (a GP fit and acquisition search take 50-300 ms, longer on a busy driver), knowing
 * every trial in flight as open. {@code lookahead} (default 1) suggestions are kept made ahead, beyond
 * the trials in flight: the price is one more open suggestion in the model (asynchronous batch BO in
 * the style of kriging believer; Ginsbourger, Le Riche and Carraro 2010), the gain is slots that keep
 * busy (docs/benchmarks.md, "Spark: scheduling"). Made-ahead suggestions are saved as open ones, so a
 * resumed job runs them first.
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
  /** Observation metadata: "true" when the trial was cancelled at trial_timeout. */
  public static final String TIMED_OUT = "timed_out";

  private final StoredExperiment stored;
  private final Experiment experiment;
  private final TrialRunner runner;
  private final LoopOptions options;
  private final TrialListener listener;
  /** Trial outcomes (from trial threads and the timer), {@link #REFILLED} and {@link Recorded}, for the loop's thread. */
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final Map<String, InFlight> inFlight = new LinkedHashMap<>();
  private SuggestionSlots slots;
  private volatile boolean stopping;

  /** The optimizer made suggestions: free slots can take them. */
  private static final Object REFILLED = new Object();

  /** The optimizer recorded one outcome; {@code error} is what stops the loop (a lost save), or null. */
  private record Recorded(Exception error) {
  }

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
    slots = new SuggestionSlots(experiment, options.observationBudget(), options.parallelism(), options.lookahead());
    List<Suggestion> reruns = slots.reruns();
    if (!reruns.isEmpty()) {
      LOG.info("re-running {} trial(s) that were in flight when the previous driver stopped: {}", reruns.size(),
          reruns.stream().map(Suggestion::id).toList());
    }
    ThreadPoolExecutor pool = new ThreadPoolExecutor(options.parallelism(), Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), threads("bayestune-trial-"));
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(threads("bayestune-timeout-"));
    ExecutorService optimizer = Executors.newSingleThreadExecutor(threads("bayestune-optimizer-"));
    FirstTrialsRule firstTrials = new FirstTrialsRule(options.failFastCount(), experiment.spec().metric().name());
    try {
      prepare(); // on this thread: no trial runs yet
      startPrepared(pool, timers);
      int pending = 0;
      Exception stop = null;
      while (stop == null ? !inFlight.isEmpty() || pending > 0 : pending > 0) {
        Object event = events.take();
        if (event instanceof TrialOutcome outcome) {
          InFlight trial = inFlight.remove(outcome.suggestionId());
          if (trial == null) {
            continue; // a timed-out trial that returned after all: it was observed already
          }
          slots.finished();
          if (trial.timer() != null) {
            trial.timer().cancel(false);
          }
          if (outcome.timedOut()) {
            runner.cancel(trial.context());
            trial.run().cancel(true);
          }
          if (stop == null) {
            stop = firstTrials.check(outcome);
          }
          if (stop == null) {
            startPrepared(pool, timers);
          }
          pending++;
          boolean makeMore = stop == null;
          optimizer.execute(() -> events.add(record(outcome, makeMore)));
        } else if (event == REFILLED) {
          if (stop == null) {
            startPrepared(pool, timers);
          }
        } else if (event instanceof Recorded recorded) {
          pending--;
          stop = stop == null ? recorded.error() : stop;
        }
      }
      if (stop instanceof IOException io) {
        throw io;
      }
      if (stop != null) {
        throw (RuntimeException) stop;
      }
    } finally {
      stopping = true;
      for (InFlight t : inFlight.values()) {
        try {
          runner.cancel(t.context());
        } catch (RuntimeException e) {
          // E.g. a stopped SparkContext: the error that stopped the loop (if any) is the one to report, and
          // the shutdowns below must still run (the optimizer saves what it was given).
          LOG.warn("cancelling trial {} failed: {}", t.context().suggestionId(), e.toString());
        }
        t.run().cancel(true);
      }
      pool.shutdownNow();
      timers.shutdownNow();
      finish(optimizer);
    }
  }

  /**
   * On the optimizer thread: observes one outcome, saves the state, makes the suggestions the free slots
   * and the lookahead need, and tells the listener.
   */
  private Recorded record(TrialOutcome outcome, boolean makeMore) {
    try {
      Observation o = observe(outcome);
      save();
      RuntimeException suggestFailed = null;
      if (makeMore && !stopping) {
        try {
          prepare();
        } catch (RuntimeException e) {
          suggestFailed = e; // stops the loop; this trial was observed and saved all the same
        }
      }
      listener.observed(new ObservedTrial(o, experiment.observations().size(), options.observationBudget(),
          outcome.seconds(), experiment.best(), experiment.spec().metric()));
      return new Recorded(suggestFailed);
    } catch (IOException | RuntimeException e) {
      return new Recorded(e);
    } catch (Error e) {
      // The loop's thread waits for every record: it must hear of this one too.
      return new Recorded(new IllegalStateException("the optimizer thread failed while recording trial "
          + outcome.suggestionId() + ": " + e, e));
    }
  }

  /** Makes suggestions for the free slots plus {@code lookahead}, within the budget, in one batch. */
  private void prepare() {
    List<Suggestion> made = slots.make(experiment);
    if (!made.isEmpty()) {
      slots.add(made);
      events.add(REFILLED);
    }
  }

  /** Fills free slots with suggestions already made: open ones from an earlier run, then prepared ones. */
  private void startPrepared(ThreadPoolExecutor pool, ScheduledExecutorService timers) {
    while (inFlight.size() < options.parallelism()) {
      Suggestion next = slots.take();
      if (next == null) {
        return;
      }
      start(next, pool, timers);
    }
  }

  /** Lets the optimizer save what it was given (nothing observed is dropped), even when this thread was interrupted. */
  private static void finish(ExecutorService optimizer) {
    optimizer.shutdown();
    boolean interrupted = Thread.interrupted();
    try {
      if (!optimizer.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.warn("the optimizer thread did not finish within 60 s; stopping it");
        optimizer.shutdownNow();
      }
    } catch (InterruptedException e) {
      optimizer.shutdownNow();
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
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
      events.add(outcome);
    });
    ScheduledFuture<?> timer = options.trialTimeout() == null ? null : timers.schedule(
        () -> events.add(TrialOutcome.timedOut(s.id(), options.trialTimeout())),
        options.trialTimeout().toNanos(), TimeUnit.NANOSECONDS);
    inFlight.put(s.id(), new InFlight(ctx, run, timer)); // counted in flight by SuggestionSlots.take
    LOG.debug("dispatched {}", ctx.description());
  }

  private Observation observe(TrialOutcome outcome) {
    String metric = experiment.spec().metric().name();
    String reason = outcome.failureReason(metric);
    Map<String, String> metadata = new HashMap<>();
    metadata.put("seconds", String.format(java.util.Locale.ROOT, "%.3f", outcome.seconds()));
    if (reason != null) {
      metadata.put("error", reason);
      if (outcome.timedOut()) {
        metadata.put(TIMED_OUT, "true");
      }
      if (outcome.failure() != null && !(outcome.failure() instanceof TrialFailedException)) {
        LOG.warn("trial {} failed: {}", outcome.suggestionId(), reason, outcome.failure());
      } else {
        LOG.warn("trial {} failed: {}", outcome.suggestionId(), reason);
      }
      return experiment.observeFailed(outcome.suggestionId(), reason, metadata);
    }
    // the result's facts (each fold's value, folds.<metric>) with every metric count, one or several: MLflow's child
    // runs log the folds from them; the loop's own entries (seconds) win over a result's of the same name
    outcome.result().metadata().forEach(metadata::putIfAbsent);
    if (!outcome.result().values().isEmpty()) {
      return experiment.observe(outcome.suggestionId(), outcome.result().values(), metadata);
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

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
