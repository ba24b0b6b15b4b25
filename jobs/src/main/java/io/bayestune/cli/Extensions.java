package io.bayestune.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Commands beyond the three calls: demo, bench, serve, tokens, and (with the Spark job) run and report. */
final class Extensions {
  /**
   * The bench commands live in the bayestune-benchmarks module, which the cluster jar leaves out (benchmarks are
   * not the product); bin/bayestune and bench/run.sh put it on the classpath of a checkout.
   */
  static final String BENCH_COMMAND = "io.bayestune.bench.cli.BenchCommand";

  private Extensions() {
  }

  static int run(String command, String[] args, PrintStream out, PrintStream err) throws IOException {
    switch (command) {
      case "bench":
        return bench(args, out, err);
      case "demo":
        return DemoCommand.run(args, out);
      case "report":
        return ReportCommand.run(args, out);
      case "run":
        return RunCommand.run(args, out, err);
      case "serve":
        return ServeCommand.serve(args, out);
      case "tokens":
        return ServeCommand.tokens(args, out);
      default:
        err.println("bayestune: unknown command \"" + command + "\"");
        err.println();
        err.println(Main.USAGE);
        return 2;
    }
  }

  private static int bench(String[] args, PrintStream out, PrintStream err) throws IOException {
    Method run;
    try {
      run = Class.forName(BENCH_COMMAND).getMethod("run", String[].class, PrintStream.class, PrintStream.class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      err.println("bayestune: the benchmarks are not in this jar (" + BENCH_COMMAND + " not found); run"
          + " bench/run.sh from a checkout, or bin/bayestune, which put the benchmarks module on the classpath");
      return 1;
    }
    // Spark benches log through log4j: keep Spark at WARN before anything touches it, as `run` does.
    RunCommand.quietSparkLogsUnlessConfigured();
    try {
      return (Integer) run.invoke(null, args, out, err);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(BENCH_COMMAND + ".run is not public: " + e.getMessage(), e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("bench: " + cause, cause);
    }
  }
}
