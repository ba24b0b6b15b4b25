package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.experiment.ExperimentSpec;

/** The strategy for an experiment's {@code type}. */
public final class Strategies {
  private Strategies() {
  }

  /** The strategy of {@code spec}'s type, with the default open-suggestion policy (kriging believer). */
  public static SuggestionStrategy forSpec(ExperimentSpec spec) {
    return forSpec(spec, BayesianStrategy.PendingPolicy.KRIGING_BELIEVER);
  }

  /**
   * The strategy of {@code spec}'s type; a Bayesian one accounts for open suggestions with {@code pendingPolicy}
   * (an experiment option, see ExperimentOptions).
   */
  public static SuggestionStrategy forSpec(ExperimentSpec spec, BayesianStrategy.PendingPolicy pendingPolicy) {
    return forSpec(spec, pendingPolicy, LocalModelOptions.defaults());
  }

  /** As {@link #forSpec(ExperimentSpec, BayesianStrategy.PendingPolicy)}, with the local model of large experiments. */
  public static SuggestionStrategy forSpec(ExperimentSpec spec, BayesianStrategy.PendingPolicy pendingPolicy,
      LocalModelOptions local) {
    switch (spec.type()) {
      case RANDOM:
        return new RandomStrategy();
      case GRID:
        return new GridStrategy();
      case SOBOL:
        return new SobolStrategy();
      case OFFLINE:
      default:
        if (spec.optimized().size() > 1 || !spec.constraints().isEmpty()) {
          return new MultiMetricStrategy(
              BayesianStrategy.defaultInitialDesign(spec.space().parameters().size(), spec.observationBudget()),
              spec.optimized().size(), spec.constraints().size());
        }
        return new BayesianStrategy(
            BayesianStrategy.defaultInitialDesign(spec.space().parameters().size(), spec.observationBudget()),
            pendingPolicy, local.forBandwidth(spec.parallelBandwidth()));
    }
  }
}
