package io.bayestune.optimizer.model;

/**
 * What an acquisition function needs from a surrogate: the marginal posterior of f at a point and
 * its gradient. Tests implement it with closed-form posteriors; {@link GaussianProcess} is the
 * production implementation.
 */
public interface PosteriorModel {

  /** Number of input coordinates d. */
  int dimension();

  /**
   * The prior variance of f, in squared outcome units: the scale against which acquisition
   * functions floor a vanishing posterior variance.
   */
  default double signalVariance() {
    return 1.0;
  }

  /** The posterior of f at {@code x} (d coordinates in the unit cube). */
  Prediction predict(double[] x);

  /**
   * The posterior of f at {@code x}, with the gradients of its mean and variance with respect to x
   * written to the two arrays (length d each).
   */
  Prediction predict(double[] x, double[] meanGradient, double[] varianceGradient);

  /** Row i is {mean, variance} at {@code xs[i]}; implementations batch the linear algebra. */
  default double[][] predictBatch(double[][] xs) {
    double[][] out = new double[xs.length][];
    for (int i = 0; i < xs.length; i++) {
      Prediction p = predict(xs[i]);
      out[i] = new double[] {p.mean(), p.variance()};
    }
    return out;
  }
}
