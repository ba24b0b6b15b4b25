package io.bayestune.optimizer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fitted multiplier on reported noise variances (see {@link HyperparameterPrior}). */
class KnownNoiseScaleTest {

  private static double smooth(double[] x) {
    return Math.sin(3 * x[0]) + 0.5 * Math.cos(2 * x[1]);
  }

  /** 20 distinct points, each evaluated twice, reporting stddev {@code reported}. */
  private static GaussianProcess fitPairs(double reported, double trueNoise, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 40;
    double[][] x = new double[n][];
    double[] y = new double[n];
    double[] noise = new double[n];
    for (int i = 0; i < n; i += 2) {
      double[] p = {rng.nextDouble(), rng.nextDouble()};
      for (int r = 0; r < 2; r++) {
        x[i + r] = p.clone();
        y[i + r] = smooth(p) + trueNoise * rng.nextGaussian();
        noise[i + r] = reported * reported;
      }
    }
    return GaussianProcessFitter.fit(x, y, noise, FitOptions.defaults(), new SplittableRandom(seed));
  }

  @Test
  void repeatsThatAgreeExactlyShrinkAReportedNoiseThatIsFarTooWide() {
    // Like cross-validation folds shared by every configuration: the reported spread (0.2) is
    // wide, but evaluating the same configuration again gives the same value.
    GaussianProcess gp = fitPairs(0.2, 0.0, 11);
    double scale = gp.hyperparameters().knownNoiseScale();
    assertTrue(scale < 0.01, "scale " + scale + " should fall far below 1 when repeats agree exactly");
    // The model then follows the data instead of smoothing it away.
    double[] probe = {0.3, 0.6};
    assertEquals(smooth(probe), gp.predict(probe).mean(), 0.05);
  }

  @Test
  void honestlyReportedNoiseKeepsAScaleNearOne() {
    for (long seed = 1; seed <= 5; seed++) {
      double scale = fitPairs(0.2, 0.2, seed).hyperparameters().knownNoiseScale();
      assertTrue(scale > 0.3 && scale < 3, "seed " + seed + ": scale " + scale + " should stay near 1");
    }
  }

  @Test
  void underReportedNoiseGrowsTheScale() {
    double scale = fitPairs(0.05, 0.3, 3).hyperparameters().knownNoiseScale();
    assertTrue(scale > 10, "scale " + scale + " should grow when values scatter 6x more than reported");
  }

  @Test
  void withoutReportedNoiseTheScaleStaysAtOneAndDrawsNothing() {
    SplittableRandom rng = new SplittableRandom(5);
    double[][] x = new double[15][];
    double[] y = new double[15];
    for (int i = 0; i < 15; i++) {
      x[i] = new double[] {rng.nextDouble(), rng.nextDouble()};
      y[i] = smooth(x[i]);
    }
    GaussianProcess gp = GaussianProcessFitter.fit(x, y, null, FitOptions.defaults(), new SplittableRandom(2));
    assertEquals(1.0, gp.hyperparameters().knownNoiseScale());
    HyperparameterPrior fixed = HyperparameterPrior.defaults(2, 1e-6);
    double[] lower = fixed.lowerBounds();
    double[] upper = fixed.upperBounds();
    assertEquals(0.0, lower[4]);
    assertEquals(0.0, upper[4]);
    // A fixed coordinate consumes no random draws, so the restarts of a fit without reported noise
    // are drawn exactly as before the scale existed: 4 free coordinates, 4 draws; the free scale a 5th.
    SplittableRandom afterFixed = new SplittableRandom(9);
    fixed.sample(afterFixed);
    SplittableRandom afterFree = new SplittableRandom(9);
    HyperparameterPrior.defaults(2, 1e-6, true).sample(afterFree);
    SplittableRandom fourDraws = new SplittableRandom(9);
    for (int i = 0; i < 4; i++) {
      fourDraws.nextGaussian();
    }
    long next = fourDraws.nextLong();
    assertEquals(next, afterFixed.nextLong(), "the fixed scale drew a random number");
    assertTrue(next != afterFree.nextLong(), "the free scale should draw one more");
  }
}
