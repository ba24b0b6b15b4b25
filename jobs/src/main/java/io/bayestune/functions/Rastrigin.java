package io.bayestune.functions;

/**
 * The Rastrigin function on [-5.12, 5.12]^d: f(x) = 10 d + sum (x_i^2 - 10 cos(2 pi x_i)), with
 * f* = 0 at the origin in a regular lattice of local minima.
 *
 * <p>Surjanovic &amp; Bingham, VLSE, "Rastrigin function"; Jamil &amp; Yang (2013), function 102.
 */
public final class Rastrigin extends ContinuousFunction {
  public Rastrigin(int d) {
    super("rastrigin" + d, fill(d, -5.12), fill(d, 5.12), 0.0, fill(d, 0));
  }

  @Override
  public double value(double[] x) {
    double total = 10.0 * x.length;
    for (double v : x) {
      total += v * v - 10.0 * Math.cos(2.0 * Math.PI * v);
    }
    return total;
  }
}
