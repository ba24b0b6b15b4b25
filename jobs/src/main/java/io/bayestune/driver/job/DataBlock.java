package io.bayestune.driver.job;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the job file's {@code data} block; column names are checked against the data when it is loaded. */
final class DataBlock {
  static final Set<String> FORMATS = Set.of("csv", "parquet", "json", "libsvm");
  private static final Set<String> FIELDS = Set.of("path", "format", "options", "label", "positive", "features",
      "user", "item", "rating");

  private DataBlock() {
  }

  static DataSpec read(JobNode data) {
    data.checkFields(FIELDS);
    String path = data.text("path", "examples/data/credit_data.csv");
    String format = data.optionalText("format", null);
    if (format == null) {
      format = formatFromExtension(path);
      if (format == null) {
        throw data.error("format", "is required for \"" + path + "\" (no known file extension); one of "
            + String.join(", ", new java.util.TreeSet<>(FORMATS)));
      }
    }
    format = format.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw data.error("format", "must be one of " + String.join(", ", new java.util.TreeSet<>(FORMATS))
          + ", but got \"" + format + "\"");
    }
    Map<String, String> options = data.textMap("options");
    String label = data.optionalText("label", null);
    String positive = data.optionalText("positive", null);
    List<String> features = data.textList("features");
    String user = data.optionalText("user", null);
    String item = data.optionalText("item", null);
    String rating = data.optionalText("rating", null);
    boolean ratings = user != null || item != null || rating != null;
    if (ratings) {
      for (String[] f : new String[][] {{"user", user}, {"item", item}, {"rating", rating}}) {
        if (f[1] == null) {
          throw data.error(f[0], "is required with user, item and rating columns (for als), e.g."
              + " data: {user: userId, item: movieId, rating: rating}");
        }
      }
      for (String f : new String[] {"label", "positive", "features"}) {
        if (data.has(f)) {
          throw data.error(f, "does not apply to user/item/rating data (als); remove it");
        }
      }
    } else if (label == null) {
      if (!format.equals("libsvm")) {
        throw data.error("label", "is required: the column to predict, e.g. label: Status");
      }
      label = "label";
    }
    return new DataSpec(path, format, options, label, positive, features, user, item, rating);
  }

  private static String formatFromExtension(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith(".csv") || p.endsWith(".csv.gz")) {
      return "csv";
    }
    if (p.endsWith(".parquet")) {
      return "parquet";
    }
    if (p.endsWith(".json") || p.endsWith(".jsonl") || p.endsWith(".json.gz")) {
      return "json";
    }
    if (p.endsWith(".libsvm") || p.endsWith(".svm")) {
      return "libsvm";
    }
    return null;
  }
}
