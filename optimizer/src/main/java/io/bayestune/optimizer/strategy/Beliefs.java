package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.model.FitOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * What a multimetric suggestion call believes: one {@link MetricModel} per modelled metric (the
 * objectives first, then the constraints), and per completed or open point its outcomes in model
 * units (estimates for completed points, posterior-mean beliefs for open ones). Immutable;
 * {@link #withPending} returns a new one.
 *
 * @param objectives how many of the models are objectives; the rest are constraints (as slacks)
 * @param points encoded points, completed then open
 * @param outcomes per point, one entry per model
 * @param usable per point, false for a failed trial (its outcomes stand in at the worst and say nothing)
 */
record Beliefs(int objectives, List<MetricModel> models, List<double[]> points, List<double[]> outcomes, List<Boolean> usable) {

  static Beliefs fit(History history, int objectives, int metrics, FitOptions options) {
    List<History.Trial> trials = history.completed();
    int n = trials.size();
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = history.encoding().encode(trials.get(i).assignments());
    }
    List<MetricModel> models = new ArrayList<>();
    for (int j = 0; j < metrics; j++) {
      double[] y = new double[n];
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = trials.get(i).outcome(j);
        s[i] = trials.get(i).outcomeStddev(j);
      }
      // Each metric's fit draws from its own stream, so adding a constraint leaves the others' fits alone.
      models.add(MetricModel.fit(x, y, s, options, history.random(-1 - j), history.warpOutcomes()));
    }
    List<double[]> outcomes = new ArrayList<>();
    List<Boolean> usable = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] row = new double[metrics];
      for (int j = 0; j < metrics; j++) {
        row[j] = models.get(j).estimates()[i];
      }
      outcomes.add(row);
      usable.add(!trials.get(i).failed());
    }
    return new Beliefs(objectives, List.copyOf(models), List.of(x), List.copyOf(outcomes), List.copyOf(usable));
  }

  /** With an open point believed at every model's posterior mean. */
  Beliefs withPending(double[] point) {
    double[] row = new double[models.size()];
    List<MetricModel> more = new ArrayList<>();
    for (int j = 0; j < models.size(); j++) {
      row[j] = models.get(j).belief(point);
      more.add(models.get(j).withPending(point));
    }
    return new Beliefs(objectives, List.copyOf(more), append(points, point.clone()), append(outcomes, row), append(usable, true));
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> out = new ArrayList<>(list);
    out.add(item);
    return List.copyOf(out);
  }

  boolean noisy() {
    return models.stream().anyMatch(MetricModel::noisy);
  }

  /** Indices of the usable points whose constraint outcomes all hold (as believed, in model units). */
  List<Integer> feasibleIndices() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      boolean ok = usable.get(i);
      for (int j = objectives; j < models.size() && ok; j++) {
        ok = outcomes.get(i)[j] >= models.get(j).inModelUnits(0.0);
      }
      if (ok) {
        out.add(i);
      }
    }
    return out;
  }

  /** The objective outcomes of the feasible points. */
  List<double[]> feasibleOutcomes() {
    List<double[]> out = new ArrayList<>();
    for (int i : feasibleIndices()) {
      out.add(java.util.Arrays.copyOf(outcomes.get(i), objectives));
    }
    return out;
  }

  /**
   * The hypervolume reference point for the first two models: per objective, the worst usable
   * outcome less {@code margin} times the range of the usable outcomes.
   */
  double[] reference(double margin) {
    double[] reference = new double[2];
    for (int j = 0; j < 2; j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < points.size(); i++) {
        if (usable.get(i)) {
          lo = Math.min(lo, outcomes.get(i)[j]);
          hi = Math.max(hi, outcomes.get(i)[j]);
        }
      }
      reference[j] = lo - margin * Math.max(hi - lo, 1e-9 * Math.max(1, Math.abs(lo)));
    }
    return reference;
  }
}
