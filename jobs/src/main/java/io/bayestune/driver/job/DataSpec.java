package io.bayestune.driver.job;

import java.util.List;
import java.util.Map;

/**
 * The job file's {@code data} block: where the dataset is and which columns play which role.
 *
 * @param path a file, directory or glob; local, {@code file://}, {@code s3a://} or {@code hdfs://}
 * @param format Spark's reader format: {@code csv}, {@code parquet}, {@code json} or {@code libsvm}
 * @param options passed unchanged to Spark's reader, e.g. {@code header=true}
 * @param label the label column (null for {@code als}, which names {@code rating} instead)
 * @param positive for string labels, the value that becomes 1.0 (every other value becomes 0.0); or null
 * @param features the feature columns; empty means every column except the label
 * @param userColumn for {@code als}: the user id column, else null
 * @param itemColumn for {@code als}: the item id column, else null
 * @param ratingColumn for {@code als}: the rating column, else null
 */
public record DataSpec(String path, String format, Map<String, String> options, String label, String positive,
    List<String> features, String userColumn, String itemColumn, String ratingColumn) {

  public DataSpec {
    options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    features = features == null ? List.of() : List.copyOf(features);
  }

  /** True when the data names user, item and rating columns (a recommender job). */
  public boolean isRatings() {
    return userColumn != null || itemColumn != null || ratingColumn != null;
  }
}
