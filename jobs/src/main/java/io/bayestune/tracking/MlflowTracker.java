package io.bayestune.tracking;

import io.bayestune.driver.ObservedTrial;
import io.bayestune.driver.TrialListener;
import io.bayestune.optimizer.experiment.Observation;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Logs a tuning to MLflow from a background thread, never on a trial's path: a parent run for the tuning and a
 * child run per observed trial. The tuning's state is the source of truth and tracking follows it: the thread
 * brings the server up to date with every observation it was handed (looking up what the server already holds, so
 * a resumed job logs what is missing and nothing twice), and a server that is down or slow only delays it.
 *
 * <pre>{@code
 * MlflowTracker t = MlflowTracker.start(settings, "areaUnderROC", parent, runIdFile, stored.observations(), out);
 * new TuningLoop(stored, runner, options, TrialListener.both(progress, t)).run();
 * t.finish(ParentResults.of(experiment, stager));
 * out.println(t.close());    // waits a bounded time; says what could not be logged
 * }</pre>
 *
 * <p>The first failure is printed once with the setting to check; the thread then retries with growing pauses
 * (0.5 s to 8 s) until the job finishes, and gives up after two more failed attempts once it has.
 */
public final class MlflowTracker implements TrialListener {
  private static final Logger LOG = LogManager.getLogger(MlflowTracker.class);
  /**
   * How long {@link #close()} waits for the last uploads when the server answers: the artifacts start a Python
   * process (seconds on an idle machine, over a minute on a loaded one). A server that does not answer ends the
   * wait after three quick attempts instead.
   */
  private static final Duration DRAIN = Duration.ofMinutes(5);

  private final MlflowSettings settings;
  private final String metric;
  private final ParentRun parent;
  private final PrintStream out;
  private final Map<String, Observation> observed = new LinkedHashMap<>();
  private final Thread worker;
  private final SyncState state = new SyncState();
  private ParentResults results;
  private boolean finishing;
  private boolean warned;

  private MlflowTracker(MlflowSettings settings, String metric, ParentRun parent, PrintStream out) {
    this.settings = settings;
    this.metric = metric;
    this.parent = parent;
    this.out = out;
    this.worker = new Thread(this::work, "bayestune-mlflow");
    worker.setDaemon(true);
  }

  /**
   * Starts tracking in the background and returns at once.
   *
   * @param settings resolved settings ({@link MlflowSettings#resolve})
   * @param metric the metric's name, as the child runs' metric key
   * @param already observations the tuning holds already (a resumed job's): logged unless the server has them
   */
  public static MlflowTracker start(MlflowSettings settings, String metric, ParentRun parent,
      List<Observation> already, PrintStream out) {
    MlflowTracker t = new MlflowTracker(settings, metric, parent, out);
    already.forEach(t::add);
    t.worker.start();
    return t;
  }

  @Override
  public void observed(ObservedTrial trial) {
    add(trial.observation());
  }

  private synchronized void add(Observation o) {
    if (o.suggestionId() != null) { // a warm start's observations belong to the earlier tuning's runs
      observed.put(o.suggestionId(), o);
      notifyAll();
    }
  }

  /** The tuning ended: log its results and artifacts, then end the parent run. */
  public synchronized void finish(ParentResults r) {
    results = r;
    finishing = true;
    notifyAll();
  }

  /**
   * Waits (boundedly) for the background logging to end and returns the summary line: what was logged, or what
   * could not be and how to get it logged.
   */
  public String close() {
    synchronized (this) {
      finishing = true;
      notifyAll();
    }
    // join, not wait on this monitor: the worker's last notifyAll comes before it stops being alive, so a waiter
    // woken by it could still see it alive and sleep out the whole drain (seen: a 30 s job that took 5 min more)
    try {
      worker.join(DRAIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      return state.summary(settings, observed.size(), worker.isAlive(), results != null, parent.resumeHint());
    }
  }

  private void work() {
    long pause = 500;
    int failuresAfterFinish = 0;
    try (MlflowRuns runs = new MlflowRuns(settings.trackingUri())) {
      while (true) {
        try {
          boolean done = sync(runs);
          pause = 500;
          synchronized (this) {
            if (done && finishing) {
              return;
            }
            if (!finishing || !done) {
              wait(1000);
            }
          }
        } catch (TrackingSettingsException e) {
          state.failed(e.getMessage());
          warnOnce(e.getMessage() + ". The tuning goes on without MLflow.");
          return;
        } catch (RuntimeException | java.io.IOException e) {
          String why = describe(e);
          state.failed(why);
          warnOnce("mlflow: cannot log to " + settings.trackingUri() + " (" + why + "); check mlflow.tracking_uri"
              + " (or " + MlflowSettings.TRACKING_URI_ENV + ") and that the server runs. The tuning goes on;"
              + " logging retries in the background and the summary says what was not logged.");
          LOG.debug("MLflow call failed", e);
          synchronized (this) {
            if (finishing && ++failuresAfterFinish >= 3) {
              return;
            }
            wait(pause);
          }
          pause = Math.min(8000, pause * 2);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One pass: brings the server up to date with what this tracker holds; true when nothing is left to log. */
  private boolean sync(MlflowRuns runs) throws java.io.IOException {
    state.openParent(runs, settings, parent);
    List<Observation> pending;
    ParentResults r;
    boolean ending;
    synchronized (this) {
      pending = new ArrayList<>(observed.values());
      r = results;
      ending = finishing;
    }
    for (Observation o : pending) {
      state.logTrial(runs, TrialRunContent.of(o, metric));
    }
    if (r == null) {
      // done only if the end was asked for before this pass looked: a finish() arriving during the pass brings
      // results that the next pass must log
      return ending;
    }
    state.finishParent(runs, parent, r);
    return true;
  }

  private synchronized void warnOnce(String message) {
    if (!warned) {
      warned = true;
      LOG.warn(message);
      out.println(message);
      out.flush();
    }
  }

  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return m.length() > 300 ? m.substring(0, 297) + "..." : m;
  }

  /** Writes text artifacts into a staging folder (the job file, the search space). */
  static void writeTexts(Path dir, Map<String, String> texts) throws java.io.IOException {
    for (Map.Entry<String, String> t : texts.entrySet()) {
      Files.writeString(dir.resolve(t.getKey()), t.getValue());
    }
  }
}
