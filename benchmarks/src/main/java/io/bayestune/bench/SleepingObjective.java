package io.bayestune.bench;

import io.bayestune.driver.Objective;
import io.bayestune.driver.TrialResult;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The per-task objective of {@code bayestune bench spark scheduling}: a simulation of uneven length that sleeps
 * 0.5 to 1.5 s (uniform, drawn from the configuration, so the same one always takes as long) and returns
 * {@code -(x - 0.3)^2 - (y - 0.7)^2}; parameters {@code x} and {@code y}, doubles. (Kept here rather than shared
 * with jobs' test objective: a benchmark module depending on a test jar resolves only after {@code package}.)
 */
public final class SleepingObjective implements Objective {
  private static final long serialVersionUID = 1L;

  @Override
  public TrialResult evaluate(Map<String, Object> assignments) throws InterruptedException {
    double[] xy = {((Number) assignments.get("x")).doubleValue(), ((Number) assignments.get("y")).doubleValue()};
    Thread.sleep(sleepMillis(xy[0], xy[1]));
    return TrialResult.of(-Math.pow(xy[0] - 0.3, 2) - Math.pow(xy[1] - 0.7, 2));
  }

  /** How long the trial at (x, y) sleeps, in milliseconds. */
  public static long sleepMillis(double x, double y) {
    SplittableRandom draw = new SplittableRandom(java.util.Arrays.hashCode(new double[] {x, y}));
    return 500 + Math.round(1000 * draw.nextDouble());
  }
}
