package io.bayestune.bench;

import io.bayestune.bench.functions.HighDimensionalSuite;
import io.bayestune.functions.BenchmarkFunction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The "Optimizer quality" section of docs/benchmarks.md: how it was produced, one line per acceptance
 * criterion, where offline loses, and a table of simple regret (median [q1, q3] over seeds) per
 * checkpoint.
 */
public final class QualityReport {
  static final String SECTION = "Optimizer quality";
  /** The two Optuna samplers offline is held against, and the acceptance targets. */
  static final List<String> STRONG_BASELINES = List.of("tpe-multivariate", "cmaes");
  static final int TARGET_VS_STRONG = 8;

  private static final Map<String, String> LABELS = Map.of("offline", "offline (bayestune GP)", "random",
      "random", "sobol", "sobol", "grid", "grid", "tpe", "Optuna TPE", "tpe-multivariate",
      "Optuna TPE (multivariate)", "cmaes", "Optuna CMA-ES");

  private final OptimizerBenchmark.Results results;
  private final OptimizerBenchmark.Options o;

  public QualityReport(OptimizerBenchmark.Results results) {
    this.results = results;
    this.o = results.options();
  }

  /** Regret quartiles after {@code k} evaluations of the runs labelled {@code strategy}, or null if none. */
  public Cell cell(BenchmarkFunction f, String strategy, int k) {
    List<Double> regrets = new ArrayList<>();
    int failed = 0;
    for (Run r : results.runs()) {
      if (r.function().equals(f.name()) && r.strategy().equals(strategy)) {
        if (r.failed() || r.evaluations() < k) {
          failed++;
        } else {
          regrets.add(r.regret(k, f.optimum()));
        }
      }
    }
    if (regrets.isEmpty()) {
      return failed == 0 ? null : new Cell(null, failed);
    }
    return new Cell(Quartiles.of(regrets.stream().mapToDouble(Double::doubleValue).toArray()), failed);
  }

  /** @param quartiles null when every run failed */
  public record Cell(Quartiles quartiles, int failed) {
    double median() {
      return quartiles == null ? Double.NaN : quartiles.median();
    }
  }

  /** The checkpoints reported: 25 and 50 where within the budget, and the budget itself. */
  public List<Integer> checkpoints() {
    Set<Integer> ks = new LinkedHashSet<>();
    for (int k : new int[] {25, 50}) {
      if (k <= o.budget()) {
        ks.add(k);
      }
    }
    ks.add(o.budget());
    return new ArrayList<>(ks);
  }

  public List<String> columns() {
    List<String> cols = new ArrayList<>(o.strategies());
    if (results.optunaVersions() != null) {
      cols.addAll(o.optunaSamplers());
    }
    return cols;
  }

  public String render() {
    StringBuilder md = new StringBuilder();
    Environment env = results.environment();
    int k = o.budget();
    md.append("Produced by\n\n```\n").append(o.commandLine()).append("\n```\n\n");
    md.append(String.format(Locale.ROOT, "on %s, %s (%d cores, %s, %s), in %.1f min with %d thread(s)."
        + " Work tree at commit %s; the optimizer last changed in `%s`.%n%n", env.date(), env.host(), env.cores(),
        env.os(), env.jvm(), results.seconds() / 60, o.threads(), env.commit(), env.optimizerCommit()));
    if (!env.bayesianStrategyPresent()) {
      md.append("> **Smoke test only:** `BayesianStrategy` was not on the classpath, so `offline` here is the random"
          + " scaffold (and `sobol` too, until `SobolStrategy` lands); these numbers say nothing about the GP.\n\n");
    }
    if (results.optunaVersions() != null) {
      md.append("Optuna ").append(results.optunaVersions().path("optuna").asText()).append(" with cmaes ")
          .append(results.optunaVersions().path("cmaes").asText()).append(" (pinned in"
              + " python/requirements-test.txt, Python ").append(results.optunaVersions().path("python").asText()).append(") ran ")
          .append("`bench/optuna_bench.py` on the same functions, budgets and seeds; its Python functions were checked"
              + " equal to the Java ones at ").append(results.consistencyPoints()).append(" points before any run.\n\n");
    } else {
      md.append("Optuna was skipped: ").append(results.optunaNote()).append("\n\n");
    }
    md.append("Simple regret = (best value among the first k evaluations) - (known minimum), so 0 is perfect;"
        + " each cell is the median [first quartile, third quartile] over seeds 1..").append(o.seeds())
        .append(" (linear interpolation, numpy's default). The lowest median per row is bold.\n\n");

    md.append("### Acceptance at ").append(k).append(" evaluations\n\n");
    acceptance(md, k);
    losses(md, k);
    for (int c : checkpoints()) {
      md.append("### Simple regret after ").append(c).append(" evaluations\n\n");
      table(md, c);
    }
    parallel(md, k);
    timing(md);
    failures(md);
    return md.toString();
  }

  private void acceptance(StringBuilder md, int k) {
    int n = o.functions().size();
    boolean haveStrong = results.optunaVersions() != null && columns().containsAll(STRONG_BASELINES);
    if (o.strategies().contains("offline")) {
      if (haveStrong) {
        int wins = 0;
        for (BenchmarkFunction f : o.functions()) {
          wins += beats(f, "offline", betterOfStrong(f, k), k) ? 1 : 0;
        }
        // The high-dimensional suite's target (issue 12): at least 5 of its 6 functions; the standard one's 8 of 11.
        boolean highDim = HighDimensionalSuite.all().stream().map(BenchmarkFunction::name).toList()
            .containsAll(o.functions().stream().map(BenchmarkFunction::name).toList());
        int of = highDim ? HighDimensionalSuite.all().size() : 11;
        int target = highDim ? of - 1 : TARGET_VS_STRONG;
        md.append(String.format(Locale.ROOT, "- offline beats the better of TPE (multivariate) and CMA-ES on %d/%d"
            + " functions (target >= %d/%d): **%s**%n", wins, n, target, of,
            wins >= target * n / (double) of ? "PASS" : "FAIL"));
      } else {
        md.append("- offline vs the better of TPE (multivariate) and CMA-ES: not measured (Optuna skipped)\n");
      }
      if (o.strategies().contains("random")) {
        int wins = 0;
        for (BenchmarkFunction f : o.functions()) {
          wins += beats(f, "offline", "random", k) ? 1 : 0;
        }
        md.append(String.format(Locale.ROOT, "- offline beats random on %d/%d functions (target all): **%s**%n",
            wins, n, wins == n ? "PASS" : "FAIL"));
      }
    }
    List<BenchmarkFunction> pf = o.parallelFunctionList();
    if (!pf.isEmpty()) {
      String s = o.parallelStrategy();
      List<String> parts = new ArrayList<>();
      for (BenchmarkFunction f : pf) {
        parts.add(f.name() + " " + fmt(cell(f, s + "@" + o.parallel(), k).median()) + " vs "
            + fmt(cell(f, s, k).median()));
      }
      md.append("- ").append(o.parallel()).append(" open suggestions vs sequential (").append(s).append(", median regret"
          + " at ").append(k).append("): ").append(String.join("; ", parts)).append('\n');
      AskTellLoop.OpenCheck c = results.openCheck();
      md.append(String.format(Locale.ROOT, "- no open suggestion ever equals another: %d suggestions checked, %d"
          + " equal to an open one, %d equal to an observed one: **%s**%n", c.checks(), c.duplicatesAmongOpen(),
          c.equalToObserved(), c.duplicatesAmongOpen() + c.equalToObserved() == 0 ? "PASS" : "FAIL"));
      if (c.firstViolation() != null) {
        md.append("  - first violation: ").append(c.firstViolation()).append('\n');
      }
    }
    md.append('\n');
  }

  /** The label of whichever of TPE (multivariate) and CMA-ES has the lower median regret at k. */
  String betterOfStrong(BenchmarkFunction f, int k) {
    double tpe = median(f, STRONG_BASELINES.get(0), k);
    double cma = median(f, STRONG_BASELINES.get(1), k);
    return Double.isNaN(cma) || tpe <= cma ? STRONG_BASELINES.get(0) : STRONG_BASELINES.get(1);
  }

  /** Strictly lower median regret at k; a tie (say both 0) is not a win. */
  boolean beats(BenchmarkFunction f, String a, String b, int k) {
    double ma = median(f, a, k);
    double mb = median(f, b, k);
    return !Double.isNaN(ma) && (Double.isNaN(mb) || ma < mb);
  }

  private double median(BenchmarkFunction f, String strategy, int k) {
    Cell c = cell(f, strategy, k);
    return c == null ? Double.NaN : c.median();
  }

  private void losses(StringBuilder md, int k) {
    if (!o.strategies().contains("offline")) {
      return;
    }
    boolean haveStrong = results.optunaVersions() != null && columns().containsAll(STRONG_BASELINES);
    List<String> rows = new ArrayList<>();
    for (BenchmarkFunction f : o.functions()) {
      double off = median(f, "offline", k);
      String strong = haveStrong ? betterOfStrong(f, k) : null;
      boolean losesStrong = strong != null && !beats(f, "offline", strong, k);
      boolean losesRandom = o.strategies().contains("random") && !beats(f, "offline", "random", k);
      if (losesStrong || losesRandom) {
        String vsStrong = strong == null ? "n/a" : LABELS.get(strong) + " " + fmt(median(f, strong, k))
            + " (" + ratio(off, median(f, strong, k)) + ")";
        String vsRandom = o.strategies().contains("random") ? fmt(median(f, "random", k)) + " ("
            + ratio(off, median(f, "random", k)) + ")" : "n/a";
        rows.add("| " + f.name() + " | " + fmt(off) + " | " + vsStrong + " | " + vsRandom + " |");
      }
    }
    md.append("### Where offline does not win at ").append(k).append(" evaluations\n\n");
    if (rows.isEmpty()) {
      md.append("Nowhere: offline has the lower median regret than each baseline on every function.\n\n");
      return;
    }
    md.append("Ratios are offline's median regret over the baseline's (above 1: offline is worse).\n\n");
    md.append("| function | offline median | better of TPE (mv) / CMA-ES | random |\n|---|---|---|---|\n");
    rows.forEach(r -> md.append(r).append('\n'));
    md.append('\n');
  }

  private void table(StringBuilder md, int k) {
    List<String> cols = columns();
    md.append("| function |");
    cols.forEach(c -> md.append(' ').append(LABELS.getOrDefault(c, c)).append(" |"));
    md.append("\n|---|");
    cols.forEach(c -> md.append("---|"));
    md.append('\n');
    for (BenchmarkFunction f : o.functions()) {
      double best = Double.POSITIVE_INFINITY;
      for (String c : cols) {
        double m = median(f, c, k);
        if (!Double.isNaN(m)) {
          best = Math.min(best, m);
        }
      }
      md.append("| ").append(f.name()).append(" |");
      for (String c : cols) {
        md.append(' ').append(render(cell(f, c, k), best)).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private static String render(Cell c, double best) {
    if (c == null) {
      return "-";
    }
    if (c.quartiles() == null) {
      return "all " + c.failed() + " failed";
    }
    Quartiles q = c.quartiles();
    String m = fmt(q.median());
    String s = (q.median() == best ? "**" + m + "**" : m) + " [" + fmt(q.q1()) + ", " + fmt(q.q3()) + "]";
    return c.failed() > 0 ? s + " (" + c.failed() + " failed)" : s;
  }

  private void parallel(StringBuilder md, int k) {
    List<BenchmarkFunction> pf = o.parallelFunctionList();
    if (pf.isEmpty()) {
      return;
    }
    String s = o.parallelStrategy();
    md.append("### ").append(o.parallel()).append(" open suggestions vs sequential (").append(s).append(", after ")
        .append(k).append(" evaluations)\n\n");
    md.append("With ").append(o.parallel()).append(" open, the loop observes the oldest open suggestion and then"
        + " asks `suggest(1)` again, so every suggestion after the first ").append(o.parallel())
        .append(" is made knowing ").append(o.parallel() - 1).append(" pending ones.\n\n");
    md.append("| function | sequential | ").append(o.parallel()).append(" open | ratio of medians |\n|---|---|---|---|\n");
    for (BenchmarkFunction f : pf) {
      Cell seq = cell(f, s, k);
      Cell par = cell(f, s + "@" + o.parallel(), k);
      md.append("| ").append(f.name()).append(" | ").append(render(seq, Double.NaN)).append(" | ")
          .append(render(par, Double.NaN)).append(" | ").append(ratio(par == null ? Double.NaN : par.median(),
              seq == null ? Double.NaN : seq.median())).append(" |\n");
    }
    md.append('\n');
  }

  private void timing(StringBuilder md) {
    Map<String, double[]> perStrategy = new TreeMap<>();
    for (Run r : results.runs()) {
      double[] acc = perStrategy.computeIfAbsent(r.strategy(), x -> new double[2]);
      acc[0] += r.suggestSeconds();
      acc[1] += r.evaluations();
    }
    md.append("### Time in the strategy\n\nMean wall time per suggestion (bayestune: inside `suggest`; Optuna: the"
        + " whole study over its trials, objective included)")
        .append(o.threads() > 1 ? ", with " + o.threads() + " runs at a time on " + results.environment().cores()
            + " cores, so these are inflated" : "").append(":\n\n");
    List<String> parts = new ArrayList<>();
    perStrategy.forEach((s, acc) -> parts.add(String.format(Locale.ROOT, "%s %.1f ms", s, 1000 * acc[0] / acc[1])));
    md.append(String.join("; ", parts)).append(".\n\n");
  }

  private void failures(StringBuilder md) {
    List<String> failed = new ArrayList<>();
    for (Run r : results.runs()) {
      if (r.failed()) {
        failed.add(r.function() + "/" + r.strategy() + "/seed " + r.seed() + ": " + r.error());
      }
    }
    if (!failed.isEmpty()) {
      md.append("### Failed runs (left out of the medians)\n\n");
      failed.stream().limit(20).forEach(f -> md.append("- ").append(f).append('\n'));
      if (failed.size() > 20) {
        md.append("- ... and ").append(failed.size() - 20).append(" more\n");
      }
      md.append('\n');
    }
  }

  static String ratio(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return "n/a";
    }
    if (b == 0) {
      return a == 0 ? "1x" : "inf";
    }
    return String.format(Locale.ROOT, "%.2gx", a / b);
  }

  /** Three significant digits, scientific outside [1e-3, 1e4). */
  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a == 0) {
      return "0";
    }
    if (a >= 1e-3 && a < 1e4) {
      return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%.2e", v);
  }
}
