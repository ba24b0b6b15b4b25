package io.bayestune.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/** The {@code bayestune} command line. */
public final class Main {
  static final String USAGE = String.join("\n",
      "bayestune: Bayesian optimization for expensive experiments",
      "",
      "  bayestune run JOB.yaml [--output DIR] [--budget N] [--master M] [--warm-start-from LOCATION]",
      "                                                   tune a Spark ML model (or an objective) on Spark",
      "  bayestune create SPEC.json --at DIR [--seed N]   create an experiment (prints it)",
      "      [--warm-start-from DIR | --warm-start-csv FILE]  starting from earlier observations",
      "  bayestune suggest --at DIR [--count N]           ask for suggestions",
      "  bayestune observe --at DIR --suggestion ID --value V [--stddev S]",
      "  bayestune observe --at DIR --suggestion ID --value auc=0.83 --value recall=0.71 [--stddev auc=0.01]",
      "      (multimetric: each metric by name; or --values '[{\"name\":\"auc\",\"value\":0.83},...]')",
      "  bayestune observe --at DIR --suggestion ID --failed [--reason TEXT]",
      "  bayestune observe --at DIR --assignments '{\"x\":0.3}' --value V  a past trial no suggestion asked for",
      "      (also with --values or --failed); --csv FILE: past trials in bulk (header: parameters, metric)",
      "  bayestune best --at DIR                          the best assignments so far",
      "  bayestune show --at DIR                          the experiment and its progress",
      "  bayestune report --at DIR [--out FILE] [--title T] the experiment as one HTML page (charts, table)",
      "  bayestune ask-tell                               JSON lines on stdin/stdout, for any language",
      "  bayestune serve --tokens FILE [--port 8080] [--host 127.0.0.1] [--state DIR|s3a://...] [--prepare 16]",
      "                                                   SigOpt's REST API v1 over HTTP (docs/service.md)",
      "  bayestune tokens create --team T --tokens FILE   print a new API token; its hash goes into FILE",
      "  bayestune demo [--function F] [--budget N] [--seed N]  the three calls on a benchmark function",
      "  bayestune bench optimizer [--seeds N] [--budget N] [--functions a,b] [--out FILE]",
      "  bayestune bench latency [--observations 25,100] [--dimensions 6,12] [--out FILE]",
      "",
      "The three calls print JSON. DIR is a local directory (its state survives a kill -9 between calls).",
      "run prints a line per trial; spark-submit --class io.bayestune.cli.Main bayestune.jar run JOB.yaml works too.");

  private Main() {
  }

  public static void main(String[] argv) {
    int status = run(argv, System.out, System.err);
    if (System.getenv("DATABRICKS_RUNTIME_VERSION") != null) {
      // A Databricks JAR task shares its JVM with the cluster: System.exit would take the driver
      // down, and the task's outcome is read from main returning or throwing.
      if (status != 0) {
        throw new IllegalStateException("bayestune " + String.join(" ", argv) + " failed with status " + status
            + " (the cause is printed above)");
      }
      return;
    }
    System.exit(status);
  }

  static int run(String[] argv, PrintStream out, PrintStream err) {
    if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
      out.println(USAGE);
      return argv.length == 0 ? 2 : 0;
    }
    String command = argv[0];
    try {
      ExperimentCommands experiments = new ExperimentCommands(out);
      switch (command) {
        case "create":
          experiments.create(new Args(command, argv, 1, Set.of("at", "seed", "warm-start-from", "warm-start-csv"), Set.of()));
          return 0;
        case "suggest":
          experiments.suggest(new Args(command, argv, 1, Set.of("at", "count"), Set.of()));
          return 0;
        case "observe":
          experiments.observe(new Args(command, argv, 1,
              Set.of("at", "suggestion", "assignments", "csv", "value", "values", "stddev", "reason"), Set.of("failed")));
          return 0;
        case "best":
          experiments.best(new Args(command, argv, 1, Set.of("at"), Set.of()));
          return 0;
        case "show":
          experiments.show(new Args(command, argv, 1, Set.of("at"), Set.of()));
          return 0;
        case "ask-tell":
          new AskTellServer().serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
          return 0;
        default:
          return Extensions.run(command, Arrays.copyOfRange(argv, 1, argv.length), out, err);
      }
    } catch (Args.UsageException e) {
      if (jsonErrors()) {
        err.println(errorJson("usage", e));
        return 2;
      }
      err.println("bayestune: " + e.getMessage());
      err.println();
      err.println(USAGE);
      return 2;
    } catch (IllegalArgumentException | IllegalStateException | java.io.IOException e) {
      err.println(jsonErrors() ? errorJson(family(e), e) : "bayestune: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Whether errors go to stderr as one JSON line, {@code {"object":"error","type":...,"message":...}}: set by the
   * Python package ({@code -Dbayestune.errors=json}), which turns them into Python exceptions by type.
   */
  private static boolean jsonErrors() {
    return "json".equals(System.getProperty("bayestune.errors"));
  }

  private static String errorJson(String type, Exception e) {
    return SigOptJson.line(SigOptJson.MAPPER.createObjectNode().put("object", "error").put("type", type)
        .put("class", e.getClass().getName()).put("message", String.valueOf(e.getMessage())));
  }

  /** bad input, misuse of the experiment's lifecycle, a missing file, or another I/O failure. */
  private static String family(Exception e) {
    if (e instanceof IllegalArgumentException) {
      return "invalid";
    }
    if (e instanceof IllegalStateException) {
      return "state";
    }
    return e instanceof java.nio.file.NoSuchFileException || e instanceof java.io.FileNotFoundException
        ? "not_found" : "io";
  }
}
