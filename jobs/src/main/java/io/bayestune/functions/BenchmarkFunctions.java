package io.bayestune.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.ExperimentOptions;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.Suggestion;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The eleven standard test functions, by name: {@code bayestune demo} minimizes one of them, and the benchmarks
 * (the bayestune-benchmarks module, not part of the cluster jar) measure strategies on all of them.
 */
public final class BenchmarkFunctions {
  private BenchmarkFunctions() {
  }

  /** All eleven, in the order the report lists them. */
  public static List<BenchmarkFunction> all() {
    return List.of(new Branin(), new SixHumpCamel(), Hartmann.hartmann3(), Hartmann.hartmann6(),
        new Rosenbrock(4), new Ackley(5), new Levy(6), new Rastrigin(4), new Michalewicz(),
        new StyblinskiTang(8), new MixedBranin());
  }

  public static BenchmarkFunction byName(String name) {
    for (BenchmarkFunction f : all()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("function \"" + name + "\": no such benchmark function; known are "
        + all().stream().map(BenchmarkFunction::name).collect(Collectors.joining(", ")));
  }

  /** The functions named in a comma-separated list, in its order; all of them for null or "all". */
  public static List<BenchmarkFunction> parse(String names) {
    if (names == null || names.isBlank() || names.equals("all")) {
      return all();
    }
    List<BenchmarkFunction> out = new ArrayList<>();
    for (String n : names.split(",")) {
      if (!n.isBlank()) {
        out.add(byName(n.trim()));
      }
    }
    return out;
  }

  /** The experiment for {@code f} with strategy {@code type}, budget and bandwidth set. */
  public static Experiment experiment(BenchmarkFunction f, String type, long seed, int budget, int bandwidth) {
    return experiment(f, type, seed, budget, bandwidth, ExperimentOptions.defaults());
  }

  /** As {@link #experiment(BenchmarkFunction, String, long, int, int)}, the optimizer working as {@code options} say. */
  public static Experiment experiment(BenchmarkFunction f, String type, long seed, int budget, int bandwidth,
      ExperimentOptions options) {
    ObjectNode spec = f.spec();
    spec.put("type", type);
    spec.put("observation_budget", budget);
    spec.put("parallel_bandwidth", bandwidth);
    return Experiment.create(SpecJson.parse(spec), seed, options);
  }

  /** Makes and observes {@code n} suggestions of {@code e} one at a time; the best value among them. */
  public static double bestOfNext(BenchmarkFunction f, Experiment e, int n) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      Suggestion s = e.suggest();
      double v = f.value(s.assignments());
      e.observe(s.id(), v, null);
      best = Math.min(best, v);
    }
    return best;
  }
}
