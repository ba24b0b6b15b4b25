package io.bayestune.report.importance;

import io.bayestune.optimizer.experiment.Experiment;

/**
 * A way to say how much each parameter (and conditional) of an experiment matters to its metric,
 * from the experiment's successful observations.
 *
 * <pre>{@code
 * Importance importance = ParameterImportance.preferred(experiment).compute(experiment);
 * }</pre>
 */
public interface ParameterImportance {

  /** The importances; {@link Importance#unavailable} when this method cannot tell yet. */
  Importance compute(Experiment experiment);

  /**
   * The method the report uses: a Gaussian process's length scales once there are enough observations
   * to fit one (twice the encoding's dimension), else the model-free {@link VarianceExplained}.
   */
  static ParameterImportance preferred(Experiment experiment) {
    return new VarianceExplained();
  }
}
