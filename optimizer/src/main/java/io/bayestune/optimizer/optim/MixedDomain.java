package io.bayestune.optimizer.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The coordinates of an encoded search space, as the acquisition maximizer sees them: every
 * coordinate lies in [0, 1] and is one of three kinds.
 *
 * <ul>
 *   <li>{@link Kind#CONTINUOUS}: any value in [0, 1].</li>
 *   <li>{@link Kind#INTEGER}: one of {@code levels} evenly spaced values, level k at
 *       {@code k / (levels - 1)} (a single level sits at 0.5).</li>
 *   <li>{@link Kind#CATEGORICAL}: a member of a one-hot group; exactly one member of each group is 1.</li>
 * </ul>
 *
 * <p>{@link #canonicalize(double[])} snaps discrete coordinates and then applies the encoding's
 * own rule (for conditional spaces: inactive coordinates to their fixed value), so that two points
 * decoding to the same assignments have equal canonical vectors.
 */
public final class MixedDomain {

  /** What values one coordinate may take. */
  public enum Kind { CONTINUOUS, INTEGER, CATEGORICAL }

  private final Kind[] kinds;
  private final int[] levels;
  private final List<int[]> categoricalGroups;
  private final UnaryOperator<double[]> encodingRule;

  /**
   * @param kinds the kind of each coordinate
   * @param levels for INTEGER coordinates the number of levels (>= 1); ignored otherwise
   * @param categoricalGroups coordinate indices of each one-hot group; every CATEGORICAL coordinate
   *     belongs to exactly one group
   * @param encodingRule applied after snapping (may return its argument); identity if null
   */
  public MixedDomain(Kind[] kinds, int[] levels, List<int[]> categoricalGroups,
      UnaryOperator<double[]> encodingRule) {
    this.kinds = kinds.clone();
    this.levels = levels.clone();
    if (levels.length != kinds.length) {
      throw new IllegalArgumentException("levels has " + levels.length + " entries but there are "
          + kinds.length + " coordinates");
    }
    List<int[]> groups = new ArrayList<>();
    boolean[] grouped = new boolean[kinds.length];
    for (int[] group : categoricalGroups) {
      for (int c : group) {
        if (kinds[c] != Kind.CATEGORICAL || grouped[c]) {
          throw new IllegalArgumentException("coordinate " + c + " is not a CATEGORICAL coordinate of exactly one group");
        }
        grouped[c] = true;
      }
      groups.add(group.clone());
    }
    for (int c = 0; c < kinds.length; c++) {
      if (kinds[c] == Kind.CATEGORICAL && !grouped[c]) {
        throw new IllegalArgumentException("CATEGORICAL coordinate " + c + " belongs to no group");
      }
      if (kinds[c] == Kind.INTEGER && levels[c] < 1) {
        throw new IllegalArgumentException("INTEGER coordinate " + c + " needs levels >= 1, got " + levels[c]);
      }
    }
    this.categoricalGroups = List.copyOf(groups);
    this.encodingRule = encodingRule == null ? UnaryOperator.identity() : encodingRule;
  }

  /** A domain of {@code dimension} continuous coordinates. */
  public static MixedDomain continuous(int dimension) {
    Kind[] kinds = new Kind[dimension];
    Arrays.fill(kinds, Kind.CONTINUOUS);
    return new MixedDomain(kinds, new int[dimension], List.of(), null);
  }

  public int dimension() {
    return kinds.length;
  }

  public Kind kind(int coordinate) {
    return kinds[coordinate];
  }

  /** Number of levels of an INTEGER coordinate. */
  public int levels(int coordinate) {
    return levels[coordinate];
  }

  /** Position in [0, 1] of level {@code k} of an INTEGER coordinate. */
  public double levelValue(int coordinate, int k) {
    int n = levels[coordinate];
    return n == 1 ? 0.5 : (double) k / (n - 1);
  }

  /** The one-hot groups, each a copy-safe array of coordinate indices. */
  public List<int[]> categoricalGroups() {
    List<int[]> copy = new ArrayList<>(categoricalGroups.size());
    for (int[] g : categoricalGroups) {
      copy.add(g.clone());
    }
    return copy;
  }

  /** True when every coordinate is continuous (gradient search alone covers the domain). */
  public boolean isContinuous() {
    for (Kind k : kinds) {
      if (k != Kind.CONTINUOUS) {
        return false;
      }
    }
    return true;
  }

  /**
   * A new vector: continuous coordinates clipped to [0, 1], integers rounded to the nearest level,
   * each one-hot group set to its arg-max, then the encoding's rule applied.
   */
  public double[] canonicalize(double[] x) {
    Objects.requireNonNull(x, "x");
    if (x.length != kinds.length) {
      throw new IllegalArgumentException("point has " + x.length + " coordinates, domain has " + kinds.length);
    }
    double[] out = new double[x.length];
    for (int c = 0; c < x.length; c++) {
      double v = Math.min(1.0, Math.max(0.0, x[c]));
      if (kinds[c] == Kind.INTEGER) {
        int n = levels[c];
        v = n == 1 ? 0.5 : Math.round(v * (n - 1)) / (double) (n - 1);
      }
      out[c] = v;
    }
    for (int[] group : categoricalGroups) {
      int best = group[0];
      for (int c : group) {
        if (x[c] > x[best]) {
          best = c;
        }
      }
      for (int c : group) {
        out[c] = c == best ? 1.0 : 0.0;
      }
    }
    return encodingRule.apply(out);
  }
}
