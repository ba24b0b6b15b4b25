package io.bayestune.optimizer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LbfgsbTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  /** f = 100 (x1 - x0^2)^2 + (1 - x0)^2, minimum 0 at (1, 1). */
  private static final DifferentiableFunction ROSENBROCK = (x, g) -> {
    double a = x[1] - x[0] * x[0];
    double b = 1 - x[0];
    g[0] = -400 * a * x[0] - 2 * b;
    g[1] = 200 * a;
    return 100 * a * a + b * b;
  };

  @Test
  void rosenbrockWithoutActiveBoundsReachesTheMinimum() {
    Lbfgsb.Result r = Lbfgsb.minimize(ROSENBROCK, new double[] {-1.2, 1.0}, new double[] {-INF, -INF},
        new double[] {INF, INF}, Lbfgsb.Options.defaults().withTolerances(1e-9, 0));
    assertClose(new double[] {1, 1}, r.x(), 1e-5, "unbounded Rosenbrock (" + r.status() + ")");
    assertTrue(r.value() < 1e-10, "f at the minimum should be ~0, got " + r.value());
  }

  @Test
  void rosenbrockWithAnActiveUpperBoundStopsOnTheBound() {
    // With x0 <= 0.5 the minimum is at x0 = 0.5, x1 = x0^2 = 0.25, where df/dx0 = -1 < 0 pushes outward.
    Lbfgsb.Result r = Lbfgsb.minimize(ROSENBROCK, new double[] {-1.2, 1.0}, new double[] {-2, -2},
        new double[] {0.5, 2}, Lbfgsb.Options.defaults().withTolerances(1e-9, 0));
    assertClose(new double[] {0.5, 0.25}, r.x(), 1e-6, "Rosenbrock with x0 <= 0.5 (" + r.status() + ")");
    assertEquals(0.25, r.value(), 1e-10);
  }

  @Test
  void rosenbrockStartedOnTheWrongSideOfATightBoxStaysFeasible() {
    // Box [1.5, 3] x [-1, 1]: the unconstrained minimum is outside; the solution is x0 = 1.5, x1 = 1 (both active).
    double[] lower = {1.5, -1};
    double[] upper = {3, 1};
    Lbfgsb.Result r = Lbfgsb.minimize((x, g) -> {
      for (int i = 0; i < 2; i++) {
        assertTrue(x[i] >= lower[i] && x[i] <= upper[i], "evaluated outside the box at " + Arrays.toString(x));
      }
      return ROSENBROCK.valueAndGradient(x, g);
    }, new double[] {0, 0}, lower, upper, Lbfgsb.Options.defaults());
    assertClose(new double[] {1.5, 1.0}, r.x(), 1e-8, "Rosenbrock in [1.5, 3] x [-1, 1] (" + r.status() + ")");
  }

  @Test
  void coupledQuadraticReachesItsKnownBoundedOptimum() {
    // f = 1/2 x'Ax - b'x with A = [[4, 1, 0], [1, 3, 1], [0, 1, 2]], b = (1, 10, -4), box [0, 2]^3.
    // KKT by hand: x0 = 0 (gradient 1 - 1 ... > 0 at the bound), x2 = 0 (gradient x1 + 4 > 0), and
    // x1 free: 3 x1 = 10 gives 10/3 > 2, so x1 = 2 at its upper bound. Check: g = Ax - b at (0, 2, 0)
    // = (2 - 1, 6 - 10, 2 + 4) = (1, -4, 6): positive at lower bounds, negative at the upper bound.
    double[][] a = {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}};
    double[] b = {1, 10, -4};
    DifferentiableFunction f = (x, g) -> {
      double v = 0;
      for (int i = 0; i < 3; i++) {
        g[i] = -b[i];
        for (int j = 0; j < 3; j++) {
          g[i] += a[i][j] * x[j];
        }
        v += 0.5 * x[i] * (g[i] - b[i]);
      }
      return v;
    };
    Lbfgsb.Result r = Lbfgsb.minimize(f, new double[] {1, 1, 1}, new double[3], new double[] {2, 2, 2},
        Lbfgsb.Options.defaults());
    assertClose(new double[] {0, 2, 0}, r.x(), 1e-9, "bounded quadratic (" + r.status() + ")");
    assertEquals(Lbfgsb.Status.CONVERGED_GRADIENT, r.status());
  }

  @Test
  void nonFiniteValuesAreSteppedBackFrom() {
    // f = (x - 3)^2 but undefined (NaN or +inf) beyond x = 2.5: the minimum over the defined part is
    // approached from below; the search must never accept a non-finite point.
    DifferentiableFunction f = (x, g) -> {
      if (x[0] > 2.5) {
        g[0] = Double.NaN;
        return x[0] > 2.8 ? Double.NaN : Double.POSITIVE_INFINITY;
      }
      g[0] = 2 * (x[0] - 3);
      return (x[0] - 3) * (x[0] - 3);
    };
    Lbfgsb.Result r = Lbfgsb.minimize(f, new double[] {0}, new double[] {-10}, new double[] {10},
        Lbfgsb.Options.defaults());
    assertTrue(Double.isFinite(r.value()), "returned a non-finite value " + r.value());
    assertTrue(r.x()[0] <= 2.5 && r.x()[0] > 2.3, "x should approach 2.5 from below, got " + r.x()[0] + " (" + r.status() + ")");
  }

  @Test
  void nonFiniteStartIsReportedNotHidden() {
    Lbfgsb.Result r = Lbfgsb.minimize((x, g) -> Double.NaN, new double[] {0}, new double[] {-1}, new double[] {1},
        Lbfgsb.Options.defaults());
    assertEquals(Lbfgsb.Status.NON_FINITE_START, r.status());
  }

  @Test
  void invertedBoundsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lbfgsb.minimize(ROSENBROCK,
        new double[] {0, 0}, new double[] {0, 1}, new double[] {1, 0}, Lbfgsb.Options.defaults()));
    assertTrue(e.getMessage().startsWith("bounds[1]"), e.getMessage());
  }

  private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance, what + ": x[" + i + "] expected " + expected[i] + " but got "
          + actual[i] + " (tolerance " + tolerance + ")");
    }
  }
}
