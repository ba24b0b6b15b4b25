package io.bayestune.optimizer.acquisition;

import io.bayestune.optimizer.model.GaussianProcess;
import io.bayestune.optimizer.model.PosteriorModel;
import io.bayestune.optimizer.model.Prediction;
import java.util.Objects;

/**
 * Expected improvement over the best observed value (maximizing), for comparison and tests.
 *
 * <pre>
 *   EI(x) = sigma (phi(u) + u Phi(u)),  u = (mu - best) / sigma;   dEI = Phi(u) dmu + phi(u) dvar / (2 sigma)
 * </pre>
 *
 * (Mockus 1975; Jones, Schonlau and Welch 1998, "Efficient global optimization of expensive
 * black-box functions", J. Global Optim. 13). It underflows to exactly 0 with a zero gradient for
 * u below about -38; optimize {@link LogExpectedImprovement} instead.
 */
public final class ExpectedImprovement implements AcquisitionFunction {

  private final PosteriorModel model;
  private final double best;

  public ExpectedImprovement(GaussianProcess gp, double bestValue) {
    this((PosteriorModel) gp, bestValue);
  }

  public ExpectedImprovement(PosteriorModel model, double bestValue) {
    this.model = Objects.requireNonNull(model, "model");
    if (!Double.isFinite(bestValue)) {
      throw new IllegalArgumentException("bestValue must be finite, but got " + bestValue);
    }
    this.best = bestValue;
  }

  /** EI of a normal posterior with the given mean and variance over {@code best}. */
  public static double of(double mean, double variance, double best) {
    if (!(variance > 0)) {
      return Math.max(0.0, mean - best);
    }
    double sigma = Math.sqrt(variance);
    double u = (mean - best) / sigma;
    return sigma * (StandardNormal.pdf(u) + u * StandardNormal.cdf(u));
  }

  @Override
  public double value(double[] x) {
    Prediction p = model.predict(x);
    return of(p.mean(), p.variance(), best);
  }

  @Override
  public double valueAndGradient(double[] x, double[] gradient) {
    int d = x.length;
    double[] meanGradient = new double[d];
    double[] varianceGradient = new double[d];
    Prediction p = model.predict(x, meanGradient, varianceGradient);
    if (!(p.variance() > 0)) {
      double improvement = p.mean() - best;
      for (int k = 0; k < d; k++) {
        gradient[k] = improvement > 0 ? meanGradient[k] : 0.0;
      }
      return Math.max(0.0, improvement);
    }
    double sigma = Math.sqrt(p.variance());
    double u = (p.mean() - best) / sigma;
    double cdf = StandardNormal.cdf(u);
    double pdf = StandardNormal.pdf(u);
    for (int k = 0; k < d; k++) {
      gradient[k] = cdf * meanGradient[k] + pdf * varianceGradient[k] / (2 * sigma);
    }
    return sigma * (pdf + u * cdf);
  }
}
