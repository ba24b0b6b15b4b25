package io.bayestune.optimizer.acquisition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pareto dominance among outcome vectors where larger is better in every coordinate: a point
 * dominates another when it is at least as good everywhere and better somewhere. The non-dominated
 * points are the Pareto front.
 */
public final class ParetoFront {
  private ParetoFront() {
  }

  /** True when {@code a} dominates {@code b}. */
  public static boolean dominates(double[] a, double[] b) {
    boolean better = false;
    for (int j = 0; j < a.length; j++) {
      if (a[j] < b[j]) {
        return false;
      }
      better |= a[j] > b[j];
    }
    return better;
  }

  /**
   * The indices of the non-dominated rows of {@code points} (n x m), in increasing order. Of several
   * equal non-dominated rows, the first is kept.
   */
  public static List<Integer> nonDominated(double[][] points) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < points.length; i++) {
      boolean keep = true;
      for (int k = 0; k < points.length && keep; k++) {
        if (k != i && (dominates(points[k], points[i]) || k < i && Arrays.equals(points[k], points[i]))) {
          keep = false;
        }
      }
      if (keep) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * The hypervolume dominated by the 2-D {@code points} and bounded below by {@code reference}
   * (maximizing both coordinates): the area of the union of the boxes [reference, p]. Points not
   * above the reference in both coordinates add nothing.
   */
  public static double hypervolume2d(double[][] points, double[] reference) {
    double[][] front = sortedFront2d(points, reference);
    double area = 0;
    double previousX = reference[0];
    // Sorted by x ascending, y descending: each point adds the strip between the previous x and its own.
    for (int i = 0; i < front.length; i++) {
      area += (front[i][0] - previousX) * (front[i][1] - reference[1]);
      previousX = front[i][0];
    }
    // The strips above double count nothing: the strip of point i spans x in (x_{i-1}, x_i], where
    // every later point is higher in x and lower in y, so point i's own y is the top of the union there.
    return area;
  }

  /**
   * The non-dominated 2-D points strictly above {@code reference} in both coordinates, sorted by the
   * first coordinate ascending (so the second descends), duplicates removed.
   */
  public static double[][] sortedFront2d(double[][] points, double[] reference) {
    List<double[]> above = new ArrayList<>();
    for (double[] p : points) {
      if (p[0] > reference[0] && p[1] > reference[1]) {
        above.add(p);
      }
    }
    double[][] candidates = above.toArray(new double[0][]);
    List<double[]> front = new ArrayList<>();
    for (int i : nonDominated(candidates)) {
      front.add(candidates[i]);
    }
    front.sort((a, b) -> Double.compare(a[0], b[0]));
    return front.toArray(new double[0][]);
  }
}
