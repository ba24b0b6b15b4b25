package io.bayestune.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.space.Assignments;
import java.util.Map;

/**
 * A test function with a known global minimum, for measuring how fast a strategy closes in on it.
 *
 * <pre>{@code
 * BenchmarkFunction f = BenchmarkFunctions.byName("branin");
 * ObjectNode spec = f.spec();                      // parameters and a metric to minimize
 * spec.put("type", "offline");
 * Experiment e = Experiment.create(SpecJson.parse(spec), 7);
 * Suggestion s = e.suggest();
 * e.observe(s.id(), f.value(s.assignments()), null);
 * double regret = e.best().orElseThrow().value() - f.optimum();
 * }</pre>
 *
 * <p>Every function here is mirrored formula for formula in {@code bench/bench_functions.py}, so that
 * Optuna's samplers see exactly the same problem; the benchmark checks the two agree before it runs.
 */
public interface BenchmarkFunction {

  /** A short lowercase name such as {@code hartmann6}, the same as in the Python mirror. */
  String name();

  /**
   * The SigOpt spec without {@code type}, budget or bandwidth: {@code parameters} and one metric
   * {@code value} with objective {@code minimize}. A fresh object on each call.
   */
  ObjectNode spec();

  /** The value at {@code a}, which holds every parameter of {@link #spec()}. */
  double value(Assignments a);

  /** The known global minimum value, to full double precision. */
  double optimum();

  /** One configuration where {@link #optimum()} is attained, as parameter name to Double/Long/String. */
  Map<String, Object> minimizer();
}
