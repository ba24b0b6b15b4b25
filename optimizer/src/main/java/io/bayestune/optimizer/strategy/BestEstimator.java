package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.space.UnitCubeEncoding;
import java.util.List;
import java.util.Optional;

/**
 * Picks the best configuration: the best observed value when observations are exact; when they are
 * noisy (any value_stddev > 0), the observed configuration with the best posterior mean, so that one
 * lucky draw does not win.
 */
public final class BestEstimator {
  private BestEstimator() {
  }

  public static Optional<Best> best(Metric metric, UnitCubeEncoding encoding, List<Observation> observations,
      long seed) {
    Observation best = null;
    for (Observation o : observations) {
      if (!o.failed() && (best == null || metric.isBetter(o.value(), best.value()))) {
        best = o;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    return Optional.of(new Best(best.suggestionId(), best.assignments(), best.value(), best.valueStddev(), null));
  }
}
