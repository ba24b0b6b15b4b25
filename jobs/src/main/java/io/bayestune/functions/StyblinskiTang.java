package io.bayestune.functions;

/**
 * The Styblinski-Tang function on [-5, 5]^d: f(x) = 1/2 sum (x_i^4 - 16 x_i^2 + 5 x_i), with
 * f* = -39.16617 d at x_i = -2.903534 and 2^d - 1 local minima at the corners of a box.
 *
 * <p>Surjanovic &amp; Bingham, VLSE, "Styblinski-Tang function".
 */
public final class StyblinskiTang extends ContinuousFunction {
  /** The minimizing coordinate, a root of 4x^3 - 32x + 5 (bench/reference_optima.py). */
  public static final double MINIMIZER = -2.9035340277148873;
  /** f* per dimension, -39.16617 in the literature, to full precision. */
  public static final double OPTIMUM_PER_DIMENSION = -39.16616570377142;

  public StyblinskiTang(int d) {
    super("styblinski-tang" + d, fill(d, -5), fill(d, 5), sum(fill(d, MINIMIZER)), fill(d, MINIMIZER));
  }

  @Override
  public double value(double[] x) {
    return sum(x);
  }

  // f* is the formula at the minimizer, summed in the same order, so f(x*) - f* is exactly 0.
  private static double sum(double[] x) {
    double total = 0.0;
    for (double v : x) {
      double v2 = v * v;
      total += v2 * v2 - 16.0 * v2 + 5.0 * v;
    }
    return 0.5 * total;
  }
}
