package io.bayestune.bench.cli;

import io.bayestune.bench.Environment;
import io.bayestune.cli.Args;
import io.bayestune.bench.MarkdownSections;
import io.bayestune.bench.SchedulingBenchmark;
import io.bayestune.bench.SparkQualityBenchmark;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/** {@code bayestune bench spark scheduling|quality}: the Spark benchmarks, each its own section of docs/benchmarks.md. */
final class SparkBenchCommand {
  private SparkBenchCommand() {
  }

  static int run(String[] argv, String line, PrintStream out, PrintStream err) throws IOException {
    String part = argv.length > 1 ? argv[1] : "";
    try {
      switch (part) {
        case "scheduling":
          return scheduling(argv, line, out, err);
        case "quality":
          return quality(argv, line, out, err);
        default:
          err.println("bayestune: bench spark needs \"scheduling\" or \"quality\"\n\n" + BenchCommand.USAGE);
          return 2;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("bayestune: bench interrupted");
      return 1;
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("bench spark " + part + ": " + e.getMessage(), e);
    }
  }

  private static int scheduling(String[] argv, String line, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    Args a = new Args("bench spark scheduling", argv, 2, Set.of("trials", "parallelism", "seed", "lookahead", "out"), Set.of());
    int parallelism = (int) a.integer("parallelism", 4);
    SchedulingBenchmark.Options o = new SchedulingBenchmark.Options((int) a.integer("trials", 40), parallelism,
        a.integer("seed", 1), (int) a.integer("lookahead", 1), line);
    SparkSession spark = session("local[" + parallelism + "]", "bayestune bench spark scheduling");
    SchedulingBenchmark.Result r;
    try {
      r = SchedulingBenchmark.run(spark, o, err);
    } finally {
      spark.stop();
    }
    String body = SchedulingBenchmark.render(r, o, Environment.capture(BenchCommand.findScript()));
    write(a, "Spark: scheduling", body, out, err);
    return r.busyFraction() >= 0.9 ? 0 : 1;
  }

  private static int quality(String[] argv, String line, PrintStream out, PrintStream err) throws Exception {
    Args a = new Args("bench spark quality", argv, 2, Set.of("budget", "seeds", "parallelism", "max-iter", "depths",
        "steps", "master", "out"), Set.of());
    Path root = BenchCommand.findScript().getParent().getParent();
    SparkQualityBenchmark.Options o = new SparkQualityBenchmark.Options(
        SparkQualityBenchmark.exampleJob(root, a.get("max-iter") == null ? null : (int) a.integer("max-iter", 20)),
        (int) a.integer("budget", 30), (int) a.integer("seeds", 5), (int) a.integer("parallelism", 2),
        ints(a.get("depths") == null ? "2,3,4,5,6,8" : a.get("depths")),
        doubles(a.get("steps") == null ? "0.01,0.0266,0.0707,0.188,0.5" : a.get("steps")), line);
    SparkSession spark = session(a.get("master") == null ? "local[*]" : a.get("master"), "bayestune bench spark quality");
    SparkQualityBenchmark.Results r;
    try {
      r = SparkQualityBenchmark.run(spark, o, err);
    } finally {
      spark.stop();
    }
    write(a, "Spark: tuning quality", SparkQualityBenchmark.render(r, o, Environment.capture(BenchCommand.findScript())),
        out, err);
    return 0;
  }

  private static int[] ints(String csv) {
    return java.util.Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }

  private static double[] doubles(String csv) {
    return java.util.Arrays.stream(csv.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
  }

  static SparkSession session(String master, String name) {
    return SparkSession.builder().master(master).appName(name).config("spark.scheduler.mode", "FAIR")
        .config("spark.ui.showConsoleProgress", "false").getOrCreate();
  }

  private static void write(Args a, String title, String body, PrintStream out, PrintStream err) throws IOException {
    Path file = Path.of(a.get("out") == null ? "docs/benchmarks.md" : a.get("out"));
    MarkdownSections.write(file, title, body);
    out.println(body);
    err.println("bench: wrote section \"" + title + "\" of " + file);
  }
}
