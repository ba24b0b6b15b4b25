package io.bayestune.functions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.space.Assignments;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A mixed-type function designed for this benchmark: Branin in two doubles, plus a bowl in two
 * integers whose centre depends on a categorical, plus a per-category offset:
 * f(x1, x2, k1, k2, colour) = branin(x1, x2) + (k1 - s1(colour))^2 + (k2 - s2(colour))^2 + o(colour)
 * with x1 in [-5, 10], x2 in [0, 15], k1, k2 in {-5..5} and colour in {red, green, blue};
 * s(red) = (-3, 2), s(green) = (2, -1), s(blue) = (0, 4); o = 0.5, 0, 1.
 *
 * <p>The minimum is Branin's f* = 0.397887 at colour = green, k1 = 2, k2 = -1 and any of Branin's
 * three minimizers. Each colour's bowl has its own integer centre, so a strategy that treats the
 * categorical as noise, or rounds the integers badly, lands a whole unit or more above the minimum.
 */
public final class MixedBranin implements BenchmarkFunction {
  private static final String[] COLOURS = {"red", "green", "blue"};
  private static final long[][] SHIFT = {{-3, 2}, {2, -1}, {0, 4}};
  private static final double[] OFFSET = {0.5, 0.0, 1.0};

  @Override
  public String name() {
    return "mixed-branin";
  }

  @Override
  public ObjectNode spec() {
    ObjectNode spec = ContinuousFunction.MAPPER.createObjectNode().put("name", name());
    ArrayNode ps = spec.putArray("parameters");
    ps.addObject().put("name", "x1").put("type", "double").putObject("bounds").put("min", -5.0).put("max", 10.0);
    ps.addObject().put("name", "x2").put("type", "double").putObject("bounds").put("min", 0.0).put("max", 15.0);
    ps.addObject().put("name", "k1").put("type", "int").putObject("bounds").put("min", -5).put("max", 5);
    ps.addObject().put("name", "k2").put("type", "int").putObject("bounds").put("min", -5).put("max", 5);
    ArrayNode colours = ps.addObject().put("name", "colour").put("type", "categorical")
        .putArray("categorical_values");
    for (String c : COLOURS) {
      colours.add(c);
    }
    spec.putArray("metrics").addObject().put("name", "value").put("objective", "minimize");
    return spec;
  }

  @Override
  public double value(Assignments a) {
    String colour = a.getString("colour");
    int c = java.util.Arrays.asList(COLOURS).indexOf(colour);
    if (c < 0) {
      throw new IllegalArgumentException("mixed-branin: colour must be one of red, green, blue, but got " + colour);
    }
    long d1 = a.getLong("k1") - SHIFT[c][0];
    long d2 = a.getLong("k2") - SHIFT[c][1];
    return Branin.value(a.getDouble("x1"), a.getDouble("x2")) + (double) (d1 * d1 + d2 * d2) + OFFSET[c];
  }

  @Override
  public double optimum() {
    return Branin.OPTIMUM;
  }

  @Override
  public Map<String, Object> minimizer() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("x1", Math.PI);
    m.put("x2", 2.275);
    m.put("k1", 2L);
    m.put("k2", -1L);
    m.put("colour", "green");
    return m;
  }

  @Override
  public String toString() {
    return name();
  }
}
