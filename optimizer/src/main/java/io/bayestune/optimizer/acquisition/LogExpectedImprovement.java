package io.bayestune.optimizer.acquisition;

import io.bayestune.optimizer.model.GaussianProcess;
import io.bayestune.optimizer.model.PosteriorModel;
import io.bayestune.optimizer.model.Prediction;
import java.util.Objects;

/**
 * The logarithm of expected improvement over the best observed value (maximizing), computed
 * without underflow.
 *
 * <pre>
 *   log EI(x) = log sigma(x) + h(u),   u = (mu(x) - best) / sigma(x),   h(u) = log(phi(u) + u Phi(u))
 * </pre>
 *
 * Plain EI underflows to 0 once u is below about -38, where its gradient vanishes too, so gradient
 * ascent stalls exactly in the large regions that are far from the incumbent; log EI stays finite
 * with a useful gradient (Ament, Daulton, Eriksson, Balandat and Bakshy 2023, "Unexpected
 * improvements to expected improvement for Bayesian optimization", NeurIPS, eq. 9). h is
 * evaluated in three branches:
 * <ul>
 *   <li>u > -1: directly; phi(u) + u Phi(u) >= 0.083 there, no cancellation;</li>
 *   <li>-25 <= u <= -1: {@code h = -u^2/2 - log(2 pi)/2 + log1p(-|u| sqrt(pi/2) erfcx(|u|/sqrt2))},
 *       the factor phi(u) taken out analytically and erfcx (Cody 1969) avoiding the underflow of
 *       Phi;</li>
 *   <li>u < -25: {@code 1 - |u| sqrt(pi/2) erfcx(|u|/sqrt2)} is below 1.6e-3 and would lose digits
 *       to cancellation as u falls, so it is replaced by its asymptotic series
 *       {@code u^-2 sum_k (-1)^k (2k+1)!! u^-2k} (from the Mills-ratio expansion, Abramowitz and
 *       Stegun 26.2.12), which at |u| >= 25 reaches full precision within 10 terms.</li>
 * </ul>
 *
 * <p>Where the posterior variance vanishes (at observed points of a near-noiseless model) it is
 * floored at 1e-12 times the prior variance, so log EI is very negative but finite and the
 * gradient stays finite.
 *
 * <pre>{@code
 * AcquisitionFunction acq = new LogExpectedImprovement(gp, bestObservedValue);
 * }</pre>
 */
public final class LogExpectedImprovement implements AcquisitionFunction {

  private static final double HALF_LOG_2PI = 0.91893853320467274178;
  private static final double SQRT_HALF_PI = 1.25331413731550025121;
  private static final double SQRT_HALF = 0.70710678118654752440;
  private static final double ASYMPTOTIC_BELOW = -25.0;

  private final PosteriorModel model;
  private final double best;
  private final double varianceFloor;

  /** Log EI of a fitted GP over {@code bestValue}, the best observed outcome (original units). */
  public LogExpectedImprovement(GaussianProcess gp, double bestValue) {
    this((PosteriorModel) gp, bestValue);
  }

  /** Log EI of any posterior over {@code bestValue}. */
  public LogExpectedImprovement(PosteriorModel model, double bestValue) {
    this.model = Objects.requireNonNull(model, "model");
    if (!Double.isFinite(bestValue)) {
      throw new IllegalArgumentException("bestValue must be finite, but got " + bestValue);
    }
    this.best = bestValue;
    this.varianceFloor = 1e-12 * model.signalVariance();
  }

  @Override
  public double value(double[] x) {
    Prediction p = model.predict(x);
    return logEi(p.mean(), Math.max(p.variance(), varianceFloor));
  }

  @Override
  public double[] values(double[][] xs) {
    double[][] predictions = model.predictBatch(xs);
    double[] out = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = logEi(predictions[i][0], Math.max(predictions[i][1], varianceFloor));
    }
    return out;
  }

  @Override
  public double valueAndGradient(double[] x, double[] gradient) {
    int d = x.length;
    double[] meanGradient = new double[d];
    double[] varianceGradient = new double[d];
    Prediction p = model.predict(x, meanGradient, varianceGradient);
    boolean floored = p.variance() < varianceFloor;
    double variance = floored ? varianceFloor : p.variance();
    double sigma = Math.sqrt(variance);
    double u = (p.mean() - best) / sigma;
    double slope = logHDerivative(u);
    // d log EI = h'(u) dmu / sigma + (1 - u h'(u)) dvar / (2 var)
    double meanWeight = slope / sigma;
    double varianceWeight = floored ? 0.0 : (1.0 - u * slope) / (2.0 * variance);
    for (int k = 0; k < d; k++) {
      gradient[k] = meanWeight * meanGradient[k] + varianceWeight * varianceGradient[k];
    }
    return 0.5 * Math.log(variance) + logH(u);
  }

  private double logEi(double mean, double variance) {
    double sigma = Math.sqrt(variance);
    return Math.log(sigma) + logH((mean - best) / sigma);
  }

  /** h(u) = log(phi(u) + u Phi(u)), the log EI of a standard normal posterior over best 0; finite for finite u. */
  public static double logH(double u) {
    if (u > -1.0) {
      return Math.log(StandardNormal.pdf(u) + u * StandardNormal.cdf(u));
    }
    if (u >= ASYMPTOTIC_BELOW) {
      return -0.5 * u * u - HALF_LOG_2PI + Math.log1p(-deficitComplement(u));
    }
    return -0.5 * u * u - HALF_LOG_2PI - 2 * Math.log(-u) + Math.log(asymptoticSeries(u));
  }

  /** h'(u) = Phi(u) / (phi(u) + u Phi(u)), which grows like -u as u falls. */
  public static double logHDerivative(double u) {
    if (u > -1.0) {
      double cdf = StandardNormal.cdf(u);
      return cdf / (StandardNormal.pdf(u) + u * cdf);
    }
    if (u >= ASYMPTOTIC_BELOW) {
      // With the Mills ratio R = Phi(u) / phi(u): h' = R / (1 - |u| R).
      double millsRatio = SQRT_HALF_PI * StandardNormal.erfcx(-u * SQRT_HALF);
      return millsRatio / (1.0 - (-u) * millsRatio);
    }
    double t = asymptoticSeries(u); // 1 - |u| R = t / u^2
    return (u * u - t) / (-u * t);
  }

  /** |u| R(u) with R the Mills ratio Phi(u) / phi(u), for u <= -1. */
  private static double deficitComplement(double u) {
    return -u * SQRT_HALF_PI * StandardNormal.erfcx(-u * SQRT_HALF);
  }

  /** sum_k (-1)^k (2k+1)!! / u^2k, summed until the terms are below an ulp; for u < -25. */
  private static double asymptoticSeries(double u) {
    double inverseSquare = 1.0 / (u * u);
    double term = 1.0;
    double sum = 1.0;
    for (int k = 1; k < 40; k++) {
      term *= -(2 * k + 1) * inverseSquare;
      sum += term;
      if (Math.abs(term) < 1e-17 * sum) {
        break;
      }
    }
    return sum;
  }
}
