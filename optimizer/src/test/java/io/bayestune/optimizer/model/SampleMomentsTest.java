package io.bayestune.optimizer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reference values from numpy 2.3.5 (src/test/resources/reference/sample_moments_reference.py). */
class SampleMomentsTest {

  @Test
  void matchesNumpyReference() {
    assertMoments(new double[] {1.3, -0.4, 2.1, 0.7, 1.9, 0.2, 12.5}, 2.6142857142857143, 4.449879613138829);
    assertMoments(new double[] {0.8312, 0.8297, 0.8341}, 0.8316666666666667, 0.0022368132093076544);
    // A spread of 1 on values of 1e8: a one-pass sum of squares would lose it to cancellation.
    assertMoments(new double[] {1e8 + 1, 1e8 + 2, 1e8 + 3, 1e8 + 4}, 100000002.5, 1.2909944487358056);
  }

  @Test
  void fewValuesAndConstantValuesHaveNoSpread() {
    assertEquals(0.0, SampleMoments.of(new double[0]).mean());
    assertEquals(0.0, SampleMoments.of(new double[0]).stddev());
    SampleMoments one = SampleMoments.of(new double[] {4.2});
    assertEquals(4.2, one.mean(), 0);
    assertEquals(0.0, one.stddev());
    assertFalse(one.hasSpread());
    assertFalse(SampleMoments.of(new double[] {0.83, 0.83, 0.83}).hasSpread());
    assertTrue(SampleMoments.of(new double[] {0.83, 0.83, 0.8300001}).hasSpread());
    assertFalse(SampleMoments.of(new double[] {1.0, Double.NaN}).hasSpread(), "NaN must not count as spread");
  }

  private static void assertMoments(double[] values, double mean, double stddev) {
    SampleMoments m = SampleMoments.of(values);
    assertEquals(values.length, m.count());
    assertEquals(mean, m.mean(), 1e-15 * Math.abs(mean), "mean of " + java.util.Arrays.toString(values)
        + " within 1e-15 relative");
    assertEquals(stddev, m.stddev(), 1e-14 * stddev, "stddev of " + java.util.Arrays.toString(values)
        + " within 1e-14 relative");
    assertEquals(stddev * stddev * (values.length - 1), m.sumOfSquares(), 1e-13 * m.sumOfSquares());
  }
}
