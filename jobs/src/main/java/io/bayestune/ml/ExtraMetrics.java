package io.bayestune.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.bayestune.driver.job.MetricSpec;
import io.bayestune.driver.model.EstimatorKind;
import io.bayestune.driver.model.MetricCatalog;
import io.bayestune.driver.model.TrialMetric;
import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.experiment.Metric;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.Param;

/**
 * A {@link BayesianTuner}'s {@code extraMetrics} Param: the metrics measured beside its evaluator's, in the job
 * file's {@code metrics:} schema (SigOpt's), as JSON:
 * <pre>{@code
 * [{"name": "recallByLabel", "label": 1, "strategy": "constraint", "threshold": 0.7},
 *  {"name": "training_seconds", "strategy": "store"}]
 * }</pre>
 * The evaluator's metric stays the one optimized; an extra metric is a <b>constraint</b> (modelled by the optimizer,
 * and a trial missing its threshold on any fold is never best) or <b>stored</b> (recorded only). Each is a Spark
 * evaluator metric ({@link MetricCatalog}: areaUnderPR, recallByLabel with its class {@code label}, rmse, ...)
 * read from the same prediction pass per fold as the evaluator's, through the evaluator's own label, prediction,
 * rawPrediction and probability columns, or a built-in ({@code training_seconds}, {@code model_size_bytes}).
 * The direction is Spark's ({@code isLargerBetter}); a constraint to maximize holds when its value is at least the
 * threshold, one to minimize when at most.
 */
final class ExtraMetrics {
  static final String PARAM = "extraMetrics";
  private static final Set<String> FIELDS = Set.of("name", "objective", "strategy", "threshold", "label");
  private static final String EXAMPLE = "[{\"name\": \"recallByLabel\", \"label\": 1, \"strategy\": \"constraint\","
      + " \"threshold\": 0.7}]";

  private final List<MetricSpec> specs;

  private ExtraMetrics(List<MetricSpec> specs) {
    this.specs = List.copyOf(specs);
  }

  static ExtraMetrics none() {
    return new ExtraMetrics(List.of());
  }

  /**
   * Parses and checks the Param's JSON.
   *
   * @throws IllegalArgumentException naming {@code extraMetrics[i]}, the value given and the fix
   */
  static ExtraMetrics parse(String json) {
    JsonNode list;
    try {
      list = StagePersistence.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(PARAM + ": not valid JSON (" + e.getOriginalMessage() + "); give a list"
          + " such as " + EXAMPLE, e);
    }
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(PARAM + ": must be a JSON list such as " + EXAMPLE + ", but got " + json);
    }
    List<MetricSpec> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      MetricSpec m = entry(list.get(i), PARAM + "[" + i + "] " + list.get(i));
      if (!names.add(m.name())) {
        throw new IllegalArgumentException(PARAM + "[" + i + "] " + list.get(i) + ": metric '" + m.name()
            + "' appears twice; give each metric once");
      }
      out.add(m);
    }
    long constraints = out.stream().filter(m -> m.strategy().equals("constraint")).count();
    if (constraints > ExperimentSpec.MAX_CONSTRAINTS) {
      throw new IllegalArgumentException(PARAM + ": at most " + ExperimentSpec.MAX_CONSTRAINTS + " constraint metrics,"
          + " but got " + constraints + " in " + json + "; keep the " + ExperimentSpec.MAX_CONSTRAINTS + " that matter"
          + " and make the others \"strategy\": \"store\"");
    }
    return new ExtraMetrics(out);
  }

  private static MetricSpec entry(JsonNode n, String at) {
    if (!n.isObject()) {
      throw new IllegalArgumentException(at + ": must be an object such as " + EXAMPLE.substring(1, EXAMPLE.length() - 1));
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(at + ": unknown field '" + field + "'; the fields are "
            + new TreeSet<>(FIELDS));
      }
    }
    String name = n.path("name").asText("");
    if (!MetricCatalog.names().contains(name) && !TrialMetric.isBuiltIn(name)) {
      throw new IllegalArgumentException(at + ": unknown metric name \"" + name + "\"; known metrics: "
          + String.join(", ", MetricCatalog.names()) + ", and the built-ins training_seconds, model_size_bytes");
    }
    String strategy = n.path("strategy").asText("");
    if (strategy.equals("optimize")) {
      throw new IllegalArgumentException(at + ": strategy optimize is the evaluator's metric (setEvaluator); an extra"
          + " metric is \"strategy\": \"constraint\" (with a threshold) or \"store\"");
    }
    if (!strategy.equals("constraint") && !strategy.equals("store")) {
      throw new IllegalArgumentException(at + ": \"strategy\" must be \"constraint\" (with a threshold) or \"store\","
          + " but got " + (n.has("strategy") ? n.get("strategy") : "none"));
    }
    Double threshold = number(n, "threshold", at);
    if (strategy.equals("constraint") && threshold == null) {
      throw new IllegalArgumentException(at + ": a constraint needs a threshold; add \"threshold\": <the least"
          + " acceptable value (the most, for a metric to minimize)>, e.g. " + EXAMPLE);
    }
    if (strategy.equals("store") && threshold != null) {
      throw new IllegalArgumentException(at + ": only constraints take a threshold, but this metric is stored; remove"
          + " the threshold or set \"strategy\": \"constraint\"");
    }
    Double label = number(n, "label", at);
    if (label != null && !name.endsWith("ByLabel")) {
      throw new IllegalArgumentException(at + ": \"label\" applies to the ...ByLabel metrics (e.g. recallByLabel),"
          + " not to " + name + "; remove it");
    }
    String objective = n.hasNonNull("objective") ? n.get("objective").asText() : null;
    String direction = TrialMetric.isBuiltIn(name) ? null
        : MetricCatalog.isLargerBetter(name) ? "maximize" : "minimize";
    if (objective != null && !objective.equals("maximize") && !objective.equals("minimize")) {
      throw new IllegalArgumentException(at + ": \"objective\" must be maximize or minimize, but got " + objective);
    }
    if (objective != null && direction != null && !objective.equals(direction)) {
      throw new IllegalArgumentException(at + ": Spark's evaluator says " + name + " is to " + direction + ", but the"
          + " entry says " + objective + "; remove \"objective\"");
    }
    return new MetricSpec(name, objective != null ? objective : direction != null ? direction : "minimize", strategy,
        threshold, label);
  }

  private static Double number(JsonNode n, String field, String at) {
    if (!n.hasNonNull(field)) {
      return null;
    }
    if (!n.get(field).isNumber()) {
      throw new IllegalArgumentException(at + ": \"" + field + "\" must be a number, but got " + n.get(field));
    }
    return n.get(field).asDouble();
  }

  boolean isEmpty() {
    return specs.isEmpty();
  }

  List<String> names() {
    return specs.stream().map(MetricSpec::name).toList();
  }

  /**
   * Checks the metrics against the tuner's evaluator and estimator: no name twice, and a metric that fits the
   * estimator's predictions (no rmse for a classifier).
   */
  void check(String evaluatorMetric, Estimator<?> estimator) {
    for (int i = 0; i < specs.size(); i++) {
      MetricSpec m = specs.get(i);
      String at = PARAM + "[" + i + "] '" + m.name() + "'";
      if (m.name().equals(evaluatorMetric)) {
        throw new IllegalArgumentException(at + ": is the evaluator's metric, which the tuner optimizes; remove it or"
            + " measure another metric");
      }
      if (TrialMetric.isBuiltIn(m.name())) {
        continue;
      }
      EstimatorKind kind;
      try {
        kind = EstimatorKind.of(estimator);
      } catch (IllegalArgumentException unknownKind) {
        continue; // an estimator of its own kind: its evaluator metrics are the user's call
      }
      try {
        MetricCatalog.checkFits(m.name(), kind, estimator.getClass().getSimpleName());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage().replaceFirst("^metric\\.name", at), e);
      }
    }
  }

  /** The optimizer's metrics: the evaluator's (optimized) first, then these. */
  List<Metric> experimentMetrics(Metric optimized) {
    List<Metric> out = new ArrayList<>(List.of(optimized));
    for (MetricSpec m : specs) {
      out.add(new Metric(m.name(), Metric.Goal.valueOf(m.objective().toUpperCase(java.util.Locale.ROOT)),
          Metric.Strategy.valueOf(m.strategy().toUpperCase(java.util.Locale.ROOT)), m.threshold()));
    }
    return out;
  }

  /** What each fold measures: the evaluator's metric, then these, each evaluator reading the evaluator's columns. */
  List<TrialMetric> trialMetrics(String evaluatorMetric, Evaluator evaluator) {
    List<TrialMetric> out = new ArrayList<>(List.of(TrialMetric.of(evaluatorMetric, evaluator)));
    for (MetricSpec m : specs) {
      Evaluator e = TrialMetric.isBuiltIn(m.name()) ? null : withColumnsOf(MetricCatalog.evaluator(m.name(), "label"),
          evaluator);
      out.add(TrialMetric.of(m, e, m.objective().equals("maximize")));
    }
    return out;
  }

  private static Evaluator withColumnsOf(Evaluator target, Evaluator source) {
    for (String col : List.of("labelCol", "predictionCol", "rawPredictionCol", "probabilityCol", "weightCol")) {
      if (target.hasParam(col) && source.hasParam(col) && source.isDefined(source.getParam(col))) {
        Param<Object> p = target.getParam(col);
        target.set(p, source.getOrDefault(source.getParam(col)));
      }
    }
    return target;
  }
}
