package io.bayestune.functions;

/**
 * The Michalewicz function on [0, pi]^d with steepness m = 10:
 * f(x) = -sum_{i=1..d} sin(x_i) sin^{2m}(i x_i^2 / pi). For d = 5, f* = -4.687658 (Jamil &amp; Yang
 * 2013; VLSE) at (2.202906, 1.570796, 1.284992, 1.923058, 1.720470): flat plateaus with narrow
 * valleys, so a model-based method has little gradient to follow.
 *
 * <p>Surjanovic &amp; Bingham, VLSE, "Michalewicz function"; Jamil &amp; Yang (2013), function 84.
 */
public final class Michalewicz extends ContinuousFunction {
  /** f* for d = 5 to full precision (bench/reference_optima.py: separable, minimized per coordinate). */
  public static final double OPTIMUM_5 = -4.687658179088149;

  public Michalewicz() {
    super("michalewicz5", fill(5, 0), fill(5, Math.PI), OPTIMUM_5, new double[] {2.2029055201639234,
        1.5707963267912002, 1.2849915705402493, 1.923058469859634, 1.7204697725772549});
  }

  @Override
  public double value(double[] x) {
    double total = 0.0;
    for (int i = 0; i < x.length; i++) {
      double s = Math.sin((i + 1) * x[i] * x[i] / Math.PI);
      total += Math.sin(x[i]) * Math.pow(s, 20);
    }
    return -total;
  }
}
