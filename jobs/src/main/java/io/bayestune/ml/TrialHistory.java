package io.bayestune.ml;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.space.Conditional;
import io.bayestune.optimizer.space.IntParameter;
import io.bayestune.optimizer.space.DoubleParameter;
import io.bayestune.optimizer.space.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A tuning run's trials as a DataFrame, one row per trial in trial order: {@code id}, one column per
 * parameter (long for int, double for double, string for categorical and conditionals; null where a
 * conditional left it inactive), {@code metric}, {@code stddev}, one column per extra metric (its value: a
 * constraint's worst fold, a stored metric's mean), {@code feasible} when there are constraints (every constraint
 * met on every fold), {@code status} ("completed" or "failed"), {@code seconds} and {@code error}.
 *
 * <p>Built from the experiment's observations, which are the record of what happened; nothing else
 * is kept that could disagree with them.
 */
final class TrialHistory {
  static final Set<String> COLUMNS = Set.of("id", "metric", "stddev", "feasible", "status", "seconds", "error");

  private TrialHistory() {
  }

  /** @throws IllegalArgumentException when a parameter is named like one of the fixed columns */
  static void checkNames(SearchSpace space, List<String> extraMetrics) {
    for (String name : space.names()) {
      if (COLUMNS.contains(name)) {
        throw new IllegalArgumentException("searchSpace parameter '" + name + "': the name is taken by a column of"
            + " the trials DataFrame " + new java.util.TreeSet<>(COLUMNS) + "; tune a Param with another name");
      }
      if (extraMetrics.contains(name)) {
        throw new IllegalArgumentException("searchSpace parameter '" + name + "': the name is taken by an extra"
            + " metric's column of the trials DataFrame; tune a Param with another name");
      }
    }
  }

  /** The metrics beside the optimized one, in the experiment's order. */
  private static List<Metric> extra(ExperimentSpec spec) {
    return spec.metrics().subList(1, spec.metrics().size());
  }

  static StructType schema(ExperimentSpec spec, SearchSpace space) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("id", DataTypes.LongType, false));
    for (Conditional c : space.space().conditionals()) {
      fields.add(DataTypes.createStructField(c.name(), DataTypes.StringType, true));
    }
    for (Parameter p : space.space().parameters()) {
      fields.add(DataTypes.createStructField(p.name(), typeOf(p), true));
    }
    fields.add(DataTypes.createStructField("metric", DataTypes.DoubleType, true));
    fields.add(DataTypes.createStructField("stddev", DataTypes.DoubleType, true));
    for (Metric m : extra(spec)) {
      fields.add(DataTypes.createStructField(m.name(), DataTypes.DoubleType, true));
    }
    if (!spec.constraints().isEmpty()) {
      fields.add(DataTypes.createStructField("feasible", DataTypes.BooleanType, true));
    }
    fields.add(DataTypes.createStructField("status", DataTypes.StringType, false));
    fields.add(DataTypes.createStructField("seconds", DataTypes.DoubleType, true));
    fields.add(DataTypes.createStructField("error", DataTypes.StringType, true));
    return DataTypes.createStructType(fields);
  }

  private static DataType typeOf(Parameter p) {
    if (p instanceof IntParameter) {
      return DataTypes.LongType;
    }
    return p instanceof DoubleParameter ? DataTypes.DoubleType : DataTypes.StringType;
  }

  static List<Row> rows(Experiment experiment, SearchSpace space) {
    List<Observation> observations = new ArrayList<>(experiment.observations());
    observations.removeIf(o -> o.suggestionId() == null);
    observations.sort(Comparator.comparingLong(o -> Long.parseLong(o.suggestionId())));
    List<String> names = space.names();
    ExperimentSpec spec = experiment.spec();
    List<Metric> extra = extra(spec);
    boolean constrained = !spec.constraints().isEmpty();
    List<Row> rows = new ArrayList<>();
    for (Observation o : observations) {
      Object[] values = new Object[names.size() + 6 + extra.size() + (constrained ? 1 : 0)];
      int i = 0;
      values[i++] = Long.parseLong(o.suggestionId());
      for (String name : names) {
        values[i++] = o.assignments().get(name);
      }
      values[i++] = o.failed() ? null : o.value();
      values[i++] = o.valueStddev();
      for (Metric m : extra) {
        values[i++] = o.failed() ? null : o.valueOf(m);
      }
      if (constrained) {
        values[i++] = o.failed() ? null : o.feasible(spec);
      }
      values[i++] = o.failed() ? "failed" : "completed";
      String seconds = o.metadata().get("seconds"); // written by the driver's TuningLoop
      values[i++] = seconds == null ? null : Double.valueOf(seconds);
      values[i] = o.failureReason();
      rows.add(RowFactory.create(values));
    }
    return rows;
  }

  static Dataset<Row> dataFrame(SparkSession spark, Experiment experiment, SearchSpace space) {
    return spark.createDataFrame(rows(experiment, space), schema(experiment.spec(), space));
  }
}
