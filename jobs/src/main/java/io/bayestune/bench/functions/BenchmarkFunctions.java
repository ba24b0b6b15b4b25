package io.bayestune.bench.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The optimizer benchmark's eleven functions, by name. */
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
}
