package io.bayestune.cluster.job;

import io.bayestune.bench.SleepingObjective;
import io.bayestune.driver.Objective;
import io.bayestune.driver.TrialResult;
import java.util.Map;

/**
 * The per-task objective of the cluster tests, shipped in the test-jobs jar as a user ships theirs (so executors
 * must load it from {@code --jars}); it delegates to {@link SleepingObjective} from the cluster jar: 0.5 to 1.5 s
 * of sleep, long enough for a worker to die under a trial, and {@code -(x - 0.3)^2 - (y - 0.7)^2}.
 */
public final class SleepingTrial implements Objective {
  private static final long serialVersionUID = 1L;

  @Override
  public TrialResult evaluate(Map<String, Object> assignments) throws InterruptedException {
    return new SleepingObjective().evaluate(assignments);
  }
}
