package io.bayestune.bench.functions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.functions.BenchmarkFunction;
import io.bayestune.optimizer.space.Assignments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 60-dimensional mixed function designed for the high-dimensional suite: ten groups, each of four doubles
 * {@code x} in [-5, 5], one int {@code k} in {-5..5} and one categorical {@code c} in {a, b, c, d}. The categorical
 * sets the group's centre m(a, b, c, d) = (-2, -1, 1, 3) and offset o = (0.5, 0.25, 0, 0.75); the group adds
 * <pre>  (sum over its doubles of (x - m)^2 + 2 (1 - cos(pi (x - m))) + (k - m)^2) / 4 + o(c)</pre>
 * (a Rastrigin-like ripple on a bowl). Minimum 0: every categorical "c", every double and int at 1. A strategy
 * that treats the categoricals as noise, or the ints as doubles it rounds badly, stays whole units above it.
 * Mirrored in bench/bench_functions.py.
 */
public final class Mixed60 implements BenchmarkFunction {
  private static final List<String> CATEGORIES = List.of("a", "b", "c", "d");
  private static final double[] CENTRE = {-2, -1, 1, 3};
  private static final double[] OFFSET = {0.5, 0.25, 0, 0.75};
  private static final int GROUPS = 10;

  @Override
  public String name() {
    return "mixed60";
  }

  @Override
  public ObjectNode spec() {
    ObjectNode spec = JsonNodeFactory.instance.objectNode().put("name", name());
    ArrayNode ps = spec.putArray("parameters");
    for (int i = 1; i <= 4 * GROUPS; i++) {
      ps.addObject().put("name", "x" + i).put("type", "double").putObject("bounds").put("min", -5.0).put("max", 5.0);
    }
    for (int g = 1; g <= GROUPS; g++) {
      ps.addObject().put("name", "k" + g).put("type", "int").putObject("bounds").put("min", -5).put("max", 5);
    }
    for (int g = 1; g <= GROUPS; g++) {
      ArrayNode values = ps.addObject().put("name", "c" + g).put("type", "categorical").putArray("categorical_values");
      CATEGORIES.forEach(values::add);
    }
    spec.putArray("metrics").addObject().put("name", "value").put("objective", "minimize");
    return spec;
  }

  @Override
  public double value(Assignments a) {
    double total = 0;
    for (int g = 0; g < GROUPS; g++) {
      int c = CATEGORIES.indexOf(a.getString("c" + (g + 1)));
      double m = CENTRE[c];
      double group = 0;
      for (int i = 0; i < 4; i++) {
        double d = a.getDouble("x" + (4 * g + i + 1)) - m;
        group += d * d + 2 * (1 - Math.cos(Math.PI * d));
      }
      double k = a.getLong("k" + (g + 1)) - m;
      total += (group + k * k) / 4 + OFFSET[c];
    }
    return total;
  }

  @Override
  public double optimum() {
    return 0.0;
  }

  @Override
  public Map<String, Object> minimizer() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 1; i <= 4 * GROUPS; i++) {
      m.put("x" + i, 1.0);
    }
    for (int g = 1; g <= GROUPS; g++) {
      m.put("k" + g, 1L);
    }
    for (int g = 1; g <= GROUPS; g++) {
      m.put("c" + g, "c");
    }
    return m;
  }

  @Override
  public String toString() {
    return name();
  }
}
