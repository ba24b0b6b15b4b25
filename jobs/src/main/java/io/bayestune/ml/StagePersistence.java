package io.bayestune.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * Saving and loading stages the way Spark ML lays them out, with public API only.
 *
 * <p>A stage directory holds {@code metadata/}: one line of JSON in a text file, with the fields
 * Spark's {@code DefaultParamsReader} reads ({@code class}, {@code uid}, {@code timestamp},
 * {@code sparkVersion}, {@code paramMap}, {@code defaultParamMap}), plus our own. That is what lets a
 * {@code PipelineModel} load a bayestune stage: it reads {@code class} from the stage's metadata and
 * calls the class's static {@code read()} by reflection, which a Java class provides directly (a
 * Scala class gets it from its companion object).
 *
 * <p>Nested stages (the best model, the estimator, the evaluator) are saved with their own writers
 * and loaded the same way Spark does: class from their metadata, then {@code read().load(path)}.
 */
final class StagePersistence {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private StagePersistence() {
  }

  /** The metadata object for {@code stage}: Spark's fields, with {@code paramMap} to be filled by the caller. */
  static ObjectNode metadata(Params stage, SparkSession spark) {
    ObjectNode m = MAPPER.createObjectNode();
    m.put("class", stage.getClass().getName());
    m.put("timestamp", System.currentTimeMillis());
    m.put("sparkVersion", spark.version());
    m.put("uid", stage.uid());
    m.putObject("paramMap");
    m.putObject("defaultParamMap");
    return m;
  }

  static void writeMetadata(ObjectNode metadata, String path, SparkSession spark) {
    spark.createDataset(List.of(metadata.toString()), Encoders.STRING()).coalesce(1).write()
        .text(new Path(path, "metadata").toString());
  }

  /**
   * Reads a stage's metadata and checks it was written for {@code expectedClass}.
   *
   * @throws IllegalArgumentException when the directory holds something else
   */
  static JsonNode readMetadata(String path, SparkSession spark, Class<?> expectedClass) {
    JsonNode m = readMetadata(path, spark);
    String cls = m.path("class").asText();
    if (!cls.equals(expectedClass.getName())) {
      throw new IllegalArgumentException(path + ": holds a saved " + cls + ", not a " + expectedClass.getName()
          + "; load it with " + cls + ".load(path)");
    }
    return m;
  }

  static JsonNode readMetadata(String path, SparkSession spark) {
    String metadataPath = new Path(path, "metadata").toString();
    String line;
    try {
      line = spark.read().text(metadataPath).first().getString(0);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(path + ": no Spark ML metadata at " + metadataPath + " (" + e.getMessage()
          + "); is this the directory a stage was saved to?", e);
    }
    try {
      return MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(metadataPath + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  /** Saves a nested stage with its own writer. */
  static void saveStage(Object stage, String role, String path, SparkSession spark) {
    if (!(stage instanceof MLWritable writable)) {
      throw new UnsupportedOperationException(role + ": " + stage.getClass().getName() + " is not MLWritable, so it"
          + " cannot be saved; use a stage that implements MLWritable");
    }
    try {
      writable.write().session(spark).save(path);
    } catch (IOException e) {
      throw new UncheckedIOException(role + ": saving to " + path + " failed", e);
    }
  }

  /** Loads a stage saved by any Spark ML writer: its class from the metadata, then {@code read().load(path)}. */
  @SuppressWarnings("unchecked")
  static <T> T loadStage(String path, SparkSession spark) {
    String cls = readMetadata(path, spark).path("class").asText();
    try {
      Class<?> c = Class.forName(cls, true, classLoader());
      MLReader<T> reader = (MLReader<T>) c.getMethod("read").invoke(null);
      return reader.session(spark).load(path);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(path + ": saved stage class " + cls + " is not on the classpath; add the jar"
          + " that defines it", e);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalArgumentException(path + ": " + cls + " has no public static read(); it cannot be loaded", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(path + ": " + cls + ".read() failed: " + e.getCause(), e.getCause());
    }
  }

  static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : StagePersistence.class.getClassLoader();
  }
}
