package io.bayestune.connectors.data;

import io.bayestune.connectors.s3.S3Errors;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a dataset with Spark's own readers (CSV, Parquet, JSON lines, LibSVM) from any Hadoop path: a
 * single object, a prefix (every file under it) or a glob ({@code s3a://b/data/part-*.csv}). The format
 * is given or taken from the file extension; CSV defaults to a header row and inferred column types.
 * Failures to reach the data come out as {@link S3Errors} explains them (URI, status, setting to check).
 *
 * <pre>{@code
 * Dataset<Row> credit = Datasets.read(spark, "s3a://lab/credit/credit_data.csv", null, Map.of());
 * }</pre>
 */
public final class Datasets {
  private Datasets() {
  }

  /** The formats this reader knows, by the name Spark's DataFrameReader takes. */
  public enum Format {
    CSV("csv"), PARQUET("parquet"), JSON("json"), LIBSVM("libsvm");

    private final String sparkName;

    Format(String sparkName) {
      this.sparkName = sparkName;
    }

    public String sparkName() {
      return sparkName;
    }

    /** A format by name (csv, parquet, json, jsonl, libsvm, svm). */
    public static Format of(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "csv" -> CSV;
        case "parquet" -> PARQUET;
        case "json", "jsonl", "ndjson" -> JSON;
        case "libsvm", "svm" -> LIBSVM;
        default -> throw new IllegalArgumentException("format '" + name + "': unknown; use csv, parquet, json"
            + " (JSON lines) or libsvm");
      };
    }

    /** The format a path's extension names, or null. */
    static Format ofPath(String path) {
      String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
      for (String ext : new String[] {"csv", "parquet", "json", "jsonl", "ndjson", "libsvm", "svm"}) {
        if (p.endsWith("." + ext) || p.endsWith("." + ext + ".gz")) {
          return of(ext);
        }
      }
      return null;
    }
  }

  /**
   * Reads {@code path}.
   *
   * @param format csv, parquet, json or libsvm; null: from the extension
   * @param options Spark reader options laid over the defaults
   * @throws IllegalArgumentException when the format is unknown or cannot be told from the path
   * @throws IOException when the data cannot be reached (403, 404, unreachable endpoint), saying what to check
   */
  public static Dataset<Row> read(SparkSession spark, String path, String format, Map<String, String> options)
      throws IOException {
    Format f = format != null ? Format.of(format) : Format.ofPath(path);
    if (f == null) {
      throw new IllegalArgumentException(path + ": cannot tell the format from the name; give format csv, parquet,"
          + " json or libsvm");
    }
    Map<String, String> all = new LinkedHashMap<>();
    if (f == Format.CSV) {
      all.put("header", "true");
      all.put("inferSchema", "true");
    }
    all.putAll(options);
    try {
      // load() lists the files and infers the schema here, inside the try, so an unreachable bucket
      // or a missing path is explained below rather than at the first trial.
      return spark.read().format(f.sparkName()).options(all).load(path);
    } catch (Exception e) {  // Spark's AnalysisException is checked in Java's eyes but undeclared
      if (S3Errors.classify(e) == S3Errors.Kind.OTHER) {
        throw e instanceof RuntimeException r ? r : new IllegalArgumentException(e.getMessage(), e);
      }
      throw S3Errors.explain(e, path, spark.sparkContext().hadoopConfiguration());
    }
  }
}
