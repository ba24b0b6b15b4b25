package io.bayestune.driver;

/**
 * The fail-fast rule: when this run's first {@code count} trials all fail, the job stops with the first
 * failure's cause, instead of spending its budget on a setting or data that cannot work.
 */
final class FirstTrialsRule {
  private final int count;
  private final String metricName;
  private int seen;
  private boolean anyCompleted;
  private TrialOutcome first;
  private String firstReason;

  FirstTrialsRule(int count, String metricName) {
    this.count = count;
    this.metricName = metricName;
  }

  /** Counts one more ended trial; returns the exception that stops the job, or null to go on. */
  TuningStoppedException check(TrialOutcome outcome) {
    seen++;
    String reason = outcome.failureReason(metricName);
    if (reason == null) {
      anyCompleted = true;
      return null;
    }
    if (first == null) {
      first = outcome;
      firstReason = reason;
    }
    if (anyCompleted || seen != count) {
      return null;
    }
    return new TuningStoppedException("the first " + seen + " trial(s) of this run all failed, so the job stops"
        + " instead of spending its budget on failures (observations so far are saved). The first failure, trial "
        + first.suggestionId() + ": " + firstReason, first.failure());
  }
}
