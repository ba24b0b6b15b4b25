package io.bayestune.optimizer.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Candidates that differ from a centre point (the best trial) in a few coordinates only: each coordinate is
 * redrawn uniformly within the search box with probability {@link #COORDINATES} / d, and at least one
 * always is.
 *
 * <p>Why: in dozens of dimensions, a point drawn uniformly in a box, or perturbed in every coordinate, is far from
 * the centre in almost every direction at once, and the acquisition function there is little better than the
 * prior's. Changing a handful of coordinates keeps candidates where the model knows the function. This is the
 * coordinate perturbation of DYCORS (Regis and Shoemaker 2013, "Combining radial basis function surrogates and
 * dynamic coordinate search in high-dimensional expensive black-box optimization", Engineering Optimization 45(5)),
 * which TuRBO's candidate sets use in high dimensions with the same probability 20 / d (Eriksson and Poloczek 2021,
 * "Scalable constrained Bayesian optimization", AISTATS, Section 3).
 */
final class SubspaceDraws {

  /** The expected number of coordinates a draw changes (DYCORS and TuRBO: 20). */
  static final double COORDINATES = 20;

  private SubspaceDraws() {
  }

  /**
   * @param center a canonical point inside {@code box}
   * @param count how many candidates to draw
   * @return {@code count} canonical candidates; none when the domain has at most {@link #COORDINATES} units (then
   *     every coordinate would be redrawn: a uniform draw in the box, which the maximizer's Sobol points are)
   */
  static List<double[]> around(double[] center, int count, MixedDomain domain, SearchBox box, RandomGenerator rng) {
    List<int[]> units = units(domain);
    if (units.size() <= COORDINATES) {
      return List.of();
    }
    double p = COORDINATES / units.size();
    List<double[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double[] y = center.clone();
      boolean changed = false;
      for (int[] unit : units) {
        if (rng.nextDouble() < p) {
          redraw(y, unit, domain, box, rng);
          changed = true;
        }
      }
      if (!changed) {
        redraw(y, units.get(rng.nextInt(units.size())), domain, box, rng);
      }
      out.add(domain.canonicalize(y));
    }
    return out;
  }

  /** The units a draw changes: each continuous or integer coordinate alone, each categorical one-hot group whole. */
  private static List<int[]> units(MixedDomain domain) {
    List<int[]> units = new ArrayList<>();
    for (int c = 0; c < domain.dimension(); c++) {
      if (domain.kind(c) != MixedDomain.Kind.CATEGORICAL) {
        units.add(new int[] {c});
      }
    }
    units.addAll(domain.categoricalGroups());
    return units;
  }

  private static void redraw(double[] y, int[] unit, MixedDomain domain, SearchBox box, RandomGenerator rng) {
    if (unit.length == 1 && domain.kind(unit[0]) != MixedDomain.Kind.CATEGORICAL) {
      int c = unit[0];
      // Uniform in the box; an integer coordinate is rounded to its nearest level by canonicalize.
      y[c] = box.lower(c) + rng.nextDouble() * (box.upper(c) - box.lower(c));
      return;
    }
    int chosen = unit[rng.nextInt(unit.length)];
    for (int member : unit) {
      y[member] = member == chosen ? 1.0 : 0.0;
    }
  }
}
