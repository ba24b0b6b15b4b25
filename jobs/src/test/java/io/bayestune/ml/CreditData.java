package io.bayestune.ml;

import java.nio.file.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The credit data (examples/data/credit_data.csv) and the feature stages a model of it needs. */
final class CreditData {
  static final String[] CATEGORICAL = {"Home", "Marital", "Records", "Job"};
  static final String[] NUMERIC = {"Seniority", "Time", "Age", "Expenses", "Income", "Assets", "Debt", "Amount",
      "Price"};

  private CreditData() {
  }

  /** A local[2] session for a test class (no UI, 4 shuffle partitions, warnings only). */
  static SparkSession localSpark(String appName) {
    SparkSession spark = SparkSession.builder().master("local[2]").appName(appName).config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /** Every complete row (415 of 4454 have an NA field). */
  static Dataset<Row> load(SparkSession spark) {
    Path csv = Path.of(System.getProperty("bayestune.data", "../examples/data"), "credit_data.csv");
    return spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString()).na().drop();
  }

  /** Label ({@code bad} = 1: StringIndexer orders by frequency), one-hot categoricals, then {@code features}. */
  static Pipeline pipelineWith(PipelineStage model) {
    StringIndexer label = new StringIndexer().setInputCol("Status").setOutputCol("label");
    String[] indexed = new String[CATEGORICAL.length];
    String[] encoded = new String[CATEGORICAL.length];
    for (int i = 0; i < CATEGORICAL.length; i++) {
      indexed[i] = CATEGORICAL[i] + "_index";
      encoded[i] = CATEGORICAL[i] + "_vec";
    }
    StringIndexer categories = new StringIndexer().setInputCols(CATEGORICAL).setOutputCols(indexed)
        .setHandleInvalid("keep");
    OneHotEncoder oneHot = new OneHotEncoder().setInputCols(indexed).setOutputCols(encoded);
    String[] inputs = new String[encoded.length + NUMERIC.length];
    System.arraycopy(encoded, 0, inputs, 0, encoded.length);
    System.arraycopy(NUMERIC, 0, inputs, encoded.length, NUMERIC.length);
    VectorAssembler assembler = new VectorAssembler().setInputCols(inputs).setOutputCol("features");
    return new Pipeline().setStages(new PipelineStage[] {label, categories, oneHot, assembler, model});
  }
}
