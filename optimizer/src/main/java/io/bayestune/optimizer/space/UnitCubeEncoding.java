package io.bayestune.optimizer.space;

import io.bayestune.optimizer.optim.MixedDomain;
import io.bayestune.optimizer.optim.MixedDomain.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps configurations to points of the unit cube where the Gaussian process lives, and back.
 *
 * <ul>
 *   <li>double: one continuous coordinate, linear or log scale; with a grid, one integer coordinate
 *       over the sorted grid values.</li>
 *   <li>int: one integer coordinate whose level k is min + k (or the k-th grid value); with log, one
 *       continuous coordinate on the log scale, rounded when decoded.</li>
 *   <li>categorical and conditional: a one-hot group, so that no false order is imposed on the values
 *       (Garrido-Merchán and Hernández-Lobato 2020, "Dealing with categorical and integer-valued
 *       variables in Bayesian optimization with Gaussian processes").</li>
 *   <li>inactive parameters: continuous and integer coordinates at 0.5, one-hot groups all zero, so
 *       that every configuration has exactly one encoding.</li>
 * </ul>
 */
public final class UnitCubeEncoding {
  private static final double INACTIVE = 0.5;

  private final SearchSpace space;
  private final int dimension;
  private final Map<String, Integer> offset = new HashMap<>();
  private final MixedDomain domain;

  public UnitCubeEncoding(SearchSpace space) {
    this.space = space;
    List<Kind> kinds = new ArrayList<>();
    List<Integer> levels = new ArrayList<>();
    List<int[]> groups = new ArrayList<>();
    for (Conditional c : space.conditionals()) {
      offset.put(c.name(), kinds.size());
      groups.add(addGroup(kinds, levels, c.values().size()));
    }
    for (Parameter p : space.parameters()) {
      offset.put(p.name(), kinds.size());
      if (p instanceof DoubleParameter d) {
        add(kinds, levels, d.grid().isEmpty() ? Kind.CONTINUOUS : Kind.INTEGER, d.grid().size());
      } else if (p instanceof IntParameter i) {
        add(kinds, levels, i.log() && i.grid().isEmpty() ? Kind.CONTINUOUS : Kind.INTEGER,
            (int) Math.min(Integer.MAX_VALUE, i.size()));
      } else if (p instanceof CategoricalParameter c) {
        groups.add(addGroup(kinds, levels, c.values().size()));
      }
    }
    this.dimension = kinds.size();
    this.domain = new MixedDomain(kinds.toArray(Kind[]::new), levels.stream().mapToInt(Integer::intValue).toArray(),
        groups, x -> encode(decode(x)));
  }

  private static void add(List<Kind> kinds, List<Integer> levels, Kind kind, int levelCount) {
    kinds.add(kind);
    levels.add(kind == Kind.INTEGER ? levelCount : 0);
  }

  private static int[] addGroup(List<Kind> kinds, List<Integer> levels, int size) {
    int[] group = new int[size];
    for (int k = 0; k < size; k++) {
      group[k] = kinds.size();
      add(kinds, levels, Kind.CATEGORICAL, 0);
    }
    return group;
  }

  public SearchSpace space() {
    return space;
  }

  /** Number of unit-cube coordinates. */
  public int dimension() {
    return dimension;
  }

  /** The coordinate kinds, for the acquisition maximizer; canonicalizes through this encoding. */
  public MixedDomain domain() {
    return domain;
  }

  /** The coordinates that encode {@code name} (one, or a one-hot group). */
  public int[] coordinatesOf(String name) {
    int start = offset.get(name);
    int width = 1;
    for (Conditional c : space.conditionals()) {
      if (c.name().equals(name)) {
        width = c.values().size();
      }
    }
    if (space.parameters().stream().anyMatch(p -> p.name().equals(name) && p instanceof CategoricalParameter)) {
      width = ((CategoricalParameter) space.parameter(name)).values().size();
    }
    int[] coordinates = new int[width];
    for (int k = 0; k < width; k++) {
      coordinates[k] = start + k;
    }
    return coordinates;
  }

  /** The unit-cube point of a valid configuration. */
  public double[] encode(Assignments assignments) {
    double[] x = new double[dimension];
    for (Conditional c : space.conditionals()) {
      x[offset.get(c.name()) + c.values().indexOf(assignments.getString(c.name()))] = 1.0;
    }
    for (Parameter p : space.parameters()) {
      int at = offset.get(p.name());
      if (!assignments.contains(p.name())) {
        if (!(p instanceof CategoricalParameter)) {
          x[at] = INACTIVE;
        }
        continue;
      }
      if (p instanceof DoubleParameter d) {
        double v = assignments.getDouble(d.name());
        x[at] = d.grid().isEmpty() ? d.toUnit(v) : levelPosition(sortedIndex(d.grid(), v), d.grid().size());
      } else if (p instanceof IntParameter i) {
        long v = assignments.getLong(i.name());
        if (!i.grid().isEmpty()) {
          x[at] = levelPosition(sortedIndex(i.grid(), v), i.grid().size());
        } else if (i.log()) {
          x[at] = i.toUnit(v);
        } else {
          x[at] = levelPosition(v - i.min(), i.size());
        }
      } else if (p instanceof CategoricalParameter c) {
        x[at + c.values().indexOf(assignments.getString(c.name()))] = 1.0;
      }
    }
    return x;
  }

  /** The configuration nearest to a unit-cube point: discrete coordinates rounded, inactive ones dropped. */
  public Assignments decode(double[] x) {
    LinkedHashMap<String, Object> values = new LinkedHashMap<>();
    Map<String, String> conditionalValues = new HashMap<>();
    for (Conditional c : space.conditionals()) {
      String v = c.values().get(argMax(x, offset.get(c.name()), c.values().size()));
      conditionalValues.put(c.name(), v);
      values.put(c.name(), v);
    }
    for (Parameter p : space.activeParameters(conditionalValues)) {
      int at = offset.get(p.name());
      double u = x[at];
      if (p instanceof DoubleParameter d) {
        values.put(d.name(), d.grid().isEmpty() ? d.fromUnit(u) : sorted(d.grid()).get(level(u, d.grid().size())));
      } else if (p instanceof IntParameter i) {
        if (!i.grid().isEmpty()) {
          values.put(i.name(), sorted(i.grid()).get(level(u, i.grid().size())));
        } else if (i.log()) {
          values.put(i.name(), i.fromUnit(u));
        } else {
          values.put(i.name(), i.min() + level(u, i.size()));
        }
      } else if (p instanceof CategoricalParameter c) {
        values.put(c.name(), c.values().get(argMax(x, at, c.values().size())));
      }
    }
    return new Assignments(values);
  }

  /**
   * A configuration from a point of the design cube, one coordinate per conditional and parameter
   * (in declaration order), each value given an equal share of its coordinate: the map random and
   * Sobol designs use, so end values and categories are drawn as often as any other.
   */
  public Assignments fromDesign(double[] u) {
    int expected = designDimension();
    if (u.length != expected) {
      throw new IllegalArgumentException("design point has " + u.length + " coordinates, expected " + expected);
    }
    LinkedHashMap<String, Object> values = new LinkedHashMap<>();
    Map<String, String> conditionalValues = new HashMap<>();
    int k = 0;
    for (Conditional c : space.conditionals()) {
      String v = c.values().get(bucket(u[k++], c.values().size()));
      conditionalValues.put(c.name(), v);
      values.put(c.name(), v);
    }
    for (Parameter p : space.parameters()) {
      double ui = u[k++];
      if (!p.isActive(conditionalValues)) {
        continue;
      }
      if (p instanceof DoubleParameter d) {
        values.put(d.name(), d.grid().isEmpty() ? d.fromUnit(ui) : sorted(d.grid()).get(bucket(ui, d.grid().size())));
      } else if (p instanceof IntParameter i) {
        values.put(i.name(), i.grid().isEmpty() ? i.fromUnit(ui) : sorted(i.grid()).get(bucket(ui, i.grid().size())));
      } else if (p instanceof CategoricalParameter c) {
        values.put(c.name(), c.values().get(bucket(ui, c.values().size())));
      }
    }
    return new Assignments(values);
  }

  /** One design coordinate per conditional and per parameter. */
  public int designDimension() {
    return space.conditionals().size() + space.parameters().size();
  }

  private static double levelPosition(long k, long levels) {
    return levels <= 1 ? 0.5 : (double) k / (levels - 1);
  }

  private static int level(double u, long levels) {
    if (levels <= 1) {
      return 0;
    }
    return (int) Math.min(levels - 1, Math.max(0, Math.round(Math.min(1, Math.max(0, u)) * (levels - 1))));
  }

  private static int bucket(double u, int count) {
    return Math.min(count - 1, Math.max(0, (int) Math.floor(u * count)));
  }

  private static int argMax(double[] x, int start, int width) {
    int best = 0;
    for (int k = 1; k < width; k++) {
      if (x[start + k] > x[start + best]) {
        best = k;
      }
    }
    return best;
  }

  private static <T extends Comparable<T>> List<T> sorted(List<T> values) {
    List<T> copy = new ArrayList<>(values);
    copy.sort(null);
    return copy;
  }

  private static <T extends Comparable<T>> int sortedIndex(List<T> grid, T value) {
    return sorted(grid).indexOf(value);
  }
}
