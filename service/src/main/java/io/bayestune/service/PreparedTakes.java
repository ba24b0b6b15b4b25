package io.bayestune.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.store.JsonPatch;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hands prepared suggestions to the requests of one experiment, oldest request first, and many requests in one
 * store write: each request queues a ticket before it waits for the experiment's lock, and whoever holds the lock
 * serves every queued ticket that the prepared suggestions cover (a group commit). When 50 clients ask at once,
 * they wait for a few writes instead of 50 in a row.
 */
final class PreparedTakes {
  /**
   * The default of how long a request waits for a prepared suggestion fit to hand out ({@link PreparedFreshness})
   * before it takes an unfit one; only a serial experiment's (parallel_bandwidth 1) can be unfit. A suggestion
   * prepared while the client's previous one was still open ignores that one's result and was made with it pending
   * (the pending policy's believer and best guesses), so without this wait a lone client following SigOpt's documented
   * loop would always be one result behind. One preparation at that size takes tens of milliseconds; the wait bounds
   * the request when the preparer is slow or busy. Set per server with {@link SigOptServer.Options#serialFreshWait}.
   */
  static final Duration DEFAULT_SERIAL_FRESH_WAIT = Duration.ofSeconds(2);

  private PreparedTakes() {
  }

  /** The prepared suggestions a request may take now: all, or while it waits for fresh ones, those fit to hand out. */
  private static List<Suggestion> takeable(ExperimentSession s, boolean freshOnly) {
    List<Suggestion> prepared = s.prepared();
    if (!freshOnly) {
      return prepared;
    }
    List<Suggestion> fit = new ArrayList<>();
    for (Suggestion p : prepared) {
      if (s.freshness(p).fitToHandOut()) {
        fit.add(p);
      }
    }
    return fit;
  }

  /** One request's claim: how many suggestions, their metadata, and once served, what it got (or why not). */
  static final class Ticket {
    final int count;
    final JsonNode metadata;
    List<ObjectNode> given;
    Exception failure;

    Ticket(int count, JsonNode metadata) {
      this.count = count;
      this.metadata = metadata;
    }
  }

  /**
   * Suggestions for one request, waiting for the preparer when too few are ready. Requests never fit a model
   * themselves: a fit under the experiment's lock would hold up its observations and the preparer's own results.
   *
   * @param waitMillis how long to wait for the preparer at all before answering 503
   * @param freshWaitMillis how long of that to wait for suggestions fit to hand out before taking unfit ones
   *     ({@link #DEFAULT_SERIAL_FRESH_WAIT})
   */
  static List<ObjectNode> take(ExperimentSession s, SuggestionPreparer preparer, int count, JsonNode metadata,
      long waitMillis, long freshWaitMillis) throws IOException {
    Ticket mine = new Ticket(count, metadata);
    s.takes.add(mine);
    s.lock.lock();
    try {
      long deadline = System.currentTimeMillis() + waitMillis;
      long freshUntil = System.currentTimeMillis() + freshWaitMillis;
      while (mine.given == null && mine.failure == null) {
        boolean freshOnly = System.currentTimeMillis() < freshUntil;
        List<Ticket> batch = servable(s, freshOnly);
        if (batch.isEmpty() || !serve(s, batch, freshOnly)) {
          awaitPrepared(s, preparer, freshOnly ? Math.min(deadline, freshUntil + 1) : deadline, deadline, waitMillis);
        }
      }
      if (mine.failure instanceof IOException e) {
        throw e;
      }
      if (mine.failure != null) {
        throw (RuntimeException) mine.failure;
      }
      return mine.given;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "the server is shutting down; retry the request");
    } finally {
      s.takes.remove(mine);
      s.lock.unlock();
    }
  }

  /** The oldest queued tickets that the prepared suggestions cover, in order (under the lock). */
  private static List<Ticket> servable(ExperimentSession s, boolean freshOnly) throws IOException {
    int ready = s.read(st -> takeable(s, freshOnly).size());
    List<Ticket> batch = new ArrayList<>();
    for (Ticket t : s.takes) {
      if (t.count > ready) {
        break;
      }
      ready -= t.count;
      batch.add(t);
    }
    return batch;
  }

  /** Serves {@code batch} in one write; false when another server took the prepared suggestions first. */
  private static boolean serve(ExperimentSession s, List<Ticket> batch, boolean freshOnly) {
    int need = batch.stream().mapToInt(t -> t.count).sum();
    List<List<ObjectNode>> given;
    try {
      given = s.write(st -> {
        List<Suggestion> ready = takeable(s, freshOnly);
        if (ready.size() < need) {
          // Another server on the same state handed them out first (the write reloaded its state): wait again.
          return null;
        }
        long now = ExperimentsApi.now();
        List<List<ObjectNode>> out = new ArrayList<>();
        int next = 0;
        for (Ticket t : batch) {
          List<ObjectNode> mine = new ArrayList<>();
          for (Suggestion c : ready.subList(next, next + t.count)) {
            ServiceFacts.Handed handed = new ServiceFacts.Handed(now, t.metadata);
            st.facts.handed.put(c.id(), handed);
            st.add("/service/handed/" + JsonPatch.escape(c.id()), handed.toJson());
            mine.add(SigOptObjects.suggestion(s.id, c, handed, true));
          }
          next += t.count;
          out.add(mine);
        }
        st.facts.updated = now;
        st.add("/service/updated", now);
        return out;
      });
    } catch (IOException | RuntimeException e) {
      // Nothing was stored: every request of the batch gets the error (and retries).
      batch.forEach(t -> t.failure = e);
      s.takes.removeAll(batch);
      s.preparedChanged.signalAll();
      return true;
    }
    if (given == null) {
      return false;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).given = given.get(i);
    }
    s.takes.removeAll(batch);
    s.preparedChanged.signalAll();
    return true;
  }

  /** Waits, under the lock, for the preparer's next round (or its failure, or the deadline). */
  private static void awaitPrepared(ExperimentSession s, SuggestionPreparer preparer, long wakeAt, long deadline,
      long waitMillis) throws InterruptedException {
    if (s.preparationFailure != null) {
      throw s.preparationFailure;
    }
    preparer.schedule(s);
    long left = deadline - System.currentTimeMillis();
    if (left <= 0) {
      throw new ApiException(503, "no suggestion was ready within " + waitMillis / 1000
          + " s (the server is overloaded); nothing was changed, retry the request");
    }
    s.preparedChanged.await(Math.min(left, Math.max(1, wakeAt - System.currentTimeMillis())), TimeUnit.MILLISECONDS);
  }
}
