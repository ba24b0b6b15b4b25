package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.experiment.ExperimentSpec;

/** The strategy for an experiment's {@code type}. */
public final class Strategies {
  /**
   * How open suggestions enter the model. Kriging believer is the default because it won the
   * side-by-side run in docs/benchmarks.md ("Open suggestions: kriging believer or constant liar");
   * the system property exists so that the benchmark can run the other one.
   */
  static final BayesianStrategy.PendingPolicy PENDING_POLICY =
      "constant-liar".equals(System.getProperty("bayestune.pendingPolicy"))
          ? BayesianStrategy.PendingPolicy.CONSTANT_LIAR_MIN : BayesianStrategy.PendingPolicy.KRIGING_BELIEVER;

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
            PENDING_POLICY);
    }
  }
}
