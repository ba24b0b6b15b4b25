package io.bayestune.driver;

import io.bayestune.optimizer.space.Assignments;

/**
 * Evaluates one configuration for the driver loop. The loop calls {@link #run} from its own threads,
 * up to {@code parallelism} at once, so implementations must be thread-safe.
 *
 * <p>Two implementations: a Spark ML fit and evaluation launched from the driver thread (distributed
 * trials, each in its own Spark job group), and one Spark task per trial running a user
 * {@link Objective} on an executor.
 */
public interface TrialRunner extends AutoCloseable {

  /**
   * Runs one trial and blocks until it ends.
   *
   * @param trial the trial's identity; {@link TrialContext#jobGroup()} names its Spark job group
   * @throws Exception when the trial fails; the loop observes it as failed with the message
   */
  TrialResult run(TrialContext trial, Assignments assignments) throws Exception;

  /**
   * Asks a running trial to stop (its timeout passed). Best effort: a distributed trial cancels its
   * job group; the thread running {@link #run} is interrupted as well.
   */
  void cancel(TrialContext trial);

  @Override
  default void close() throws Exception {
  }
}
