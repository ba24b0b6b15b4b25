package io.bayestune.optimizer.experiment;

import io.bayestune.optimizer.space.Assignments;
import java.util.List;

/**
 * The best configuration found so far, or one member of the Pareto front of a two-objective experiment.
 *
 * @param value the value observed for it (of the first optimized metric in a multimetric experiment)
 * @param estimatedValue when observations are noisy, the model's posterior mean at this configuration,
 *     which is how it was chosen (a lucky noisy draw does not win); otherwise null
 * @param values in a multimetric experiment, every metric's observed value; empty otherwise
 */
public record Best(String suggestionId, Assignments assignments, double value, Double valueStddev,
    Double estimatedValue, List<MetricEvaluation> values) {

  public Best(String suggestionId, Assignments assignments, double value, Double valueStddev, Double estimatedValue) {
    this(suggestionId, assignments, value, valueStddev, estimatedValue, List.of());
  }

  public Best {
    values = values == null ? List.of() : List.copyOf(values);
  }

  /** The best of an observation, as observed (no model estimate). */
  static Best of(Observation o) {
    return new Best(o.suggestionId(), o.assignments(), o.value(), o.valueStddev(), null, o.values());
  }
}
