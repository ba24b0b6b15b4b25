package io.bayestune.optimizer.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.acquisition.AcquisitionFunction;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AcquisitionMaximizerTest {

  /**
   * Two Gaussian bumps: a broad one of height 1 at (0.2, ...) and a narrow, higher one of height
   * 1.5 and width 0.08 at {@code peak}. Gradient ascent from most of the cube climbs the broad one,
   * so finding the global maximum needs the quasi-random screening.
   */
  private static final class TwoBumps implements AcquisitionFunction {
    final double[] peak;
    int evaluations;

    TwoBumps(double[] peak) {
      this.peak = peak;
    }

    @Override
    public double value(double[] x) {
      return valueAndGradient(x, new double[x.length]);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
      evaluations++;
      double broad = 0;
      double narrow = 0;
      for (int i = 0; i < x.length; i++) {
        broad += (x[i] - 0.2) * (x[i] - 0.2);
        narrow += (x[i] - peak[i]) * (x[i] - peak[i]);
      }
      double b = Math.exp(-broad / (2 * 0.3 * 0.3));
      double n = 1.5 * Math.exp(-narrow / (2 * 0.08 * 0.08));
      for (int i = 0; i < x.length; i++) {
        gradient[i] = -b * (x[i] - 0.2) / (0.3 * 0.3) - n * (x[i] - peak[i]) / (0.08 * 0.08);
      }
      return b + n;
    }
  }

  @Test
  void findsTheGlobalMaximumOfASmoothFunctionIn2To4Dimensions() {
    for (int d = 2; d <= 4; d++) {
      double[] peak = new double[d];
      Arrays.fill(peak, 0.75);
      peak[0] = 0.9;
      AcquisitionMaximizer maximizer = new AcquisitionMaximizer(MixedDomain.continuous(d),
          AcquisitionMaximizer.Options.defaults());
      TwoBumps f = new TwoBumps(peak);
      double[] best = maximizer.maximize(f, new SplittableRandom(d), x -> true, 1).get(0);
      assertGlobalMaximum(f, best, "d = " + d);
    }
  }

  @Test
  void handlesAnIntegerCoordinateAndAOneHotGroup() {
    // Coordinates: 0 continuous, 1 integer with 5 levels (0, .25, .5, .75, 1), 2-4 a one-hot group.
    MixedDomain domain = new MixedDomain(
        new MixedDomain.Kind[] {MixedDomain.Kind.CONTINUOUS, MixedDomain.Kind.INTEGER, MixedDomain.Kind.CATEGORICAL,
            MixedDomain.Kind.CATEGORICAL, MixedDomain.Kind.CATEGORICAL},
        new int[] {0, 5, 0, 0, 0}, List.of(new int[] {2, 3, 4}), null);
    // f = -(x0 - 0.3)^2 - (x1 - 0.7)^2 + bonus of category: best is category 4 (index 2 of the group)
    // with level 0.75, and the best x0 depends on the category (0.3 + 0.2 * [cat 4]).
    AcquisitionFunction f = new AcquisitionFunction() {
      @Override
      public double value(double[] x) {
        return valueAndGradient(x, new double[5]);
      }

      @Override
      public double valueAndGradient(double[] x, double[] g) {
        double center = 0.3 + 0.2 * x[4];
        Arrays.fill(g, 0.0);
        g[0] = -2 * (x[0] - center);
        g[1] = -2 * (x[1] - 0.7);
        return -(x[0] - center) * (x[0] - center) - (x[1] - 0.7) * (x[1] - 0.7) + 0.1 * x[3] + 0.3 * x[4];
      }
    };
    AcquisitionMaximizer maximizer = new AcquisitionMaximizer(domain,
        new AcquisitionMaximizer.Options(64, 4, 100, 5, 0, 0.05));
    List<double[]> best = maximizer.maximize(f, new SplittableRandom(3), x -> true, 3);
    double[] top = best.get(0);
    assertEquals(0.5, top[0], 1e-6, "continuous coordinate, optimum 0.5 in category 4; got " + Arrays.toString(top));
    assertEquals(0.75, top[1], 0.0, "integer coordinate snapped to the level nearest 0.7; got " + Arrays.toString(top));
    assertArrayEquals(new double[] {0, 0, 1}, Arrays.copyOfRange(top, 2, 5), 0.0, "one-hot group; got " + Arrays.toString(top));
    for (double[] x : best) {
      assertArrayEquals(domain.canonicalize(x), x, 0.0, "returned points must be canonical: " + Arrays.toString(x));
    }
  }

  @Test
  void respectsAllowedAndFallsBackToTheNextDistinctCandidates() {
    // A purely discrete domain: 4 levels x 3 categories = 12 points; forbid the best one.
    MixedDomain domain = new MixedDomain(
        new MixedDomain.Kind[] {MixedDomain.Kind.INTEGER, MixedDomain.Kind.CATEGORICAL, MixedDomain.Kind.CATEGORICAL,
            MixedDomain.Kind.CATEGORICAL},
        new int[] {4, 0, 0, 0}, List.of(new int[] {1, 2, 3}), null);
    AcquisitionFunction f = new AcquisitionFunction() {
      @Override
      public double value(double[] x) {
        return x[0] + 0.5 * x[2] + 0.2 * x[3];
      }

      @Override
      public double valueAndGradient(double[] x, double[] g) {
        Arrays.fill(g, 0.0);
        return value(x);
      }
    };
    double[] forbidden = {1, 0, 1, 0};
    AcquisitionMaximizer maximizer = new AcquisitionMaximizer(domain, AcquisitionMaximizer.Options.defaults());
    List<double[]> best = maximizer.maximize(f, new SplittableRandom(9), x -> !Arrays.equals(x, forbidden), 3);
    assertEquals(3, best.size());
    assertArrayEquals(new double[] {1, 0, 0, 1}, best.get(0), 0.0, "next best after the forbidden (1, cat 2)");
    // f = 1.2, then 2/3 + 0.5 = 1.167 (level 2 of 3, category 1), then 1.0 (level 3, category 0)
    assertArrayEquals(new double[] {2.0 / 3, 0, 1, 0}, best.get(1), 0.0, "third best overall");
    assertArrayEquals(new double[] {1, 1, 0, 0}, best.get(2), 0.0, "fourth best overall");
    for (double[] x : best) {
      assertFalse(Arrays.equals(x, forbidden), "returned a point that allowed rejects: " + Arrays.toString(x));
    }
    // Asking for more points than the domain has returns every allowed point once.
    assertEquals(11, maximizer.maximize(f, new SplittableRandom(9), x -> !Arrays.equals(x, forbidden), 50).size());
  }

  @Test
  void sameRngSeedGivesTheSameSuggestions() {
    double[] peak = {0.9, 0.75, 0.75};
    AcquisitionMaximizer maximizer = new AcquisitionMaximizer(MixedDomain.continuous(3),
        AcquisitionMaximizer.Options.defaults());
    List<double[]> a = maximizer.maximize(new TwoBumps(peak), new SplittableRandom(42), x -> true, 4,
        List.of(new double[] {0.5, 0.5, 0.5}));
    List<double[]> b = maximizer.maximize(new TwoBumps(peak), new SplittableRandom(42), x -> true, 4,
        List.of(new double[] {0.5, 0.5, 0.5}));
    assertEquals(4, a.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), 0.0, "suggestion " + i + " differs between runs with the same seed");
    }
  }

  @Test
  void seedPointsAreRefinedFromTheirNeighbourhood() {
    // With a single raw sample, the maximum can only be found from the seed near the narrow peak.
    double[] peak = {0.9, 0.75};
    AcquisitionMaximizer maximizer = new AcquisitionMaximizer(MixedDomain.continuous(2),
        new AcquisitionMaximizer.Options(1, 2, 100, 0, 8, 0.02));
    TwoBumps f = new TwoBumps(peak);
    double[] best = maximizer.maximize(f, new SplittableRandom(1), x -> true, 1,
        List.of(new double[] {0.85, 0.8})).get(0);
    assertGlobalMaximum(f, best, "from the seed (0.85, 0.8)");
  }

  /**
   * The broad bump tilts the narrow one, moving its maximum about 4e-4 from {@code peak}: so check
   * stationarity (the gradient vanishes), that the point is in the narrow peak's basin (within
   * 2e-3 of it, while the broad maximum is 0.5 or more away), and that it beats the peak itself.
   */
  private static void assertGlobalMaximum(TwoBumps f, double[] x, String what) {
    double[] g = new double[x.length];
    double value = f.valueAndGradient(x, g);
    for (int i = 0; i < x.length; i++) {
      assertEquals(f.peak[i], x[i], 2e-3, what + ": coordinate " + i + " should be near the narrow peak " + f.peak[i]
          + ", found " + x[i]);
      assertEquals(0.0, g[i], 1e-4, what + ": gradient[" + i + "] at the maximum should vanish, is " + g[i]
          + " (tolerance 1e-4, curvature there ~234)");
    }
    assertTrue(value >= f.value(f.peak), what + ": f = " + value + " at the found point is below f(peak) = "
        + f.value(f.peak));
  }
}
