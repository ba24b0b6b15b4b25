package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.experiment.ExperimentSpec;

/** The strategy for an experiment's {@code type}. */
public final class Strategies {
  /**
   * How open suggestions enter the model. Kriging believer is the default because it was the most
   * consistent in the side-by-side runs in docs/benchmarks.md ("Open suggestions: policies
   * compared"); the system property exists so that the benchmark can run the others.
   */
  static final BayesianStrategy.PendingPolicy PENDING_POLICY = pendingPolicy(
      System.getProperty("bayestune.pendingPolicy", "kriging-believer"));

  static BayesianStrategy.PendingPolicy pendingPolicy(String name) {
    switch (name) {
      case "kriging-believer":
        return BayesianStrategy.PendingPolicy.KRIGING_BELIEVER;
      case "constant-liar":
        return BayesianStrategy.PendingPolicy.CONSTANT_LIAR_MIN;
      case "fantasies":
        return BayesianStrategy.PendingPolicy.FANTASIES;
      default:
        throw new IllegalArgumentException("bayestune.pendingPolicy: one of kriging-believer, constant-liar,"
            + " fantasies, but got '" + name + "'");
    }
  }

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
        if (spec.optimized().size() > 1 || !spec.constraints().isEmpty()) {
          return new MultiMetricStrategy(
              BayesianStrategy.defaultInitialDesign(spec.space().parameters().size(), spec.observationBudget()),
              spec.optimized().size(), spec.constraints().size());
        }
        return new BayesianStrategy(
            BayesianStrategy.defaultInitialDesign(spec.space().parameters().size(), spec.observationBudget()),
            PENDING_POLICY);
    }
  }
}
