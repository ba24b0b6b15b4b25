package io.bayestune.service;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.optimizer.store.StateConflictException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Every served experiment, each in its own experiment store at {@code STATE/experiments/ID}. Ids are 1, 2, 3, ...
 * taken by creating the store's document only if none exists (the stores' conditional create), so two servers on
 * one state never take the same id, ids have no gaps, and listing needs no directory listing (which S3 makes
 * slow): it reads ids upward until one is missing. Deleting an experiment marks it; its id stays taken.
 */
final class ExperimentRegistry implements AutoCloseable {
  private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,15}");

  private final String stateRoot;
  private final StoreOpener opener;
  private final ConcurrentHashMap<String, ExperimentSession> sessions = new ConcurrentHashMap<>();
  private final AtomicLong highestKnown = new AtomicLong();

  ExperimentRegistry(String stateRoot, StoreOpener opener) throws IOException {
    this.stateRoot = stateRoot.endsWith("/") ? stateRoot.substring(0, stateRoot.length() - 1) : stateRoot;
    this.opener = opener;
    discoverNewer();
  }

  String location() {
    return stateRoot;
  }

  /** The experiment with this id, whoever owns it; empty for a malformed or unused id. */
  Optional<ExperimentSession> find(String id) throws IOException {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.empty();
    }
    ExperimentSession cached = sessions.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    ExperimentStore store = opener.open(locationOf(id));
    Optional<ExperimentSession> opened = ExperimentSession.open(id, store);
    if (opened.isEmpty()) {
      store.close();
      return Optional.empty();
    }
    ExperimentSession winner = sessions.putIfAbsent(id, opened.get());
    if (winner != null) {
      opened.get().close();
      return Optional.of(winner);
    }
    highestKnown.accumulateAndGet(Long.parseLong(id), Math::max);
    return opened;
  }

  /** Stores a new experiment under the next free id. */
  ExperimentSession create(Experiment experiment, ServiceFacts facts) throws IOException {
    while (true) {
      long id = highestKnown.incrementAndGet();
      String key = Long.toString(id);
      ExperimentStore store = opener.open(locationOf(key));
      try {
        ExperimentSession created = ExperimentSession.create(key, store, experiment, facts);
        sessions.put(key, created);
        return created;
      } catch (StateConflictException e) {
        // Another server took this id first; its experiment is now known, try the next.
        store.close();
      }
    }
  }

  /** Every experiment, oldest first, including those other servers on the same state created. */
  List<ExperimentSession> all() throws IOException {
    discoverNewer();
    List<ExperimentSession> out = new ArrayList<>();
    for (long id = 1; id <= highestKnown.get(); id++) {
      find(Long.toString(id)).ifPresent(out::add);
    }
    return out;
  }

  private void discoverNewer() throws IOException {
    while (find(Long.toString(highestKnown.get() + 1)).isPresent()) {
      // find() raised highestKnown
    }
  }

  private String locationOf(String id) {
    return stateRoot + "/experiments/" + id;
  }

  @Override
  public void close() throws IOException {
    for (ExperimentSession s : sessions.values()) {
      s.close();
    }
  }
}
