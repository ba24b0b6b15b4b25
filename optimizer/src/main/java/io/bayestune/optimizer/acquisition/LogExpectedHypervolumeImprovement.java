package io.bayestune.optimizer.acquisition;

import io.bayestune.optimizer.model.PosteriorModel;
import io.bayestune.optimizer.model.Prediction;

/**
 * The logarithm of the expected hypervolume improvement of two independent objectives (maximizing
 * both) over a Pareto front, exact in closed form and computed without underflow.
 *
 * <p>The region a new outcome y can add is the part of [r, infinity)^2 (r the reference point) that
 * the front does not dominate. With the front sorted by the first objective ascending, p_1..p_k, it is
 * the disjoint union of k+1 boxes [l_i, u_i]: [r1, x_1] x [y_1, inf), [x_i, x_{i+1}] x [y_{i+1}, inf)
 * and [x_k, inf) x [r2, inf). The improvement is the volume of [r, y] within those boxes, and for
 * independent Y1, Y2 the expectation factorizes per box (Emmerich, Deutz and Klinkenberg 2011,
 * "Hypervolume-based expected improvement: monotonicity properties and exact computation"; the box
 * form of Yang, Emmerich, Deutz and Baeck 2019, "Efficient computation of expected hypervolume
 * improvement using box decomposition algorithms"):
 * <pre>
 *   EHVI = sum_i prod_j psi(l_ij, u_ij),   psi(l, u) = E[(min(Y, u) - l)^+] = g(l) - g(u),
 *   g(a) = E[(Y - a)^+] = sigma (phi(z) + z Phi(z)),   z = (mu - a) / sigma
 * </pre>
 * Far from the front EHVI underflows to 0 with a vanishing gradient; the logarithm, taken through
 * {@code log g = log sigma + h(z)} with h from {@link LogExpectedImprovement#logH} and a log-sum-exp
 * over boxes, stays finite with a useful gradient (the LogEHVI of Ament, Daulton, Eriksson,
 * Balandat and Bakshy 2023, "Unexpected improvements to expected improvement for Bayesian optimization").
 *
 * <pre>{@code
 * double[][] front = ParetoFront.sortedFront2d(observed, reference);
 * AcquisitionFunction acq = new LogExpectedHypervolumeImprovement(gpFirst, gpSecond, front, reference);
 * }</pre>
 */
public final class LogExpectedHypervolumeImprovement implements AcquisitionFunction {
  private final PosteriorModel first;
  private final PosteriorModel second;
  /** Box bounds per objective: lower[j][i], upper[j][i] (upper may be +infinity). */
  private final double[][] lower;
  private final double[][] upper;
  private final double floorFirst;
  private final double floorSecond;

  /**
   * @param front the Pareto front as returned by {@link ParetoFront#sortedFront2d} (k x 2, above the
   *     reference, sorted by the first objective ascending)
   * @param reference the reference point: improvements count only above it in both objectives
   */
  public LogExpectedHypervolumeImprovement(PosteriorModel first, PosteriorModel second, double[][] front,
      double[] reference) {
    this.first = first;
    this.second = second;
    int k = front.length;
    lower = new double[2][k + 1];
    upper = new double[2][k + 1];
    for (int i = 0; i <= k; i++) {
      lower[0][i] = i == 0 ? reference[0] : front[i - 1][0];
      upper[0][i] = i == k ? Double.POSITIVE_INFINITY : front[i][0];
      lower[1][i] = i == k ? reference[1] : front[i][1];
      upper[1][i] = Double.POSITIVE_INFINITY;
    }
    floorFirst = 1e-12 * first.signalVariance();
    floorSecond = 1e-12 * second.signalVariance();
  }

  @Override
  public double value(double[] x) {
    Prediction a = first.predict(x);
    Prediction b = second.predict(x);
    return logEhvi(a.mean(), Math.sqrt(Math.max(a.variance(), floorFirst)), b.mean(),
        Math.sqrt(Math.max(b.variance(), floorSecond)), null);
  }

  @Override
  public double[] values(double[][] xs) {
    double[][] a = first.predictBatch(xs);
    double[][] b = second.predictBatch(xs);
    double[] out = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = logEhvi(a[i][0], Math.sqrt(Math.max(a[i][1], floorFirst)), b[i][0],
          Math.sqrt(Math.max(b[i][1], floorSecond)), null);
    }
    return out;
  }

  @Override
  public double valueAndGradient(double[] x, double[] gradient) {
    int d = x.length;
    double[] meanA = new double[d];
    double[] varA = new double[d];
    double[] meanB = new double[d];
    double[] varB = new double[d];
    Prediction a = first.predict(x, meanA, varA);
    Prediction b = second.predict(x, meanB, varB);
    boolean flooredA = a.variance() < floorFirst;
    boolean flooredB = b.variance() < floorSecond;
    double sigmaA = Math.sqrt(flooredA ? floorFirst : a.variance());
    double sigmaB = Math.sqrt(flooredB ? floorSecond : b.variance());
    double[] partial = new double[4];
    double value = logEhvi(a.mean(), sigmaA, b.mean(), sigmaB, partial);
    // d sigma / dx = d var / dx / (2 sigma); a floored variance has no gradient.
    double wA = flooredA ? 0 : partial[1] / (2 * sigmaA);
    double wB = flooredB ? 0 : partial[3] / (2 * sigmaB);
    for (int k = 0; k < d; k++) {
      gradient[k] = partial[0] * meanA[k] + wA * varA[k] + partial[2] * meanB[k] + wB * varB[k];
    }
    return value;
  }

  /**
   * log EHVI for Y1 ~ N(mu1, s1^2), Y2 ~ N(mu2, s2^2); when {@code partial} is not null, its partial
   * derivatives with respect to mu1, s1, mu2, s2 are written there.
   */
  double logEhvi(double mu1, double s1, double mu2, double s2, double[] partial) {
    int boxes = lower[0].length;
    double[] terms = new double[boxes];
    double[][] slopes = partial == null ? null : new double[boxes][];
    double top = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < boxes; i++) {
      double[] slopeFirst = slopes == null ? null : new double[2];
      double[] slopeSecond = slopes == null ? null : new double[2];
      terms[i] = logPsi(lower[0][i], upper[0][i], mu1, s1, slopeFirst)
          + logPsi(lower[1][i], upper[1][i], mu2, s2, slopeSecond);
      if (slopes != null) {
        slopes[i] = new double[] {slopeFirst[0], slopeFirst[1], slopeSecond[0], slopeSecond[1]};
      }
      top = Math.max(top, terms[i]);
    }
    if (top == Double.NEGATIVE_INFINITY) {
      if (partial != null) {
        java.util.Arrays.fill(partial, 0);
      }
      return top;
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - top);
    }
    if (partial != null) {
      java.util.Arrays.fill(partial, 0);
      for (int i = 0; i < boxes; i++) {
        double w = Math.exp(terms[i] - top) / sum;
        for (int j = 0; j < 4; j++) {
          partial[j] += w * slopes[i][j];
        }
      }
    }
    return top + Math.log(sum);
  }

  /**
   * log psi(l, u) = log E[(min(Y, u) - l)^+] for Y ~ N(mu, s^2); with {@code slope} not null, writes
   * d/dmu and d/ds of log psi there. -infinity for an empty box (u <= l).
   */
  static double logPsi(double l, double u, double mu, double s, double[] slope) {
    if (!(u > l)) {
      if (slope != null) {
        slope[0] = 0;
        slope[1] = 0;
      }
      return Double.NEGATIVE_INFINITY;
    }
    double zl = (mu - l) / s;
    double logGl = Math.log(s) + LogExpectedImprovement.logH(zl);
    double value = logGl;
    double zu = Double.NEGATIVE_INFINITY;
    if (u != Double.POSITIVE_INFINITY) {
      zu = (mu - u) / s;
      double logGu = Math.log(s) + LogExpectedImprovement.logH(zu);
      // g decreases in a, so g(u) < g(l): log(g(l) - g(u)) = log g(l) + log(-expm1(log g(u) - log g(l))).
      value = logGl + Math.log(-Math.expm1(logGu - logGl));
    }
    if (slope != null) {
      // d g(a)/d mu = Phi(z_a), d g(a)/d s = phi(z_a): each ratio taken in logs so that it cannot overflow.
      slope[0] = Math.exp(StandardNormal.logCdf(zl) - value) - (zu == Double.NEGATIVE_INFINITY ? 0
          : Math.exp(StandardNormal.logCdf(zu) - value));
      slope[1] = Math.exp(logPdf(zl) - value) - (zu == Double.NEGATIVE_INFINITY ? 0 : Math.exp(logPdf(zu) - value));
    }
    return value;
  }

  private static double logPdf(double z) {
    return -0.5 * z * z - StandardNormal.HALF_LOG_2PI;
  }
}
