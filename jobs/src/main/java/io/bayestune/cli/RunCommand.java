package io.bayestune.cli;

import io.bayestune.driver.TuningJob;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code bayestune run JOB.yaml [--output DIR] [--budget N] [--master M] [--warm-start-from LOCATION]}: tunes a model on Spark as the
 * job file says, printing one line per finished trial and a summary. Also the spark-submit entry:
 * {@code spark-submit --class io.bayestune.cli.Main bayestune.jar run JOB.yaml}.
 */
final class RunCommand {
  static final String LOG_CONFIG = "io/bayestune/cli/log4j2-run.properties";

  private RunCommand() {
  }

  static int run(String[] argv, PrintStream out, PrintStream err) throws IOException {
    Args args = new Args("run", argv, 0, Set.of("output", "budget", "master", "warm-start-from"), Set.of());
    if (args.positional().size() != 1) {
      throw new Args.UsageException("run: needs one job file, e.g. bayestune run examples/credit-gbt.yaml, but got "
          + args.positional());
    }
    quietSparkLogsUnlessConfigured();
    TuningJob.Overrides overrides = new TuningJob.Overrides(args.get("output"),
        args.get("budget") == null ? null : (int) args.integer("budget", 0), args.get("master"),
        args.get("warm-start-from"));
    try {
      TuningJob.run(Path.of(args.positional().get(0)), overrides, out);
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("bayestune: run interrupted; what was observed is saved, run the same command again to resume");
      return 1;
    }
  }

  /**
   * Spark logs at INFO by default, some hundred lines per job; without a configuration of the user's
   * own, ours keeps Spark at WARN. Must run before anything touches log4j.
   */
  static void quietSparkLogsUnlessConfigured() {
    boolean configured = System.getProperty("log4j2.configurationFile") != null
        || System.getProperty("log4j.configurationFile") != null
        || RunCommand.class.getClassLoader().getResource("log4j2.properties") != null
        || RunCommand.class.getClassLoader().getResource("log4j2.xml") != null;
    if (!configured) {
      System.setProperty("log4j2.configurationFile", LOG_CONFIG);
    }
  }
}
