package io.bayestune.optimizer.model;

import java.util.Arrays;

/**
 * Everything that defines a GP prior besides the data: ARD length scales (unit-cube coordinates),
 * and the signal and homoscedastic noise variances in standardized units, i.e. for
 * {@code (y - outcomeMean) / outcomeScale}. In the outcome's own units the prior mean is
 * {@code outcomeMean} and the variances are multiplied by {@code outcomeScale^2}.
 */
public record Hyperparameters(double[] lengthScales, double signalVariance, double noiseVariance,
    double outcomeMean, double outcomeScale) {

  public Hyperparameters {
    lengthScales = lengthScales.clone();
    for (int i = 0; i < lengthScales.length; i++) {
      if (!(lengthScales[i] > 0) || Double.isInfinite(lengthScales[i])) {
        throw new IllegalArgumentException("lengthScales[" + i + "] must be positive and finite, but got " + lengthScales[i]);
      }
    }
    if (!(signalVariance > 0) || Double.isInfinite(signalVariance)) {
      throw new IllegalArgumentException("signalVariance must be positive and finite, but got " + signalVariance);
    }
    if (!(noiseVariance >= 0) || Double.isInfinite(noiseVariance)) {
      throw new IllegalArgumentException("noiseVariance must be >= 0 and finite, but got " + noiseVariance);
    }
    if (!Double.isFinite(outcomeMean) || !(outcomeScale > 0) || Double.isInfinite(outcomeScale)) {
      throw new IllegalArgumentException("outcome transform needs a finite mean and a positive finite scale, but got mean="
          + outcomeMean + ", scale=" + outcomeScale);
    }
  }

  /** From theta = (log ell_1..d, log s2, log noise) and an outcome transform. */
  public static Hyperparameters fromTheta(double[] theta, double outcomeMean, double outcomeScale) {
    int d = theta.length - 2;
    double[] ell = new double[d];
    for (int i = 0; i < d; i++) {
      ell[i] = Math.exp(theta[i]);
    }
    return new Hyperparameters(ell, Math.exp(theta[d]), Math.exp(theta[d + 1]), outcomeMean, outcomeScale);
  }

  @Override
  public double[] lengthScales() {
    return lengthScales.clone();
  }

  public int dimension() {
    return lengthScales.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hyperparameters h && Arrays.equals(lengthScales, h.lengthScales)
        && Double.compare(signalVariance, h.signalVariance) == 0 && Double.compare(noiseVariance, h.noiseVariance) == 0
        && Double.compare(outcomeMean, h.outcomeMean) == 0 && Double.compare(outcomeScale, h.outcomeScale) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lengthScales) + Double.hashCode(signalVariance) + 7 * Double.hashCode(noiseVariance);
  }

  @Override
  public String toString() {
    return "Hyperparameters[lengthScales=" + Arrays.toString(lengthScales) + ", signalVariance=" + signalVariance
        + ", noiseVariance=" + noiseVariance + ", outcomeMean=" + outcomeMean + ", outcomeScale=" + outcomeScale + "]";
  }
}
