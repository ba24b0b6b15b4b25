package io.bayestune.bench.cluster;

import io.bayestune.driver.SuggestionSlots;
import io.bayestune.functions.BenchmarkFunction;
import io.bayestune.functions.BenchmarkFunctions;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.ExperimentOptions;
import io.bayestune.optimizer.experiment.Suggestion;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A cluster of {@code slots} executors on a virtual clock, driven by the scheduling rule of the real
 * driver ({@link SuggestionSlots}, as {@code TuningLoop} uses it) with a real optimizer.
 *
 * <p>Trials take log-normal times (median 60 s, sigma 0.5, drawn from the seed and the suggestion
 * id) and cost no real time. The optimizer is one thread, as in the job: each finished trial is
 * handed to it in turn; it observes the trial, optionally serializes the state (the job saves after
 * every observation), and makes the suggestions that the free slots and the lookahead need in one
 * batch. The real time that work takes (wall clock, or the thread's CPU time with {@code cpuClock})
 * is charged to the virtual clock, and its suggestions reach the slots only when it is done: a slow
 * optimizer leaves slots idle exactly as on a cluster.
 */
public final class ClusterSimulation {

  /**
   * @param lookahead suggestions made ahead beyond the slots (the job's default is 1)
   * @param cpuClock charge the optimizer thread's CPU time instead of wall time (for a loaded machine)
   * @param saveState serialize the state after every observation, as the job's save does
   * @param options how the optimizer works (saved in the experiment's state, as a job's would be)
   */
  public record Config(BenchmarkFunction function, int slots, int budget, long seed, int lookahead, boolean cpuClock,
      boolean saveState, ExperimentOptions options) {

    /** With the default optimizer options. */
    public Config(BenchmarkFunction function, int slots, int budget, long seed, int lookahead, boolean cpuClock,
        boolean saveState) {
      this(function, slots, budget, seed, lookahead, cpuClock, saveState, ExperimentOptions.defaults());
    }
  }

  /** One batch the optimizer made: when, how many, and the seconds charged for it. */
  public record Batch(double at, int size, double seconds) {
  }

  /**
   * @param regretByTrial regret after each observation, in the order they were observed
   * @param observedAt the virtual time of each of those observations
   * @param busySlotSeconds the trials' total running time
   * @param lastDispatch when the last trial started (after it, idle slots only wait for the end)
   */
  public record Result(Config config, double[] regretByTrial, double[] observedAt, List<Batch> batches,
      double makespan, double busySlotSeconds, double busyBeforeLastDispatch, double lastDispatch,
      double optimizerSeconds) {

    /** Busy slot time over slots x makespan: the whole run, the final drain included. */
    public double utilization() {
      return busySlotSeconds / (config.slots() * makespan);
    }

    /** The same until the last trial started: while the optimizer still had work to hand out. */
    public double utilizationWhileDispatching() {
      return busyBeforeLastDispatch / (config.slots() * lastDispatch);
    }

    /**
     * The utilization a driver that takes no time at all would reach with the same trials (their durations
     * follow from the seed and the id alone, and such a driver starts them in id order the moment a slot
     * frees): the ceiling set by the final wait for the slowest trials, which no optimizer can shorten.
     */
    public double idealUtilization() {
      PriorityQueue<Double> ends = new PriorityQueue<>();
      double busy = 0;
      double makespan = 0;
      for (int id = 1; id <= config.budget(); id++) {
        double start = ends.size() < config.slots() ? 0 : ends.poll();
        double d = duration(config.seed(), Integer.toString(id));
        busy += d;
        makespan = Math.max(makespan, start + d);
        ends.add(start + d);
      }
      return busy / (config.slots() * makespan);
    }

    public double finalRegret() {
      return regretByTrial[regretByTrial.length - 1];
    }

    /** Regret at virtual time t (the best observed by then); NaN before the first observation. */
    public double regretAt(double t) {
      double r = Double.NaN;
      for (int i = 0; i < observedAt.length && observedAt[i] <= t; i++) {
        r = regretByTrial[i];
      }
      return r;
    }
  }

  private record Running(Suggestion suggestion, double start, double end) {
  }

  private final Config config;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  public ClusterSimulation(Config config) {
    this.config = config;
  }

  public Result run() {
    BenchmarkFunction f = config.function();
    Experiment experiment = BenchmarkFunctions.experiment(f, "offline", config.seed(), config.budget(), config.slots(),
        config.options());
    SuggestionSlots slots = new SuggestionSlots(experiment, config.budget(), config.slots(), config.lookahead());
    PriorityQueue<Running> running = new PriorityQueue<>((a, b) -> a.end() != b.end()
        ? Double.compare(a.end(), b.end()) : a.suggestion().id().compareTo(b.suggestion().id()));
    Deque<Running> toRecord = new ArrayDeque<>();
    List<Batch> batches = new ArrayList<>();
    double[] regret = new double[config.budget()];
    double[] observedAt = new double[config.budget()];
    int observed = 0;
    double best = Double.POSITIVE_INFINITY;
    double busy = 0;
    List<Running> finished = new ArrayList<>();
    double lastDispatch = 0;
    double optimizerSeconds = 0;

    // As TuningLoop.run: the first batch is made before any trial runs.
    double[] seconds = new double[1];
    List<Suggestion> ready = timed(() -> slots.make(experiment), seconds);
    double now = seconds[0];
    optimizerSeconds += seconds[0];
    batches.add(new Batch(0, ready.size(), seconds[0]));
    slots.add(ready);
    lastDispatch = Math.max(lastDispatch, fill(slots, running, now));
    List<Suggestion> inTheMaking = null;
    double optimizerDoneAt = 0;
    while (true) {
      if (inTheMaking == null && !toRecord.isEmpty()) {
        Running trial = toRecord.poll();
        double v = f.value(trial.suggestion().assignments());
        final double value = v;
        List<Suggestion> made = timed(() -> {
          experiment.observe(trial.suggestion().id(), value, null);
          if (config.saveState()) {
            experiment.toJson();
          }
          return slots.make(experiment);
        }, seconds);
        best = Math.min(best, v);
        regret[observed] = best - f.optimum();
        observedAt[observed] = now;
        observed++;
        if (observed % PROGRESS_EVERY == 0) {
          progress(observed, now, busy, running, regret[observed - 1], optimizerSeconds);
        }
        optimizerSeconds += seconds[0];
        if (!made.isEmpty()) {
          batches.add(new Batch(now, made.size(), seconds[0]));
        }
        inTheMaking = made;
        optimizerDoneAt = now + seconds[0];
        continue;
      }
      double nextEnd = running.isEmpty() ? Double.POSITIVE_INFINITY : running.peek().end();
      if (inTheMaking != null && optimizerDoneAt <= nextEnd) {
        now = optimizerDoneAt;
        slots.add(inTheMaking);
        inTheMaking = null;
        lastDispatch = Math.max(lastDispatch, fill(slots, running, now));
      } else if (!running.isEmpty()) {
        Running trial = running.poll();
        now = trial.end();
        busy += trial.end() - trial.start();
        finished.add(trial);
        slots.finished();
        lastDispatch = Math.max(lastDispatch, fill(slots, running, now));
        toRecord.add(trial);
      } else if (inTheMaking == null && toRecord.isEmpty()) {
        break;
      }
    }
    double busyBefore = 0;
    for (Running t : finished) {
      busyBefore += Math.max(0, Math.min(t.end(), lastDispatch) - t.start());
    }
    return new Result(config, java.util.Arrays.copyOf(regret, observed), java.util.Arrays.copyOf(observedAt, observed),
        batches, now, busy, busyBefore, lastDispatch, optimizerSeconds);
  }

  /** Observations between progress lines on stderr (a run at P = 256 and 5,000 trials takes long on a loaded machine). */
  private static final int PROGRESS_EVERY = 500;

  private void progress(int observed, double now, double finishedBusy, PriorityQueue<Running> running, double regret,
      double optimizerSeconds) {
    double busy = finishedBusy;
    for (Running r : running) {
      busy += now - r.start();
    }
    System.err.printf(java.util.Locale.ROOT, "cluster: %s P=%d seed=%d: %d observed at %.0f s, utilization so far %.4f,"
        + " regret %.4g, optimizer %.0f s%n", config.function().name(), config.slots(), config.seed(), observed, now,
        busy / (config.slots() * now), regret, optimizerSeconds);
  }

  /** Starts ready suggestions in free slots at {@code now}; the time of the last start, or 0. */
  private double fill(SuggestionSlots slots, PriorityQueue<Running> running, double now) {
    double started = 0;
    while (running.size() < config.slots()) {
      Suggestion s = slots.take();
      if (s == null) {
        break;
      }
      running.add(new Running(s, now, now + duration(s)));
      started = now;
    }
    return started;
  }

  /** Log-normal, median 60 s, sigma 0.5, from the seed and the suggestion's id alone. */
  private double duration(Suggestion s) {
    return duration(config.seed(), s.id());
  }

  private static double duration(long seed, String id) {
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + Long.parseLong(id));
    return 60.0 * Math.exp(0.5 * rng.nextGaussian());
  }

  private <T> T timed(Supplier<T> work, double[] secondsOut) {
    long cpu = threads.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    T out = work.get();
    secondsOut[0] = config.cpuClock() ? (threads.getCurrentThreadCpuTime() - cpu) / 1e9 : (System.nanoTime() - wall) / 1e9;
    return out;
  }
}
