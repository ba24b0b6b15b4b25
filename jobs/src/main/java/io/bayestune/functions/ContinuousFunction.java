package io.bayestune.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.space.Assignments;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A function of d doubles named {@code x1 .. xd} on a box: subclasses give the formula on a plain
 * {@code double[]}, this class the spec and the mapping from assignments.
 */
public abstract class ContinuousFunction implements BenchmarkFunction {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final String name;
  private final double[] lower;
  private final double[] upper;
  private final double optimum;
  private final double[] minimizer;

  /**
   * @param lower d lower bounds
   * @param upper d upper bounds
   * @param minimizer d coordinates of one global minimizer
   */
  protected ContinuousFunction(String name, double[] lower, double[] upper, double optimum, double[] minimizer) {
    if (lower.length != upper.length || lower.length != minimizer.length) {
      throw new IllegalArgumentException(name + ": bounds and minimizer must all have d entries, but got "
          + lower.length + ", " + upper.length + " and " + minimizer.length);
    }
    this.name = name;
    this.lower = lower.clone();
    this.upper = upper.clone();
    this.optimum = optimum;
    this.minimizer = minimizer.clone();
  }

  /** The same bounds {@code [low, high]} in each of {@code d} dimensions. */
  protected static double[] fill(int d, double v) {
    double[] out = new double[d];
    java.util.Arrays.fill(out, v);
    return out;
  }

  /** The value at {@code x}, d coordinates in the box. */
  public abstract double value(double[] x);

  public int dimension() {
    return lower.length;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ObjectNode spec() {
    ObjectNode spec = MAPPER.createObjectNode().put("name", name);
    ArrayNode parameters = spec.putArray("parameters");
    for (int i = 0; i < lower.length; i++) {
      parameters.addObject().put("name", "x" + (i + 1)).put("type", "double")
          .putObject("bounds").put("min", lower[i]).put("max", upper[i]);
    }
    spec.putArray("metrics").addObject().put("name", "value").put("objective", "minimize");
    return spec;
  }

  @Override
  public double value(Assignments a) {
    double[] x = new double[lower.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = a.getDouble("x" + (i + 1));
    }
    return value(x);
  }

  @Override
  public double optimum() {
    return optimum;
  }

  @Override
  public Map<String, Object> minimizer() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < minimizer.length; i++) {
      m.put("x" + (i + 1), minimizer[i]);
    }
    return m;
  }

  @Override
  public String toString() {
    return name;
  }
}
