package io.bayestune.notebooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Databricks notebook in Scala source format, checking what Databricks' importer relies on:
 * the first line {@code // Databricks notebook source}, cells separated by a blank line, the line
 * {@code // COMMAND ----------} and a blank line, and markdown cells whose every line starts with
 * {@code // MAGIC}, the first being {@code // MAGIC %md}.
 */
final class DatabricksNotebook {
  static final String HEADER = "// Databricks notebook source";
  static final String SEPARATOR = "\n\n// COMMAND ----------\n\n";

  private DatabricksNotebook() {
  }

  /** @throws IllegalArgumentException naming the file, the cell and what is wrong */
  static List<NotebookCell> read(Path file) throws IOException {
    String source = Files.readString(file);
    if (!source.startsWith(HEADER + "\n")) {
      throw new IllegalArgumentException(file + ": the first line must be '" + HEADER + "'");
    }
    String[] parts = source.substring(HEADER.length() + 1).split(SEPARATOR, -1);
    List<NotebookCell> cells = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      int number = i + 1;
      if (part.isEmpty()) {
        throw new IllegalArgumentException(file + ": cell " + number + " is empty (two separators in a row?)");
      }
      if (part.contains("COMMAND ----------")) {
        throw new IllegalArgumentException(file + ": cell " + number + " holds a separator without the blank lines"
            + " around it; Databricks would not split there");
      }
      if (part.startsWith("// MAGIC")) {
        List<String> lines = part.lines().toList();
        if (!lines.get(0).equals("// MAGIC %md")) {
          throw new IllegalArgumentException(file + ": cell " + number + " is a MAGIC cell but not '%md'");
        }
        StringBuilder md = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
          if (!line.startsWith("// MAGIC")) {
            throw new IllegalArgumentException(file + ": cell " + number + " mixes MAGIC and plain lines: '" + line + "'");
          }
          md.append(line.replaceFirst("^// MAGIC ?", "")).append('\n');
        }
        cells.add(new NotebookCell(number, false, md.toString()));
      } else {
        cells.add(new NotebookCell(number, true, part));
      }
    }
    return cells;
  }
}
