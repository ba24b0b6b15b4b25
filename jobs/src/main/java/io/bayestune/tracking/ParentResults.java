package io.bayestune.tracking;

import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the parent run gets when the tuning ends: the best value as metric {@code best_<metric>} (at step = the
 * number of observations), the best assignments as tags {@code best.<name>}, the counts, and the artifacts.
 *
 * @param artifacts stages the artifact files into a local folder (report.html, trials.csv, best.json, model/), or
 *     null for none
 * @param ok whether the tuning finished (the parent ends FINISHED) or failed (FAILED)
 */
public record ParentResults(Map<String, Double> metrics, long step, Map<String, String> tags, Artifacts artifacts,
    boolean ok) {

  public ParentResults {
    metrics = Map.copyOf(metrics);
    tags = Map.copyOf(tags);
  }

  /** Writes artifact files into {@code folder}; {@code runId} is the parent's (the MLmodel file names it). */
  @FunctionalInterface
  public interface Artifacts {
    void stage(Path folder, String runId) throws IOException;
  }

  /** The results of a finished tuning. */
  public static ParentResults of(Experiment e, Artifacts artifacts) {
    return of(e, e.best(), artifacts);
  }

  /** The results of a finished tuning whose caller chose {@code best} itself (a BayesianTuner's best mean value). */
  public static ParentResults of(Experiment e, Optional<Best> best, Artifacts artifacts) {
    String metric = e.spec().metric().name();
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<String, String> tags = new LinkedHashMap<>();
    long failed = e.observations().stream().filter(Observation::failed).count();
    metrics.put("observations", (double) e.observations().size());
    metrics.put("failed_observations", (double) failed);
    best.ifPresent(b -> {
      metrics.put("best_" + metric, b.value());
      if (b.estimatedValue() != null) {
        metrics.put("best_" + metric + "_estimate", b.estimatedValue());
      }
      tags.put("bayestune.best_trial", b.suggestionId() == null ? "warm start" : b.suggestionId());
      b.assignments().asMap().forEach((k, v) -> tags.put("best." + k, String.valueOf(v)));
    });
    return new ParentResults(metrics, e.observations().size(), tags, artifacts, true);
  }

  /** The same results for a tuning that failed (the parent run ends FAILED). */
  public ParentResults failed() {
    return new ParentResults(metrics, step, tags, artifacts, false);
  }
}
