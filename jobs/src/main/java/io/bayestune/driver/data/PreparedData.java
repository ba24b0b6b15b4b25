package io.bayestune.driver.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.when;

import io.bayestune.driver.job.DataSpec;
import io.bayestune.driver.job.ValidationSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * A job's dataset, read once from the source, prepared once and cached ({@code MEMORY_AND_DISK}) with
 * each row's validation fold: trials filter the cache and never read the source again.
 *
 * <p>Columns: {@code label} (double), the features vector ({@link #featuresCol()}) or, for ALS, the
 * user and item ids ({@link #userCol()}, {@link #itemCol()}), and {@code fold} (int). With k folds,
 * fold = floor(rand(seed) * k); with a holdout fraction h, fold 0 (the test rows) has rand(seed) < h.
 *
 * <pre>{@code
 * PreparedData data = PreparedData.load(spark, job.data(), Task.CLASSIFICATION, job.validation(), job.seed());
 * Dataset<Row> train = data.train(0), test = data.test(0);
 * PipelineModel scorer = data.scoringModel(fittedModel);  // scores raw rows
 * }</pre>
 */
public final class PreparedData implements ValidationFolds {
  public static final String LABEL = "label";
  public static final String FOLD = "fold";

  private final SparkSession spark;
  private final Dataset<Row> data;
  private final FeatureStages stages;
  private final StructType rawSchema;
  private final int folds;

  private PreparedData(SparkSession spark, Dataset<Row> data, FeatureStages stages, StructType rawSchema, int folds) {
    this.spark = spark;
    this.data = data;
    this.stages = stages;
    this.rawSchema = rawSchema;
    this.folds = folds;
  }

  /**
   * Reads, checks, prepares and caches the data; the only pass over the source (CSV headers aside).
   *
   * @throws IllegalArgumentException naming the {@code data} field for a missing column, an unknown
   *     positive class, a text label for a regressor or an unreadable path
   */
  public static PreparedData load(SparkSession spark, DataSpec spec, Task task, ValidationSpec validation,
      long seed) {
    Dataset<Row> raw = SourceReader.read(spark, spec);
    List<String> features = DataColumns.check(spec, task, raw.schema());
    raw = raw.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      if (raw.count() == 0) {
        throw new IllegalArgumentException("data.path: " + spec.path() + " has no rows");
      }
      List<String> typed = new ArrayList<>(features);
      if (task == Task.RATINGS) {
        typed.addAll(List.of(spec.userColumn(), spec.itemColumn(), spec.ratingColumn()));
      } else {
        typed.add(spec.label());
      }
      Map<String, ColumnTypes.Kind> kinds = ColumnTypes.of(raw, typed, task == Task.RATINGS ? "data" : "data.features");
      FeatureStages stages;
      Column label;
      List<Column> keep = new ArrayList<>();
      if (task == Task.RATINGS) {
        if (kinds.get(spec.ratingColumn()) != ColumnTypes.Kind.NUMERIC) {
          throw new IllegalArgumentException("data.rating: column '" + spec.ratingColumn() + "' must hold numbers");
        }
        stages = FeatureStages.forRatings(raw, spec.userColumn(), spec.itemColumn(), kinds);
        label = col(spec.ratingColumn()).try_cast("double");
        keep.add(col(stages.userCol()));
        keep.add(col(stages.itemCol()));
      } else {
        stages = FeatureStages.forFeatures(raw, features, kinds);
        label = LabelColumn.of(raw, spec, task, kinds.get(spec.label()));
        keep.add(col(stages.featuresCol()));
      }
      Dataset<Row> transformed = raw.withColumn("__label", label);
      for (Transformer t : stages.stages()) {
        transformed = t.transform(transformed);
      }
      keep.add(0, col("__label").as(LABEL));
      keep.add(fold(validation, seed).as(FOLD));
      Dataset<Row> prepared = transformed.where(col("__label").isNotNull()).select(keep.toArray(new Column[0]))
          .persist(StorageLevel.MEMORY_AND_DISK());
      long rows = prepared.count();
      if (rows < 2L * Math.max(2, validation.folds())) {
        prepared.unpersist();
        throw new IllegalArgumentException("data.path: " + spec.path() + " has " + rows + " rows with a label, too"
            + " few for " + (validation.isHoldout() ? "a holdout split" : validation.folds() + " folds"));
      }
      return new PreparedData(spark, prepared, stages, raw.schema(), validation.isHoldout() ? 1 : validation.folds());
    } finally {
      raw.unpersist(false);
    }
  }

  private static Column fold(ValidationSpec validation, long seed) {
    if (validation.isHoldout()) {
      return when(rand(seed).lt(validation.holdout()), lit(0)).otherwise(lit(1));
    }
    return floor(rand(seed).multiply(validation.folds())).cast("int");
  }

  /** How many train/test splits: the folds, or 1 for a holdout. */
  @Override
  public int splits() {
    return folds;
  }

  /** The training rows of split {@code i}: every other fold (or the non-holdout rows). */
  @Override
  public Dataset<Row> train(int i) {
    return data.where(col(FOLD).notEqual(i));
  }

  /** The evaluation rows of split {@code i}. */
  @Override
  public Dataset<Row> test(int i) {
    return data.where(col(FOLD).equalTo(i));
  }

  /** All prepared rows (label, features or ids, fold), cached. */
  public Dataset<Row> all() {
    return data;
  }

  public String featuresCol() {
    return stages.featuresCol();
  }

  public String userCol() {
    return stages.userCol();
  }

  public String itemCol() {
    return stages.itemCol();
  }

  /**
   * The preparation stages followed by {@code model}, as one PipelineModel that scores raw rows (the
   * source's columns; the label is not needed) and saves with Spark ML persistence. Runs no Spark job.
   */
  public PipelineModel scoringModel(Transformer model) {
    List<PipelineStage> all = new ArrayList<>(stages.stages());
    all.add(model);
    Dataset<Row> empty = spark.createDataFrame(List.of(), rawSchema);
    return new Pipeline().setStages(all.toArray(new PipelineStage[0])).fit(empty);
  }

  /** Drops the cached rows. */
  public void unpersist() {
    data.unpersist(false);
  }
}
