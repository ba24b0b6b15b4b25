package io.bayestune.driver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.WarmStart;
import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.optimizer.store.StateConflictException;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A job's experiment and the store it is saved to, with the version it was last saved at.
 *
 * <p>A job that finds an experiment already stored at its output resumes it: every observation stays,
 * and the open suggestions (trials in flight when the last driver died) are run again first. The
 * stored spec must match the job's parameters, metric, type and name; only {@code observation_budget}
 * and {@code parallel_bandwidth} may change between runs (a longer run, a bigger cluster).
 *
 * <p>Saves are compare-and-set on the version this driver saved last, so a second driver on the same
 * output (an Airflow retry while the first run still lives) makes one of them stop instead of both
 * overwriting each other's observations.
 */
public final class StoredExperiment {
  private static final Logger LOG = LogManager.getLogger(StoredExperiment.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ExperimentStore store;
  private final Experiment experiment;
  private final boolean resumed;
  private String version;

  private StoredExperiment(ExperimentStore store, Experiment experiment, boolean resumed, String version) {
    this.store = store;
    this.experiment = experiment;
    this.resumed = resumed;
    this.version = version;
  }

  /** A new experiment saved at {@code store} now (for an experiment made with a strategy of one's own). */
  static StoredExperiment create(ExperimentStore store, Experiment fresh) throws IOException {
    StoredExperiment created = new StoredExperiment(store, fresh, false, null);
    created.save();
    return created;
  }

  /** The experiment stored at {@code store}, checked against {@code spec}, or a new one saved there now. */
  public static StoredExperiment openOrCreate(ExperimentStore store, ExperimentSpec spec, long seed)
      throws IOException {
    return openOrCreate(store, spec, seed, Optional::empty);
  }

  /**
   * As {@link #openOrCreate(ExperimentStore, ExperimentSpec, long)}; a new experiment first imports the
   * observations of {@code warmStart}'s experiment (asked for only when nothing is stored yet, so a
   * resumed run never imports twice).
   */
  public static StoredExperiment openOrCreate(ExperimentStore store, ExperimentSpec spec, long seed,
      WarmStartSource.Loader warmStart) throws IOException {
    Optional<ExperimentStore.StoredState> stored = store.load();
    if (stored.isEmpty()) {
      Experiment fresh = Experiment.create(spec, seed);
      Optional<Experiment> source = warmStart.load();
      if (source.isPresent()) {
        WarmStart.Report report = WarmStart.fromExperiment(fresh, source.get());
        LOG.info("{}: warm start: {}", store.location(), report);
      }
      StoredExperiment created = new StoredExperiment(store, fresh, false, null);
      created.save();
      return created;
    }
    ObjectNode state = (ObjectNode) MAPPER.readTree(stored.get().json());
    ObjectNode storedSpec = (ObjectNode) state.path("experiment");
    checkSameSpec(store.location(), storedSpec, SpecJson.toJson(spec));
    if (state.path("seed").asLong() != seed) {
      LOG.warn("{}: the stored experiment has seed {}, the job says {}; keeping {} so that the resumed run"
          + " continues the same sequence", store.location(), state.path("seed").asLong(), seed,
          state.path("seed").asLong());
    }
    // The budget and bandwidth may grow between runs: the stored state takes the job's.
    state.set("experiment", SpecJson.toJson(spec));
    Experiment e = Experiment.fromJson(MAPPER.writeValueAsString(state));
    LOG.info("{}: resuming experiment with {} observation(s) and {} open suggestion(s)", store.location(),
        e.observations().size(), e.openSuggestions().size());
    return new StoredExperiment(store, e, true, stored.get().version());
  }

  private static void checkSameSpec(String location, ObjectNode stored, ObjectNode job) throws IOException {
    // Both as parsed JSON: the job's spec holds an int parameter's bounds as longs, which Jackson reads back from
    // the stored file as ints, and a LongNode never equals an IntNode of the same number.
    ObjectNode a = (ObjectNode) MAPPER.readTree(stored.toString());
    ObjectNode b = (ObjectNode) MAPPER.readTree(job.toString());
    for (ObjectNode n : new ObjectNode[] {a, b}) {
      n.remove("observation_budget");
      n.remove("parallel_bandwidth");
    }
    if (a.equals(b)) {
      return;
    }
    String field = "the spec";
    for (Iterator<String> it = union(a, b); it.hasNext(); ) {
      String name = it.next();
      if (!a.path(name).equals(b.path(name))) {
        field = name;
        break;
      }
    }
    throw new IllegalArgumentException(location + ": holds an experiment whose " + field + " differs from the"
        + " job's (stored " + text(a.path(field)) + ", job " + text(b.path(field)) + "); its observations"
        + " would not mean the same thing. Use a new output location for the changed job, or restore the job"
        + " file as it was to resume");
  }

  private static Iterator<String> union(ObjectNode a, ObjectNode b) {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    a.fieldNames().forEachRemaining(names::add);
    b.fieldNames().forEachRemaining(names::add);
    return names.iterator();
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode n) {
    try {
      return n.isMissingNode() ? "absent" : MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      return n.toString();
    }
  }

  public Experiment experiment() {
    return experiment;
  }

  /** True when the experiment was loaded from the store rather than created by this run. */
  public boolean resumed() {
    return resumed;
  }

  public String location() {
    return store.location();
  }

  /**
   * Writes the experiment's whole state, atomically, if nobody else wrote since this driver did.
   *
   * @throws StateConflictException when another driver saved the experiment meanwhile: it has taken over
   */
  public synchronized void save() throws IOException {
    try {
      version = store.save(experiment.toJson(), version);
    } catch (StateConflictException e) {
      throw new StateConflictException(store.location() + ": another driver saved this experiment since this one"
          + " did, so it has taken over; this driver stops here (its in-flight trials stay open and are run"
          + " again by whichever driver resumes). Run one driver per output location", e);
    }
  }
}
