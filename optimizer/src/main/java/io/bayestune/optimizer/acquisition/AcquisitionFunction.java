package io.bayestune.optimizer.acquisition;

/**
 * A deterministic function of one point in the unit cube, to be maximized. Deterministic means
 * that any Monte Carlo base samples are drawn once, at construction, so that a gradient method can
 * maximize it.
 */
public interface AcquisitionFunction {

  /** The value at {@code x} (d coordinates in [0, 1]); may be -infinity, never NaN. */
  double value(double[] x);

  /**
   * The value at {@code x}, with its gradient written to {@code gradient} (length d).
   * Where the value is -infinity the gradient is all zeros.
   */
  double valueAndGradient(double[] x, double[] gradient);
}
