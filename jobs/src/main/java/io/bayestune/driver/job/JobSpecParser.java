package io.bayestune.driver.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bayestune.driver.model.JobChecks;
import io.bayestune.optimizer.experiment.StrategyType;
import io.bayestune.tracking.MlflowSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a job file (YAML or JSON) into a {@link JobSpec}, checking every field before anything runs:
 * unknown fields, types, durations, the search space (by the optimizer's own parser), the estimator,
 * its Params and their bounds, and the metric. Needs no SparkSession: Spark ML estimators and
 * evaluators are plain objects until they are fit. Columns are checked when the data is loaded.
 *
 * <pre>{@code
 * JobSpec job = JobSpecParser.parse(Path.of("examples/credit-gbt.yaml"));
 * ExperimentSpec spec = job.experimentSpec();
 * }</pre>
 */
public final class JobSpecParser {
  private static final Set<String> TOP = Set.of("name", "type", "data", "model", "parameters", "metric", "metrics",
      "validation", "observation_budget", "parallelism", "trial_timeout", "seed", "output", "s3", "spark", "mlflow");
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private JobSpecParser() {
  }

  /** Parses the file; messages name it as given. */
  public static JobSpec parse(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("job file " + file + ": cannot be read (" + e + ")", e);
    }
    return parse(text, file.toString());
  }

  /**
   * Parses job-file text, YAML or JSON.
   *
   * @param sourceName how messages name the file, e.g. {@code credit.yaml}
   * @throws IllegalArgumentException naming the file and the field, with the value found and the fix
   */
  public static JobSpec parse(String text, String sourceName) {
    JsonNode root = read(text, sourceName);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("job file " + sourceName + ": must be a mapping of fields such as"
          + " name, data, model, parameters, metric; but got " + (root == null ? "an empty file" : root.toString()));
    }
    JobNode top = new JobNode(root, "", sourceName);
    top.checkFields(TOP);
    String name = top.text("name", "credit-gbt");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw top.error("name", "must be letters, digits, '.', '_' or '-' (it names Spark job groups and"
          + " output folders), but got \"" + name + "\"");
    }
    StrategyType type = StrategyType.OFFLINE;
    if (top.has("type")) {
      type = prefixed(sourceName, () -> StrategyType.fromJson(top.optionalText("type", null)));
    }
    ModelSpec model = ModelBlock.read(top.object("model"), top);
    JobNode dataNode = top.object("data");
    DataSpec data = dataNode == null ? null : DataBlock.read(dataNode);
    if (data == null && !model.perTask()) {
      throw top.error("data", "is required for an estimator, e.g. data: {path: examples/data/credit_data.csv,"
          + " format: csv, options: {header: \"true\"}, label: Status}");
    }
    List<Map<String, Object>> parameters = parameters(top);
    List<MetricSpec> metrics = metrics(top);
    MetricSpec metric = metrics.isEmpty() ? metric(top, model) : metrics.stream()
        .filter(m -> m.strategy().equals("optimize")).findFirst().orElse(metrics.get(0));
    ValidationSpec validation = validation(top);
    int budget = top.optionalInt("observation_budget", 0, 1, "30");
    if (budget == 0 && type != StrategyType.GRID) {
      throw top.error("observation_budget", "is required: how many trials to run, e.g. observation_budget: 30");
    }
    int parallelism = top.optionalInt("parallelism", 0, 0, "4 (0: from the cluster's cores)");
    Duration timeout = top.has("trial_timeout")
        ? prefixed(sourceName, () -> Durations.parse("trial_timeout", top.optionalText("trial_timeout", null)))
        : null;
    long seed = top.optionalLong("seed", 0, Long.MIN_VALUE, "42");
    String output = top.optionalText("output", "runs/" + name);
    JobSpec job = new JobSpec(name, type, data, model, parameters, metric, validation, budget, parallelism,
        timeout, seed, output, top.textMap("s3"), top.textMap("spark"), metrics, mlflow(top));
    prefixed(sourceName, job::experimentSpec);
    if (!model.perTask()) {
      prefixed(sourceName, () -> {
        JobChecks.check(job);
        return job;
      });
    }
    return job;
  }

  private static JsonNode read(String text, String sourceName) {
    boolean json = sourceName.endsWith(".json") || text.stripLeading().startsWith("{");
    try {
      return (json ? JSON : YAML).readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("job file " + sourceName + ": not valid " + (json ? "JSON" : "YAML") + " ("
          + e.getOriginalMessage() + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ")",
          e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> parameters(JobNode top) {
    JsonNode ps = top.raw("parameters");
    if (!ps.isArray() || ps.isEmpty()) {
      throw top.error("parameters", "must be a non-empty list of SigOpt parameters such as"
          + " [{name: maxDepth, type: int, bounds: {min: 2, max: 8}}], but got " + JobNode.show(ps));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      if (!ps.get(i).isObject()) {
        throw top.error("parameters[" + i + "]", "must be a mapping such as {name: maxDepth, type: int,"
            + " bounds: {min: 2, max: 8}}, but got " + ps.get(i));
      }
      out.add(JSON.convertValue(ps.get(i), Map.class));
    }
    return out;
  }

  private static MetricSpec metric(JobNode top, ModelSpec model) {
    JobNode m = top.object("metric");
    if (m == null) {
      throw top.error("metric", "is required, e.g. metric: {name: areaUnderROC}");
    }
    m.checkFields(Set.of("name", "objective"));
    String objective = m.optionalText("objective", null);
    if (objective != null && !objective.equals("maximize") && !objective.equals("minimize")) {
      throw m.error("objective", "must be maximize or minimize, but got \"" + objective + "\"");
    }
    return new MetricSpec(m.text("name", "areaUnderROC"), objective);
  }

  /** The optional mlflow block; the tracking URI may come from MLFLOW_TRACKING_URI instead (when the job runs). */
  private static MlflowSettings mlflow(JobNode top) {
    JobNode m = top.object("mlflow");
    if (m == null) {
      return null;
    }
    m.checkFields(Set.of("tracking_uri", "experiment", "run_name"));
    return prefixed(m.source(), () -> new MlflowSettings(m.optionalText("tracking_uri", null),
        m.optionalText("experiment", null), m.optionalText("run_name", null)));
  }

  /**
   * The {@code metrics:} list (SigOpt's multimetric schema, each entry an evaluator metric or a
   * built-in); empty when the job has a single {@code metric} block instead.
   */
  private static List<MetricSpec> metrics(JobNode top) {
    if (!top.has("metrics")) {
      return List.of();
    }
    if (top.has("metric")) {
      throw top.error("metrics", "give either metric (one) or metrics (a list), not both");
    }
    JsonNode list = top.raw("metrics");
    if (!list.isArray() || list.isEmpty()) {
      throw top.error("metrics", "must be a list such as [{name: areaUnderROC}, {name: recallByLabel, label: 1,"
          + " strategy: constraint, threshold: 0.7}], but got " + list);
    }
    List<MetricSpec> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JobNode m = new JobNode(list.get(i), "metrics[" + i + "]", top.source());
      if (!list.get(i).isObject()) {
        throw top.error("metrics[" + i + "]", "must be a mapping such as {name: areaUnderROC}, but got " + list.get(i));
      }
      m.checkFields(Set.of("name", "objective", "strategy", "threshold", "label"));
      String objective = m.optionalText("objective", null);
      if (objective != null && !objective.equals("maximize") && !objective.equals("minimize")) {
        throw m.error("objective", "must be maximize or minimize, but got \"" + objective + "\"");
      }
      out.add(new MetricSpec(m.text("name", "areaUnderROC"), objective, m.optionalText("strategy", "optimize"),
          number(m, "threshold"), number(m, "label")));
    }
    return out;
  }

  private static Double number(JobNode m, String field) {
    if (!m.has(field)) {
      return null;
    }
    JsonNode v = m.raw(field);
    if (!v.isNumber()) {
      throw m.error(field, "must be a number, but got " + v);
    }
    return v.asDouble();
  }

  private static ValidationSpec validation(JobNode top) {
    JobNode v = top.object("validation");
    if (v == null) {
      return ValidationSpec.defaults();
    }
    v.checkFields(Set.of("folds", "holdout"));
    if (v.has("folds") == v.has("holdout")) {
      throw top.error("validation", "set exactly one of folds or holdout, e.g. {folds: 3} or {holdout: 0.25}");
    }
    if (v.has("folds")) {
      int folds = v.optionalInt("folds", 3, 2, "3");
      return prefixed(v.source(), () -> new ValidationSpec(folds, 0));
    }
    JsonNode h = v.raw("holdout");
    if (!h.isNumber()) {
      throw v.error("holdout", "must be a fraction such as 0.25, but got " + h);
    }
    return prefixed(v.source(), () -> new ValidationSpec(0, h.asDouble()));
  }

  /** Runs {@code build}, leading any IllegalArgumentException's message with the file's name. */
  static <T> T prefixed(String sourceName, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("job file " + sourceName + ": " + e.getMessage(), e);
    }
  }
}
