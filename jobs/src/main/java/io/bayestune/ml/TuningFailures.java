package io.bayestune.ml;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.optimizer.experiment.Observation;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Why a {@link BayesianTuner} fit has no model to return, as errors that say what to change. */
final class TuningFailures {
  private TuningFailures() {
  }

  /**
   * When trials completed but none met the constraints: an error rather than a model that breaks the requirement
   * (a production pipeline must not ship it silently); it names each constraint and how near the trials came.
   */
  static Optional<IllegalStateException> noneFeasible(String uid, Experiment experiment) {
    List<Observation> completed = experiment.observations().stream().filter(o -> !o.failed()).toList();
    if (completed.isEmpty() || experiment.spec().constraints().isEmpty()) {
      return Optional.empty();
    }
    StringBuilder near = new StringBuilder();
    for (Metric c : experiment.spec().constraints()) {
      Observation closest = completed.stream().max(Comparator.comparingDouble(o -> c.slack(o.valueOf(c))))
          .orElseThrow();
      near.append(near.length() == 0 ? "" : "; ").append(c.name()).append(c.objective() == Metric.Goal.MAXIMIZE
          ? " >= " : " <= ").append(c.threshold()).append(" (closest: trial ").append(closest.suggestionId())
          .append(" with ").append(closest.valueOf(c)).append(" on its worst fold)");
    }
    return Optional.of(new IllegalStateException("BayesianTuner " + uid + ": none of the " + completed.size()
        + " completed trials met the constraints of extraMetrics on every fold: " + near + ". There is no model that"
        + " meets them to return; loosen the threshold, widen the search space (e.g. search the classifier's"
        + " threshold Param) or raise maxTrials"));
  }

  /** Every trial failed: the first failure's reason, and the exception as the cause. */
  static IllegalStateException allFailed(Experiment experiment, Throwable firstFailure) {
    String reason = experiment.observations().isEmpty() ? "no trial ran"
        : experiment.observations().get(0).failureReason();
    return new IllegalStateException("every one of the " + experiment.observations().size() + " trials failed; the"
        + " first: " + reason + ". Check the estimator's input columns and the search space bounds", firstFailure);
  }
}
