package io.bayestune.report;

import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.optimizer.experiment.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An experiment's observations as the report shows them: numbered in the order they were reported,
 * with the best value so far after each one (counting only trials that meet every constraint) and which
 * one is the experiment's best.
 */
final class Trials {

  /**
   * One observation as trial {@code number} (1-based, in reporting order).
   *
   * @param bestSoFar the best successful value among trials 1..number, NaN before the first success
   * @param improved true when this trial set a new best so far
   * @param feasible false when it failed or missed a constraint's threshold: it never counts as best
   */
  record Trial(int number, Observation observation, double bestSoFar, boolean improved, boolean feasible) {
    boolean failed() {
      return observation.failed();
    }

    double value() {
      return observation.value();
    }

    double stddev() {
      Double s = observation.valueStddev();
      return s == null ? 0 : s;
    }

    /** The trial's run time from metadata "seconds", or NaN when absent or not a number. */
    double seconds() {
      String s = observation.metadata().get("seconds");
      if (s == null) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }

    /** {@code trial 12 (suggestion 17): 0.8312 ± 0.01} for tooltips. */
    String describe(String metricName) {
      String id = observation.suggestionId() == null ? "" : " (suggestion " + observation.suggestionId() + ")";
      String outcome = failed() ? "failed" + (observation.failureReason() == null ? "" : ": "
          + observation.failureReason()) : metricName + " = " + Numbers.format(value(), 6)
          + (observation.valueStddev() == null ? "" : " \u00b1 " + Numbers.format(stddev(), 3));
      return "trial " + number + id + ": " + outcome + "\n" + observation.assignments();
    }
  }

  private final Metric metric;
  private final List<Trial> all = new ArrayList<>();
  private final Trial best;

  Trials(Experiment e) {
    this.metric = e.spec().metric();
    double bestSoFar = Double.NaN;
    int number = 1;
    for (Observation o : e.observations()) {
      // Only a trial that meets every constraint can be best (a one-metric experiment has none).
      boolean feasible = o.feasible(e.spec());
      boolean improved = feasible && (Double.isNaN(bestSoFar) || metric.isBetter(o.value(), bestSoFar));
      if (improved) {
        bestSoFar = o.value();
      }
      all.add(new Trial(number++, o, bestSoFar, improved, feasible));
    }
    this.best = e.best().map(this::find).orElse(null);
  }

  private Trial find(Best b) {
    for (Trial t : all) {
      Observation o = t.observation();
      boolean sameId = b.suggestionId() != null && b.suggestionId().equals(o.suggestionId());
      boolean same = b.suggestionId() == null && o.suggestionId() == null && !o.failed()
          && o.assignments().equals(b.assignments()) && o.value() == b.value();
      if (sameId || same) {
        return t;
      }
    }
    return null;
  }

  Metric metric() {
    return metric;
  }

  List<Trial> all() {
    return all;
  }

  List<Trial> succeeded() {
    return all.stream().filter(t -> !t.failed()).toList();
  }

  int failedCount() {
    return (int) all.stream().filter(Trial::failed).count();
  }

  boolean isEmpty() {
    return all.isEmpty();
  }

  Optional<Trial> best() {
    return Optional.ofNullable(best);
  }

  /** Smallest and largest successful value, with error bars; {NaN, NaN} when none succeeded. */
  double[] valueExtent() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Trial t : all) {
      if (!t.failed()) {
        lo = Math.min(lo, t.value() - t.stddev());
        hi = Math.max(hi, t.value() + t.stddev());
      }
    }
    return lo <= hi ? new double[] {lo, hi} : new double[] {Double.NaN, Double.NaN};
  }

  /** True when any observation carries a numeric "seconds" metadata entry. */
  boolean hasSeconds() {
    return all.stream().anyMatch(t -> !Double.isNaN(t.seconds()));
  }

  /** {@code maximize} / {@code minimize}, lower case. */
  String direction() {
    return metric.objective().name().toLowerCase(Locale.ROOT);
  }
}
