package io.bayestune.bench.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.functions.BenchmarkFunction;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.space.Assignments;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HighDimensionalSuiteTest {
  @Test
  void sixFunctionsOfTheIssuesDimensionsEachAtItsOptimumAtItsMinimizerAndAboveElsewhere() {
    List<BenchmarkFunction> suite = HighDimensionalSuite.all();
    assertEquals(List.of("ackley50", "rosenbrock30", "levy50", "styblinski-tang40", "hartmann6-in-100", "mixed60"),
        suite.stream().map(BenchmarkFunction::name).toList());
    for (BenchmarkFunction f : suite) {
      Assignments at = SpecJson.parse(f.spec().put("type", "random")).space().validate(f.minimizer());
      assertEquals(f.optimum(), f.value(at), 1e-9 * Math.max(1, Math.abs(f.optimum())), f.name());
      Map<String, Object> moved = new HashMap<>(f.minimizer());
      String first = moved.keySet().stream().filter(k -> k.startsWith("x")).sorted().findFirst().orElseThrow();
      moved.put(first, ((Double) moved.get(first)) + 0.25);
      assertTrue(f.value(new Assignments(moved)) > f.optimum(), f.name() + " should rise away from its minimizer");
    }
  }

  @Test
  void hartmann6InOneHundredIgnoresTheDummyCoordinatesAndMixed60TheCategoricalsMatter() {
    EmbeddedHartmann6 h = new EmbeddedHartmann6(100);
    double[] x = new double[100];
    java.util.Arrays.fill(x, 0.3);
    double before = h.value(x);
    java.util.Arrays.fill(x, 6, 100, 0.9);
    assertEquals(before, h.value(x), 0.0);
    Mixed60 m = new Mixed60();
    Map<String, Object> a = new HashMap<>(m.minimizer());
    a.put("c1", "a"); // centre -2 instead of 1, offset 0.5: (4 (9 + 2 (1 - cos 3 pi)) + 9) / 4 + 0.5
    assertEquals((4 * (9 + 4) + 9) / 4.0 + 0.5, m.value(new Assignments(a)), 1e-12);
  }
}
