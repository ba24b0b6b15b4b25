package io.bayestune.optimizer.optim;

import java.util.Arrays;

/**
 * A box inside the unit cube that bounds the continuous coordinates of an acquisition search: the
 * trust region of a local model (Eriksson, Pearce, Gardner, Turner and Poloczek 2019, "Scalable
 * global optimization via local Bayesian optimization", NeurIPS). Discrete coordinates are never
 * restricted: their neighbours are one step away whatever the box.
 *
 * @param lower d lower bounds in [0, 1]
 * @param upper d upper bounds in [lower, 1]
 */
public record SearchBox(double[] lower, double[] upper) {

  public SearchBox {
    if (lower.length != upper.length) {
      throw new IllegalArgumentException("SearchBox: lower has " + lower.length + " bounds, upper " + upper.length);
    }
    lower = lower.clone();
    upper = upper.clone();
    for (int k = 0; k < lower.length; k++) {
      if (!(lower[k] >= 0 && lower[k] <= upper[k] && upper[k] <= 1)) {
        throw new IllegalArgumentException("SearchBox: coordinate " + k + " needs 0 <= lower <= upper <= 1, but got ["
            + lower[k] + ", " + upper[k] + "]");
      }
    }
  }

  /** The whole unit cube. */
  public static SearchBox unitCube(int d) {
    double[] upper = new double[d];
    Arrays.fill(upper, 1.0);
    return new SearchBox(new double[d], upper);
  }

  public int dimension() {
    return lower.length;
  }

  @Override
  public double[] lower() {
    return lower.clone();
  }

  @Override
  public double[] upper() {
    return upper.clone();
  }

  double lower(int k) {
    return lower[k];
  }

  double upper(int k) {
    return upper[k];
  }

  /** A point of the unit cube mapped affinely into the box (coordinate k: lower + u (upper - lower)). */
  double[] fromUnit(double[] u) {
    double[] x = new double[u.length];
    for (int k = 0; k < u.length; k++) {
      x[k] = lower[k] + u[k] * (upper[k] - lower[k]);
    }
    return x;
  }

  /** Coordinate k clipped to the box. */
  double clip(int k, double v) {
    return Math.min(upper[k], Math.max(lower[k], v));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchBox b && Arrays.equals(lower, b.lower) && Arrays.equals(upper, b.upper);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
  }

  @Override
  public String toString() {
    return "SearchBox[lower=" + Arrays.toString(lower) + ", upper=" + Arrays.toString(upper) + "]";
  }
}
