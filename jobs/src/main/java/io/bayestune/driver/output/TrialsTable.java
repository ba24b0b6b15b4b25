package io.bayestune.driver.output;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.space.Conditional;
import io.bayestune.optimizer.space.Parameter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Every observation of an experiment as a table, one row per trial, ordered by id:
 * {@code id, <one column per conditional and parameter>, value, value_stddev, status, seconds, error}.
 * Parameter columns are typed (double, bigint, string) and null where a conditional made the
 * parameter inactive. A parameter named like a fixed column gets the prefix {@code parameter_}.
 * Observations reported with their own assignments (a warm start) have a null id.
 */
public final class TrialsTable {
  static final List<String> FIXED = List.of("id", "value", "value_stddev", "status", "seconds", "error");

  private TrialsTable() {
  }

  /** The table as a DataFrame. */
  public static Dataset<Row> of(SparkSession spark, Experiment e) {
    Table t = table(e);
    return spark.createDataFrame(t.rows(), t.schema());
  }

  /**
   * Writes the table as {@code output/trials.parquet} (a Spark directory with one part file) and {@code
   * output/trials.csv} (one CSV file with a header, {@link TrialsCsv}).
   */
  public static void write(SparkSession spark, Experiment e, OutputLocation output) throws IOException {
    Table t = table(e);
    spark.createDataFrame(t.rows(), t.schema()).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(output.resolve("trials.parquet"));
    TrialsCsv.write(spark.sparkContext().hadoopConfiguration(), output.resolve("trials.csv"),
        TrialsCsv.render(t.schema(), t.rows()));
  }

  /** The table as the text of {@code trials.csv} (for a tuning without an output folder: an MLflow artifact). */
  public static String csv(Experiment e) {
    Table t = table(e);
    return TrialsCsv.render(t.schema(), t.rows());
  }

  private record Table(StructType schema, List<Row> rows) {
  }

  private static Table table(Experiment e) {
    List<String> names = new ArrayList<>();
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("id", DataTypes.LongType, true));
    Set<String> taken = new LinkedHashSet<>(FIXED);
    for (Conditional c : e.spec().space().conditionals()) {
      names.add(c.name());
      fields.add(DataTypes.createStructField(column(c.name(), taken), DataTypes.StringType, true));
    }
    for (Parameter p : e.spec().space().parameters()) {
      names.add(p.name());
      fields.add(DataTypes.createStructField(column(p.name(), taken), typeOf(p), true));
    }
    fields.add(DataTypes.createStructField("value", DataTypes.DoubleType, true));
    fields.add(DataTypes.createStructField("value_stddev", DataTypes.DoubleType, true));
    fields.add(DataTypes.createStructField("status", DataTypes.StringType, false));
    fields.add(DataTypes.createStructField("seconds", DataTypes.DoubleType, true));
    fields.add(DataTypes.createStructField("error", DataTypes.StringType, true));

    List<Observation> observations = new ArrayList<>(e.observations());
    observations.sort(Comparator.comparing(TrialsTable::idOf, Comparator.nullsFirst(Comparator.naturalOrder())));
    List<Row> rows = new ArrayList<>();
    for (Observation o : observations) {
      List<Object> cells = new ArrayList<>();
      cells.add(idOf(o));
      for (String name : names) {
        cells.add(o.assignments().get(name));
      }
      cells.add(o.failed() ? null : o.value());
      cells.add(o.valueStddev());
      cells.add(o.failed() ? "failed" : "completed");
      String seconds = o.metadata().get("seconds");
      cells.add(seconds == null ? null : Double.valueOf(seconds));
      cells.add(o.failed() ? (o.failureReason() != null ? o.failureReason() : o.metadata().get("error")) : null);
      rows.add(RowFactory.create(cells.toArray()));
    }
    return new Table(new StructType(fields.toArray(new StructField[0])), rows);
  }

  private static Long idOf(Observation o) {
    if (o.suggestionId() == null) {
      return null;
    }
    try {
      return Long.valueOf(o.suggestionId());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("suggestion id " + o.suggestionId() + " is not a number; bayestune"
          + " experiments number their suggestions 1, 2, ...", e);
    }
  }

  private static String column(String name, Set<String> taken) {
    String column = taken.contains(name) ? "parameter_" + name : name;
    taken.add(column);
    return column;
  }

  private static DataType typeOf(Parameter p) {
    switch (p.type()) {
      case "double":
        return DataTypes.DoubleType;
      case "int":
        return DataTypes.LongType;
      default:
        return DataTypes.StringType;
    }
  }
}
