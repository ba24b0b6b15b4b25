package io.bayestune.optimizer.experiment;

import io.bayestune.optimizer.space.SearchSpace;

/**
 * What an experiment is: its parameters, its metric, how suggestions are made, its budget and how
 * many suggestions may be open at once. Parsed from SigOpt's JSON shape by {@link SpecJson}.
 *
 * @param observationBudget planned number of observations, or 0 when not set
 * @param parallelBandwidth how many suggestions are expected to be open at once (at least 1)
 */
public record ExperimentSpec(String name, SearchSpace space, Metric metric, StrategyType type,
    int observationBudget, int parallelBandwidth) {

  public ExperimentSpec {
    if (name == null) {
      name = "";
    }
    if (type == null) {
      type = StrategyType.OFFLINE;
    }
    if (observationBudget < 0) {
      throw new IllegalArgumentException("observation_budget: must be a positive integer, but got "
          + observationBudget);
    }
    if (parallelBandwidth < 1) {
      throw new IllegalArgumentException("parallel_bandwidth: must be at least 1, but got " + parallelBandwidth);
    }
  }
}
