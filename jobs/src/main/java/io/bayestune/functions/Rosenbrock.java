package io.bayestune.functions;

/**
 * The Rosenbrock valley on [-5, 10]^d: f(x) = sum_{i=1..d-1} 100 (x_{i+1} - x_i^2)^2 + (x_i - 1)^2,
 * with f* = 0 at (1, ..., 1) at the end of a long curved valley.
 *
 * <p>Surjanovic &amp; Bingham, VLSE, "Rosenbrock function"; Jamil &amp; Yang (2013), function 105.
 */
public final class Rosenbrock extends ContinuousFunction {
  public Rosenbrock(int d) {
    super("rosenbrock" + d, fill(d, -5), fill(d, 10), 0.0, fill(d, 1));
  }

  @Override
  public double value(double[] x) {
    double total = 0.0;
    for (int i = 0; i + 1 < x.length; i++) {
      double u = x[i + 1] - x[i] * x[i];
      double v = x[i] - 1.0;
      total += 100.0 * u * u + v * v;
    }
    return total;
  }
}
