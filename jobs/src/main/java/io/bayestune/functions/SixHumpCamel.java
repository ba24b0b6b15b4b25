package io.bayestune.functions;

/**
 * The six-hump camel function on [-3, 3] x [-2, 2]:
 * f(x) = (4 - 2.1 x1^2 + x1^4 / 3) x1^2 + x1 x2 + (-4 + 4 x2^2) x2^2, with two global minima
 * f* = -1.0316 at (0.0898, -0.7126) and (-0.0898, 0.7126), and four local ones.
 *
 * <p>Surjanovic &amp; Bingham, VLSE, "Six-hump camel function"; Jamil &amp; Yang (2013), function 30.
 */
public final class SixHumpCamel extends ContinuousFunction {
  /** f* to full precision (bench/reference_optima.py). */
  public static final double OPTIMUM = -1.0316284534898772;

  public SixHumpCamel() {
    super("six-hump-camel", new double[] {-3, -2}, new double[] {3, 2}, OPTIMUM,
        new double[] {0.0898420091418852, -0.7126564053924365});
  }

  @Override
  public double value(double[] x) {
    double x1 = x[0];
    double x2 = x[1];
    double x1s = x1 * x1;
    double x2s = x2 * x2;
    return (4.0 - 2.1 * x1s + x1s * x1s / 3.0) * x1s + x1 * x2 + (-4.0 + 4.0 * x2s) * x2s;
  }
}
