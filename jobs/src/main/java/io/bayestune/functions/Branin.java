package io.bayestune.functions;

/**
 * The Branin-Hoo function on [-5, 10] x [0, 15]:
 * f(x) = a (x2 - b x1^2 + c x1 - r)^2 + s (1 - t) cos(x1) + s with a = 1, b = 5.1 / (4 pi^2),
 * c = 5 / pi, r = 6, s = 10, t = 1 / (8 pi). Three global minima f* = 0.397887 at (-pi, 12.275),
 * (pi, 2.275) and (9.42478, 2.475).
 *
 * <p>Surjanovic &amp; Bingham, Virtual Library of Simulation Experiments, "Branin function";
 * Jamil &amp; Yang (2013), function 22.
 */
public final class Branin extends ContinuousFunction {
  /** f* to full precision (bench/reference_optima.py). */
  public static final double OPTIMUM = 0.39788735772973816;

  public Branin() {
    super("branin", new double[] {-5, 0}, new double[] {10, 15}, OPTIMUM, new double[] {-Math.PI, 12.275});
  }

  @Override
  public double value(double[] x) {
    return value(x[0], x[1]);
  }

  /** Branin at (x1, x2); shared with {@link MixedBranin}. */
  static double value(double x1, double x2) {
    double a = 1.0;
    double b = 5.1 / (4.0 * Math.PI * Math.PI);
    double c = 5.0 / Math.PI;
    double r = 6.0;
    double s = 10.0;
    double t = 1.0 / (8.0 * Math.PI);
    double u = x2 - b * x1 * x1 + c * x1 - r;
    return a * u * u + s * (1.0 - t) * Math.cos(x1) + s;
  }
}
