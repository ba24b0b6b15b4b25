package io.bayestune.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.optimizer.store.StateConflictException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One served experiment: its optimizer state and {@link ServiceFacts}, cached from its store and stored after
 * every change, compare-and-set on the version loaded: as a logged edit of the document where the change
 * describes itself and the store keeps a log (the frequent ones: handing out a suggestion, an observation,
 * adopting prepared suggestions), else as the whole document. A change that loses the race to another
 * server on the same state is re-applied to the state that won; a change that cannot be saved is dropped (the
 * cache is reloaded), so a client never sees a change that is not stored.
 *
 * <p>The lock is per experiment and held only for the change and its save, never for a model fit (the
 * {@link SuggestionPreparer} fits on a copy), so requests to other experiments never wait for this one.
 */
final class ExperimentSession {
  private static final int CONFLICT_RETRIES = 8;

  final String id;
  private final ExperimentStore store;
  // Fair: the preparer's merge must not starve behind a stream of requests.
  final ReentrantLock lock = new ReentrantLock(true);
  /** Signalled whenever prepared suggestions were added, or the preparer stopped. */
  final Condition preparedChanged = lock.newCondition();

  private Experiment experiment;
  private ServiceFacts facts;
  private String version;
  private boolean stale;
  /** Set while the preparer works on this experiment, under {@link #lock}. */
  boolean preparing;
  /** The requests for suggestions not served yet, oldest first (see {@link PreparedTakes}). */
  final Queue<PreparedTakes.Ticket> takes = new ConcurrentLinkedQueue<>();
  /**
   * The observation count each prepared suggestion was made with, by id, under {@link #lock}. A (re)load takes the
   * stored ones as made with the observations loaded: the server that made them kept them within a tenth of the
   * results, and making them again at once would hold up the clients that come back after a restart.
   */
  final Map<String, Integer> preparedAt = new HashMap<>();
  /** Why the last preparation failed (the search space is used up, ...), for requests that find no prepared one. */
  RuntimeException preparationFailure;

  private ExperimentSession(String id, ExperimentStore store) {
    this.id = id;
    this.store = store;
  }

  /** The session of a stored experiment, or empty when nothing is stored under this id. */
  static Optional<ExperimentSession> open(String id, ExperimentStore store) throws IOException {
    ExperimentSession s = new ExperimentSession(id, store);
    return s.reload() ? Optional.of(s) : Optional.empty();
  }

  /**
   * Stores a new experiment under this id.
   *
   * @throws StateConflictException when the id is taken (another server created one there first)
   */
  static ExperimentSession create(String id, ExperimentStore store, Experiment experiment, ServiceFacts facts)
      throws IOException {
    ExperimentSession s = new ExperimentSession(id, store);
    s.experiment = experiment;
    s.facts = facts;
    s.version = store.save(s.document(), null);
    return s;
  }

  /** Mutable state handed to a change; a change may replace the experiment (an edited copy). */
  static final class State {
    Experiment experiment;
    final ServiceFacts facts;
    /** The change as edits of the state document, when it describes itself (see {@link #add}); else null. */
    private ArrayNode edits;
    /** Set by a change that also made edits it did not record: the whole document is saved. */
    private boolean whole;

    State(Experiment experiment, ServiceFacts facts) {
      this.experiment = experiment;
      this.facts = facts;
    }

    /**
     * Records that this change sets the member (or appends to the array, path ending in {@code /-}) at
     * {@code path} of the state document ({@link #document}) to {@code value}. A change that records its edits
     * must record all of them: the store then logs them (a small append) instead of rewriting the whole document;
     * a change that records none is saved whole.
     */
    State add(String path, JsonNode value) {
      edits().addObject().put("op", "add").put("path", path).set("value", value);
      return this;
    }

    State add(String path, long value) {
      return add(path, Json.MAPPER.getNodeFactory().numberNode(value));
    }

    /** Says that this change made an edit it does not record: it is saved whole, whatever it recorded. */
    void saveWhole() {
      whole = true;
    }

    /** Records the removal of the element or member at {@code path} (see {@link #add}). */
    State remove(String path) {
      edits().addObject().put("op", "remove").put("path", path);
      return this;
    }

    private ArrayNode edits() {
      if (edits == null) {
        edits = Json.MAPPER.createArrayNode();
      }
      return edits;
    }
  }

  @FunctionalInterface
  interface Change<T> {
    T apply(State state) throws IOException;
  }

  /** Reads under the lock. */
  <T> T read(Change<T> view) throws IOException {
    lock.lock();
    try {
      refreshIfStale();
      return view.apply(new State(experiment, facts));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies a change and saves it; re-applies it to the winning state when another writer got there first, and
   * once more to the stored state when a refused change might only have met a stale cache (another server on
   * the same state handed out the suggestion this observation names).
   */
  <T> T write(Change<T> change) throws IOException {
    lock.lock();
    try {
      boolean recheckedStale = false;
      for (int attempt = 0; ; attempt++) {
        refreshIfStale();
        String appliedTo = version;
        try {
          State state = new State(experiment, facts);
          T result = change.apply(state);
          experiment = state.experiment;
          // Facts inferred from an older document (see ServiceFacts#inferred) are not in it yet: save them whole.
          boolean logs = !state.whole && state.edits != null && !state.edits.isEmpty() && !facts.inferred;
          Optional<String> logged = logs ? store.appendChange(Json.write(state.edits), version) : Optional.empty();
          if (logged.isPresent()) {
            version = logged.get();
          } else {
            version = store.save(document(), version);
            facts.inferred = false;
          }
          return result;
        } catch (StateConflictException e) {
          stale = true;
          if (attempt >= CONFLICT_RETRIES) {
            throw new ApiException(409, "experiment " + id + ": changed by another server " + (attempt + 1)
                + " times while this request was being applied; retry the request");
          }
        } catch (RuntimeException e) {
          // The change may have reached the cached experiment; the store is the truth.
          stale = true;
          if (recheckedStale || appliedTo.equals(store.load().map(ExperimentStore.StoredState::version).orElse(null))) {
            throw e;
          }
          recheckedStale = true;
        } catch (IOException e) {
          stale = true;
          throw e;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void refreshIfStale() throws IOException {
    if (stale || experiment == null) {
      if (!reload()) {
        throw ApiException.notFound("experiment " + id + ": its state is gone from the store");
      }
    }
  }

  private boolean reload() throws IOException {
    Optional<ExperimentStore.StoredState> stored = store.load();
    if (stored.isEmpty()) {
      return false;
    }
    JsonNode root = Json.parse(stored.get().json());
    Experiment e = Experiment.fromJson(stored.get().json());
    facts = ServiceFacts.fromJson(root.path("service"), e.observations().size());
    experiment = e;
    version = stored.get().version();
    stale = false;
    preparedAt.clear();
    for (Suggestion p : prepared()) {
      preparedAt.put(p.id(), e.observations().size());
    }
    return true;
  }

  /** The state document: the optimizer's, with the service's facts in its {@code service} field. */
  String document() {
    ObjectNode root = (ObjectNode) Json.parse(experiment.toJson());
    root.set("service", facts.toJson());
    return Json.write(root);
  }

  /** Open suggestions not yet handed to a client, oldest first (under the lock). */
  List<Suggestion> prepared() {
    List<Suggestion> out = new ArrayList<>();
    for (Suggestion s : experiment.openSuggestions()) {
      if (!facts.handed.containsKey(s.id())) {
        out.add(s);
      }
    }
    return out;
  }

  /** Suggestions that requests wait for. */
  int waiting() {
    int n = 0;
    for (PreparedTakes.Ticket t : takes) {
      n += t.count;
    }
    return n;
  }

  Experiment experimentUnderLock() {
    return experiment;
  }

  /** How fresh prepared suggestion {@code p} is now (under the lock): {@link PreparedFreshness}'s verdict. */
  PreparedFreshness freshness(Suggestion p) {
    return PreparedFreshness.of(experiment.spec().parallelBandwidth(), preparedAt.getOrDefault(p.id(), -1),
        experiment.observations().size());
  }

  void close() throws IOException {
    store.close();
  }
}
