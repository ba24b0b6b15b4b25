package io.bayestune.optimizer.model;

import io.bayestune.optimizer.kernel.KernelShape;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything that defines a GP prior besides the data: ARD length scales (unit-cube coordinates),
 * and the signal and homoscedastic noise variances in standardized units, i.e. for
 * {@code (y - outcomeMean) / outcomeScale}. In the outcome's own units the prior mean is
 * {@code outcomeMean} and the variances are multiplied by {@code outcomeScale^2}.
 *
 * <p>{@code knownNoiseScale} multiplies every reported (known) noise variance: an observation with
 * value_stddev s enters the model with noise variance {@code knownNoiseScale * s^2}. See
 * {@link HyperparameterPrior} for why it is fitted rather than fixed at 1.
 *
 * <p>{@code shape} is the correlation as a function of the scaled distance: the Matern-5/2 unless a model asks for
 * another ({@link KernelShape}); it is part of the prior, so hyperparameters kept between refits keep it too.
 */
public record Hyperparameters(double[] lengthScales, double signalVariance, double noiseVariance,
    double knownNoiseScale, double outcomeMean, double outcomeScale, KernelShape shape) {

  /** Matern-5/2 hyperparameters. */
  public Hyperparameters(double[] lengthScales, double signalVariance, double noiseVariance, double knownNoiseScale,
      double outcomeMean, double outcomeScale) {
    this(lengthScales, signalVariance, noiseVariance, knownNoiseScale, outcomeMean, outcomeScale, KernelShape.MATERN52);
  }

  /** Hyperparameters that take reported noise at face value (scale 1). */
  public Hyperparameters(double[] lengthScales, double signalVariance, double noiseVariance, double outcomeMean,
      double outcomeScale) {
    this(lengthScales, signalVariance, noiseVariance, 1.0, outcomeMean, outcomeScale);
  }

  public Hyperparameters {
    Objects.requireNonNull(shape, "shape");
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
    if (!(knownNoiseScale > 0) || Double.isInfinite(knownNoiseScale)) {
      throw new IllegalArgumentException("knownNoiseScale must be positive and finite, but got " + knownNoiseScale);
    }
    if (!Double.isFinite(outcomeMean) || !(outcomeScale > 0) || Double.isInfinite(outcomeScale)) {
      throw new IllegalArgumentException("outcome transform needs a finite mean and a positive finite scale, but got mean="
          + outcomeMean + ", scale=" + outcomeScale);
    }
  }

  /** From theta = (log ell_1..d, log s2, log noise, log knownNoiseScale) and an outcome transform, Matern-5/2. */
  public static Hyperparameters fromTheta(double[] theta, double outcomeMean, double outcomeScale) {
    return fromTheta(theta, outcomeMean, outcomeScale, KernelShape.MATERN52);
  }

  /** From theta = (log ell_1..d, log s2, log noise, log knownNoiseScale), an outcome transform and a kernel shape. */
  public static Hyperparameters fromTheta(double[] theta, double outcomeMean, double outcomeScale, KernelShape shape) {
    int d = theta.length - 3;
    double[] ell = new double[d];
    for (int i = 0; i < d; i++) {
      ell[i] = Math.exp(theta[i]);
    }
    return new Hyperparameters(ell, Math.exp(theta[d]), Math.exp(theta[d + 1]), Math.exp(theta[d + 2]),
        outcomeMean, outcomeScale, shape);
  }

  /** These hyperparameters with another kernel shape. */
  public Hyperparameters withShape(KernelShape other) {
    return new Hyperparameters(lengthScales, signalVariance, noiseVariance, knownNoiseScale, outcomeMean, outcomeScale,
        other);
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
        && Double.compare(knownNoiseScale, h.knownNoiseScale) == 0
        && Double.compare(outcomeMean, h.outcomeMean) == 0 && Double.compare(outcomeScale, h.outcomeScale) == 0
        && shape.equals(h.shape);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lengthScales) + Double.hashCode(signalVariance) + 7 * Double.hashCode(noiseVariance);
  }

  @Override
  public String toString() {
    return "Hyperparameters[lengthScales=" + Arrays.toString(lengthScales) + ", signalVariance=" + signalVariance
        + ", noiseVariance=" + noiseVariance + ", knownNoiseScale=" + knownNoiseScale + ", outcomeMean=" + outcomeMean + ", outcomeScale=" + outcomeScale + ", shape=" + shape.name() + "]";
  }
}
