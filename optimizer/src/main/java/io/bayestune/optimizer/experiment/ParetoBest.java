package io.bayestune.optimizer.experiment;

import io.bayestune.optimizer.acquisition.ParetoFront;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The best configurations of a two-objective experiment: the observations on the Pareto front of the
 * feasible ones (SigOpt's {@code best_assignments} list), by their observed values.
 */
final class ParetoBest {
  private ParetoBest() {
  }

  /** The front, ordered by the first optimized metric from best to worst; empty before a feasible observation. */
  static List<Best> front(ExperimentSpec spec, List<Observation> observations) {
    List<Metric> objectives = spec.optimized();
    List<Observation> feasible = observations.stream().filter(o -> o.feasible(spec)).toList();
    double[][] points = new double[feasible.size()][objectives.size()];
    for (int i = 0; i < feasible.size(); i++) {
      for (int j = 0; j < objectives.size(); j++) {
        Metric m = objectives.get(j);
        points[i][j] = m.objective().toMaximized(feasible.get(i).valueOf(m));
      }
    }
    List<Best> out = new ArrayList<>();
    List<Integer> front = new ArrayList<>(ParetoFront.nonDominated(points));
    front.sort(Comparator.comparingDouble((Integer i) -> -points[i][0]));
    for (int i : front) {
      out.add(Best.of(feasible.get(i)));
    }
    return out;
  }
}
