package io.bayestune.driver;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Branin-Hoo (minimum 0.397887 at (-pi, 12.275), (pi, 2.275), (9.42478, 2.475); Dixon and Szegő 1978)
 * with Gaussian noise of standard deviation 0.1, drawn from the assignments so that a configuration
 * always gives the same value, and reported as {@code value_stddev}. Trials with {@code x1 > 9.9}
 * throw, standing for a simulation that diverges in a corner of the space.
 */
public final class NoisyBranin implements Objective {
  private static final long serialVersionUID = 1L;
  static final double NOISE = 0.1;

  @Override
  public TrialResult evaluate(Map<String, Object> assignments) {
    double x1 = (Double) assignments.get("x1");
    double x2 = (Double) assignments.get("x2");
    if (x1 > 9.9) {
      throw new IllegalStateException("simulation diverged at x1=" + x1);
    }
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    double f = Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
    long seed = Double.doubleToLongBits(x1) ^ Long.rotateLeft(Double.doubleToLongBits(x2), 17);
    double noise = NOISE * gaussian(new SplittableRandom(seed));
    return TrialResult.of(f + noise, NOISE);
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
