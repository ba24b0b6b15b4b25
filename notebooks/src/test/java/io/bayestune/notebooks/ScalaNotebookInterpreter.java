package io.bayestune.notebooks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import scala.Console$;
import scala.Function0;
import scala.collection.immutable.List$;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;
import scala.tools.nsc.interpreter.shell.ReplReporterImpl;

/**
 * A Scala 2.13 interpreter set up the way a notebook platform sets up its Scala cells: {@code spark}
 * and {@code sc} bound, {@code spark.implicits._} imported, and the platform's display calls
 * ({@code display}, {@code displayHTML}, Zeppelin's {@code z.show}) predefined as shims that record
 * what they were given in {@link NotebookOutputs}.
 *
 * <p>Compiled cell classes go to {@code classDir}, which must be the SparkSession's
 * {@code spark.repl.class.outputDir}: executors then load the classes of closures defined in cells
 * from the driver (without it, a closure fails to deserialize with a ClassCastException of
 * SerializedLambda). Each interpreter names its line packages with its own prefix, so two notebooks
 * compiled into the same directory do not overwrite each other's classes.
 */
final class ScalaNotebookInterpreter implements AutoCloseable {
  private static final String SHIMS = """
      import spark.implicits._
      def display(df: org.apache.spark.sql.Dataset[_]): Unit = io.bayestune.notebooks.NotebookOutputs.table(df)
      def displayHTML(html: String): Unit = io.bayestune.notebooks.NotebookOutputs.html(html)
      object z {
        def show(df: org.apache.spark.sql.Dataset[_]): Unit = io.bayestune.notebooks.NotebookOutputs.table(df)
        def show(df: org.apache.spark.sql.Dataset[_], maxResult: Int): Unit = show(df.limit(maxResult))
      }
      """;

  /** How a cell ended and everything it printed (the interpreter's echo, compile errors, stdout). */
  record CellRun(Results.Result result, String output) {
    boolean succeeded() {
      return result instanceof Results.Success$;
    }
  }

  private final IMain imain;
  private final StringWriter echo = new StringWriter();
  private final ClassLoader previousContextLoader;
  private final String linePrefix;

  ScalaNotebookInterpreter(SparkSession spark, Path classDir, String linePrefix) {
    this.linePrefix = linePrefix;
    Settings settings = new Settings();
    settings.processArgumentString("-usejavacp -Yrepl-class-based -Yrepl-outdir " + classDir + " -nowarn");
    imain = new IMain(settings, new ReplReporterImpl(settings, new PrintWriter(echo, true)));
    previousContextLoader = Thread.currentThread().getContextClassLoader();
    check(withLinePrefix(() -> imain.bind("spark", "org.apache.spark.sql.SparkSession", spark, List$.MODULE$.empty())),
        "bind spark");
    check(withLinePrefix(() -> imain.bind("sc", "org.apache.spark.SparkContext", spark.sparkContext(),
        List$.MODULE$.empty())), "bind sc");
    check(run(SHIMS).result(), "define the notebook shims");
    // Spark resolves classes a cell defines (encoders, task results) through the context class loader.
    imain.setContextClassLoader();
  }

  /** Interprets one cell, capturing what it prints. */
  CellRun run(String code) {
    int start = echo.getBuffer().length();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    Results.Result result;
    try (PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8)) {
      Function0<Results.Result> body = () -> imain.interpret(code);
      result = withLinePrefix(() -> Console$.MODULE$.withOut(out, body));
    }
    String printed = echo.getBuffer().substring(start) + stdout.toString(StandardCharsets.UTF_8);
    return new CellRun(result, printed);
  }

  private <T> T withLinePrefix(java.util.function.Supplier<T> body) {
    // Read by the interpreter each time it names a line's package ($line1, $line2, ... by default).
    String previous = System.getProperty("scala.repl.name.line");
    System.setProperty("scala.repl.name.line", linePrefix);
    try {
      return body.get();
    } finally {
      if (previous == null) {
        System.clearProperty("scala.repl.name.line");
      } else {
        System.setProperty("scala.repl.name.line", previous);
      }
    }
  }

  private void check(Object result, String what) {
    if (!(result instanceof Results.Success$)) {
      throw new IllegalStateException("interpreter: could not " + what + ": " + result + "\n" + echo);
    }
  }

  @Override
  public void close() {
    imain.close();
    Thread.currentThread().setContextClassLoader(previousContextLoader);
  }
}
