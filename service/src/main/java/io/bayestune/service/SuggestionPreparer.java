package io.bayestune.service;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.space.Assignments;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * (so the model fit holds no lock), knowing every open and prepared suggestion, in rounds of at most
 * {@link #MAX_ROUND} (one model fit each). Requests that wait come first; then the pool is filled; then prepared
 * suggestions that {@link PreparedFreshness} finds stale are replaced with ones that know the new results, the
 * oldest first, while the pool keeps serving the outdated ones.
 *
 * <p>Prepared suggestions are open suggestions of the stored experiment that no client was given
 * ({@link ServiceFacts#handed}), so a restart keeps them, and a client can never be given one twice.
 */
final class SuggestionPreparer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SuggestionPreparer.class.getName());
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  /** The most suggestions one round makes, so that a request that finds the pool empty never waits long. */
  static final int MAX_ROUND = 8;

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

  private boolean needsWork(ExperimentSession s) {
    Experiment e = s.experimentUnderLock();
    if (e == null || s.preparationFailure != null) {
      return false;
    }
    List<Suggestion> prepared = s.prepared();
    return prepared.size() < s.waiting() + pool(e) || prepared.stream().anyMatch(p -> s.freshness(p).stale());
  }

  private void prepare(ExperimentSession s) {
    try {
      while (true) {
        String json;
        Set<String> replaced = new HashSet<>();
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
          Set<String> preparedIds = new HashSet<>();
          prepared.forEach(p -> preparedIds.add(p.id()));
          s.preparedAt.keySet().retainAll(preparedIds);
          // Rounds of at most MAX_ROUND: a request that finds the pool empty waits for the round that runs and
          // its own, so no round may be long. Requests that wait come first; then the pool is filled, and stale
          // prepared suggestions are made again, the oldest first. An outdated one keeps serving meanwhile and is
          // replaced only when no request waits; an unfit one serves nobody (PreparedTakes), so it is replaced at
          // once (else the one made for a waiting request would count it as open, made with it pending), and the
          // new ones make up the pool in its place.
          int usable = prepared.size();
          int outdatedReplaced = 0;
          List<Suggestion> outdated = new ArrayList<>();
          for (Suggestion old : prepared) {
            PreparedFreshness verdict = s.freshness(old);
            if (verdict.replaceEvenWhileRequestsWait()) {
              replaced.add(old.id());
              usable--;
            } else if (verdict.stale()) {
              outdated.add(old);
            }
          }
          int missing = Math.min(MAX_ROUND, Math.max(0, Math.max(s.waiting(), pool(e) - usable)));
          if (s.waiting() == 0) {
            for (Suggestion old : outdated) {
              if (missing + outdatedReplaced >= MAX_ROUND) {
                break;
              }
              replaced.add(old.id());
              outdatedReplaced++;
            }
          }
          want = Math.max(1, missing + outdatedReplaced);
          json = e.toJson();
        } finally {
          s.lock.unlock();
        }
        // The fit and the search, on a copy that knows every open suggestion except the ones being replaced
        // (prepared ones included, so none of the new ones equals a prepared one that a client takes meanwhile).
        long started = System.nanoTime();
        long cpuStarted = CPU.getCurrentThreadCpuTime();
        List<Assignments> made = new ArrayList<>();
        // The suggestions being replaced are not open for the new ones: counting them would make every new one
        // with points pending (the believer, every second one a best guess) even for a lone client. One that a
        // client takes meanwhile and that a new one equals is caught at the write (replaceSuggestions skips
        // additions equal to an open suggestion). Dropped here, off the experiment's lock.
        Experiment copy = StateEdits.replaceSuggestions(Experiment.fromJson(json), replaced, List.of(), null);
        for (Suggestion m : copy.suggest(want)) {
          made.add(m.assignments());
        }
        // Wall and CPU time: on a shared machine the two differ by the load, and the CPU time is what a quiet core
        // would take.
        long cpuMillis = (CPU.getCurrentThreadCpuTime() - cpuStarted) / 1_000_000;
        LOG.log(System.Logger.Level.DEBUG, () -> "experiment " + s.id + ": prepared " + want + " (replacing "
            + replaced.size() + ") at " + observations + " observations in " + (System.nanoTime() - started) / 1_000_000
            + " ms, " + cpuMillis + " ms of CPU");
        s.write(state -> {
          Set<String> stillPrepared = new HashSet<>(replaced);
          stillPrepared.removeAll(state.facts.handed.keySet());
          Set<String> before = new HashSet<>();
          state.experiment.suggestions().forEach(x -> before.add(x.id()));
          state.experiment = StateEdits.replaceSuggestions(state.experiment, stillPrepared, made, state);
          for (Suggestion x : state.experiment.openSuggestions()) {
            if (!before.contains(x.id())) {
              s.preparedAt.put(x.id(), observations);
            }
          }
          return null;
        });
        s.lock.lock();
        try {
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
      if (threads.isShutdown()) {
        // close() interrupts a round in progress (an interrupted file lock or write): nothing failed, the server
        // stops, and the stored state is the last complete write.
        LOG.log(System.Logger.Level.DEBUG, () -> "experiment " + s.id + ": preparation round stopped by close: " + e);
      } else {
        LOG.log(System.Logger.Level.WARNING, "experiment " + s.id + ": preparing suggestions failed; requests compute"
            + " their own until the next observation", e);
      }
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
