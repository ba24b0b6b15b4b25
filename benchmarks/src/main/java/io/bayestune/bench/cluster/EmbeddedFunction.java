package io.bayestune.bench.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.functions.BenchmarkFunction;
import io.bayestune.optimizer.space.Assignments;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A benchmark function of its own parameters {@code x1..xk} placed in a larger space: parameters
 * {@code x(k+1)..xd} on [0, 1] are added and ignored, so only the first k matter, as in the embedded
 * test problems of Wang, Hutter, Zoghi, Matheson and de Freitas 2016 ("Bayesian optimization in a
 * billion dimensions via random embeddings").
 */
final class EmbeddedFunction implements BenchmarkFunction {
  private final BenchmarkFunction inner;
  private final int innerDimension;
  private final int dimension;

  EmbeddedFunction(BenchmarkFunction inner, int dimension) {
    this.inner = inner;
    this.innerDimension = inner.spec().path("parameters").size();
    if (dimension <= innerDimension) {
      throw new IllegalArgumentException("embedding " + inner.name() + " (" + innerDimension + " parameters) needs more"
          + " dimensions, but got " + dimension);
    }
    this.dimension = dimension;
  }

  @Override
  public String name() {
    return inner.name() + "-in-" + dimension;
  }

  @Override
  public ObjectNode spec() {
    ObjectNode spec = inner.spec();
    spec.put("name", name());
    ArrayNode parameters = (ArrayNode) spec.path("parameters");
    for (int i = innerDimension + 1; i <= dimension; i++) {
      parameters.addObject().put("name", "x" + i).put("type", "double").putObject("bounds").put("min", 0.0)
          .put("max", 1.0);
    }
    return spec;
  }

  @Override
  public double value(Assignments a) {
    return inner.value(a);
  }

  @Override
  public double optimum() {
    return inner.optimum();
  }

  @Override
  public Map<String, Object> minimizer() {
    Map<String, Object> m = new LinkedHashMap<>(inner.minimizer());
    for (int i = innerDimension + 1; i <= dimension; i++) {
      m.put("x" + i, 0.5);
    }
    return m;
  }
}
