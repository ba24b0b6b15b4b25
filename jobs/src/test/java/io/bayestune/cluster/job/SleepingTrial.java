package io.bayestune.cluster.job;

import io.bayestune.driver.Objective;
import io.bayestune.driver.TrialResult;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The per-task objective of the resume and cluster tests, a simulation of uneven length: it sleeps between 0.5 and
 * 1.5 s (uniform, drawn from the assignments, so the same configuration always takes as long; long enough for a
 * worker to die under a trial) and returns {@code -(x - 0.3)^2 - (y - 0.7)^2}. Shipped in the test-jobs jar as a
 * user ships theirs, so executors must load it from {@code --jars}.
 *
 * <p>Parameters: {@code x} and {@code y}, doubles; the system property {@code bayestune.sleepScale} (default 1)
 * scales the sleep.
 */
public final class SleepingTrial implements Objective {
  private static final long serialVersionUID = 1L;

  @Override
  public TrialResult evaluate(Map<String, Object> assignments) throws InterruptedException {
    double x = ((Number) assignments.get("x")).doubleValue();
    double y = ((Number) assignments.get("y")).doubleValue();
    Thread.sleep(sleepMillis(x, y));
    return TrialResult.of(-(x - 0.3) * (x - 0.3) - (y - 0.7) * (y - 0.7));
  }

  /** How long the trial at (x, y) sleeps, in milliseconds. */
  public static long sleepMillis(double x, double y) {
    long seed = Double.doubleToLongBits(x) * 31 + Double.doubleToLongBits(y);
    double scale = Double.parseDouble(System.getProperty("bayestune.sleepScale", "1"));
    return Math.round((500 + new SplittableRandom(seed).nextDouble() * 1000) * scale);
  }
}
