package io.bayestune.optimizer.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

/** Central finite differences against an acquisition function's analytic gradient. */
final class GradientCheck {
  private static final double STEP = 1e-6;

  private GradientCheck() {
  }

  /**
   * Asserts that valueAndGradient's value equals value(x) (to 1e-12) and each partial derivative
   * matches a central difference with step 1e-6 within {@code relative} times max(1, |numeric|).
   */
  static void assertGradientMatches(AcquisitionFunction f, double[] x, double relative) {
    double[] gradient = new double[x.length];
    double value = f.valueAndGradient(x, gradient);
    assertEquals(f.value(x), value, 1e-12, "value at " + Arrays.toString(x));
    for (int j = 0; j < x.length; j++) {
      double[] up = x.clone();
      double[] down = x.clone();
      up[j] += STEP;
      down[j] -= STEP;
      double numeric = (f.value(up) - f.value(down)) / (2 * STEP);
      double tolerance = relative * Math.max(1, Math.abs(numeric));
      assertEquals(numeric, gradient[j], tolerance, "d/dx[" + j + "] at " + Arrays.toString(x) + ": finite difference "
          + numeric + " vs analytic " + gradient[j] + " (tolerance " + tolerance + ")");
    }
  }
}
