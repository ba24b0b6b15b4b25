package io.bayestune.notebooks;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;

/**
 * What the notebook platform's display calls received, recorded by the shims the interpreter
 * predefines ({@code display}, {@code displayHTML}, {@code z.show}), so a test can check what a user
 * would have seen.
 */
public final class NotebookOutputs {
  /** A table shown to the user: its columns and how many rows it had. */
  public record Table(List<String> columns, long rows) {
  }

  private static final List<Table> TABLES = new ArrayList<>();
  private static final List<String> HTML = new ArrayList<>();

  private NotebookOutputs() {
  }

  /** {@code display(df)} and {@code z.show(df)}: prints the first rows, as the platform's table would show them. */
  public static synchronized void table(Dataset<?> df) {
    df.show(20, false);
    TABLES.add(new Table(List.of(df.columns()), df.count()));
  }

  public static synchronized void html(String html) {
    HTML.add(html);
  }

  static synchronized List<Table> tables() {
    return List.copyOf(TABLES);
  }

  static synchronized List<String> html() {
    return List.copyOf(HTML);
  }

  static synchronized void clear() {
    TABLES.clear();
    HTML.clear();
  }
}
