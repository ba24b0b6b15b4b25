package io.bayestune.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every Scala cell of the Databricks notebook and of the Zeppelin note, in order, in a Scala
 * 2.13 interpreter against a local[2] SparkSession, as the platforms would; fails on the first cell
 * that does not compile or throws, naming the notebook and the cell. Checks the files' formats and
 * what the cells displayed: the trial table (one row per trial) and the two HTML reports.
 */
class NotebooksIT {
  private static final int TRIALS = 3;
  private static final int LAB_RUNS = 8;
  private static final Path NOTEBOOKS = Path.of(System.getProperty("bayestune.notebooks", "."));
  private static SparkSession spark;
  @TempDir
  static Path classDir;
  @TempDir
  static Path models;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("bayestune.models", models.toString());
    System.setProperty("bayestune.maxTrials", Integer.toString(TRIALS));
    System.setProperty("bayestune.labRuns", Integer.toString(LAB_RUNS));
    spark = SparkSession.builder().master("local[2]").appName("NotebooksIT").config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.repl.class.outputDir", classDir.toString()).getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @BeforeEach
  void clearOutputs() {
    NotebookOutputs.clear();
  }

  @Test
  void databricksNotebookRunsCellByCell() throws Exception {
    Path file = NOTEBOOKS.resolve("databricks/bayestune-tour.scala");
    List<NotebookCell> cells = DatabricksNotebook.read(file);
    runAll(file, cells, "$databricks_line");
    checkDisplays(file);
  }

  @Test
  void zeppelinNoteRunsParagraphByParagraph() throws Exception {
    Path file = NOTEBOOKS.resolve("zeppelin/bayestune-tour.zpln");
    List<NotebookCell> cells = ZeppelinNote.read(file);
    List<String> printedHtml = runAll(file, cells, "$zeppelin_line");
    // Zeppelin shows a paragraph's output as HTML when it starts with %html.
    printedHtml.forEach(NotebookOutputs::html);
    checkDisplays(file);
  }

  @Test
  void aFailingCellIsNamedAndClosuresRunOnExecutors(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("broken.scala"), DatabricksNotebook.HEADER + "\n"
        + "// MAGIC %md\n// MAGIC # A notebook with a mistake"
        + DatabricksNotebook.SEPARATOR
        // A closure defined in a cell runs in a Spark task: its class is fetched from the interpreter's output.
        + "val sum = spark.range(1, 5).map(_ * 2).reduce(_ + _)\nassert(sum == 20L, sum)"
        + DatabricksNotebook.SEPARATOR
        + "val broken: Int = \"text\"\n");
    AssertionError e = assertThrows(AssertionError.class,
        () -> runAll(file, DatabricksNotebook.read(file), "$broken_line"));
    assertTrue(e.getMessage().startsWith(file + " cell 3 ended with Error"), e.getMessage());
    assertTrue(e.getMessage().contains("type mismatch"), e.getMessage());
  }

  /** Runs the code cells in order; returns the outputs that began with Zeppelin's %html. */
  private static List<String> runAll(Path file, List<NotebookCell> cells, String linePrefix) {
    assertTrue(cells.stream().anyMatch(c -> !c.code()), file + ": expected markdown cells explaining the steps");
    List<String> html = new java.util.ArrayList<>();
    try (ScalaNotebookInterpreter scala = new ScalaNotebookInterpreter(spark, classDir, linePrefix)) {
      for (NotebookCell cell : cells) {
        if (!cell.code()) {
          continue;
        }
        long t0 = System.nanoTime();
        ScalaNotebookInterpreter.CellRun run = scala.run(cell.text());
        System.out.printf("%s cell %d: %s in %.1f s%n%s%n", file.getFileName(), cell.number(), run.result(),
            (System.nanoTime() - t0) / 1e9, shown(run.output()));
        if (!run.succeeded()) {
          fail(file + " cell " + cell.number() + " ended with " + run.result() + ":\n" + run.output()
              + "\n--- the cell ---\n" + cell.text());
        }
        int at = run.output().indexOf("%html ");
        if (at >= 0) {
          html.add(run.output().substring(at + "%html ".length()));
        }
      }
    }
    return html;
  }

  /** A cell's output for the test log: HTML left out, long echoes cut. */
  private static String shown(String output) {
    StringBuilder sb = new StringBuilder();
    for (String line : output.split("\n")) {
      if (line.contains("%html") || line.contains("<style>")) {
        sb.append("  [html, ").append(line.length()).append(" characters]\n");
      } else {
        sb.append("  ").append(line.length() > 200 ? line.substring(0, 200) + "..." : line).append('\n');
      }
    }
    return sb.toString();
  }

  private static void checkDisplays(Path file) {
    List<NotebookOutputs.Table> tables = NotebookOutputs.tables();
    assertEquals(1, tables.size(), file + ": one table shown (the trials), got " + tables);
    NotebookOutputs.Table trials = tables.get(0);
    assertEquals(TRIALS, trials.rows(), file + ": one row per trial");
    assertEquals(List.of("id", "maxDepth", "stepSize", "subsamplingRate", "metric", "stddev", "status", "seconds",
        "error"), trials.columns());
    List<String> html = NotebookOutputs.html();
    assertEquals(2, html.size(), file + ": two reports shown (the GBT tuning and the lab experiment)");
    assertTrue(html.get(0).contains("GBT on the credit data") && html.get(0).contains("data-view=\"trials\""),
        file + ": the first report is the tuning's");
    assertTrue(html.get(1).contains("Concrete mix") && html.get(1).contains("compressive_strength"),
        file + ": the second report is the lab experiment's");
  }
}
