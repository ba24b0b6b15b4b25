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

  /**
   * The values at m points ({@code xs} is m x d); implementations backed by a GP override this to
   * batch the linear algebra, which is how the maximizer scores its raw candidates.
   */
  default double[] values(double[][] xs) {
    double[] out = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = value(xs[i]);
    }
    return out;
  }
}
