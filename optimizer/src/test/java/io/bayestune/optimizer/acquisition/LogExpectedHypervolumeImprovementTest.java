package io.bayestune.optimizer.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogExpectedHypervolumeImprovementTest {
  private static final double[][] OBSERVED = {{1, 4}, {2, 3}, {1.5, 2}, {3, 1}, {0.5, 0.5}};
  private static final double[] REFERENCE = {0, 0};

  @Test
  void hypervolumeOfAStaircase() {
    // Front (1,4), (2,3), (3,1) over (0,0): 1*4 + 1*3 + 1*1.
    assertEquals(8.0, ParetoFront.hypervolume2d(OBSERVED, REFERENCE), 1e-12);
    assertEquals(3, ParetoFront.sortedFront2d(OBSERVED, REFERENCE).length);
  }

  /** The closed form against a seeded Monte Carlo average of the exact improvement (200k draws, 4 sigma). */
  @Test
  void matchesMonteCarloExpectation() {
    double[][] front = ParetoFront.sortedFront2d(OBSERVED, REFERENCE);
    double hv = ParetoFront.hypervolume2d(front, REFERENCE);
    LinearPosterior a = new LinearPosterior(2.2, new double[] {0}, 0.49, new double[] {0});
    LinearPosterior b = new LinearPosterior(2.5, new double[] {0}, 1.21, new double[] {0});
    double closed = Math.exp(new LogExpectedHypervolumeImprovement(a, b, front, REFERENCE).value(new double[] {0}));
    SplittableRandom rng = new SplittableRandom(5);
    int draws = 200_000;
    double sum = 0;
    double sumSquares = 0;
    double[][] withNew = new double[front.length + 1][];
    System.arraycopy(front, 0, withNew, 0, front.length);
    for (int k = 0; k < draws; k++) {
      withNew[front.length] = new double[] {2.2 + 0.7 * rng.nextGaussian(), 2.5 + 1.1 * rng.nextGaussian()};
      double improvement = ParetoFront.hypervolume2d(withNew, REFERENCE) - hv;
      sum += improvement;
      sumSquares += improvement * improvement;
    }
    double mean = sum / draws;
    double standardError = Math.sqrt((sumSquares / draws - mean * mean) / draws);
    assertEquals(mean, closed, 4 * standardError, "closed form " + closed + " vs Monte Carlo " + mean);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    double[][] front = ParetoFront.sortedFront2d(OBSERVED, REFERENCE);
    LinearPosterior a = new LinearPosterior(1.0, new double[] {1.5, -0.5}, 0.2, new double[] {0.3, 0.1});
    LinearPosterior b = new LinearPosterior(0.5, new double[] {-1.0, 2.0}, 0.1, new double[] {0.2, 0.4});
    LogExpectedHypervolumeImprovement acq = new LogExpectedHypervolumeImprovement(a, b, front, REFERENCE);
    for (double[] x : new double[][] {{0.3, 0.7}, {0.9, 0.1}, {0.05, 0.05}, {0.6, 0.95}}) {
      GradientCheck.assertGradientMatches(acq, x, 1e-5);
    }
  }

  /** Far below the front plain EHVI underflows to 0; its log stays finite and keeps a gradient. */
  @Test
  void staysFiniteFarBelowTheFront() {
    double[][] front = ParetoFront.sortedFront2d(OBSERVED, REFERENCE);
    LinearPosterior a = new LinearPosterior(-30, new double[] {1}, 0.01, new double[] {0});
    LinearPosterior b = new LinearPosterior(-30, new double[] {1}, 0.01, new double[] {0});
    double[] g = new double[1];
    double v = new LogExpectedHypervolumeImprovement(a, b, front, REFERENCE).valueAndGradient(new double[] {0}, g);
    assertTrue(Double.isFinite(v) && v < -1000, "log EHVI " + v);
    assertTrue(Double.isFinite(g[0]) && g[0] > 0, "gradient " + g[0]);
  }

  @Test
  void probabilityOfFeasibilityGradientMatchesFiniteDifferences() {
    LinearPosterior objective = new LinearPosterior(0.2, new double[] {1, 1}, 0.3, new double[] {0.1, 0.2});
    LinearPosterior constraint = new LinearPosterior(-0.5, new double[] {2, -1}, 0.05, new double[] {0.3, 0.1});
    for (AcquisitionFunction acq : new AcquisitionFunction[] {
        new ProbabilityOfFeasibility(new LogExpectedImprovement(objective, 1.0), java.util.List.of(constraint),
            new double[] {0.4}),
        new ProbabilityOfFeasibility(null, java.util.List.of(constraint, objective), new double[] {3.0, 0.1})}) {
      for (double[] x : new double[][] {{0.3, 0.7}, {0.9, 0.1}, {0.0, 1.0}}) {
        assertEquals(acq.values(new double[][] {x})[0], acq.value(x), 1e-12);
        GradientCheck.assertGradientMatches(acq, x, 1e-5);
      }
    }
  }
}
