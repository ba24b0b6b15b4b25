package io.bayestune.optimizer.experiment;

import io.bayestune.optimizer.space.Assignments;

/**
 * The best configuration found so far.
 *
 * @param value the value observed for it
 * @param estimatedValue when observations are noisy, the model's posterior mean at this configuration,
 *     which is how it was chosen (a lucky noisy draw does not win); otherwise null
 */
public record Best(String suggestionId, Assignments assignments, double value, Double valueStddev,
    Double estimatedValue) {
}
