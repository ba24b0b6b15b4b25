package io.bayestune.optimizer.kernel;

import java.util.Objects;

/**
 * The ARD Matern-5/2 covariance function.
 *
 * <pre>
 *   k(x, y) = s2 (1 + sqrt5 r + 5 r^2 / 3) exp(-sqrt5 r),   r^2 = sum_i ((x_i - y_i) / ell_i)^2
 * </pre>
 *
 * Its derivatives share one factor, {@code q(r) = (5/3)(1 + sqrt5 r) exp(-sqrt5 r)}, which stays
 * finite at r = 0 (so no division by r is ever needed):
 *
 * <pre>
 *   dk/dlog ell_i = s2 q(r) (x_i - y_i)^2 / ell_i^2
 *   dk/dlog s2    = k(x, y)
 *   dk/dx_i       = -s2 q(r) (x_i - y_i) / ell_i^2
 * </pre>
 *
 * Twice differentiable sample paths, the usual default for Bayesian optimization (Snoek, Larochelle
 * and Adams 2012, "Practical Bayesian optimization of machine learning algorithms", NeurIPS;
 * Rasmussen and Williams 2006, "Gaussian Processes for Machine Learning", eq. 4.17).
 *
 * <pre>{@code
 * Matern52Kernel k = new Matern52Kernel(new double[] {0.3, 2.0}, 1.0);
 * double c = k.value(new double[] {0.1, 0.2}, new double[] {0.4, 0.2});
 * }</pre>
 */
public final class Matern52Kernel {

  private static final double SQRT5 = 2.23606797749978969641;

  private final double[] lengthScales;
  private final double[] inverseSquaredLengthScales;
  private final double signalVariance;

  /**
   * @param lengthScales d positive length scales, in unit-cube coordinates
   * @param signalVariance positive prior variance k(x, x)
   * @throws IllegalArgumentException if a length scale or the variance is not positive and finite
   */
  public Matern52Kernel(double[] lengthScales, double signalVariance) {
    Objects.requireNonNull(lengthScales, "lengthScales");
    this.lengthScales = lengthScales.clone();
    this.inverseSquaredLengthScales = new double[lengthScales.length];
    for (int i = 0; i < lengthScales.length; i++) {
      double l = lengthScales[i];
      if (!(l > 0) || Double.isInfinite(l)) {
        throw new IllegalArgumentException("lengthScales[" + i + "] must be positive and finite, but got " + l);
      }
      inverseSquaredLengthScales[i] = 1.0 / (l * l);
    }
    if (!(signalVariance > 0) || Double.isInfinite(signalVariance)) {
      throw new IllegalArgumentException("signalVariance must be positive and finite, but got " + signalVariance);
    }
    this.signalVariance = signalVariance;
  }

  public int dimension() {
    return lengthScales.length;
  }

  public double[] lengthScales() {
    return lengthScales.clone();
  }

  public double signalVariance() {
    return signalVariance;
  }

  /** The correlation (1 + sqrt5 r + 5 r^2 / 3) exp(-sqrt5 r) at scaled distance r >= 0. */
  public static double correlation(double r) {
    double a = SQRT5 * r;
    return (1.0 + a + a * a / 3.0) * Math.exp(-a);
  }

  /** q(r) = (5/3)(1 + sqrt5 r) exp(-sqrt5 r) = -2 d correlation / d(r^2). */
  public static double slope(double r) {
    double a = SQRT5 * r;
    return (5.0 / 3.0) * (1.0 + a) * Math.exp(-a);
  }

  /** The scaled squared distance r^2 between two d-vectors. */
  public double squaredDistance(double[] x, double[] y) {
    checkDimension(x);
    checkDimension(y);
    double r2 = 0;
    for (int i = 0; i < x.length; i++) {
      double diff = x[i] - y[i];
      r2 += diff * diff * inverseSquaredLengthScales[i];
    }
    return r2;
  }

  /** k(x, y) for two d-vectors. */
  public double value(double[] x, double[] y) {
    return signalVariance * correlation(Math.sqrt(squaredDistance(x, y)));
  }

  /**
   * k(x, y), with its gradient with respect to theta = (log ell_1, ..., log ell_d, log s2) written
   * to {@code gradient} (length d + 1).
   */
  public double valueAndHyperparameterGradient(double[] x, double[] y, double[] gradient) {
    int d = lengthScales.length;
    if (gradient.length != d + 1) {
      throw new IllegalArgumentException("gradient needs d + 1 = " + (d + 1) + " entries, got " + gradient.length);
    }
    double r = Math.sqrt(squaredDistance(x, y));
    double k = signalVariance * correlation(r);
    double sq = signalVariance * slope(r);
    for (int i = 0; i < d; i++) {
      double diff = x[i] - y[i];
      gradient[i] = sq * diff * diff * inverseSquaredLengthScales[i];
    }
    gradient[d] = k;
    return k;
  }

  /** k(x, y), with its gradient with respect to x written to {@code gradient} (length d). */
  public double valueAndInputGradient(double[] x, double[] y, double[] gradient) {
    if (gradient.length != lengthScales.length) {
      throw new IllegalArgumentException("gradient needs d = " + lengthScales.length + " entries, got " + gradient.length);
    }
    double r = Math.sqrt(squaredDistance(x, y));
    double sq = signalVariance * slope(r);
    for (int i = 0; i < x.length; i++) {
      gradient[i] = -sq * (x[i] - y[i]) * inverseSquaredLengthScales[i];
    }
    return signalVariance * correlation(r);
  }

  private void checkDimension(double[] x) {
    if (x.length != lengthScales.length) {
      throw new IllegalArgumentException("point has " + x.length + " coordinates, kernel has " + lengthScales.length);
    }
  }
}
