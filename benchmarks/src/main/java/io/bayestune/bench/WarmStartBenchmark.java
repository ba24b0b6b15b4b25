package io.bayestune.bench;

import io.bayestune.functions.BenchmarkFunction;
import io.bayestune.functions.BenchmarkFunctions;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.experiment.WarmStart;
import java.util.List;
import java.util.Locale;

/**
 * Does a warm start pay? For each seed, an earlier experiment on the same function has {@code prior}
 * observations (a random-search run: past trials are rarely a good design); a new experiment imports
 * them and makes {@code fresh} suggestions, and a cold experiment with the same seed makes as many.
 * The comparison counts only the values of the new suggestions, so the warm start gets no credit for
 * points it merely inherited.
 */
public final class WarmStartBenchmark {
  /** What to run. */
  public record Options(List<BenchmarkFunction> functions, int seeds, int prior, int fresh, String commandLine) {
  }

  /** One function's regrets over seeds: best of the new suggestions, warm and cold. */
  public record Row(String function, double[] warm, double[] cold) {
  }

  private WarmStartBenchmark() {
  }

  public static List<Row> run(Options o, java.io.PrintStream log) {
    return o.functions().stream().map(f -> row(f, o, log)).toList();
  }

  private static Row row(BenchmarkFunction f, Options o, java.io.PrintStream log) {
    double[] warm = new double[o.seeds()];
    double[] cold = new double[o.seeds()];
    for (int seed = 1; seed <= o.seeds(); seed++) {
      Experiment earlier = BenchmarkFunctions.experiment(f, "random", 1000 + seed, o.prior(), 1);
      BenchmarkFunctions.bestOfNext(f, earlier, o.prior());
      Experiment w = BenchmarkFunctions.experiment(f, "offline", seed, o.fresh(), 1);
      WarmStart.fromExperiment(w, earlier);
      warm[seed - 1] = BenchmarkFunctions.bestOfNext(f, w, o.fresh()) - f.optimum();
      Experiment c = BenchmarkFunctions.experiment(f, "offline", seed, o.fresh(), 1);
      cold[seed - 1] = BenchmarkFunctions.bestOfNext(f, c, o.fresh()) - f.optimum();
      log.printf(Locale.ROOT, "bench: warm start %s seed %d: regret warm %.4g, cold %.4g%n", f.name(), seed,
          warm[seed - 1], cold[seed - 1]);
    }
    return new Row(f.name(), warm, cold);
  }

  public static String render(List<Row> rows, Options o, Environment env) {
    StringBuilder md = new StringBuilder();
    md.append("Produced by\n\n```\n").append(o.commandLine()).append("\n```\n\n");
    md.append(String.format(Locale.ROOT, "on %s, %s, work tree at commit %s.%n%n", env.date(), env.host(),
        env.commit()));
    md.append(String.format(Locale.ROOT, "Each seed: an earlier experiment holds %d random-search observations of"
        + " the same function; a new `offline` experiment imports them (`WarmStart.fromExperiment`, the CLI's"
        + " `create --warm-start-from`) and makes %d suggestions; a cold `offline` experiment with the same seed"
        + " makes %d. Cells: simple regret of the best **new** suggestion (inherited points earn nothing),"
        + " median [quartiles] over seeds 1..%d.%n%n", o.prior(), o.fresh(), o.fresh(), o.seeds()));
    md.append("| function | warm start | cold start | warm better? |\n|---|---|---|---|\n");
    int wins = 0;
    for (Row r : rows) {
      Quartiles w = Quartiles.of(r.warm());
      Quartiles c = Quartiles.of(r.cold());
      boolean better = w.median() < c.median();
      wins += better ? 1 : 0;
      md.append("| ").append(r.function()).append(" | ").append(cell(w)).append(" | ").append(cell(c))
          .append(" | ").append(better ? "yes" : "**no**").append(" |\n");
    }
    md.append("\nWarm start has the lower median on ").append(wins).append(" of ").append(rows.size())
        .append(" functions.\n");
    return md.toString();
  }

  private static String cell(Quartiles q) {
    return String.format(Locale.ROOT, "%.3g [%.3g, %.3g]", q.median(), q.q1(), q.q3());
  }
}
