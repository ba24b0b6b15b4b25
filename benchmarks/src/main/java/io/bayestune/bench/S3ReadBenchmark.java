package io.bayestune.bench;

import io.bayestune.connectors.s3.S3Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StorageStatistics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * {@code bayestune bench s3}: Parquet on S3 through S3A. Writes a generated dataset (seeded random doubles,
 * so it does not compress away) of about {@code sizeMb} MB and {@code columns} columns, reads it all back
 * (throughput), then reads {@code readColumns} of the columns and compares the bytes fetched from S3 (S3A's
 * {@code stream_read_bytes}, and Spark's input metric bytesRead) with the full read: column projection must
 * reach S3, so the fraction should be near readColumns / columns.
 */
public final class S3ReadBenchmark {
  /** What to run: where, how much. */
  public record Options(String location, int sizeMb, int columns, int readColumns, String commandLine) {
  }

  /** One read: wall seconds, bytes S3A fetched, bytes Spark counted as input. */
  public record Read(String what, double seconds, long s3aBytes, long sparkBytes) {
  }

  /** The whole run's numbers. */
  public record Result(Options options, long rows, long storedBytes, int files, double writeSeconds, Read full,
      Read projected) {
  }

  private S3ReadBenchmark() {
  }

  public static Result run(Options o, S3Settings settings, PrintStream log) throws IOException {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("bench-s3")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    try {
      settings.apply(spark);
      AtomicLong sparkBytes = new AtomicLong();
      spark.sparkContext().addSparkListener(new SparkListener() {
        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
          if (end.taskMetrics() != null) {
            sparkBytes.addAndGet(end.taskMetrics().inputMetrics().bytesRead());
          }
        }
      });
      // 8 bytes a value, random so Parquet cannot shrink it: rows for the requested size.
      long rows = (long) o.sizeMb() * 1024 * 1024 / (8L * o.columns());
      int partitions = Math.max(2, o.sizeMb() / 128);
      List<Column> cols = new ArrayList<>();
      for (int c = 0; c < o.columns(); c++) {
        cols.add(functions.rand(1000 + c).alias("c" + c));
      }
      log.println("bench s3: writing " + rows + " rows x " + o.columns() + " columns to " + o.location());
      long t0 = System.nanoTime();
      spark.range(0, rows, 1, partitions).select(cols.toArray(new Column[0]))
          .write().mode(SaveMode.Overwrite).parquet(o.location());
      double writeSeconds = (System.nanoTime() - t0) / 1e9;

      FileSystem fs = FileSystem.get(URI.create(o.location()), spark.sparkContext().hadoopConfiguration());
      long stored = 0;
      int files = 0;
      for (FileStatus f : fs.listStatus(new Path(o.location()))) {
        if (f.getPath().getName().endsWith(".parquet")) {
          stored += f.getLen();
          files++;
        }
      }
      Dataset<Row> all = spark.read().parquet(o.location());
      Read full = measure("all " + o.columns() + " columns", all, fs, sparkBytes, log);
      String[] some = new String[o.readColumns()];
      for (int c = 0; c < some.length; c++) {
        some[c] = "c" + (c * (o.columns() / o.readColumns()));
      }
      Read projected = measure(o.readColumns() + " columns (" + String.join(", ", some) + ")",
          all.select(some[0], java.util.Arrays.copyOfRange(some, 1, some.length)), fs, sparkBytes, log);
      return new Result(o, rows, stored, files, writeSeconds, full, projected);
    } finally {
      spark.stop();
    }
  }

  /** Materializes every selected column (the noop sink decodes all of them) and counts the bytes fetched. */
  private static Read measure(String what, Dataset<Row> df, FileSystem fs, AtomicLong sparkBytes, PrintStream log) {
    long s3aBefore = streamReadBytes(fs);
    long sparkBefore = sparkBytes.get();
    long t0 = System.nanoTime();
    df.write().format("noop").mode(SaveMode.Overwrite).save();
    double seconds = (System.nanoTime() - t0) / 1e9;
    Read r = new Read(what, seconds, streamReadBytes(fs) - s3aBefore, sparkBytes.get() - sparkBefore);
    log.printf(Locale.ROOT, "bench s3: read %s in %.1f s, S3A fetched %d bytes, Spark input %d bytes%n",
        what, seconds, r.s3aBytes(), r.sparkBytes());
    return r;
  }

  private static long streamReadBytes(FileSystem fs) {
    StorageStatistics stats = fs.getStorageStatistics();
    Long v = stats.getLong("stream_read_bytes");
    return v == null ? 0 : v;
  }

  /** The Markdown section for docs/benchmarks.md. */
  public static String render(Result r, Environment env) {
    double mb = r.storedBytes() / 1e6;
    double fraction = (double) r.projected().s3aBytes() / r.full().s3aBytes();
    StringBuilder sb = new StringBuilder();
    sb.append("Command: `").append(r.options().commandLine()).append("`\n\n");
    sb.append("Machine: ").append(env.summary()).append("\n\n");
    sb.append(String.format(Locale.ROOT, "Dataset: %d rows x %d double columns of seeded random values, %d Parquet"
        + " files, %.1f MB stored at `%s` (S3Proxy 4.1.0, filesystem backend, on 127.0.0.1), written by Spark in"
        + " %.1f s.%n%n", r.rows(), r.options().columns(), r.files(), mb, r.options().location(), r.writeSeconds()));
    sb.append("| read | seconds | MB/s (of the stored size) | bytes fetched from S3 (S3A stream_read_bytes) |\n"
        + "|---|---|---|---|\n");
    for (Read read : List.of(r.full(), r.projected())) {
      sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %,d |%n", read.what(), read.seconds(),
          mb / read.seconds(), read.s3aBytes()));
    }
    sb.append(String.format(Locale.ROOT, "%nReading %d of %d columns fetched %.1f%% of the full read's bytes"
        + " from S3 (the columns' share of the data is %.1f%%): column projection reaches S3 as ranged GETs of the"
        + " selected column chunks. Bytes are S3A's own count (`FileSystem.getStorageStatistics()`,"
        + " `stream_read_bytes`); Spark's task input metric bytesRead stayed near 0 for S3A reads here (%,d and %,d"
        + " bytes), so it is not used.%n", r.options().readColumns(), r.options().columns(), 100 * fraction,
        100.0 * r.options().readColumns() / r.options().columns(), r.full().sparkBytes(), r.projected().sparkBytes()));
    return sb.toString();
  }
}
