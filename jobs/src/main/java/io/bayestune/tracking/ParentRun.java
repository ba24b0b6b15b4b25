package io.bayestune.tracking;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * What a tuning's parent run starts with, and how it is found again.
 *
 * @param output the tuning's output location, tagged {@code bayestune.output} on the parent so that a resumed job
 *     finds its parent even when it was killed before saving the run id; null for a tuning without an output
 *     (a {@code BayesianTuner} fit), which always starts a new parent
 * @param params the tuning's settings (budget, metric, one {@code space.<name>} per parameter): logged once,
 *     when the parent is created (MLflow params cannot change)
 * @param texts small files logged as artifacts beside the results, by name (the job file, the search space)
 * @param runIdStore where the parent's run id is kept next to the tuning's state, or null
 * @param resumeHint how to get what could not be logged logged later, for the summary
 */
public record ParentRun(String output, Map<String, String> params, Map<String, String> texts, RunIdStore runIdStore,
    String resumeHint) {

  public ParentRun {
    params = Map.copyOf(params);
    texts = Map.copyOf(texts);
  }

  /** Keeps the parent run's id as a small JSON text next to the tuning's state (e.g. {@code <output>/mlflow-run.json}). */
  public interface RunIdStore {
    Optional<String> read() throws IOException;

    void write(String json) throws IOException;
  }
}
