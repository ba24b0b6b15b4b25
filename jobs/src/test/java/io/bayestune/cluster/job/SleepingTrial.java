package io.bayestune.cluster.job;

import io.bayestune.driver.Objective;
import io.bayestune.driver.TrialResult;
import java.util.Map;

/**
 * A per-task objective for the cluster tests, shipped in the test-jobs jar as a user ships theirs: sleeps
 * 1.5 s (long enough for a worker to die under it) and returns {@code -(x - 0.3)^2 - (y - 0.7)^2}.
 */
public final class SleepingTrial implements Objective {
  private static final long serialVersionUID = 1L;

  @Override
  public TrialResult evaluate(Map<String, Object> assignments) throws InterruptedException {
    double x = ((Number) assignments.get("x")).doubleValue();
    double y = ((Number) assignments.get("y")).doubleValue();
    Thread.sleep(1500);
    return TrialResult.of(-(x - 0.3) * (x - 0.3) - (y - 0.7) * (y - 0.7));
  }
}
