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
import java.util.stream.Stream;

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
   * The {@code id} column of {@code output/trials.csv} (a directory of Spark CSV part files, each with a header),
   * failing if an id appears twice.
   */
  public static Set<String> trialsCsvIds(Path output) throws IOException {
    List<Path> parts;
    try (Stream<Path> files = Files.list(output.resolve("trials.csv"))) {
      parts = files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
    }
    Set<String> ids = new HashSet<>();
    for (Path part : parts) {
      List<String> lines = Files.readAllLines(part);
      if (lines.isEmpty()) {
        continue;
      }
      int column = List.of(lines.get(0).split(",", -1)).indexOf("id");
      if (column < 0) {
        throw new AssertionError(part + ": no id column in header " + lines.get(0));
      }
      for (String line : lines.subList(1, lines.size())) {
        String id = line.split(",", -1)[column].replace("\"", "");
        if (!ids.add(id)) {
          throw new AssertionError(output.resolve("trials.csv") + ": trial " + id + " appears twice");
        }
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
