package io.bayestune.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Turns a saved Spark ML {@code PipelineModel} into an MLflow model of the {@code spark} flavor, the layout
 * {@code mlflow.spark.log_model} writes and {@code mlflow.spark.load_model} reads (MLflow's mlflow/spark/__init__.py):
 * <pre>
 * model/MLmodel            flavors.spark: {model_data: sparkml, model_class: pyspark.ml.pipeline.PipelineModel, ...}
 * model/sparkml/           the PipelineModel as Spark ML persistence saved it (metadata/, stages/)
 * model/requirements.txt   pyspark at the Spark version that saved it
 * </pre>
 * {@code load_model} reads {@code flavors.spark.model_data} and hands that folder to {@code PipelineModel.load}.
 * The {@code python_function} flavor is left out: it needs the Python version and environment of a Python
 * training process, which a JVM job does not have.
 */
final class SparkModelFlavor {
  static final String MODEL_DATA = "sparkml";
  private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private SparkModelFlavor() {
  }

  /**
   * Writes the MLmodel file and requirements into {@code modelDir}, whose {@code sparkml/} already holds the saved
   * PipelineModel.
   */
  static void describe(Path modelDir, String artifactPath, String runId, String sparkVersion) throws IOException {
    if (!Files.isDirectory(modelDir.resolve(MODEL_DATA).resolve("metadata"))) {
      throw new IOException(modelDir.resolve(MODEL_DATA) + ": no saved Spark ML model (metadata/ is missing)");
    }
    String mlmodel = String.join("\n",
        "artifact_path: " + artifactPath,
        "flavors:",
        "  spark:",
        "    code: null",
        "    model_class: pyspark.ml.pipeline.PipelineModel",
        "    model_data: " + MODEL_DATA,
        "    pyspark_version: " + sparkVersion,
        "model_uuid: " + UUID.randomUUID().toString().replace("-", ""),
        "run_id: " + runId,
        "utc_time_created: '" + ZonedDateTime.now(ZoneOffset.UTC).format(CREATED) + "'",
        "");
    Files.writeString(modelDir.resolve("MLmodel"), mlmodel);
    Files.writeString(modelDir.resolve("requirements.txt"), "pyspark==" + sparkVersion + "\n");
  }
}
