package io.bayestune.driver;

import io.bayestune.connectors.s3.S3Settings;
import io.bayestune.connectors.storage.ExperimentStores;
import io.bayestune.driver.output.OutputLocation;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.store.ExperimentStore;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * The earlier experiment a new job starts from ({@code run --warm-start-from LOCATION}): last night's
 * experiment in a nightly tuning, say. LOCATION is an experiment's own location or an earlier job's
 * output (whose {@code experiment/} is then used). A location that holds nothing is not an error: the
 * first night, or the night after a failed one, simply starts cold, with a note saying so.
 */
public final class WarmStartSource {

  /** Supplies the source experiment, asked only when a new experiment is created. */
  @FunctionalInterface
  public interface Loader {
    Optional<Experiment> load() throws IOException;
  }

  private WarmStartSource() {
  }

  public static Optional<Experiment> load(String location, S3Settings s3, PrintStream out) throws IOException {
    if (location == null || location.isBlank()) {
      return Optional.empty();
    }
    for (String candidate : new String[] {location, OutputLocation.of(location).experiment()}) {
      try (ExperimentStore store = ExperimentStores.open(candidate, s3)) {
        Optional<ExperimentStore.StoredState> state = store.load();
        if (state.isPresent()) {
          Experiment source = Experiment.fromJson(state.get().json());
          out.println("bayestune: warm start from " + store.location() + ": "
              + source.observations().size() + " earlier observation(s)");
          return Optional.of(source);
        }
      }
    }
    out.println("bayestune: warm start: nothing stored at " + location + " yet; starting cold");
    return Optional.empty();
  }
}
