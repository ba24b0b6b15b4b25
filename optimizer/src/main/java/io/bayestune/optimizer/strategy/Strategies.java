package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.experiment.ExperimentSpec;

/** The strategy for an experiment's {@code type}. */
public final class Strategies {
  private Strategies() {
  }

  public static SuggestionStrategy forSpec(ExperimentSpec spec) {
    switch (spec.type()) {
      case RANDOM:
        return new RandomStrategy();
      case GRID:
        return new GridStrategy();
      case SOBOL:
        return new SobolStrategy();
      case OFFLINE:
      default:
        return new BayesianStrategy(
            BayesianStrategy.defaultInitialDesign(spec.space().parameters().size(), spec.observationBudget()),
            BayesianStrategy.PendingPolicy.KRIGING_BELIEVER);
    }
  }
}
