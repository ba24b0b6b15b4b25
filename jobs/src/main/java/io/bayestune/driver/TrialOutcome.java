package io.bayestune.driver;

import java.time.Duration;

/**
 * How one trial ended, as the loop's trial threads (or its timer) report it.
 *
 * @param suggestionId the trial
 * @param result the runner's result, or null when the trial threw or timed out
 * @param failure what the runner threw, or null
 * @param timeout the limit that passed, or null when the trial ended by itself
 * @param seconds wall-clock seconds from dispatch to end
 */
record TrialOutcome(String suggestionId, TrialResult result, Throwable failure, Duration timeout, double seconds) {

  static TrialOutcome completed(String id, TrialResult result, double seconds) {
    return new TrialOutcome(id, result, null, null, seconds);
  }

  static TrialOutcome threw(String id, Throwable failure, double seconds) {
    return new TrialOutcome(id, null, failure, null, seconds);
  }

  static TrialOutcome timedOut(String id, Duration timeout) {
    return new TrialOutcome(id, null, null, timeout, timeout.toNanos() / 1e9);
  }

  boolean timedOut() {
    return timeout != null;
  }

  /** Why the trial is a failure, or null when it produced a usable value. */
  String failureReason(String metricName) {
    if (timeout != null) {
      return "timed out after " + Failures.duration(timeout);
    }
    if (failure != null) {
      return Failures.describe(failure);
    }
    if (result == null) {
      return "the trial returned no result (null)";
    }
    if (!Double.isFinite(result.value())) {
      return metricName + " is " + result.value() + ", not a finite number";
    }
    for (var v : result.values()) {
      if (!Double.isFinite(v.value())) {
        return v.name() + " is " + v.value() + ", not a finite number";
      }
    }
    return null;
  }
}
