package io.bayestune.optimizer.experiment;

import io.bayestune.optimizer.space.Assignments;
import java.io.Serializable;
import java.util.Map;

/**
 * The result of evaluating one configuration: a finite value with an optional standard deviation, or
 * a failure. Observations are final.
 *
 * @param suggestionId the suggestion this answers, or null for an observation reported with its own
 *     assignments (past trials brought into a new experiment)
 * @param value the metric value; NaN when failed
 * @param valueStddev the value's standard deviation when known (e.g. the spread over folds), else null
 * @param failureReason why a failed evaluation failed, when known
 * @param metadata small string facts kept with the observation (seconds taken, the trial's error)
 */
public record Observation(String suggestionId, Assignments assignments, double value, Double valueStddev,
    boolean failed, String failureReason, Map<String, String> metadata) implements Serializable {

  public Observation {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    if (failed) {
      value = Double.NaN;
      valueStddev = null;
    }
  }
}
