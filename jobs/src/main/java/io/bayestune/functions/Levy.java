package io.bayestune.functions;

/**
 * The Levy function on [-10, 10]^d with w_i = 1 + (x_i - 1) / 4:
 * f(x) = sin^2(pi w_1) + sum_{i=1..d-1} (w_i - 1)^2 (1 + 10 sin^2(pi w_i + 1))
 * + (w_d - 1)^2 (1 + sin^2(2 pi w_d)), with f* = 0 at (1, ..., 1).
 *
 * <p>Surjanovic &amp; Bingham, VLSE, "Levy function".
 */
public final class Levy extends ContinuousFunction {
  public Levy(int d) {
    super("levy" + d, fill(d, -10), fill(d, 10), 0.0, fill(d, 1));
  }

  @Override
  public double value(double[] x) {
    int d = x.length;
    double[] w = new double[d];
    for (int i = 0; i < d; i++) {
      w[i] = 1.0 + (x[i] - 1.0) / 4.0;
    }
    double first = Math.sin(Math.PI * w[0]);
    double total = first * first;
    for (int i = 0; i < d - 1; i++) {
      double s = Math.sin(Math.PI * w[i] + 1.0);
      total += (w[i] - 1.0) * (w[i] - 1.0) * (1.0 + 10.0 * s * s);
    }
    double last = w[d - 1];
    double s = Math.sin(2.0 * Math.PI * last);
    return total + (last - 1.0) * (last - 1.0) * (1.0 + s * s);
  }
}
