package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.optim.MixedDomain;
import io.bayestune.optimizer.optim.SearchBox;
import java.util.ArrayList;
import java.util.List;

/**
 * The smallest difference between two configurations worth an evaluation, for noisy experiments.
 *
 * <p>Under noise the model cannot tell apart configurations that differ by a hair, so expected
 * improvement, which sees its best predicted point, keeps proposing near-copies of it: in a
 * cross-validated GBT tuning run 20 of 30 trials landed within 1% of the stepSize range of each
 * other, against its upper bound, and returned the same AUC to four digits. A near-copy of an
 * evaluated point can only repeat what is known (when the objective is deterministic, as a
 * seeded model on fixed folds is) or average noise that the Gaussian process averages over
 * neighbours anyway. So a noisy experiment treats two configurations as the same when their
 * discrete values are equal and every continuous coordinate lies within {@link #NOISY} of the
 * other's in the unit cube (log parameters in log space); the acquisition search then takes its
 * best candidate outside that box.
 *
 * <p>Exact experiments keep resolution 0: there, refining the last digits next to the incumbent
 * is what lowers the regret.
 *
 * <p>Inside a local model's trust region the resolution is at most {@link #SHARE_OF_SEARCH_BOX} of the region's
 * side: the search shrank the region because the differences that matter are that small. Without the cap, a region
 * shrunk below 2% of the range lay entirely within the near-copy box of its own centre (the best trial), every
 * candidate was refused, and the suggestion fell back to a uniform draw over the whole space.
 */
final class Resolution {
  /** 1% of each continuous parameter's (encoded) range. */
  static final double NOISY = 0.01;
  /** The largest resolution relative to the side of the search box, per coordinate. */
  static final double SHARE_OF_SEARCH_BOX = 0.1;

  private final double width;
  /** Per coordinate: how far a point may lie from an occupied one and still be its copy. */
  private final double[] limits;
  private final List<double[]> occupied = new ArrayList<>();

  /**
   * @param width the half-width of the box around each occupied point; 0 only rejects exact copies
   *     (which the strategy's taken set already does), so nothing is recorded
   */
  Resolution(MixedDomain domain, double width) {
    this(domain, width, SearchBox.unitCube(domain.dimension()));
  }

  /**
   * @param box the acquisition's search box: each continuous coordinate's resolution is at most
   *     {@link #SHARE_OF_SEARCH_BOX} of the box's side in that coordinate
   */
  Resolution(MixedDomain domain, double width, SearchBox box) {
    this.width = width;
    this.limits = new double[domain.dimension()];
    double[] lower = box.lower();
    double[] upper = box.upper();
    for (int k = 0; k < limits.length; k++) {
      limits[k] = domain.kind(k) == MixedDomain.Kind.CONTINUOUS
          ? Math.min(width, SHARE_OF_SEARCH_BOX * (upper[k] - lower[k])) : 1e-12;
    }
  }

  /** Marks an evaluated, open or just chosen point (encoded). */
  void occupy(double[] x) {
    if (width > 0) {
      occupied.add(x.clone());
    }
  }

  /** Whether x is within the resolution of an occupied point. */
  boolean isNearCopy(double[] x) {
    for (double[] p : occupied) {
      if (within(x, p)) {
        return true;
      }
    }
    return false;
  }

  private boolean within(double[] x, double[] p) {
    for (int k = 0; k < x.length; k++) {
      if (Math.abs(x[k] - p[k]) > limits[k]) {
        return false;
      }
    }
    return true;
  }
}
