package io.bayestune.cluster;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.optimizer.store.LocalDirectoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a {@code bayestune run} left in a local output directory, for the cluster tests' assertions. */
public final class TuningOutputs {
  private TuningOutputs() {
  }

  /** The observations of the experiment stored under {@code output/experiment}. */
  public static List<Observation> observations(Path output) throws IOException {
    return storedObservations(output)
        .orElseThrow(() -> new AssertionError("no experiment stored under " + output.resolve("experiment")));
  }

  /** Like {@link #observations}, but empty while the job has not saved its experiment yet. */
  public static Optional<List<Observation>> storedObservations(Path output) throws IOException {
    if (!Files.isDirectory(output.resolve("experiment"))) {
      return Optional.empty();
    }
    Optional<ExperimentStore.StoredState> state = new LocalDirectoryStore(output.resolve("experiment")).load();
    return state.map(s -> Experiment.fromJson(s.json()).observations());
  }

  /**
   * The {@code id} column of {@code output/trials.csv} (one CSV file with a header), failing if the output holds a
   * directory there (Spark's part files) or an id appears twice.
   */
  public static Set<String> trialsCsvIds(Path output) throws IOException {
    Path csv = output.resolve("trials.csv");
    if (!Files.isRegularFile(csv)) {
      throw new AssertionError(csv + " is not one file" + (Files.isDirectory(csv) ? " (a directory)" : ""));
    }
    List<String> lines = Files.readAllLines(csv);
    int column = List.of(lines.get(0).split(",", -1)).indexOf("id");
    if (column < 0) {
      throw new AssertionError(csv + ": no id column in header " + lines.get(0));
    }
    Set<String> ids = new HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      String id = line.split(",", -1)[column];
      if (!ids.add(id)) {
        throw new AssertionError(csv + ": trial " + id + " appears twice");
      }
    }
    return ids;
  }

  /** The suggestion ids of {@code observations}, failing if one appears twice. */
  public static Set<String> distinctIds(List<Observation> observations) {
    Set<String> ids = new HashSet<>();
    for (Observation o : observations) {
      if (!ids.add(o.suggestionId())) {
        throw new AssertionError("suggestion " + o.suggestionId() + " observed twice in " + observations);
      }
    }
    return ids;
  }
}
