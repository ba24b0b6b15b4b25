package io.bayestune.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.optimizer.store.StateConflictException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One served experiment: its optimizer state and {@link ServiceFacts}, cached from its store and saved back
 * whole after every change, compare-and-set on the version loaded. A change that loses the race to another
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
  /** Suggestions that waiting requests want, under {@link #lock}. */
  int waiting;
  /** The observation count the prepared suggestions were computed with. */
  int preparedForObservations = -1;
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

    State(Experiment experiment, ServiceFacts facts) {
      this.experiment = experiment;
      this.facts = facts;
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
          version = store.save(document(), version);
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
    preparedForObservations = -1;
    return true;
  }

  private String document() {
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

  Experiment experimentUnderLock() {
    return experiment;
  }

  void close() throws IOException {
    store.close();
  }
}
