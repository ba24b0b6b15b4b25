package io.bayestune.driver.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.driver.model.MetricCatalog;
import io.bayestune.driver.model.TrialMetric;
import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.StrategyType;
import io.bayestune.tracking.MlflowSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tuning job as read from a job file by {@link JobSpecParser}: what to train, on which data, over
 * which search space, measured how, with what budget, and where the outputs go.
 *
 * @param parameters the SigOpt parameter objects as written in the file (already checked by the optimizer)
 * @param parallelism trials in flight at once; 0 means "from the cluster's cores"
 * @param trialTimeout how long one trial may run, or null for no limit
 * @param s3 the raw {@code s3} settings block (endpoint, region, path_style_access, access_key,
 *     secret_key, ...), interpreted by the connectors; may be empty
 * @param sparkConf the optional {@code spark} block of extra Spark configuration; may be empty
 * @param mlflow the optional {@code mlflow} block (tracking_uri, experiment, run_name), or null: no MLflow tracking
 */
public record JobSpec(String name, StrategyType type, DataSpec data, ModelSpec model,
    List<Map<String, Object>> parameters, MetricSpec metric, ValidationSpec validation, int observationBudget,
    int parallelism, Duration trialTimeout, long seed, String output, Map<String, String> s3,
    Map<String, String> sparkConf, List<MetricSpec> metrics, MlflowSettings mlflow) {

  /** A job with one metric. */
  public JobSpec(String name, StrategyType type, DataSpec data, ModelSpec model, List<Map<String, Object>> parameters,
      MetricSpec metric, ValidationSpec validation, int observationBudget, int parallelism, Duration trialTimeout,
      long seed, String output, Map<String, String> s3, Map<String, String> sparkConf) {
    this(name, type, data, model, parameters, metric, validation, observationBudget, parallelism, trialTimeout, seed,
        output, s3, sparkConf, List.of(metric), null);
  }

  /** A job with these metrics and no MLflow tracking. */
  public JobSpec(String name, StrategyType type, DataSpec data, ModelSpec model, List<Map<String, Object>> parameters,
      MetricSpec metric, ValidationSpec validation, int observationBudget, int parallelism, Duration trialTimeout,
      long seed, String output, Map<String, String> s3, Map<String, String> sparkConf, List<MetricSpec> metrics) {
    this(name, type, data, model, parameters, metric, validation, observationBudget, parallelism, trialTimeout, seed,
        output, s3, sparkConf, metrics, null);
  }

  /** Setting names whose values are never printed; Spark's default redaction pattern plus credentials. */
  static final Pattern SECRET_KEYS = Pattern.compile("(?i)secret|password|token|access[._]?key|credential");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public JobSpec {
    List<Map<String, Object>> ps = new ArrayList<>();
    for (Map<String, Object> p : parameters == null ? List.<Map<String, Object>>of() : parameters) {
      ps.add(Collections.unmodifiableMap(new LinkedHashMap<>(p)));
    }
    parameters = Collections.unmodifiableList(ps);
    if (type == null) {
      type = StrategyType.OFFLINE;
    }
    if (validation == null) {
      validation = ValidationSpec.defaults();
    }
    s3 = s3 == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(s3));
    sparkConf = sparkConf == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
    metrics = metrics == null || metrics.isEmpty() ? List.of(metric) : List.copyOf(metrics);
  }

  /** True when the job measures more than its one optimized metric (a {@code metrics:} list). */
  public boolean multiMetric() {
    return metrics.size() > 1;
  }

  /**
   * The optimizer's spec, with {@code parallel_bandwidth} = {@link #parallelism} (1 when it is 0, i.e.
   * not yet resolved from the cluster; see {@link #experimentSpec(int)}).
   *
   * @throws IllegalArgumentException with the optimizer's own message when the search space is invalid
   */
  public ExperimentSpec experimentSpec() {
    return experimentSpec(Math.max(1, parallelism));
  }

  /**
   * The optimizer's spec with an explicit {@code parallel_bandwidth}, for a driver that resolved
   * {@code parallelism: 0} from the cluster's cores. Built as SigOpt JSON and parsed by
   * {@link SpecJson#parse}, so errors are the optimizer's own.
   */
  public ExperimentSpec experimentSpec(int parallelBandwidth) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("name", name);
    json.put("type", type.jsonName());
    json.set("parameters", MAPPER.valueToTree(parameters));
    var ms = json.putArray("metrics");
    if (!multiMetric()) {
      ms.addObject().put("name", metric.name()).put("objective", objective(metric));
    }
    for (MetricSpec m : multiMetric() ? metrics : List.<MetricSpec>of()) {
      ObjectNode mn = ms.addObject().put("name", m.name()).put("objective", objective(m)).put("strategy", m.strategy());
      if (m.threshold() != null) {
        mn.put("threshold", m.threshold());
      }
    }
    if (observationBudget > 0) {
      json.put("observation_budget", observationBudget);
    }
    json.put("parallel_bandwidth", parallelBandwidth);
    return SpecJson.parse(json);
  }

  /** {@code maximize} or {@code minimize}: the evaluator's direction, or the per-task metric's own. */
  /** {@code maximize} or {@code minimize} for one of the job's metrics: the evaluator's, a built-in's or the file's. */
  public String objective(MetricSpec m) {
    if (model.perTask()) {
      return m.objective() == null ? "maximize" : m.objective();
    }
    if (TrialMetric.isBuiltIn(m.name())) {
      return m.objective() == null ? "minimize" : m.objective();
    }
    return MetricCatalog.isLargerBetter(m.name()) ? "maximize" : "minimize";
  }

  /** The job in one line, with every secret setting's value replaced by {@code ****}. */
  @Override
  public String toString() {
    return "JobSpec[name=" + name + ", type=" + type.jsonName() + ", data=" + data + ", model=" + model
        + ", parameters=" + parameters + ", metric=" + metric + (multiMetric() ? ", metrics=" + metrics : "")
        + ", validation=" + validation
        + ", observationBudget=" + observationBudget + ", parallelism=" + parallelism
        + ", trialTimeout=" + trialTimeout + ", seed=" + seed + ", output=" + output
        + ", s3=" + redacted(s3) + ", sparkConf=" + redacted(sparkConf) + ", mlflow=" + mlflow + "]";
  }

  static Map<String, String> redacted(Map<String, String> settings) {
    Map<String, String> out = new LinkedHashMap<>();
    settings.forEach((k, v) -> out.put(k, SECRET_KEYS.matcher(k).find() ? "****" : v));
    return out;
  }
}
