package io.bayestune.ml;

import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.optimizer.store.StateConflictException;
import java.util.Objects;
import java.util.Optional;

/**
 * An experiment store in memory, for the driver's TuningLoop inside one {@code fit}: the tuner's
 * record of the run is its model, so nothing needs to outlive the fit here. Compare-and-set like
 * every store, so it behaves as the loop expects.
 */
final class MemoryExperimentStore implements ExperimentStore {
  private final String location;
  private String json;
  private long version;

  MemoryExperimentStore(String location) {
    this.location = location;
  }

  @Override
  public synchronized Optional<StoredState> load() {
    return json == null ? Optional.empty() : Optional.of(new StoredState(json, Long.toString(version)));
  }

  @Override
  public synchronized String save(String state, String expectedVersion) throws StateConflictException {
    String current = json == null ? null : Long.toString(version);
    if (!Objects.equals(current, expectedVersion)) {
      throw new StateConflictException(location + ": expected version " + expectedVersion + ", found " + current);
    }
    json = state;
    return Long.toString(++version);
  }

  @Override
  public String location() {
    return location;
  }
}
