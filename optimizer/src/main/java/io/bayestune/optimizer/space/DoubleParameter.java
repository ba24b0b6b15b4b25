package io.bayestune.optimizer.space;

import java.util.List;
import java.util.Map;

/**
 * A real-valued parameter on [min, max], searched in log space when {@code log} is set, or
 * restricted to an explicit {@code grid} of values.
 */
public record DoubleParameter(String name, double min, double max, boolean log, List<Double> grid,
    Map<String, List<String>> conditions) implements Parameter {

  public DoubleParameter {
    grid = grid == null ? List.of() : List.copyOf(grid);
    conditions = conditions == null ? Map.of() : Map.copyOf(conditions);
    if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
      throw new IllegalArgumentException("parameter '" + name + "': bounds must be finite with min < max,"
          + " but got min=" + min + ", max=" + max + "; swap or widen the bounds");
    }
    if (log && min <= 0) {
      throw new IllegalArgumentException("parameter '" + name + "': transformation=log requires bounds.min > 0,"
          + " but got min=" + min + "; raise min above 0 or drop the log transformation");
    }
  }

  public static DoubleParameter of(String name, double min, double max) {
    return new DoubleParameter(name, min, max, false, List.of(), Map.of());
  }

  public static DoubleParameter logScale(String name, double min, double max) {
    return new DoubleParameter(name, min, max, true, List.of(), Map.of());
  }

  @Override
  public String type() {
    return "double";
  }

  @Override
  public Object validate(Object value) {
    if (!(value instanceof Number number)) {
      throw new IllegalArgumentException("parameter '" + name + "': a double parameter needs a number,"
          + " but got " + Describe.value(value));
    }
    double v = number.doubleValue();
    if (!Double.isFinite(v) || v < min || v > max) {
      throw new IllegalArgumentException("parameter '" + name + "': value must lie in [" + min + ", " + max
          + "], but got " + v);
    }
    if (!grid.isEmpty() && !grid.contains(v)) {
      throw new IllegalArgumentException("parameter '" + name + "': value must be one of the grid " + grid
          + ", but got " + v);
    }
    return v;
  }

  /** Position of {@code value} in [0, 1] on the search scale (log or linear). */
  public double toUnit(double value) {
    return log ? (Math.log(value) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (value - min) / (max - min);
  }

  /** The value at {@code unit} in [0, 1], clipped to the bounds. */
  public double fromUnit(double unit) {
    double u = Math.min(1.0, Math.max(0.0, unit));
    if (u == 0.0 || u == 1.0) {
      return u == 0.0 ? min : max; // exact ends, which exp(log(.)) would miss by an ulp
    }
    double v = log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
    return Math.min(max, Math.max(min, v));
  }
}
