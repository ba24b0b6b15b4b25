package io.bayestune.functions;

/**
 * The Ackley function on [-32.768, 32.768]^d with a = 20, b = 0.2, c = 2 pi:
 * f(x) = -a exp(-b sqrt(sum x_i^2 / d)) - exp(sum cos(c x_i) / d) + a + e, with f* = 0 at the origin
 * among many regular local minima.
 *
 * <p>Surjanovic &amp; Bingham, VLSE, "Ackley function"; Jamil &amp; Yang (2013), function 1.
 */
public final class Ackley extends ContinuousFunction {
  public Ackley(int d) {
    super("ackley" + d, fill(d, -32.768), fill(d, 32.768), 0.0, fill(d, 0));
  }

  @Override
  public double value(double[] x) {
    double a = 20.0;
    double b = 0.2;
    double c = 2.0 * Math.PI;
    double squares = 0.0;
    double cosines = 0.0;
    for (double v : x) {
      squares += v * v;
      cosines += Math.cos(c * v);
    }
    return -a * Math.exp(-b * Math.sqrt(squares / x.length)) - Math.exp(cosines / x.length) + a + Math.E;
  }
}
