package io.bayestune.optimizer.acquisition;

import io.bayestune.optimizer.model.PosteriorModel;
import io.bayestune.optimizer.model.Prediction;

/**
 * A closed-form posterior for acquisition tests: mean(x) = c + a.x, variance(x) = v0 + b.x^2, so
 * that values and gradients are known without a GP.
 */
record LinearPosterior(double c, double[] a, double v0, double[] b) implements PosteriorModel {

  LinearPosterior(double[] a, double v0, double[] b) {
    this(0.0, a, v0, b);
  }

  @Override
  public int dimension() {
    return a.length;
  }

  @Override
  public Prediction predict(double[] x) {
    return predict(x, new double[x.length], new double[x.length]);
  }

  @Override
  public Prediction predict(double[] x, double[] meanGradient, double[] varianceGradient) {
    double mean = c;
    double variance = v0;
    for (int i = 0; i < x.length; i++) {
      mean += a[i] * x[i];
      variance += b[i] * x[i] * x[i];
      meanGradient[i] = a[i];
      varianceGradient[i] = 2 * b[i] * x[i];
    }
    return new Prediction(mean, variance);
  }
}
