package io.bayestune.optimizer.optim;

/** A function to minimize, evaluated together with its gradient. */
@FunctionalInterface
public interface DifferentiableFunction {

  /**
   * The value at {@code x}, with the gradient written to {@code gradOut} (same length as x). A
   * non-finite value (+inf, -inf or NaN) marks a point the minimizer must step back from.
   */
  double valueAndGradient(double[] x, double[] gradOut);
}
