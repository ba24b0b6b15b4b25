package io.bayestune.optimizer.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The trust region's side replayed from the trials in arrival order (TuRBO's counters). */
class TrustRegionLengthTest {

  @Test
  void failingTrialsHalveTheSideAndBelowTheMinimumItRestarts() {
    double[] values = new double[100];
    values[0] = 1.0; // the best, before the region applies; nothing after it improves
    assertEquals(TrustRegionLength.INITIAL, TrustRegionLength.replay(Arrays.copyOf(values, 18), 10, 9).length(), 0.0,
        "eight failures after the start (positions 10..17) do not halve yet");
    assertEquals(TrustRegionLength.INITIAL / 2, TrustRegionLength.replay(Arrays.copyOf(values, 20), 10, 10).length(),
        0.0, "ten failures in a row halve");
    int halvings = 0;
    for (double side = TrustRegionLength.INITIAL; side >= TrustRegionLength.MIN; side /= 2) {
      halvings++;
    }
    double[] long_ = new double[1 + halvings * 10];
    long_[0] = 1.0;
    TrustRegionLength.State restarted = TrustRegionLength.replay(long_, 1, 10);
    assertEquals(TrustRegionLength.INITIAL, restarted.length(), 0.0, "below the minimum the side starts over");
    assertEquals(1, restarted.restarts());
  }

  @Test
  void improvementsInARowDoubleTheSideAndResetTheFailures() {
    // 8 failures, then 3 clear improvements: the side doubles once, and the failures start over.
    double[] values = {0.0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3};
    TrustRegionLength.State s = TrustRegionLength.replay(values, 1, 10);
    assertEquals(2 * TrustRegionLength.INITIAL, s.length(), 0.0);
    // Two improvements, a failure, two improvements: never three in a row.
    double[] broken = {0.0, 1, 2, 2, 3, 4};
    assertEquals(TrustRegionLength.INITIAL, TrustRegionLength.replay(broken, 1, 10).length(), 0.0);
    // The side never exceeds the maximum.
    double[] climbing = new double[40];
    for (int i = 0; i < climbing.length; i++) {
      climbing[i] = i;
    }
    assertEquals(TrustRegionLength.MAX, TrustRegionLength.replay(climbing, 1, 10).length(), 0.0);
  }

  @Test
  void tinyImprovementsAndFailedTrialsCountAsFailures() {
    // The spread of the values is 10, so an improvement must exceed 1e-3 * 10 = 0.01.
    double[] values = {-10.0, 0.0, 0.005, 0.009, Double.NaN, 0.0095};
    assertEquals(TrustRegionLength.INITIAL / 2, TrustRegionLength.replay(values, 2, 4).length(), 0.0);
    double[] clear = {-10.0, 0.0, 0.02, 0.04, 0.06};
    assertEquals(2 * TrustRegionLength.INITIAL, TrustRegionLength.replay(clear, 2, 4).length(), 0.0);
  }

  @Test
  void theSideFollowsTheOrderOfArrival() {
    double[] values = {0.0, 1, 1, 1, 1, 1, 1, 5, 6, 7};
    double before = TrustRegionLength.replay(Arrays.copyOf(values, 7), 1, 4).length();
    assertEquals(TrustRegionLength.INITIAL / 2, before, 0.0, "four failures (positions 2..5) halve");
    assertEquals(TrustRegionLength.INITIAL, TrustRegionLength.replay(values, 1, 4).length(), 0.0,
        "three improvements after the halving double it back");
    double[] sameValuesImprovingFirst = {0.0, 1, 5, 6, 7, 1, 1, 1, 1, 1};
    assertEquals(TrustRegionLength.INITIAL, TrustRegionLength.replay(sameValuesImprovingFirst, 1, 4).length(), 0.0,
        "three improvements in a row double it, then four failures halve it back");
  }
}
