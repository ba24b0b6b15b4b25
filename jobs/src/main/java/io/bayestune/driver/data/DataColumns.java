package io.bayestune.driver.data;

import io.bayestune.driver.job.DataSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * Checks that the columns a job names exist in the data, and resolves the feature list (every column
 * but the label, by default). Errors name the field ({@code data.label}, {@code data.features[2]}) and
 * list the columns present.
 */
final class DataColumns {
  private DataColumns() {
  }

  /** The feature columns, in the data's order when defaulted. */
  static List<String> check(DataSpec data, Task task, StructType schema) {
    List<String> present = Arrays.asList(schema.fieldNames());
    if (task == Task.RATINGS) {
      require(data, "user", data.userColumn(), present);
      require(data, "item", data.itemColumn(), present);
      require(data, "rating", data.ratingColumn(), present);
      return List.of();
    }
    require(data, "label", data.label(), present);
    if (!data.features().isEmpty()) {
      for (int i = 0; i < data.features().size(); i++) {
        String f = data.features().get(i);
        require(data, "features[" + i + "]", f, present);
        if (f.equals(data.label())) {
          throw new IllegalArgumentException("data.features[" + i + "]: '" + f + "' is the label; a model must not"
              + " see its own label, remove it from the features");
        }
      }
      return List.copyOf(data.features());
    }
    List<String> features = new ArrayList<>(present);
    features.remove(data.label());
    if (features.isEmpty()) {
      throw new IllegalArgumentException("data.features: " + data.path() + " has no column besides the label '"
          + data.label() + "'; columns present: " + present);
    }
    return features;
  }

  private static void require(DataSpec data, String field, String column, List<String> present) {
    if (!present.contains(column)) {
      boolean headerless = !present.isEmpty() && present.stream().allMatch(c -> c.matches("_c\\d+"));
      throw new IllegalArgumentException("data." + field + ": column '" + column + "' is not in " + data.path()
          + "; columns present: " + String.join(", ", present)
          + (headerless && data.format().equals("csv") ? " (the file was read without a header row; set"
              + " data.options.header: \"true\" if its first line names the columns)" : ""));
    }
  }
}
