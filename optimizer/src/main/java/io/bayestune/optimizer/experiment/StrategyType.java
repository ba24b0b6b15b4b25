package io.bayestune.optimizer.experiment;

import java.util.Locale;

/** How suggestions are made, SigOpt's experiment {@code type}. */
public enum StrategyType {
  /** Bayesian optimization with a Gaussian process (the default). */
  OFFLINE,
  /** Independent uniform draws: a baseline. */
  RANDOM,
  /** A scrambled Sobol sequence: an even space-filling design. */
  SOBOL,
  /** Every combination of the parameters' grid values, in order. */
  GRID;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static StrategyType fromJson(String text) {
    for (StrategyType t : values()) {
      if (t.jsonName().equals(text)) {
        return t;
      }
    }
    throw new IllegalArgumentException("type: must be one of \"offline\", \"random\", \"sobol\", \"grid\", but got \""
        + text + "\"; use \"offline\" for Bayesian optimization");
  }
}
