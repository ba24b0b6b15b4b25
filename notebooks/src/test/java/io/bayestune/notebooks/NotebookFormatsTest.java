package io.bayestune.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notebook files stay valid for their tools; the format checks reject what the tools would. */
class NotebookFormatsTest {
  private static final Path NOTEBOOKS = Path.of(System.getProperty("bayestune.notebooks", "."));

  @TempDir
  Path dir;

  @Test
  void bothNotebooksHaveTheSameCellsInTheirOwnFormats() throws Exception {
    List<NotebookCell> databricks = DatabricksNotebook.read(NOTEBOOKS.resolve("databricks/bayestune-tour.scala"));
    List<NotebookCell> zeppelin = ZeppelinNote.read(NOTEBOOKS.resolve("zeppelin/bayestune-tour.zpln"));
    assertEquals(databricks.size(), zeppelin.size());
    for (int i = 0; i < databricks.size(); i++) {
      assertEquals(databricks.get(i).code(), zeppelin.get(i).code(), "cell " + (i + 1) + " has the same kind");
    }
    assertTrue(databricks.stream().anyMatch(c -> c.code() && c.text().contains("display(")));
    assertTrue(zeppelin.stream().anyMatch(c -> c.code() && c.text().contains("z.show(")));
    assertTrue(zeppelin.stream().noneMatch(c -> c.text().contains("display(") || c.text().contains("dbfs:")),
        "no Databricks-only calls or paths in the Zeppelin note");
  }

  @Test
  void databricksCheckRejectsAMissingHeaderAndAStraySeparator() throws Exception {
    Path noHeader = Files.writeString(dir.resolve("a.scala"), "val x = 1\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DatabricksNotebook.read(noHeader)).getMessage()
        .contains("Databricks notebook source"));
    Path stray = Files.writeString(dir.resolve("b.scala"), DatabricksNotebook.HEADER + "\nval x = 1\n"
        + "// COMMAND ----------\nval y = 2\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DatabricksNotebook.read(stray)).getMessage()
        .contains("cell 1"));
    Path md = Files.writeString(dir.resolve("c.scala"), DatabricksNotebook.HEADER + "\n// MAGIC %md\n# t\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DatabricksNotebook.read(md)).getMessage()
        .contains("mixes MAGIC and plain lines"));
  }

  @Test
  void zeppelinCheckRejectsWhatZeppelinCannotLoad() throws Exception {
    String paragraph = "{\"id\": \"p1\", \"config\": {}, \"status\": \"READY\", \"text\": \"%%spark\\nval x = 1\"%s}";
    String note = "{\"name\": \"n\", \"id\": \"2ABCDEFGH\", \"defaultInterpreterGroup\": \"spark\", \"paragraphs\": [%s]}";
    Path good = Files.writeString(dir.resolve("good.zpln"), note.formatted(paragraph.formatted("")));
    assertEquals(List.of(new NotebookCell(1, true, "val x = 1")), ZeppelinNote.read(good));
    Path badDate = Files.writeString(dir.resolve("date.zpln"),
        note.formatted(paragraph.formatted(", \"dateUpdated\": \"yesterday\"")));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ZeppelinNote.read(badDate)).getMessage()
        .contains("dateUpdated"));
    Path noParagraphs = Files.writeString(dir.resolve("empty.zpln"), note.formatted(""));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ZeppelinNote.read(noParagraphs)).getMessage()
        .contains("paragraphs"));
    Path python = Files.writeString(dir.resolve("py.zpln"),
        note.formatted(paragraph.formatted("").replace("%spark", "%python")));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ZeppelinNote.read(python)).getMessage()
        .contains("%python"));
  }
}
