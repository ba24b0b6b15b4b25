package io.bayestune.bench.cli;

import io.bayestune.bench.Environment;
import io.bayestune.cli.Args;
import io.bayestune.bench.LatencyBenchmark;
import io.bayestune.bench.MarkdownSections;
import io.bayestune.bench.OptimizerBenchmark;
import io.bayestune.bench.QualityReport;
import io.bayestune.bench.S3ReadBenchmark;
import io.bayestune.bench.WarmStartBenchmark;
import io.bayestune.bench.functions.HighDimensionalSuite;
import io.bayestune.functions.BenchmarkFunctions;
import io.bayestune.optimizer.experiment.ExperimentOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code bayestune bench ...}: the benchmarks that write docs/benchmarks.md. Not in the cluster jar: the CLI
 * ({@code io.bayestune.cli.Extensions}) calls {@link #run} by reflection when this module is on the classpath.
 */
public final class BenchCommand {
  static final String USAGE = String.join("\n",
      "bayestune bench optimizer [--seeds 20] [--budget 50] [--functions all|a,b] [--strategies offline,random,sobol]",
      "    [--optuna tpe,tpe-multivariate,cmaes|none] [--parallel 4] [--parallel-functions branin,hartmann6,mixed-branin]",
      "    [--suite standard|high-dim] [--batch 1 (high-dim: 16)] [--optuna-results optuna_bench-out.json,...]",
      "    [--local-model-above N] [--local-model-points N] [--trust-region true|false]",
      "    [--local-kernel auto|matern52|two-scale]",
      "    [--threads 1] [--pending-policy kriging-believer|constant-liar|fantasies] [--warp-outcomes true|false]",
      "    [--out docs/benchmarks.md] [--raw runs.csv] [--python .venv/bin/python] [--python-script F]",
      "bayestune bench latency [--observations 25,100,300,1000] [--dimensions 6,12] [--open 0,2,3] [--batch 1]",
      "    [--forks 1] [--warmup 2] [--iterations 5] [--out docs/benchmarks.md]",
      "bayestune bench warmstart [--seeds 10] [--prior 20] [--new 10] [--functions branin,hartmann6,mixed-branin]",
      "    [--out docs/benchmarks.md]",
      "bayestune bench spark scheduling [--trials 40] [--parallelism 4] [--seed 1] [--lookahead 1] [--out docs/benchmarks.md]",
      "bayestune bench spark quality [--budget 30] [--seeds 5] [--parallelism 2] [--max-iter 20]",
      "    [--depths 2,3,4,5,6,8] [--steps 0.01,0.0266,0.0707,0.188,0.5] [--master local[*]] [--out docs/benchmarks.md]",
      "bayestune bench s3 --at s3a://BUCKET/PREFIX [--size-mb 1024] [--columns 50] [--read-columns 3]",
      "    [--out docs/benchmarks.md]   (S3 settings from AWS_* and BAYESTUNE_S3_ENDPOINT)",
      ClusterBenchCommand.USAGE);

  private BenchCommand() {
  }

  /** Runs {@code bayestune bench args...}; the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    if (args.length > 0 && args[0].equals("s3")) {
      return s3(args, "bayestune bench " + String.join(" ", args), out, err);
    }
    if (args.length > 0 && args[0].equals("warmstart")) {
      return warmStart(args, "bayestune bench " + String.join(" ", args), out, err);
    }
    if (args.length > 0 && args[0].equals("cluster")) {
      return ClusterBenchCommand.run(args, "bayestune bench " + String.join(" ", args), out, err);
    }
    if (args.length > 0 && args[0].equals("spark")) {
      return SparkBenchCommand.run(args, "bayestune bench " + String.join(" ", args), out, err);
    }
    if (args.length == 0 || !(args[0].equals("optimizer") || args[0].equals("latency"))) {
      err.println("bayestune: bench needs \"optimizer\", \"latency\", \"warmstart\", \"cluster\", \"spark\" or \"s3\"\n\n" + USAGE);
      return 2;
    }
    String line = "bayestune bench " + String.join(" ", args);
    try {
      return args[0].equals("optimizer") ? optimizer(args, line, out, err) : latency(args, line, out, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("bayestune: bench interrupted");
      return 1;
    }
  }

  private static int optimizer(String[] argv, String line, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    Args a = new Args("bench optimizer", argv, 1, Set.of("seeds", "budget", "functions", "strategies", "optuna",
        "parallel", "parallel-functions", "threads", "out", "raw", "python", "python-script", "pending-policy",
        "warp-outcomes", "suite", "batch", "local-model-above", "local-model-points", "trust-region", "local-kernel",
        "optuna-results"), Set.of());
    String suite = a.get("suite") == null ? "standard" : a.get("suite");
    if (!suite.equals("standard") && !suite.equals("high-dim")) {
      throw new Args.UsageException("bench optimizer: --suite must be standard or high-dim, but got \"" + suite + "\"");
    }
    boolean highDim = suite.equals("high-dim");
    // The high-dimensional suite: its six functions, budget 500 in batches of 16, no open-suggestion comparison.
    String optuna = a.get("optuna") != null ? a.get("optuna") : highDim ? "tpe-multivariate,cmaes" : "tpe,tpe-multivariate,cmaes";
    Path script = a.get("python-script") != null ? Path.of(a.get("python-script")) : findScript();
    OptimizerBenchmark.Options o = new OptimizerBenchmark.Options((int) a.integer("seeds", highDim ? 10 : 20),
        (int) a.integer("budget", highDim ? HighDimensionalSuite.BUDGET : 50),
        highDim ? HighDimensionalSuite.parse(a.get("functions")) : BenchmarkFunctions.parse(a.get("functions")),
        list(a.get("strategies"), highDim ? "offline,random" : "offline,random,sobol"),
        optuna.equals("none") ? List.of() : list(optuna, ""),
        (int) a.integer("parallel", highDim ? 1 : 4), list(a.get("parallel-functions"), "branin,hartmann6,mixed-branin"),
        (int) a.integer("threads", 1), a.get("python") == null ? defaultPython(script) : Path.of(a.get("python")),
        script, a.get("raw") == null ? null : Path.of(a.get("raw")), line, experimentOptions(a),
        (int) a.integer("batch", highDim ? HighDimensionalSuite.BATCH : 1),
        a.get("optuna-results") == null ? List.of() : list(a.get("optuna-results"), "").stream().map(Path::of).toList());
    OptimizerBenchmark.Results results = OptimizerBenchmark.run(o, err);
    String body = new QualityReport(results).render();
    Path file = Path.of(a.get("out") == null ? "docs/benchmarks.md" : a.get("out"));
    String section = highDim ? "Optimizer quality: high-dimensional suite" : "Optimizer quality";
    MarkdownSections.write(file, section, body);
    out.println(body);
    err.println("bench: wrote section \"" + section + "\" of " + file);
    return 0;
  }

  /**
   * --pending-policy kriging-believer|constant-liar|fantasies, --warp-outcomes true|false, --local-model-above N,
   * --local-model-points N, --trust-region true|false and --local-kernel auto|matern52|two-scale (saved per
   * experiment).
   */
  private static ExperimentOptions experimentOptions(Args a) {
    ExperimentOptions o = ExperimentOptions.defaults();
    if (a.get("pending-policy") != null) {
      o = o.withPendingPolicy(a.get("pending-policy"));
    }
    String warp = a.get("warp-outcomes");
    if (warp != null && !warp.equals("true") && !warp.equals("false")) {
      throw new Args.UsageException("bench optimizer: --warp-outcomes must be true or false, but got \"" + warp + "\"");
    }
    o = warp == null ? o : o.withWarpOutcomes(Boolean.parseBoolean(warp));
    if (a.get("local-model-above") != null || a.get("local-model-points") != null) {
      o = o.withLocalModel((int) a.integer("local-model-above", o.localModelAbove()),
          (int) a.integer("local-model-points", o.localModelPoints()));
    }
    String trust = a.get("trust-region");
    if (trust != null && !trust.equals("true") && !trust.equals("false")) {
      throw new Args.UsageException("bench optimizer: --trust-region must be true or false, but got \"" + trust + "\"");
    }
    o = trust == null ? o : o.withTrustRegion(Boolean.parseBoolean(trust));
    return withLocalKernel("bench optimizer", o, a.get("local-kernel"));
  }

  /** {@code options} with {@code --local-kernel NAME} when given (null keeps them); a bad name is a usage error. */
  static ExperimentOptions withLocalKernel(String command, ExperimentOptions options, String name) {
    try {
      return name == null ? options : options.withLocalKernel(name);
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException(command + ": --" + e.getMessage().replace('_', '-'));
    }
  }

  private static int latency(String[] argv, String line, PrintStream out, PrintStream err) throws IOException {
    Args a = new Args("bench latency", argv, 1, Set.of("observations", "dimensions", "open", "batch", "forks",
        "warmup", "iterations", "out"), Set.of());
    LatencyBenchmark.Options o = new LatencyBenchmark.Options(list(a.get("observations"), ""),
        list(a.get("dimensions"), ""), list(a.get("open"), ""), list(a.get("batch"), ""), (int) a.integer("forks", 1),
        (int) a.integer("warmup", 2), (int) a.integer("iterations", 5), line);
    long start = System.nanoTime();
    List<LatencyBenchmark.Point> points;
    try {
      points = LatencyBenchmark.run(o, err);
    } catch (NoClassDefFoundError e) {
      err.println("bayestune: bench latency needs JMH on the classpath (jmh-core is a provided-scope dependency of"
          + " benchmarks): run it through bin/bayestune or bench/run.sh, which add it (" + e.getMessage() + ")");
      return 1;
    } catch (org.openjdk.jmh.runner.RunnerException e) {
      err.println("bayestune: bench latency: JMH failed: " + e.getMessage());
      return 1;
    }
    String body = LatencyBenchmark.render(points, o, Environment.capture(findScript()),
        (System.nanoTime() - start) / 1e9);
    Path file = Path.of(a.get("out") == null ? "docs/benchmarks.md" : a.get("out"));
    MarkdownSections.write(file, "Suggestion latency", body);
    out.println(body);
    err.println("bench: wrote section \"Suggestion latency\" of " + file);
    return 0;
  }

  private static int warmStart(String[] argv, String line, PrintStream out, PrintStream err) throws IOException {
    Args a = new Args("bench warmstart", argv, 1, Set.of("seeds", "prior", "new", "functions", "out"), Set.of());
    WarmStartBenchmark.Options o = new WarmStartBenchmark.Options(
        BenchmarkFunctions.parse(a.get("functions") == null ? "branin,hartmann6,mixed-branin" : a.get("functions")),
        (int) a.integer("seeds", 10), (int) a.integer("prior", 20), (int) a.integer("new", 10), line);
    String body = WarmStartBenchmark.render(WarmStartBenchmark.run(o, err), o, Environment.capture(findScript()));
    Path file = Path.of(a.get("out") == null ? "docs/benchmarks.md" : a.get("out"));
    MarkdownSections.write(file, "Warm start", body);
    out.println(body);
    err.println("bench: wrote section \"Warm start\" of " + file);
    return 0;
  }

  private static int s3(String[] argv, String line, PrintStream out, PrintStream err) throws IOException {
    Args a = new Args("bench s3", argv, 1, Set.of("at", "size-mb", "columns", "read-columns", "out"), Set.of());
    S3ReadBenchmark.Options o = new S3ReadBenchmark.Options(a.require("at"), (int) a.integer("size-mb", 1024),
        (int) a.integer("columns", 50), (int) a.integer("read-columns", 3), line);
    S3ReadBenchmark.Result result = S3ReadBenchmark.run(o,
        io.bayestune.connectors.s3.S3Settings.fromEnvironment(System.getenv()), err);
    writeSection(a.get("out"), "S3", S3ReadBenchmark.render(result, Environment.capture(findScript())), out, err);
    return 0;
  }

  /** Writes {@code body} as section {@code title} of {@code out} (default docs/benchmarks.md) and prints it. */
  static void writeSection(String outArgument, String title, String body, PrintStream out, PrintStream err)
      throws IOException {
    Path file = Path.of(outArgument == null ? "docs/benchmarks.md" : outArgument);
    MarkdownSections.write(file, title, body);
    out.println(body);
    err.println("bench: wrote section \"" + title + "\" of " + file);
  }

  private static List<String> list(String value, String absent) {
    String v = value == null ? absent : value;
    List<String> out = new ArrayList<>();
    Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
    return out;
  }

  /** The checkout's .venv/bin/python (made by .ci/python-env with optuna and cmaes pinned), else python3. */
  static Path defaultPython(Path script) {
    Path root = script.toAbsolutePath().getParent().getParent();
    Path venv = root == null ? null : root.resolve(".venv").resolve("bin").resolve("python");
    return venv != null && Files.isExecutable(venv) ? venv : Path.of("/usr/bin/python3");
  }

  /** bench/optuna_bench.py in the working directory or above it, or beside the jobs module's build output. */
  static Path findScript() {
    List<Path> starts = new ArrayList<>();
    starts.add(Path.of("").toAbsolutePath());
    try {
      starts.add(Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | SecurityException e) {
      // the working directory alone will do
    }
    for (Path start : starts) {
      for (Path p = start; p != null; p = p.getParent()) {
        Path candidate = p.resolve("bench").resolve("optuna_bench.py");
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    return Path.of("bench", "optuna_bench.py").toAbsolutePath();
  }
}
