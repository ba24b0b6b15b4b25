package io.bayestune.driver.data;

import io.bayestune.driver.job.DataSpec;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a job's data with Spark's reader: format, options and path (a file, a directory or a glob,
 * on any Hadoop file system). CSV is read as text unless the options ask for {@code inferSchema}:
 * inference would read the whole source a second time, and column types are decided on the cached
 * copy instead ({@link ColumnTypes}).
 */
final class SourceReader {
  private SourceReader() {
  }

  static Dataset<Row> read(SparkSession spark, DataSpec spec) {
    try {
      return spark.read().format(spec.format()).options(spec.options()).load(spec.path());
    } catch (Exception e) {
      // AnalysisException (a missing path, a bad option) is checked in Java's eyes but thrown unchecked by Scala.
      if (e instanceof AnalysisException) {
        throw new IllegalArgumentException("data.path: cannot read " + spec.path() + " as " + spec.format() + ": "
            + e.getMessage() + "; check the path (a file, directory or glob) and data.format", e);
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }
}
