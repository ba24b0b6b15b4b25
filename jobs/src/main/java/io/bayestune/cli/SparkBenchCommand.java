package io.bayestune.cli;

import io.bayestune.bench.Environment;
import io.bayestune.bench.MarkdownSections;
import io.bayestune.bench.SchedulingBenchmark;
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
        default:
          err.println("bayestune: bench spark needs \"scheduling\" or \"quality\"\n\n" + BenchCommand.USAGE);
          return 2;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("bayestune: bench interrupted");
      return 1;
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
