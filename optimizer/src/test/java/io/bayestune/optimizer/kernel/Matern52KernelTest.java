package io.bayestune.optimizer.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bayestune.optimizer.testing.ReferenceData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Matern52KernelTest {

  @Test
  void unitKernelAtDistanceOneMatchesClosedForm() {
    Matern52Kernel k = new Matern52Kernel(new double[] {1.0, 1.0}, 1.0);
    // (1 + sqrt5 + 5/3) exp(-sqrt5), style.md and gp_reference.py
    assertEquals(0.5239941088318203, k.value(new double[] {0.2, 0.5}, new double[] {0.8, 1.3}), 1e-15);
    assertEquals(1.0, k.value(new double[] {0.2, 0.5}, new double[] {0.2, 0.5}), 0.0);
  }

  @Test
  void lengthScalesAndVarianceScaleAsDefined() {
    Matern52Kernel k = new Matern52Kernel(new double[] {0.5, 4.0}, 2.5);
    // r^2 = (0.3/0.5)^2 + (2.0/4.0)^2 = 0.36 + 0.25
    double expected = 2.5 * Matern52Kernel.correlation(Math.sqrt(0.61));
    assertEquals(expected, k.value(new double[] {0.1, 0.0}, new double[] {0.4, 2.0}), 1e-15);
  }

  @Test
  void kernelIsSymmetric() {
    SplittableRandom rng = new SplittableRandom(3);
    Matern52Kernel k = new Matern52Kernel(new double[] {0.2, 0.9, 3.0}, 1.7);
    for (int t = 0; t < 50; t++) {
      double[] x = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
      double[] y = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
      assertEquals(k.value(x, y), k.value(y, x), 0.0, "trial " + t + ": k(x, y) != k(y, x)");
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(11);
    double[] x = {0.31, 0.72, 0.05};
    double[] y = {0.52, 0.44, 0.35};
    for (int t = 0; t < 5; t++) {
      double[] logTheta = {Math.log(0.1 + rng.nextDouble()), Math.log(0.1 + rng.nextDouble()),
          Math.log(0.1 + rng.nextDouble()), Math.log(0.5 + rng.nextDouble())};
      double[] analytic = new double[4];
      kernelAt(logTheta).valueAndHyperparameterGradient(x, y, analytic);
      for (int i = 0; i < 4; i++) {
        double numeric = ReferenceData.centralDifference(th -> kernelAt(th).value(x, y), logTheta, i, 1e-6);
        // Central differences with h = 1e-6 are accurate to ~1e-9 for this smooth function.
        assertEquals(numeric, analytic[i], 1e-8, "trial " + t + ", d k / d theta[" + i + "]: finite difference "
            + numeric + " vs analytic " + analytic[i] + " (tolerance 1e-8)");
      }
      Matern52Kernel k = kernelAt(logTheta);
      double[] gx = new double[3];
      k.valueAndInputGradient(x, y, gx);
      for (int i = 0; i < 3; i++) {
        double numeric = ReferenceData.centralDifference(p -> k.value(p, y), x, i, 1e-6);
        assertEquals(numeric, gx[i], 1e-8, "trial " + t + ", d k / d x[" + i + "]: finite difference " + numeric
            + " vs analytic " + gx[i] + " (tolerance 1e-8)");
      }
    }
  }

  @Test
  void inputGradientVanishesAtCoincidentPoints() {
    Matern52Kernel k = new Matern52Kernel(new double[] {0.3, 0.3}, 1.0);
    double[] g = new double[2];
    k.valueAndInputGradient(new double[] {0.4, 0.4}, new double[] {0.4, 0.4}, g);
    assertEquals(0.0, g[0], 0.0);
    assertEquals(0.0, g[1], 0.0);
  }

  @Test
  void rejectsNonPositiveHyperparameters() {
    assertThrows(IllegalArgumentException.class, () -> new Matern52Kernel(new double[] {0.0}, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new Matern52Kernel(new double[] {1.0}, Double.NaN));
  }

  private static Matern52Kernel kernelAt(double[] logTheta) {
    return new Matern52Kernel(new double[] {Math.exp(logTheta[0]), Math.exp(logTheta[1]), Math.exp(logTheta[2])},
        Math.exp(logTheta[3]));
  }
}
