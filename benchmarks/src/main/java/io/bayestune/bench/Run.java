package io.bayestune.bench;

/**
 * One optimization run: every value a strategy got, in the order observed, and the time spent
 * asking it for suggestions.
 *
 * @param strategy {@code offline}, {@code random}, {@code sobol}, or an Optuna sampler such as
 *     {@code tpe-multivariate}; a suffix {@code @4} marks 4 suggestions kept open
 * @param suggestSeconds wall time inside the strategy (suggest calls, or the whole Optuna study)
 * @param error why the run stopped before its budget, or null
 */
public record Run(String function, String strategy, long seed, double[] values, double suggestSeconds,
    String error) {

  public Run {
    values = values.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  public boolean failed() {
    return error != null;
  }

  public int evaluations() {
    return values.length;
  }

  /**
   * Simple regret after the first {@code k} evaluations: the best value among them minus the known
   * optimum (0 when the optimum was found; never below 0 up to rounding).
   *
   * @throws IllegalArgumentException when the run has fewer than k evaluations
   */
  public double regret(int k, double optimum) {
    if (k < 1 || k > values.length) {
      throw new IllegalArgumentException(function + "/" + strategy + "/seed " + seed + ": regret after " + k
          + " evaluations asked for, but the run has " + values.length);
    }
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < k; i++) {
      best = Math.min(best, values[i]);
    }
    return best - optimum;
  }
}
