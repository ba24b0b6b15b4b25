package io.bayestune.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayestune.functions.BenchmarkFunction;
import io.bayestune.optimizer.experiment.ExperimentOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The optimizer-quality benchmark: every function x strategy x seed run to the budget through the
 * ask/tell loop, Optuna's samplers on the same functions in a child process meanwhile, and the
 * open-suggestion runs. Results go to {@link QualityReport}.
 */
public final class OptimizerBenchmark {

  /**
   * What to run.
   *
   * @param seeds seeds 1..seeds for every (function, strategy)
   * @param strategies bayestune experiment types, e.g. offline, random, sobol
   * @param optunaSamplers Optuna samplers to run beside them (empty: none)
   * @param parallel suggestions kept open in the open-suggestion comparison (1: no comparison)
   * @param parallelFunctions the functions of that comparison
   * @param threads worker threads for independent (function, strategy, seed) runs
   * @param raw a CSV file to append every run to as it finishes, or null
   * @param experimentOptions how bayestune's optimizer works in every run (open-suggestion policy, warping)
   * @param batch suggestions asked for at once and all evaluated before any is observed (1: sequential), for
   *     bayestune's strategies and Optuna's samplers alike
   * @param optunaResults files an earlier {@code optuna_bench.py run --out} wrote, whose runs are used instead of
   *     running Optuna again (empty: run it); Optuna's samplers are seeded, so the same command gives the same runs
   */
  public record Options(int seeds, int budget, List<BenchmarkFunction> functions, List<String> strategies,
      List<String> optunaSamplers, int parallel, List<String> parallelFunctions, int threads, Path python,
      Path script, Path raw, String commandLine, ExperimentOptions experimentOptions, int batch,
      List<Path> optunaResults) {

    public Options {
      if (seeds < 1 || budget < 1 || threads < 1 || parallel < 1 || batch < 1) {
        throw new IllegalArgumentException("bench optimizer: seeds, budget, threads, parallel and batch must be at"
            + " least 1, but got " + seeds + ", " + budget + ", " + threads + ", " + parallel + ", " + batch);
      }
      if (parallel > budget) {
        throw new IllegalArgumentException("bench optimizer: --parallel " + parallel + " exceeds --budget " + budget);
      }
      functions = List.copyOf(functions);
      strategies = List.copyOf(strategies);
      optunaSamplers = List.copyOf(optunaSamplers);
      parallelFunctions = List.copyOf(parallelFunctions);
      optunaResults = List.copyOf(optunaResults);
    }

    /** The strategy whose open-suggestion behaviour is compared: offline when it runs. */
    public String parallelStrategy() {
      return strategies.contains("offline") ? "offline" : strategies.get(0);
    }

    public List<BenchmarkFunction> parallelFunctionList() {
      List<BenchmarkFunction> out = new ArrayList<>();
      if (parallel > 1) {
        for (BenchmarkFunction f : functions) {
          if (parallelFunctions.contains(f.name())) {
            out.add(f);
          }
        }
      }
      return out;
    }
  }

  /**
   * Everything measured.
   *
   * @param optunaVersions versions of Optuna and cmaes, or null when Optuna was skipped
   * @param optunaNote why Optuna was skipped, or null
   */
  public record Results(Options options, List<Run> runs, AskTellLoop.OpenCheck openCheck, JsonNode optunaVersions,
      String optunaNote, int consistencyPoints, Environment environment, double seconds) {
  }

  private OptimizerBenchmark() {
  }

  public static Results run(Options o, PrintStream log) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Environment env = Environment.capture(o.script());
    log.println("bench: " + env.summary());
    if (!env.bayesianStrategyPresent() && o.strategies().contains("offline")) {
      log.println("bench: NOTE io.bayestune.optimizer.strategy.BayesianStrategy is not on the classpath: 'offline'"
          + " is still the random scaffold, so its numbers are random search's");
    }
    OptunaSide optuna = new OptunaSide(o.python(), o.script());
    JsonNode versions = null;
    String note = o.optunaSamplers().isEmpty() ? "not requested (--optuna none)" : null;
    int points = 0;
    Process child = null;
    Path optunaOut = Files.createTempFile("optuna-bench", ".json");
    Path optunaLog = Files.createTempFile("optuna-bench", ".log");
    if (!o.optunaSamplers().isEmpty()) {
      java.io.ByteArrayOutputStream why = new java.io.ByteArrayOutputStream();
      versions = optuna.ensureAvailable(new PrintStream(why, true, StandardCharsets.UTF_8));
      if (versions == null) {
        note = why.toString(StandardCharsets.UTF_8).trim();
        log.println(note);
      } else {
        points = optuna.checkConsistency(o.functions());
        log.println("bench: Java and Python functions agree at " + points + " points; Optuna " + versions);
        if (o.optunaResults().isEmpty()) {
          child = optuna.start(o.functions(), o.optunaSamplers(), o.seeds(), o.budget(), o.batch(), optunaOut,
              optunaLog);
        }
      }
    }
    List<Run> earlier = new ArrayList<>();
    if (!o.optunaSamplers().isEmpty() && !o.optunaResults().isEmpty()) {
      OptunaResults loaded = OptunaResults.load(o.optunaResults(), o.functions(), o.optunaSamplers(), o.seeds(),
          o.budget(), o.batch());
      earlier.addAll(loaded.runs());
      versions = versions != null ? versions : loaded.versions();
      log.println("bench: Optuna's " + earlier.size() + " runs read from " + o.optunaResults());
    }
    if (o.raw() != null) {
      Files.writeString(o.raw(), RawCsv.HEADER);
    }

    List<Task> tasks = new ArrayList<>();
    for (BenchmarkFunction f : o.functions()) {
      for (String s : o.strategies()) {
        for (long seed = 1; seed <= o.seeds(); seed++) {
          tasks.add(new Task(f, s, seed, 1));
        }
      }
    }
    for (BenchmarkFunction f : o.parallelFunctionList()) {
      for (long seed = 1; seed <= o.seeds(); seed++) {
        tasks.add(new Task(f, o.parallelStrategy(), seed, o.parallel()));
      }
    }
    List<Run> runs = Collections.synchronizedList(new ArrayList<>());
    AskTellLoop.OpenCheck[] check = {AskTellLoop.OpenCheck.NONE};
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(o.threads());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Task t : tasks) {
        futures.add(pool.submit(() -> {
          AskTellLoop.Result r = o.batch() > 1 && t.open == 1
              ? AskTellLoop.batched(t.f, t.strategy, t.seed, o.budget(), o.batch(), o.experimentOptions())
              : AskTellLoop.run(t.f, t.strategy, t.seed, o.budget(), t.open, o.experimentOptions());
          runs.add(r.run());
          synchronized (check) {
            if (t.open > 1) {
              check[0] = check[0].add(r.check());
            }
          }
          appendRaw(o, t.f, r.run());
          Run run = r.run();
          log.printf(Locale.ROOT, "bench: [%d/%d] %s %s seed %d: regret %.4g after %d, %.1f s in suggest%s%n",
              done.incrementAndGet(), tasks.size(), t.f.name(), run.strategy(), t.seed,
              run.evaluations() == 0 ? Double.NaN : run.regret(run.evaluations(), t.f.optimum()),
              run.evaluations(), run.suggestSeconds(), run.failed() ? " FAILED " + run.error() : "");
          return null;
        }));
      }
      for (Future<?> fu : futures) {
        try {
          fu.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("bench: a run crashed the harness: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    for (Run r : earlier) {
      runs.add(r);
      appendRaw(o, byName(o, r.function()), r);
    }
    if (child != null) {
      log.println("bench: waiting for the Optuna runs ...");
      try {
        for (Run r : OptunaSide.collect(child, optunaOut, optunaLog)) {
          runs.add(r);
          appendRaw(o, byName(o, r.function()), r);
        }
      } catch (IllegalStateException e) {
        note = e.getMessage();
        log.println("bench: " + note);
      }
    }
    Files.deleteIfExists(optunaOut);
    Files.deleteIfExists(optunaLog);
    return new Results(o, List.copyOf(runs), check[0], versions, note, points, env,
        (System.nanoTime() - start) / 1e9);
  }

  private static BenchmarkFunction byName(Options o, String name) {
    return o.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  private static void appendRaw(Options o, BenchmarkFunction f, Run r) {
    if (o.raw() == null) {
      return;
    }
    synchronized (OptimizerBenchmark.class) {
      try {
        Files.writeString(o.raw(), RawCsv.line(r, f.optimum()), StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private record Task(BenchmarkFunction f, String strategy, long seed, int open) {
  }

  /** One CSV line per run: the regret after each checkpoint-worthy count is derivable from best_so_far. */
  static final class RawCsv {
    static final String HEADER = "function,strategy,seed,evaluations,regret_at_10,regret_at_25,regret_at_50,"
        + "regret_final,suggest_seconds,error\n";

    private RawCsv() {
    }

    static String line(Run r, double optimum) {
      StringBuilder sb = new StringBuilder();
      sb.append(r.function()).append(',').append(r.strategy()).append(',').append(r.seed()).append(',')
          .append(r.evaluations());
      for (int k : new int[] {10, 25, 50}) {
        sb.append(',').append(r.evaluations() >= k ? Double.toString(r.regret(k, optimum)) : "");
      }
      sb.append(',').append(r.evaluations() > 0 ? Double.toString(r.regret(r.evaluations(), optimum)) : "");
      sb.append(',').append(String.format(Locale.ROOT, "%.3f", r.suggestSeconds()));
      sb.append(',').append(r.error() == null ? "" : '"' + r.error().replace('"', '\'') + '"');
      return sb.append('\n').toString();
    }
  }
}
