package io.bayestune.driver.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The fitted preparation a user should not have to write, as Spark ML stages that also score raw rows:
 * numbers cast to double ({@code c__num}, a {@link SQLTransformer} with {@code try_cast}, so text such
 * as "NA" becomes null), numeric nulls imputed with the column mean ({@code c__imp}, {@link Imputer}),
 * text indexed by frequency with unseen and missing values in their own bucket ({@code c__idx},
 * {@link StringIndexer} {@code handleInvalid=keep}) and one-hot encoded ({@code c__vec}), all assembled
 * into one vector column ({@link VectorAssembler}). For ALS only the id columns are cast or indexed.
 *
 * @param stages fitted transformers, in order
 * @param featuresCol the assembled vector column (null for ALS)
 * @param userCol for ALS, the prepared user id column, else null
 * @param itemCol for ALS, the prepared item id column, else null
 */
record FeatureStages(List<Transformer> stages, String featuresCol, String userCol, String itemCol) {

  /** Fits the stages for a predictor on the cached raw data; each fit is one pass over the cache. */
  static FeatureStages forFeatures(Dataset<Row> cached, List<String> features, Map<String, ColumnTypes.Kind> kinds) {
    List<String> numeric = select(features, kinds, ColumnTypes.Kind.NUMERIC);
    List<String> text = select(features, kinds, ColumnTypes.Kind.TEXT);
    List<String> vectors = select(features, kinds, ColumnTypes.Kind.VECTOR);
    String featuresCol = unique("features", cached.columns());
    if (numeric.isEmpty() && text.isEmpty() && vectors.size() == 1) {
      // Already one vector (libsvm): nothing to prepare.
      return new FeatureStages(List.of(), vectors.get(0), null, null);
    }
    List<Transformer> stages = new ArrayList<>();
    List<String> assembled = new ArrayList<>();
    Dataset<Row> current = cached;
    if (!numeric.isEmpty()) {
      SQLTransformer cast = castToDouble(numeric);
      stages.add(cast);
      current = cast.transform(current);
      Transformer imputer = new Imputer().setStrategy("mean").setInputCols(suffixed(numeric, "__num"))
          .setOutputCols(suffixed(numeric, "__imp")).fit(current);
      stages.add(imputer);
      assembled.addAll(Arrays.asList(suffixed(numeric, "__imp")));
    }
    if (!text.isEmpty()) {
      StringIndexerModel indexer = new StringIndexer().setInputCols(text.toArray(new String[0]))
          .setOutputCols(suffixed(text, "__idx")).setHandleInvalid("keep").fit(current);
      stages.add(indexer);
      stages.add(new OneHotEncoder().setInputCols(suffixed(text, "__idx")).setOutputCols(suffixed(text, "__vec"))
          .fit(indexer.transform(current)));
      assembled.addAll(Arrays.asList(suffixed(text, "__vec")));
    }
    assembled.addAll(vectors);
    stages.add(new VectorAssembler().setInputCols(assembled.toArray(new String[0])).setOutputCol(featuresCol));
    return new FeatureStages(List.copyOf(stages), featuresCol, null, null);
  }

  /** For ALS: numeric ids cast to double, text ids indexed (unseen ids are then dropped as cold starts). */
  static FeatureStages forRatings(Dataset<Row> cached, String user, String item, Map<String, ColumnTypes.Kind> kinds) {
    List<Transformer> stages = new ArrayList<>();
    List<String> numeric = new ArrayList<>();
    List<String> text = new ArrayList<>();
    for (String c : List.of(user, item)) {
      (kinds.get(c) == ColumnTypes.Kind.NUMERIC ? numeric : text).add(c);
    }
    Dataset<Row> current = cached;
    if (!numeric.isEmpty()) {
      SQLTransformer cast = castToDouble(numeric);
      stages.add(cast);
      current = cast.transform(current);
    }
    if (!text.isEmpty()) {
      stages.add(new StringIndexer().setInputCols(text.toArray(new String[0])).setOutputCols(suffixed(text, "__idx"))
          .setHandleInvalid("keep").fit(current));
    }
    String userCol = user + (numeric.contains(user) ? "__num" : "__idx");
    String itemCol = item + (numeric.contains(item) ? "__num" : "__idx");
    return new FeatureStages(List.copyOf(stages), null, userCol, itemCol);
  }

  private static SQLTransformer castToDouble(List<String> columns) {
    StringBuilder sql = new StringBuilder("SELECT *");
    for (String c : columns) {
      sql.append(", try_cast(").append(quote(c)).append(" AS DOUBLE) AS ").append(quote(c + "__num"));
    }
    return new SQLTransformer().setStatement(sql.append(" FROM __THIS__").toString());
  }

  private static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  private static List<String> select(List<String> columns, Map<String, ColumnTypes.Kind> kinds, ColumnTypes.Kind k) {
    return columns.stream().filter(c -> kinds.get(c) == k).toList();
  }

  private static String[] suffixed(List<String> columns, String suffix) {
    return columns.stream().map(c -> c + suffix).toArray(String[]::new);
  }

  private static String unique(String name, String[] existing) {
    List<String> taken = Arrays.asList(existing);
    String candidate = name;
    for (int i = 1; taken.contains(candidate); i++) {
      candidate = name + "_" + i;
    }
    return candidate;
  }
}
