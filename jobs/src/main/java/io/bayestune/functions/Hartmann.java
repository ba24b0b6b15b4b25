package io.bayestune.functions;

/**
 * The Hartmann functions on [0, 1]^d, d = 3 or 6:
 * f(x) = -sum_{i=1..4} alpha_i exp(-sum_j A_ij (x_j - P_ij)^2). Global minima: d = 3, f* = -3.86278
 * at (0.114614, 0.555649, 0.852547); d = 6, f* = -3.32237 at
 * (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573).
 *
 * <p>Surjanovic &amp; Bingham, VLSE, "Hartmann 3-D function" and "Hartmann 6-D function" (constants
 * from there); Jamil &amp; Yang (2013), functions 61 and 62.
 */
public final class Hartmann extends ContinuousFunction {
  /** f* to full precision (bench/reference_optima.py). */
  public static final double OPTIMUM_3 = -3.8627797873326593;
  /** f* to full precision (bench/reference_optima.py). */
  public static final double OPTIMUM_6 = -3.322368011415514;

  private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
  private static final double[][] A3 = {{3, 10, 30}, {0.1, 10, 35}, {3, 10, 30}, {0.1, 10, 35}};
  private static final double[][] P3 = {{3689, 1170, 2673}, {4699, 4387, 7470}, {1091, 8732, 5547},
      {381, 5743, 8828}};
  private static final double[][] A6 = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14},
      {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
  private static final double[][] P6 = {{1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
      {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};

  private final double[][] a;
  /** P_ij x 10^4, as published. */
  private final double[][] p;

  private Hartmann(String name, double optimum, double[] minimizer, double[][] a, double[][] p) {
    super(name, fill(minimizer.length, 0), fill(minimizer.length, 1), optimum, minimizer);
    this.a = a;
    this.p = p;
  }

  public static Hartmann hartmann3() {
    return new Hartmann("hartmann3", OPTIMUM_3,
        new double[] {0.11458887272975511, 0.5556488892172639, 0.85254697952417}, A3, P3);
  }

  public static Hartmann hartmann6() {
    return new Hartmann("hartmann6", OPTIMUM_6, new double[] {0.20168950968761765, 0.15001069413863433,
        0.47687396963094986, 0.27533242916768874, 0.31165161370991157, 0.6573005333899428}, A6, P6);
  }

  @Override
  public double value(double[] x) {
    double total = 0.0;
    for (int i = 0; i < 4; i++) {
      double inner = 0.0;
      for (int j = 0; j < x.length; j++) {
        double d = x[j] - p[i][j] * 1e-4;
        inner += a[i][j] * d * d;
      }
      total += ALPHA[i] * Math.exp(-inner);
    }
    return -total;
  }
}
