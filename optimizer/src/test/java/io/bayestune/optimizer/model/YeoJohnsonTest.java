package io.bayestune.optimizer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reference values from SciPy 1.10.1 (scipy.stats.yeojohnson, yeojohnson_llf, yeojohnson_normmax). */
class YeoJohnsonTest {
  private static final double[] SKEWED = {1.0, 1.5, 2.2, 3.1, 4.0, 6.5, 9.0, 14.0, 2.7, 1.2, 5.5, 3.3};

  @Test
  void transformMatchesScipyOnEveryBranch() {
    assertEquals(0.6076809620810595, YeoJohnson.psi(0.7, 0.5), 1e-14);
    assertEquals(-1.658748469509142, YeoJohnson.psi(-1.3, 0.5), 1e-14);
    assertEquals(1.0986122886681096, YeoJohnson.psi(2.0, 0.0), 1e-14);
    assertEquals(-1.0986122886681096, YeoJohnson.psi(-2.0, 2.0), 1e-14);
    assertEquals(0.5833333333333334, YeoJohnson.psi(3.0, -1.5), 1e-14);
  }

  @Test
  void profileLikelihoodMatchesScipyUpToItsConstant() {
    double[] z = standardized(SKEWED);
    // SciPy's llf is ours plus a constant in lambda: differences must agree.
    double ours = YeoJohnson.logLikelihood(z, -0.23738003389066017) - YeoJohnson.logLikelihood(z, 1.0);
    assertEquals(3.8005573893134357 - 0.5220682619377796, ours, 1e-10);
    ours = YeoJohnson.logLikelihood(z, -1.0) - YeoJohnson.logLikelihood(z, 1.0);
    assertEquals(2.9112895896245075 - 0.5220682619377796, ours, 1e-10);
  }

  @Test
  void fittedLambdaMatchesScipysMaximumLikelihood() {
    assertEquals(-0.23738003389066017, YeoJohnson.fit(SKEWED).lambda(), 1e-4);
  }

  @Test
  void symmetricDataStaysNearTheIdentityAndOrderIsKept() {
    double[] y = {-2, -1.2, -0.5, -0.1, 0, 0.1, 0.5, 1.2, 2};
    YeoJohnson w = YeoJohnson.fit(y);
    assertEquals(1.0, w.lambda(), 0.3);
    YeoJohnson skewed = YeoJohnson.fit(SKEWED);
    for (int i = 1; i < 200; i++) {
      assertTrue(skewed.apply(i * 0.1) > skewed.apply((i - 1) * 0.1), "monotone at " + i * 0.1);
    }
  }

  @Test
  void tooFewOrConstantValuesGiveTheIdentityOnStandardizedValues() {
    assertEquals(1.0, YeoJohnson.fit(new double[] {3, 3, 3, 3}).lambda());
    assertEquals(1.0, YeoJohnson.fit(new double[] {1, 2}).lambda());
  }

  private static double[] standardized(double[] y) {
    SampleMoments m = SampleMoments.of(y);
    double[] z = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      z[i] = (y[i] - m.mean()) / m.stddev();
    }
    return z;
  }
}
