package io.bayestune.bench.functions;

import io.bayestune.functions.Ackley;
import io.bayestune.functions.BenchmarkFunction;
import io.bayestune.functions.Levy;
import io.bayestune.functions.Rosenbrock;
import io.bayestune.functions.StyblinskiTang;
import java.util.List;

/**
 * The high-dimensional suite of {@code bench optimizer --suite high-dim} (issue 12): Ackley-50, Rosenbrock-30,
 * Levy-50, Styblinski-Tang-40, Hartmann6 embedded in 100 dimensions and a 60-dimensional function with int and
 * categorical parameters; run at budget 500 in batches of 16. Mirrored in bench/bench_functions.py.
 */
public final class HighDimensionalSuite {
  public static final int BUDGET = 500;
  public static final int BATCH = 16;

  private HighDimensionalSuite() {
  }

  public static List<BenchmarkFunction> all() {
    return List.of(new Ackley(50), new Rosenbrock(30), new Levy(50), new StyblinskiTang(40), new EmbeddedHartmann6(100),
        new Mixed60());
  }

  /** The suite's functions named in a comma-separated list, in its order; all of them for null or "all". */
  public static List<BenchmarkFunction> parse(String names) {
    if (names == null || names.isBlank() || names.equals("all")) {
      return all();
    }
    List<BenchmarkFunction> out = new java.util.ArrayList<>();
    for (String n : names.split(",")) {
      out.add(all().stream().filter(f -> f.name().equals(n.trim())).findFirst().orElseThrow(
          () -> new IllegalArgumentException("function \"" + n.trim() + "\": not in the high-dimensional suite; known"
              + " are " + all().stream().map(BenchmarkFunction::name).toList())));
    }
    return out;
  }
}
