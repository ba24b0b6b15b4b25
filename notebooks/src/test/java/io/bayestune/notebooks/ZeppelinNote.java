package io.bayestune.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Zeppelin note ({@code .zpln}, the JSON note format of Zeppelin 0.10 and later), checking
 * the structure Zeppelin's loader needs: a {@code name}, an {@code id}, {@code paragraphs} each with
 * an {@code id}, a {@code text} whose first line names its interpreter, a {@code config} object and
 * a {@code status}.
 */
final class ZeppelinNote {
  /** The date formats Zeppelin's note importer accepts (NotebookImportDeserializer, Zeppelin 0.10-0.12). */
  private static final String[] DATE_FORMATS = {"yyyy-MM-dd'T'HH:mm:ssZ", "MMM d, yyyy h:mm:ss a",
      "MMM dd, yyyy HH:mm:ss", "yyyy-MM-dd HH:mm:ss.SSS"};

  private ZeppelinNote() {
  }

  private static boolean isZeppelinDate(String value) {
    for (String format : DATE_FORMATS) {
      try {
        new java.text.SimpleDateFormat(format, java.util.Locale.US).parse(value);
        return true;
      } catch (java.text.ParseException e) {
        // try the next format
      }
    }
    return false;
  }

  /** @throws IllegalArgumentException naming the file, the paragraph and the missing or wrong field */
  static List<NotebookCell> read(Path file) throws IOException {
    JsonNode note = new ObjectMapper().readTree(file.toFile());
    for (String field : new String[] {"name", "id", "defaultInterpreterGroup"}) {
      if (!note.path(field).isTextual()) {
        throw new IllegalArgumentException(file + ": the note needs a string '" + field + "'");
      }
    }
    JsonNode paragraphs = note.path("paragraphs");
    if (!paragraphs.isArray() || paragraphs.isEmpty()) {
      throw new IllegalArgumentException(file + ": the note needs a non-empty 'paragraphs' array");
    }
    List<NotebookCell> cells = new ArrayList<>();
    for (int i = 0; i < paragraphs.size(); i++) {
      JsonNode p = paragraphs.get(i);
      int number = i + 1;
      String at = file + ": paragraph " + number;
      if (!p.path("id").isTextual() || !p.path("config").isObject() || !p.path("status").isTextual()) {
        throw new IllegalArgumentException(at + " needs a string 'id', an object 'config' and a string 'status'");
      }
      for (String field : new String[] {"dateCreated", "dateUpdated"}) {
        if (p.has(field) && !isZeppelinDate(p.path(field).asText())) {
          throw new IllegalArgumentException(at + ": '" + field + "' = '" + p.path(field).asText() + "' is in none of"
              + " the formats Zeppelin reads " + List.of(DATE_FORMATS));
        }
      }
      String text = p.path("text").asText("");
      int newline = text.indexOf('\n');
      String magic = newline < 0 ? text : text.substring(0, newline);
      String body = newline < 0 ? "" : text.substring(newline + 1);
      switch (magic.strip()) {
        case "%spark" -> cells.add(new NotebookCell(number, true, body));
        case "%md" -> cells.add(new NotebookCell(number, false, body));
        default -> throw new IllegalArgumentException(at + " starts with '" + magic + "'; this note uses %spark and %md");
      }
    }
    return cells;
  }
}
