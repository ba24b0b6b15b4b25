package io.bayestune.driver.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;

/**
 * Decides, per column, whether it is numeric, text or a vector. Text columns whose every non-empty
 * value parses as a number count as numeric: CSV is read without {@code inferSchema} (which would
 * cost a second pass over the source), and this is decided instead by one aggregation over the
 * cached copy.
 */
final class ColumnTypes {

  enum Kind { NUMERIC, TEXT, VECTOR }

  private ColumnTypes() {
  }

  /**
   * @param cached the data as read, already cached
   * @param field the job-file field the columns came from, for errors
   */
  static Map<String, Kind> of(Dataset<Row> cached, List<String> columns, String field) {
    Map<String, Kind> kinds = new LinkedHashMap<>();
    List<String> text = new ArrayList<>();
    for (String c : columns) {
      DataType t = cached.schema().apply(c).dataType();
      if (t instanceof NumericType || t instanceof BooleanType) {
        kinds.put(c, Kind.NUMERIC);
      } else if (t.equals(SQLDataTypes.VectorType())) {
        kinds.put(c, Kind.VECTOR);
      } else if (t instanceof StringType) {
        kinds.put(c, Kind.TEXT);
        text.add(c);
      } else {
        throw new IllegalArgumentException(field + ": column '" + c + "' has type " + t.simpleString()
            + ", which bayestune cannot prepare (numbers, booleans, text and ML vectors can be); leave it out of"
            + " data.features or convert it");
      }
    }
    if (text.isEmpty()) {
      return kinds;
    }
    List<Column> counts = new ArrayList<>();
    for (String c : text) {
      counts.add(count(col(c)));
      counts.add(count(col(c).try_cast(DataTypes.DoubleType)));
    }
    Row r = cached.agg(counts.get(0), counts.subList(1, counts.size()).toArray(new Column[0])).first();
    for (int i = 0; i < text.size(); i++) {
      long present = r.getLong(2 * i);
      long numbers = r.getLong(2 * i + 1);
      if (present == 0) {
        throw new IllegalArgumentException(field + ": column '" + text.get(i) + "' is empty in every row; leave it"
            + " out of data.features");
      }
      if (numbers == present) {
        kinds.put(text.get(i), Kind.NUMERIC);
      }
    }
    return kinds;
  }
}
