package io.bayestune.optimizer.acquisition;

import io.bayestune.optimizer.model.PosteriorModel;
import io.bayestune.optimizer.model.Prediction;
import java.util.List;

/**
 * An acquisition function weighted by the probability that every constraint holds, in logs:
 * <pre>
 *   a(x) = base(x) + sum_c log Phi((mu_c(x) - t_c) / sigma_c(x))
 * </pre>
 * with one independent model per constraint and constraint c met when its outcome is at least t_c.
 * This is the constrained expected improvement of Gardner, Kusner, Xu, Weinberger and Cunningham
 * 2014 ("Bayesian optimization with inequality constraints", ICML), here on log EI (or log EHVI),
 * where the product becomes a sum. Without a base (no feasible observation yet, so nothing to
 * improve on) it is the log probability of feasibility alone, which Gardner et al. maximize first
 * to find the feasible region.
 *
 * <pre>{@code
 * AcquisitionFunction acq = new ProbabilityOfFeasibility(new LogExpectedImprovement(gp, bestFeasible),
 *     List.of(recallGp), new double[] {recallThreshold});
 * }</pre>
 */
public final class ProbabilityOfFeasibility implements AcquisitionFunction {
  private final AcquisitionFunction base;
  private final List<? extends PosteriorModel> constraints;
  private final double[] thresholds;

  /**
   * @param base the acquisition to weight, or null for the log probability of feasibility alone
   * @param thresholds per constraint model, the least outcome that meets it (in the model's units)
   */
  public ProbabilityOfFeasibility(AcquisitionFunction base, List<? extends PosteriorModel> constraints,
      double[] thresholds) {
    if (constraints.size() != thresholds.length) {
      throw new IllegalArgumentException(constraints.size() + " constraint models but " + thresholds.length
          + " thresholds");
    }
    this.base = base;
    this.constraints = List.copyOf(constraints);
    this.thresholds = thresholds.clone();
  }

  @Override
  public double value(double[] x) {
    double out = base == null ? 0 : base.value(x);
    for (int c = 0; c < thresholds.length; c++) {
      Prediction p = constraints.get(c).predict(x);
      out += StandardNormal.logCdf(z(c, p.mean(), p.variance()));
    }
    return out;
  }

  @Override
  public double[] values(double[][] xs) {
    double[] out = base == null ? new double[xs.length] : base.values(xs);
    for (int c = 0; c < thresholds.length; c++) {
      double[][] p = constraints.get(c).predictBatch(xs);
      for (int i = 0; i < xs.length; i++) {
        out[i] += StandardNormal.logCdf(z(c, p[i][0], p[i][1]));
      }
    }
    return out;
  }

  @Override
  public double valueAndGradient(double[] x, double[] gradient) {
    int d = x.length;
    double out = base == null ? 0 : base.valueAndGradient(x, gradient);
    if (base == null) {
      java.util.Arrays.fill(gradient, 0);
    }
    double[] meanGradient = new double[d];
    double[] varianceGradient = new double[d];
    for (int c = 0; c < thresholds.length; c++) {
      PosteriorModel m = constraints.get(c);
      Prediction p = m.predict(x, meanGradient, varianceGradient);
      double floor = floor(c);
      boolean floored = p.variance() < floor;
      double variance = floored ? floor : p.variance();
      double sigma = Math.sqrt(variance);
      double z = (p.mean() - thresholds[c]) / sigma;
      double logCdf = StandardNormal.logCdf(z);
      out += logCdf;
      // d log Phi(z) = (phi(z) / Phi(z)) dz, dz = dmu / sigma - z dvar / (2 var); the ratio in logs.
      double ratio = Math.exp(-0.5 * z * z - StandardNormal.HALF_LOG_2PI - logCdf);
      double meanWeight = ratio / sigma;
      double varianceWeight = floored ? 0 : -ratio * z / (2 * variance);
      for (int k = 0; k < d; k++) {
        gradient[k] += meanWeight * meanGradient[k] + varianceWeight * varianceGradient[k];
      }
    }
    return out;
  }

  private double z(int c, double mean, double variance) {
    return (mean - thresholds[c]) / Math.sqrt(Math.max(variance, floor(c)));
  }

  private double floor(int c) {
    return 1e-12 * constraints.get(c).signalVariance();
  }
}
