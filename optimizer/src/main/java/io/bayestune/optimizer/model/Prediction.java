package io.bayestune.optimizer.model;

/**
 * The GP posterior at one point: mean and variance of the latent function f (observation noise
 * excluded), in the outcome's original units.
 */
public record Prediction(double mean, double variance) {

  public Prediction {
    if (Double.isNaN(mean) || !(variance >= 0)) {
      throw new IllegalArgumentException("prediction: mean must not be NaN and variance must be >= 0, but got mean="
          + mean + ", variance=" + variance);
    }
  }

  public double standardDeviation() {
    return Math.sqrt(variance);
  }
}
