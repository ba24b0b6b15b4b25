package io.bayestune.optimizer.acquisition;

import io.bayestune.optimizer.model.PosteriorModel;
import java.util.Objects;

/**
 * The posterior mean as an acquisition function: its maximizer is the model's best guess of where
 * the optimum is, with no credit for uncertainty. The strategy asks for it only to place the
 * exploiting member of an asynchronous batch (see {@code BayesianStrategy}); on its own it is the
 * pure-exploitation rule that gets stuck.
 */
public final class PosteriorMean implements AcquisitionFunction {
  private final PosteriorModel model;

  public PosteriorMean(PosteriorModel model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  @Override
  public double value(double[] x) {
    return model.predict(x).mean();
  }

  @Override
  public double valueAndGradient(double[] x, double[] gradient) {
    return model.predict(x, gradient, new double[x.length]).mean();
  }

  @Override
  public double[] values(double[][] xs) {
    double[][] predictions = model.predictBatch(xs);
    double[] out = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = predictions[i][0];
    }
    return out;
  }
}
