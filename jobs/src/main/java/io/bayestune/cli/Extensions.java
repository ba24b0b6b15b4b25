package io.bayestune.cli;

import java.io.PrintStream;

/** Commands beyond the three calls: demo, bench, and (with the Spark job) run and report. */
final class Extensions {
  private Extensions() {
  }

  static int run(String command, String[] args, PrintStream out, PrintStream err) throws java.io.IOException {
    switch (command) {
      case "bench":
        return BenchCommand.run(args, out, err);
      case "demo":
        return DemoCommand.run(args, out);
      case "report":
        return ReportCommand.run(args, out);
      case "run":
        return RunCommand.run(args, out, err);
      default:
        err.println("bayestune: unknown command \"" + command + "\"");
        err.println();
        err.println(Main.USAGE);
        return 2;
    }
  }
}
