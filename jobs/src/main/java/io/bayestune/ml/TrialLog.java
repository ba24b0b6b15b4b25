package io.bayestune.ml;

import io.bayestune.driver.ObservedTrial;
import io.bayestune.optimizer.experiment.Observation;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** One log line per observed trial, e.g. {@code trial 3 (3 of 8) areaUnderROC 0.8275 ± 0.0039 in 32.9 s: ...}. */
final class TrialLog {
  private static final Logger LOG = LogManager.getLogger(BayesianTuner.class);

  private TrialLog() {
  }

  static void observed(ObservedTrial t) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    Observation o = t.observation();
    String outcome = o.failed() ? "failed (" + o.failureReason() + ")"
        : t.metric().name() + " " + o.value() + (o.valueStddev() == null ? "" : " \u00b1 " + o.valueStddev());
    LOG.info(String.format(Locale.ROOT, "trial %s (%d of %d) %s in %.1f s: %s", o.suggestionId(),
        t.observationCount(), t.observationBudget(), outcome, t.seconds(), o.assignments()));
  }
}
