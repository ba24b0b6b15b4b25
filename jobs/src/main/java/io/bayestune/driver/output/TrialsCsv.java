package io.bayestune.driver.output;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The trials table as ONE CSV file ({@code trials.csv}), which pandas, R and a spreadsheet open as they are: a header
 * line of column names, then one line per row, in RFC 4180 form. A field holding a comma, a double quote or a line break
 * is quoted, its quotes doubled; a null is an empty field; numbers are written as Java prints them ({@code 0.25},
 * {@code 1.0E-5}), which every CSV reader parses. The table is small (one row per trial), so it is rendered on the
 * driver and written with Hadoop's FileSystem, as {@code best.json} is, instead of Spark's writer and its directory of
 * part files.
 */
public final class TrialsCsv {
  private TrialsCsv() {
  }

  /** The CSV text of {@code rows} under {@code schema}'s column names, ending with a line break. */
  public static String render(StructType schema, List<Row> rows) {
    StringBuilder out = new StringBuilder();
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      out.append(i == 0 ? "" : ",").append(field(fields[i].name()));
    }
    out.append('\n');
    for (Row row : rows) {
      for (int i = 0; i < fields.length; i++) {
        Object cell = row.get(i);
        out.append(i == 0 ? "" : ",").append(cell == null ? "" : field(cell.toString()));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * Writes (replacing) {@code location} with {@code text}. An output written by an earlier bayestune holds a directory
   * of part files under that name; it is removed first, since a file cannot replace a directory.
   */
  public static void write(Configuration conf, String location, String text) throws IOException {
    Path path = new Path(location);
    FileSystem fs = path.getFileSystem(conf);
    if (fs.exists(path) && fs.getFileStatus(path).isDirectory()) {
      fs.delete(path, true);
    }
    TextFiles.write(conf, location, text);
  }

  static String field(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
