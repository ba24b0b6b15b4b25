package io.bayestune.driver;

import java.time.Duration;

/**
 * How a {@link TuningLoop} runs.
 *
 * @param jobName the job's name, used in Spark job groups ({@code bayestune-<name>-trial-<id>})
 * @param parallelism how many trials are in flight at once (at least 1)
 * @param trialTimeout how long one trial may run before it is cancelled and observed as failed, or null for no limit
 * @param observationBudget the loop stops once the experiment holds this many observations
 * @param failFastCount when this run's first {@code failFastCount} trials all fail, the job stops: a setting or
 *     the data is wrong, and spending the whole budget on failures helps nobody
 * @param lookahead how many suggestions to keep prepared beyond those in flight (0: suggest only when a slot
 *     frees, so each freed slot waits for a GP fit)
 */
public record LoopOptions(String jobName, int parallelism, Duration trialTimeout, int observationBudget,
    int failFastCount, int lookahead) {

  public LoopOptions {
    if (jobName == null || jobName.isBlank()) {
      throw new IllegalArgumentException("name: a job needs a name (it names the Spark job groups), but got "
          + (jobName == null ? "none" : "\"" + jobName + "\""));
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism: must be at least 1, but got " + parallelism);
    }
    if (trialTimeout != null && (trialTimeout.isNegative() || trialTimeout.isZero())) {
      throw new IllegalArgumentException("trial_timeout: must be positive, but got " + trialTimeout
          + "; leave it out for no limit");
    }
    if (observationBudget < 1) {
      throw new IllegalArgumentException("observation_budget: must be at least 1, but got " + observationBudget);
    }
    if (failFastCount < 1) {
      throw new IllegalArgumentException("failFastCount: must be at least 1, but got " + failFastCount);
    }
    if (lookahead < 0) {
      throw new IllegalArgumentException("lookahead: must be 0 or more, but got " + lookahead);
    }
  }

  /** Options that stop the job when its first {@code min(5, budget)} trials all fail, with one suggestion prepared. */
  public static LoopOptions of(String jobName, int parallelism, Duration trialTimeout, int observationBudget) {
    return new LoopOptions(jobName, parallelism, trialTimeout, observationBudget, Math.min(5, observationBudget), 1);
  }

  /** These options with another lookahead. */
  public LoopOptions withLookahead(int n) {
    return new LoopOptions(jobName, parallelism, trialTimeout, observationBudget, failFastCount, n);
  }

  /** The Spark job group of one trial: letters, digits, '.', '_' and '-' only, so that it reads well in the UI. */
  String jobGroup(String suggestionId) {
    return "bayestune-" + jobName.trim().replaceAll("[^A-Za-z0-9._-]+", "-") + "-trial-" + suggestionId;
  }
}
