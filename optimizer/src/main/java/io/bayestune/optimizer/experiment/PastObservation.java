package io.bayestune.optimizer.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An evaluation that no suggestion asked for, given by its own assignments (as SigOpt's API allowed): a past
 * trial brought into an experiment in bulk with {@link Experiment#observeAll}.
 *
 * @param assignments parameter (and conditional) name to Double/Long/String value; checked against the
 *     experiment's space when observed
 * @param value the metric value; ignored when failed
 * @param valueStddev its standard deviation when known, else null
 * @param failed true when the evaluation failed (the search then steers away from it)
 * @param failureReason why it failed, when known
 */
public record PastObservation(Map<String, ?> assignments, double value, Double valueStddev, boolean failed,
    String failureReason) {

  public PastObservation {
    if (assignments == null) {
      throw new IllegalArgumentException("assignments: a past observation needs its configuration, but got null");
    }
    assignments = Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
  }

  /** A successful evaluation. */
  public static PastObservation of(Map<String, ?> assignments, double value, Double valueStddev) {
    return new PastObservation(assignments, value, valueStddev, false, null);
  }

  /** A failed evaluation. */
  public static PastObservation failed(Map<String, ?> assignments, String reason) {
    return new PastObservation(assignments, Double.NaN, null, true, reason);
  }
}
