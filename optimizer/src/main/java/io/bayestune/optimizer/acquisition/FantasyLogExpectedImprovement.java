package io.bayestune.optimizer.acquisition;

import io.bayestune.optimizer.model.PosteriorModel;
import java.util.List;

/**
 * Log expected improvement averaged over fantasies: the models are one posterior conditioned on K
 * sampled outcomes at the open (pending) points, each with its own incumbent.
 *
 * <pre>
 *   a(x) = log( (1/K) sum_k EI_k(x) ) = logsumexp_k( log EI_k(x) ) - log K
 * </pre>
 *
 * This is the Monte Carlo form of greedy batch expected improvement: the next point's improvement,
 * in expectation over what the open points may still return (Ginsbourger, Le Riche and Carraro
 * 2010, section 3; the fantasy construction of Balandat et al. 2020, "BoTorch", section 4.2). A
 * kriging believer is the K = 1 case with the sample replaced by the posterior mean, which
 * collapses the improvement near an open point to nothing and so pushes every parallel suggestion
 * away from the incumbent even when the open point may well turn out worse; averaging keeps that
 * region's value in proportion to the chance that it is still worth refining.
 *
 * <p>The fantasy outcomes are drawn once by the caller (fixed base samples), so the function is
 * deterministic and its gradient is exact: {@code grad a = sum_k w_k grad log EI_k} with softmax
 * weights {@code w_k} of the K log EI values.
 */
public final class FantasyLogExpectedImprovement implements AcquisitionFunction {
  private final LogExpectedImprovement[] fantasies;
  private final double logCount;

  /**
   * @param models K >= 1 posteriors, each conditioned on one joint fantasy of the open points
   * @param incumbents the value each fantasy improves on (its best observed or fantasized value)
   */
  public FantasyLogExpectedImprovement(List<? extends PosteriorModel> models, double[] incumbents) {
    if (models.isEmpty() || models.size() != incumbents.length) {
      throw new IllegalArgumentException("fantasies: need as many incumbents as models (at least one), but got "
          + models.size() + " models and " + incumbents.length + " incumbents");
    }
    fantasies = new LogExpectedImprovement[models.size()];
    for (int k = 0; k < fantasies.length; k++) {
      fantasies[k] = new LogExpectedImprovement(models.get(k), incumbents[k]);
    }
    logCount = Math.log(fantasies.length);
  }

  @Override
  public double value(double[] x) {
    double[] logs = new double[fantasies.length];
    for (int k = 0; k < logs.length; k++) {
      logs[k] = fantasies[k].value(x);
    }
    return logMeanExp(logs);
  }

  @Override
  public double[] values(double[][] xs) {
    double[][] perFantasy = new double[fantasies.length][];
    for (int k = 0; k < fantasies.length; k++) {
      perFantasy[k] = fantasies[k].values(xs);
    }
    double[] out = new double[xs.length];
    double[] logs = new double[fantasies.length];
    for (int i = 0; i < xs.length; i++) {
      for (int k = 0; k < logs.length; k++) {
        logs[k] = perFantasy[k][i];
      }
      out[i] = logMeanExp(logs);
    }
    return out;
  }

  @Override
  public double valueAndGradient(double[] x, double[] gradient) {
    int d = x.length;
    double[] logs = new double[fantasies.length];
    double[][] gradients = new double[fantasies.length][d];
    for (int k = 0; k < logs.length; k++) {
      logs[k] = fantasies[k].valueAndGradient(x, gradients[k]);
    }
    double value = logMeanExp(logs);
    java.util.Arrays.fill(gradient, 0.0);
    if (value == Double.NEGATIVE_INFINITY) {
      return value;
    }
    for (int k = 0; k < logs.length; k++) {
      double weight = Math.exp(logs[k] - value - logCount);
      if (weight > 0) {
        for (int j = 0; j < d; j++) {
          gradient[j] += weight * gradients[k][j];
        }
      }
    }
    return value;
  }

  private double logMeanExp(double[] logs) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : logs) {
      max = Math.max(max, v);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double v : logs) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum) - logCount;
  }
}
