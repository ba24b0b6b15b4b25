package io.bayestune.tracking;

import io.bayestune.driver.job.JobSpec;
import io.bayestune.driver.output.OutputLocation;
import io.bayestune.driver.output.TextFiles;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.experiment.SpecJson;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * MLflow tracking of a whole tuning job (the job file's {@code mlflow:} block): the parent run is tagged with the
 * job's output and its id kept in {@code <output>/mlflow-run.json}, so the same job run again on the same output
 * (a resume, a retried Airflow task, a larger budget) continues that parent. Artifacts are copied from the job's
 * outputs through Hadoop's FileSystem, so an {@code s3a://} output works too.
 */
public final class JobTracking {
  static final String RUN_ID_FILE = "mlflow-run.json";

  private JobTracking() {
  }

  /**
   * Starts tracking a job, or returns null when its job file has no {@code mlflow:} block.
   *
   * @param jobFileText the job file as written, logged as an artifact; null when the job was built in code
   * @throws IllegalArgumentException when neither the block nor {@code MLFLOW_TRACKING_URI} gives a tracking URI
   */
  public static MlflowTracker start(JobSpec job, ExperimentSpec spec, int budget, int parallelism,
      String warmStartFrom, OutputLocation output, Configuration hadoop, Experiment experiment, String jobFileText,
      PrintStream out) {
    if (job.mlflow() == null) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("job", job.name());
    params.put("type", job.type().jsonName());
    params.put("seed", Long.toString(job.seed()));
    params.put("validation", job.validation().folds() > 0 ? job.validation().folds() + " folds"
        : "holdout " + job.validation().holdout());
    Map<String, String> texts = new LinkedHashMap<>();
    if (jobFileText != null) {
      texts.put("job.yaml", jobFileText);
    }
    return start(job.mlflow().resolve(System.getenv(), job.name()), spec, budget, parallelism, warmStartFrom, params,
        texts, output, hadoop, experiment, out);
  }

  /**
   * Starts tracking a tuning that keeps its state in {@code output} (a job, a {@code bayestune.tune} run): the parent
   * run is found again through {@code <output>/mlflow-run.json} or its output tag.
   *
   * @param params settings of the caller's own, logged beside budget, metric and search space
   */
  public static MlflowTracker start(MlflowSettings settings, ExperimentSpec spec, int budget, int parallelism,
      String warmStartFrom, Map<String, String> params, Map<String, String> texts, OutputLocation output,
      Configuration hadoop, Experiment experiment, PrintStream out) {
    Map<String, String> all = parentParams(spec, budget, parallelism, warmStartFrom, params);
    Map<String, String> files = parentTexts(spec, texts);
    String runIdFile = output.resolve(RUN_ID_FILE);
    ParentRun parent = new ParentRun(output.toString(), all, files, new ParentRun.RunIdStore() {
      @Override
      public Optional<String> read() throws IOException {
        try {
          return Optional.of(TextFiles.read(hadoop, runIdFile));
        } catch (FileNotFoundException e) {
          return Optional.empty();
        }
      }

      @Override
      public void write(String json) throws IOException {
        TextFiles.write(hadoop, runIdFile, json);
      }
    }, "run again on the same output once MLflow answers: it continues the same parent run and logs what is"
        + " missing");
    return start(settings, spec, parent, experiment.observations(), out);
  }

  /**
   * Starts tracking a tuning that keeps no state of its own between runs (a {@code BayesianTuner} fit): a new parent
   * run each time, with the same params, texts and child runs as a job's.
   */
  public static MlflowTracker startUnsaved(MlflowSettings settings, ExperimentSpec spec, int budget, int parallelism,
      Map<String, String> params, String resumeHint, PrintStream out) {
    ParentRun parent = new ParentRun(null, parentParams(spec, budget, parallelism, null, params),
        parentTexts(spec, Map.of()), null, resumeHint);
    return start(settings, spec, parent, List.of(), out);
  }

  private static MlflowTracker start(MlflowSettings settings, ExperimentSpec spec, ParentRun parent,
      List<Observation> already, PrintStream out) {
    out.println("bayestune: logging to MLflow at " + settings.trackingUri() + ", experiment '" + settings.experiment()
        + "', in the background");
    return MlflowTracker.start(settings, spec.metric().name(), parent, already, out);
  }

  /** The parent's params: the caller's, then metric, objective, budget, parallelism, warm start, search space. */
  private static Map<String, String> parentParams(ExperimentSpec spec, int budget, int parallelism,
      String warmStartFrom, Map<String, String> params) {
    Map<String, String> all = new LinkedHashMap<>(params);
    all.put("metric", spec.metric().name());
    all.put("objective", spec.metric().objective().jsonName());
    all.put("observation_budget", Integer.toString(budget));
    all.put("parallelism", Integer.toString(parallelism));
    if (warmStartFrom != null) {
      all.put("warm_start_from", warmStartFrom);
    }
    all.putAll(spaceParams(spec));
    return all;
  }

  private static Map<String, String> parentTexts(ExperimentSpec spec, Map<String, String> texts) {
    Map<String, String> files = new LinkedHashMap<>(texts);
    files.put("search-space.json", SpecJson.toJson(spec).toPrettyString());
    return files;
  }

  /** One param per search-space parameter, {@code space.<name>}: its SigOpt JSON. */
  static Map<String, String> spaceParams(ExperimentSpec spec) {
    Map<String, String> out = new LinkedHashMap<>();
    SpecJson.toJson(spec).path("parameters").forEach(p -> {
      com.fasterxml.jackson.databind.node.ObjectNode copy = p.deepCopy();
      String name = copy.remove("name").asText();
      out.put("space." + name, copy.toString());
    });
    return out;
  }

  /** Copies the job's written outputs into the artifact folder, the best model in MLflow's spark flavor. */
  public static ParentResults.Artifacts artifacts(Configuration hadoop, OutputLocation output, List<String> written,
      String sparkVersion) {
    return (folder, runId) -> {
      for (String name : List.of("best.json", "report.html", "trials.csv")) {
        if (written.contains(name)) {
          copy(hadoop, output.resolve(name), folder.resolve(name));
        }
      }
      if (written.contains("best-model")) {
        stageSparkModel(hadoop, output.resolve("best-model"), folder, runId, sparkVersion);
      }
    };
  }

  /**
   * Copies a saved Spark ML {@code PipelineModel} (at {@code savedModel}, any Hadoop file system) into
   * {@code folder/model/} as an MLflow model of the spark flavor ({@link SparkModelFlavor}).
   */
  public static void stageSparkModel(Configuration hadoop, String savedModel, Path folder, String runId,
      String sparkVersion) throws IOException {
    Path model = folder.resolve("model");
    Files.createDirectories(model);
    copy(hadoop, savedModel, model.resolve(SparkModelFlavor.MODEL_DATA));
    SparkModelFlavor.describe(model, "model", runId, sparkVersion);
  }

  private static void copy(Configuration hadoop, String from, Path to) throws IOException {
    org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(from);
    FileSystem fs = src.getFileSystem(hadoop);
    // useRawLocalFileSystem: no .crc files beside the copies (they would be logged as artifacts too)
    fs.copyToLocalFile(false, src, new org.apache.hadoop.fs.Path(to.toAbsolutePath().toUri()), true);
  }
}
