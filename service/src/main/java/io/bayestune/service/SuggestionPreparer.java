package io.bayestune.service;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.space.Assignments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Prepares suggestions ahead, off the request path, as SigOpt's service did: per experiment, a background task
 * keeps {@code min(parallel_bandwidth, maxPrepared)} suggestions ready, computed on a copy of the experiment
 * (so the model fit holds no lock), knowing every open and prepared suggestion. A round for the requests that wait
 * comes first; otherwise one batch (one model fit) fills the pool; once the results grew by a tenth since the pool
 * was made (and at once after a restart), a round replaces the prepared suggestions that no client took with ones
 * that know the new results.
 *
 * <p>Prepared suggestions are open suggestions of the stored experiment that no client was given
 * ({@link ServiceFacts#handed}), so a restart keeps them, and a client can never be given one twice.
 */
final class SuggestionPreparer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SuggestionPreparer.class.getName());

  /** Suggestions per round at least while requests wait: a waiting request waits for one round, not a whole pool. */
  static final int ROUND = 4;
  /** The pool is made again once the results grew by 1/STALE_AFTER_GROWTH since it was prepared. */
  static final int STALE_AFTER_GROWTH = 10;

  private final ExecutorService threads;
  private final int maxPrepared;

  SuggestionPreparer(int threadCount, int maxPrepared) {
    this.maxPrepared = maxPrepared;
    this.threads = Executors.newFixedThreadPool(threadCount, r -> {
      Thread t = new Thread(r, "bayestune-prepare");
      t.setDaemon(true);
      t.setPriority(Thread.NORM_PRIORITY - 1);
      return t;
    });
  }

  /** Starts a preparation round for {@code session} unless one runs or nothing is needed. */
  void schedule(ExperimentSession session) {
    session.lock.lock();
    try {
      if (!session.preparing && needsWork(session)) {
        session.preparing = true;
        threads.execute(() -> prepare(session));
      }
    } finally {
      session.lock.unlock();
    }
  }

  /** How many to keep ready while nobody waits. */
  private int pool(Experiment e) {
    return Math.max(1, Math.min(e.spec().parallelBandwidth(), maxPrepared));
  }

  /**
   * Whether the pool, prepared when the experiment had {@code preparedFor} observations, should be made again now
   * that it has {@code observations}: once the results grew by a tenth (at least one). A prepared suggestion that
   * misses a few results knows their points as open ones, so it is as informed as any suggestion made while those
   * were still running; making the whole pool again after every result kept a core busy for little gain.
   */
  static boolean stale(long preparedFor, int observations) {
    return preparedFor < 0 || observations < preparedFor
        || observations - preparedFor >= Math.max(1, preparedFor / STALE_AFTER_GROWTH);
  }

  private boolean needsWork(ExperimentSession s) {
    Experiment e = s.experimentUnderLock();
    if (e == null || s.preparationFailure != null) {
      return false;
    }
    int prepared = s.prepared().size();
    return prepared < s.waiting() + pool(e)
        || (prepared > 0 && stale(s.preparedFor, e.observations().size()));
  }

  private void prepare(ExperimentSession s) {
    try {
      while (true) {
        String json;
        Set<String> replaced = new HashSet<>();
        boolean remade = false;
        int want;
        int observations;
        s.lock.lock();
        try {
          if (!needsWork(s)) {
            return;
          }
          Experiment e = s.experimentUnderLock();
          List<Suggestion> prepared = s.prepared();
          observations = e.observations().size();
          if (s.waiting() > 0) {
            // Requests wait: serve them first, in a round no larger than needed so that they are served soon
            // (one model fit for all of them); the pool is filled by the next round.
            want = Math.max(ROUND, s.waiting());
          } else if (stale(s.preparedFor, observations)) {
            // Make the pool again, whole, with suggestions that know the new results (and after a restart, at
            // once: the stored pool serves the clients that come back meanwhile).
            prepared.forEach(p -> replaced.add(p.id()));
            want = pool(e);
            remade = true;
          } else {
            // Top the pool up in one fit: a batch costs one model fit plus a search per point, far less than a
            // fit per point.
            want = pool(e) - prepared.size();
          }
          json = e.toJson();
        } finally {
          s.lock.unlock();
        }
        // The fit and the search, on a copy that knows every open suggestion (prepared ones included, so none of
        // the new ones equals a prepared one that a client takes meanwhile).
        long started = System.nanoTime();
        List<Assignments> made = new ArrayList<>();
        for (Suggestion m : Experiment.fromJson(json).suggest(want)) {
          made.add(m.assignments());
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "experiment " + s.id + ": prepared " + want + " (replacing "
            + replaced.size() + ") at " + observations + " observations in " + (System.nanoTime() - started) / 1_000_000
            + " ms");
        s.write(state -> {
          Set<String> stillPrepared = new HashSet<>(replaced);
          stillPrepared.removeAll(state.facts.handed.keySet());
          state.experiment = StateEdits.replaceSuggestions(state.experiment, stillPrepared, made, state);
          return null;
        });
        s.lock.lock();
        try {
          if (remade) {
            s.preparedFor = observations;
          }
          s.preparedChanged.signalAll();
        } finally {
          s.lock.unlock();
        }
      }
    } catch (IllegalStateException | IllegalArgumentException e) {
      // E.g. no unused configuration left: requests then compute inline and report it.
      s.lock.lock();
      try {
        s.preparationFailure = e;
      } finally {
        s.lock.unlock();
      }
      LOG.log(System.Logger.Level.INFO, "experiment " + s.id + ": preparing suggestions stopped: " + e.getMessage());
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "experiment " + s.id + ": preparing suggestions failed; requests compute"
          + " their own until the next observation", e);
    } finally {
      s.lock.lock();
      try {
        s.preparing = false;
        s.preparedChanged.signalAll();
      } finally {
        s.lock.unlock();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    threads.shutdownNow();
    threads.awaitTermination(10, TimeUnit.SECONDS);
  }
}
