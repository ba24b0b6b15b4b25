package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.model.FitOptions;
import io.bayestune.optimizer.model.GaussianProcess;
import io.bayestune.optimizer.model.GaussianProcessFitter;
import io.bayestune.optimizer.space.UnitCubeEncoding;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Picks the best configuration: the best observed value when observations are exact; when they are
 * noisy (any value_stddev > 0), the observed configuration with the best posterior mean of a
 * Gaussian process fitted to all of them, so that one lucky draw does not win.
 */
public final class BestEstimator {
  private static final System.Logger LOG = System.getLogger(BestEstimator.class.getName());

  private BestEstimator() {
  }

  public static Optional<Best> best(Metric metric, UnitCubeEncoding encoding, List<Observation> observations,
      long seed) {
    List<Observation> ok = new ArrayList<>();
    boolean noisy = false;
    for (Observation o : observations) {
      if (!o.failed()) {
        ok.add(o);
        noisy |= o.valueStddev() != null && o.valueStddev() > 0;
      }
    }
    if (ok.isEmpty()) {
      return Optional.empty();
    }
    if (!noisy || ok.size() < 3) {
      Observation best = ok.get(0);
      for (Observation o : ok) {
        if (metric.isBetter(o.value(), best.value())) {
          best = o;
        }
      }
      return Optional.of(new Best(best.suggestionId(), best.assignments(), best.value(), best.valueStddev(), null));
    }
    // Canonical order, so that arrival order cannot change the answer.
    ok.sort(Comparator.comparing((Observation o) -> o.assignments().toString()).thenComparingDouble(Observation::value));
    int n = ok.size();
    double[][] x = new double[n][];
    double[] y = new double[n];
    double[] noise = new double[n];
    for (int i = 0; i < n; i++) {
      Observation o = ok.get(i);
      x[i] = encoding.encode(o.assignments());
      y[i] = metric.objective().toMaximized(o.value());
      noise[i] = o.valueStddev() == null ? Double.NaN : o.valueStddev() * o.valueStddev();
    }
    try {
      GaussianProcess gp = GaussianProcessFitter.fit(x, y, noise, FitOptions.defaults(), new SplittableRandom(seed));
      int best = 0;
      double bestMean = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double mean = gp.predict(x[i]).mean();
        if (mean > bestMean) {
          bestMean = mean;
          best = i;
        }
      }
      Observation o = ok.get(best);
      return Optional.of(new Best(o.suggestionId(), o.assignments(), o.value(), o.valueStddev(),
          metric.objective().toMaximized(bestMean)));
    } catch (IllegalStateException e) {
      LOG.log(Level.WARNING, "model fit for the best point failed, using the best observed value: " + e.getMessage());
      return best(metric, encoding, observations.stream().filter(o -> !o.failed())
          .map(o -> new Observation(o.suggestionId(), o.assignments(), o.value(), null, false, null, o.metadata()))
          .toList(), seed);
    }
  }
}
