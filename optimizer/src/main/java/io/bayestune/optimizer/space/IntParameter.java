package io.bayestune.optimizer.space;

import java.util.List;
import java.util.Map;

/**
 * An integer parameter on [min, max] (both inclusive), searched in log space when {@code log} is set,
 * or restricted to an explicit {@code grid} of values.
 */
public record IntParameter(String name, long min, long max, boolean log, List<Long> grid,
    Map<String, List<String>> conditions) implements Parameter {

  public IntParameter {
    grid = grid == null ? List.of() : List.copyOf(grid);
    conditions = conditions == null ? Map.of() : Map.copyOf(conditions);
    if (min >= max) {
      throw new IllegalArgumentException("parameter '" + name + "': bounds must have min < max, but got min="
          + min + ", max=" + max + "; swap or widen the bounds");
    }
    if (log && min <= 0) {
      throw new IllegalArgumentException("parameter '" + name + "': transformation=log requires bounds.min > 0,"
          + " but got min=" + min + "; raise min to 1 or more, or drop the log transformation");
    }
  }

  public static IntParameter of(String name, long min, long max) {
    return new IntParameter(name, min, max, false, List.of(), Map.of());
  }

  @Override
  public String type() {
    return "int";
  }

  @Override
  public Object validate(Object value) {
    long v;
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      v = ((Number) value).longValue();
    } else if (value instanceof Number n && Double.isFinite(n.doubleValue())
        && n.doubleValue() == Math.rint(n.doubleValue())) {
      v = (long) n.doubleValue();
    } else {
      throw new IllegalArgumentException("parameter '" + name + "': an int parameter needs an integer,"
          + " but got " + Describe.value(value));
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException("parameter '" + name + "': value must lie in [" + min + ", " + max
          + "], but got " + v);
    }
    if (!grid.isEmpty() && !grid.contains(v)) {
      throw new IllegalArgumentException("parameter '" + name + "': value must be one of the grid " + grid
          + ", but got " + v);
    }
    return v;
  }

  /** Number of distinct values. */
  public long size() {
    return grid.isEmpty() ? max - min + 1 : grid.size();
  }

  /** Position of {@code value} in [0, 1] on the search scale, with the ends at min - 0.5 and max + 0.5. */
  public double toUnit(double value) {
    // Widening by half a step on each side gives every integer an equal share of the unit interval,
    // so the end values are not under-sampled by uniform designs.
    double lo = min - 0.5;
    double hi = max + 0.5;
    if (log) {
      lo = Math.max(lo, 0.5);
      return (Math.log(value) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
    }
    return (value - lo) / (hi - lo);
  }

  /** The nearest valid integer to the unit position {@code unit}. */
  public long fromUnit(double unit) {
    double u = Math.min(1.0, Math.max(0.0, unit));
    double lo = min - 0.5;
    double hi = max + 0.5;
    double v;
    if (log) {
      lo = Math.max(lo, 0.5);
      v = Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo)));
    } else {
      v = lo + u * (hi - lo);
    }
    return Math.min(max, Math.max(min, Math.round(v)));
  }
}
