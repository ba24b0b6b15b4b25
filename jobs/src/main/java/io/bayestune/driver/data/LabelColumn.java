package io.bayestune.driver.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.bayestune.driver.job.DataSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The label as a double column, from the raw label: the positive class becomes 1.0 and every other
 * value 0.0; text classes without a positive class are numbered in sorted order; numbers are cast.
 * Rows without a label are dropped by the caller.
 */
final class LabelColumn {
  /** More distinct text labels than this is almost surely a wrong column, not a class label. */
  private static final int MAX_CLASSES = 100;

  private LabelColumn() {
  }

  static Column of(Dataset<Row> cached, DataSpec data, Task task, ColumnTypes.Kind kind) {
    String label = data.label();
    Column raw = col(label);
    if (task == Task.REGRESSION) {
      if (kind != ColumnTypes.Kind.NUMERIC) {
        throw new IllegalArgumentException("data.label: column '" + label + "' holds text such as "
            + quoted(distinct(cached, label, 3)) + ", but a regressor needs numbers; choose a numeric label");
      }
      return raw.try_cast(DataTypes.DoubleType);
    }
    List<String> values = distinct(cached, label, MAX_CLASSES + 1);
    if (data.positive() != null) {
      if (!values.contains(data.positive()) && !numericallyPresent(values, data.positive(), kind)) {
        throw new IllegalArgumentException("data.positive: \"" + data.positive() + "\" is not a value of the label '"
            + label + "'; its values: " + quoted(values));
      }
      Column isPositive = kind == ColumnTypes.Kind.NUMERIC
          ? raw.try_cast(DataTypes.DoubleType).equalTo(lit(Double.parseDouble(data.positive())))
          : raw.equalTo(lit(data.positive()));
      return when(raw.isNull(), lit(null).cast(DataTypes.DoubleType)).when(isPositive, lit(1.0)).otherwise(lit(0.0));
    }
    if (kind == ColumnTypes.Kind.NUMERIC) {
      return raw.try_cast(DataTypes.DoubleType);
    }
    if (values.size() == 2) {
      throw new IllegalArgumentException("data.positive: the label '" + label + "' has the text classes "
          + quoted(values) + "; name the positive one (it becomes 1.0), e.g. positive: " + values.get(0));
    }
    if (values.size() > MAX_CLASSES) {
      throw new IllegalArgumentException("data.label: column '" + label + "' has more than " + MAX_CLASSES
          + " distinct text values, too many for a class label; check the column");
    }
    Column indexed = null;
    for (int i = 0; i < values.size(); i++) {
      indexed = indexed == null ? when(raw.equalTo(values.get(i)), lit((double) i))
          : indexed.when(raw.equalTo(values.get(i)), lit((double) i));
    }
    return indexed;
  }

  /** Up to {@code limit} distinct non-null values as text, sorted. */
  private static List<String> distinct(Dataset<Row> cached, String column, int limit) {
    List<String> out = new ArrayList<>();
    for (Row r : cached.select(col(column).cast(DataTypes.StringType)).where(col(column).isNotNull()).distinct()
        .limit(limit).collectAsList()) {
      out.add(r.getString(0));
    }
    out.sort(null);
    return out;
  }

  private static boolean numericallyPresent(List<String> values, String positive, ColumnTypes.Kind kind) {
    if (kind != ColumnTypes.Kind.NUMERIC) {
      return false;
    }
    try {
      double p = Double.parseDouble(positive);
      return values.stream().anyMatch(v -> Double.parseDouble(v) == p);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String quoted(List<String> values) {
    return values.stream().map(v -> "\"" + v + "\"").reduce((a, b) -> a + ", " + b).orElse("(none)");
  }
}
