package io.bayestune.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.space.Assignments;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  private static final Metric AUC = new Metric("areaUnderROC", Metric.Goal.MAXIMIZE);
  private static final Assignments TRIAL = new Assignments(Map.of("maxDepth", 2L));

  private static ObservedTrial observed(Best best) {
    Observation o = new Observation("24", TRIAL, 0.83891, 0.004, false, null, Map.of());
    return new ObservedTrial(o, 24, 30, 46.61, Optional.of(best), AUC);
  }

  @Test
  void aBestChosenByTheModelShowsItsEstimateSoATrialAboveItIsNoSurprise() {
    Best chosen = new Best("21", TRIAL, 0.836755, 0.005, 0.83764);
    assertEquals("[24/30] areaUnderROC=0.8389 best=0.8368 (est. 0.8376) maxDepth=2 (46.6 s)",
        ProgressPrinter.line(observed(chosen)));
  }

  @Test
  void anExactBestIsJustItsValue() {
    Best highest = new Best("24", TRIAL, 0.83891, null, null);
    assertEquals("[24/30] areaUnderROC=0.8389 best=0.8389 maxDepth=2 (46.6 s)", ProgressPrinter.line(observed(highest)));
  }
}
