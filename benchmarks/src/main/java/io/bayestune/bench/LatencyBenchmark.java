package io.bayestune.bench;

import io.bayestune.bench.jmh.SuggestLatencyBenchmark;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link SuggestLatencyBenchmark} with JMH and renders the "Suggestion latency" section: median
 * milliseconds per {@code suggest()} by observations, dimensions and open suggestions, and the two
 * acceptance targets (n = 100, d = 12 under 250 ms; n = 1000, d = 12 under 5 s).
 */
public final class LatencyBenchmark {
  static final String SECTION = "Suggestion latency";

  /**
   * @param observations, dimensions, open JMH {@code @Param} values (empty: the benchmark's own)
   */
  public record Options(List<String> observations, List<String> dimensions, List<String> open, List<String> batch,
      int forks, int warmup, int measurements, String commandLine) {
  }

  /** One parameter set's measured single-shot times. */
  public record Point(int n, int d, int open, int batch, double medianMs, double minMs, double maxMs, long samples) {
  }

  private LatencyBenchmark() {
  }

  public static List<Point> run(Options o, PrintStream log) throws RunnerException {
    ChainedOptionsBuilder b = new OptionsBuilder().include(SuggestLatencyBenchmark.class.getName() + ".suggest")
        .forks(o.forks()).warmupIterations(o.warmup()).measurementIterations(o.measurements())
        .shouldFailOnError(true);
    if (!o.observations().isEmpty()) {
      b.param("observations", o.observations().toArray(String[]::new));
    }
    if (!o.dimensions().isEmpty()) {
      b.param("dimensions", o.dimensions().toArray(String[]::new));
    }
    if (!o.open().isEmpty()) {
      b.param("open", o.open().toArray(String[]::new));
    }
    if (!o.batch().isEmpty()) {
      b.param("batch", o.batch().toArray(String[]::new));
    }
    Collection<RunResult> results = new Runner(b.build(),
        OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL)).run();
    List<Point> points = new ArrayList<>();
    for (RunResult r : results) {
      var params = r.getParams();
      var stats = r.getPrimaryResult().getStatistics();
      points.add(new Point(Integer.parseInt(params.getParam("observations")),
          Integer.parseInt(params.getParam("dimensions")), Integer.parseInt(params.getParam("open")),
          Integer.parseInt(params.getParam("batch")), stats.getPercentile(50.0), stats.getMin(), stats.getMax(), stats.getN()));
    }
    return points;
  }

  public static String render(List<Point> points, Options o, Environment env, double seconds) {
    StringBuilder md = new StringBuilder();
    md.append("Produced by\n\n```\n").append(o.commandLine()).append("\n```\n\n");
    md.append(String.format(Locale.ROOT, "on %s, %s (%d cores, %s, %s), in %.1f min. Work tree at commit %s; the"
        + " optimizer last changed in `%s`. JMH: SingleShotTime, %d fork(s), %d warm-up and %d measured calls per"
        + " cell, each from a fresh copy of the saved state (the model is fitted from scratch every call).%n%n",
        env.date(), env.host(), env.cores(), env.os(), env.jvm(), seconds / 60, env.commit(), env.optimizerCommit(),
        o.forks(), o.warmup(), o.measurements()));
    if (!env.bayesianStrategyPresent()) {
      md.append("> **Smoke test only:** `BayesianStrategy` was not on the classpath, so `offline` is the random"
          + " scaffold; these times say nothing about the GP.\n\n");
    }
    md.append("Median milliseconds per `suggest()` (min-max in parentheses); n = observations, d = dimensions.\n\n");
    TreeSet<Integer> ns = new TreeSet<>();
    Map<String, Map<Integer, Point>> rows = new TreeMap<>();
    for (Point p : points) {
      ns.add(p.n());
      rows.computeIfAbsent(String.format(Locale.ROOT, "%03d/%05d/%05d", p.d(), p.open(), p.batch()),
          k -> new TreeMap<>()).put(p.n(), p);
    }
    md.append("| d | open | batch |");
    ns.forEach(n -> md.append(" n = ").append(n).append(" |"));
    md.append("\n|---|---|---|");
    ns.forEach(n -> md.append("---|"));
    md.append('\n');
    rows.forEach((key, byN) -> {
      Point any = byN.values().iterator().next();
      md.append("| ").append(any.d()).append(" | ").append(any.open()).append(" | ").append(any.batch()).append(" |");
      for (int n : ns) {
        Point p = byN.get(n);
        md.append(p == null ? " - |" : String.format(Locale.ROOT, " %s (%s-%s) |", ms(p.medianMs()), ms(p.minMs()),
            ms(p.maxMs())));
      }
      md.append('\n');
    });
    md.append('\n');
    target(md, points, 100, 12, -1, 1, 250);
    target(md, points, 1000, 12, -1, 1, 5000);
    target(md, points, 5000, 12, 255, 1, 1000);
    target(md, points, 2000, 12, -1, 64, 3000);
    return md.toString();
  }

  /** The worst median among the cells at n, d and batch (and {@code open}, unless it is -1) against a limit. */
  private static void target(StringBuilder md, List<Point> points, int n, int d, int open, int batch, double limitMs) {
    double worst = Double.NaN;
    for (Point p : points) {
      if (p.n() == n && p.d() == d && p.batch() == batch && (open < 0 || p.open() == open)) {
        worst = Double.isNaN(worst) ? p.medianMs() : Math.max(worst, p.medianMs());
      }
    }
    md.append(String.format(Locale.ROOT, "- median < %s ms at n = %d, d = %d, %s, batch %d: %s%n",
        ms(limitMs), n, d, open < 0 ? "worst over open suggestions" : open + " open", batch,
        Double.isNaN(worst) ? "not measured" : ms(worst) + " ms, **"
            + (worst < limitMs ? "PASS" : "FAIL") + "**"));
  }

  static String ms(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 1 ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }
}
