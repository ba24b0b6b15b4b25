package io.bayestune.optimizer.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.space.CategoricalParameter;
import io.bayestune.optimizer.space.Conditional;
import io.bayestune.optimizer.space.DoubleParameter;
import io.bayestune.optimizer.space.IntParameter;
import io.bayestune.optimizer.space.Parameter;
import io.bayestune.optimizer.space.SearchSpace;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes experiment specs in SigOpt's JSON shape. Every error names the field by its
 * path (e.g. {@code parameters[2].bounds}), the value found and what to do.
 *
 * <pre>{@code
 * {"name": "gbt", "type": "offline", "observation_budget": 30, "parallel_bandwidth": 4,
 *  "metrics": [{"name": "auc", "objective": "maximize"}],
 *  "conditionals": [{"name": "booster", "values": ["tree", "linear"]}],
 *  "parameters": [
 *    {"name": "eta", "type": "double", "bounds": {"min": 0.001, "max": 1}, "transformation": "log"},
 *    {"name": "depth", "type": "int", "bounds": {"min": 2, "max": 10}, "conditions": {"booster": ["tree"]}},
 *    {"name": "loss", "type": "categorical", "categorical_values": ["log", {"name": "hinge"}]}]}
 * }</pre>
 */
public final class SpecJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> SPEC_FIELDS = Set.of("name", "type", "parameters", "conditionals", "metrics",
      "observation_budget", "parallel_bandwidth", "project", "metadata", "client");
  private static final Set<String> PARAMETER_FIELDS = Set.of("name", "type", "bounds", "transformation",
      "categorical_values", "grid", "conditions", "default_value", "prior");

  private SpecJson() {
  }

  public static ExperimentSpec parse(String json) {
    try {
      return parse(MAPPER.readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("experiment: not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  public static ExperimentSpec parse(JsonNode spec) {
    if (spec == null || !spec.isObject()) {
      throw new IllegalArgumentException("experiment: must be a JSON object with \"parameters\" and \"metrics\","
          + " but got " + spec);
    }
    checkFields("experiment", spec, SPEC_FIELDS);
    List<Conditional> conditionals = new ArrayList<>();
    JsonNode cs = spec.path("conditionals");
    if (!cs.isMissingNode() && !cs.isNull()) {
      requireArray("conditionals", cs);
      for (int i = 0; i < cs.size(); i++) {
        JsonNode c = cs.get(i);
        String at = "conditionals[" + i + "]";
        conditionals.add(wrap(at, () -> new Conditional(text(at + ".name", c.path("name")),
            names(at + ".values", c.path("values")))));
      }
    }
    JsonNode ps = spec.path("parameters");
    requireArray("parameters", ps);
    List<Parameter> parameters = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      parameters.add(parameter("parameters[" + i + "]", ps.get(i)));
    }
    SearchSpace space = new SearchSpace(parameters, conditionals);
    List<Metric> metrics = metrics(spec.path("metrics"));
    StrategyType type = spec.hasNonNull("type") ? StrategyType.fromJson(text("type", spec.get("type")))
        : StrategyType.OFFLINE;
    int budget = positiveInt("observation_budget", spec.path("observation_budget"), 0);
    int bandwidth = positiveInt("parallel_bandwidth", spec.path("parallel_bandwidth"), 1);
    String name = spec.hasNonNull("name") ? text("name", spec.get("name")) : "";
    ExperimentSpec result = new ExperimentSpec(name, space, metrics, type, budget, bandwidth);
    if (type == StrategyType.GRID) {
      GridSize.check(space);
    }
    return result;
  }

  private static Parameter parameter(String at, JsonNode p) {
    if (!p.isObject()) {
      throw new IllegalArgumentException(at + ": must be an object such as {\"name\":\"x\",\"type\":\"double\","
          + "\"bounds\":{\"min\":0,\"max\":1}}, but got " + p);
    }
    checkFields(at, p, PARAMETER_FIELDS);
    String name = text(at + ".name", p.path("name"));
    String where = at + " '" + name + "'";
    String type = p.hasNonNull("type") ? text(where + ".type", p.get("type")) : "";
    Map<String, List<String>> conditions = conditions(where + ".conditions", p.path("conditions"));
    boolean log = false;
    if (p.hasNonNull("transformation")) {
      String t = text(where + ".transformation", p.get("transformation"));
      if (!t.equals("log") && !t.equals("none")) {
        throw new IllegalArgumentException(where + ".transformation: must be \"log\" or \"none\", but got \"" + t + "\"");
      }
      log = t.equals("log");
    }
    switch (type) {
      case "double": {
        JsonNode b = bounds(where, p);
        double min = number(where + ".bounds.min", b.path("min"));
        double max = number(where + ".bounds.max", b.path("max"));
        List<Double> grid = new ArrayList<>();
        for (JsonNode g : optionalArray(where + ".grid", p.path("grid"))) {
          grid.add(number(where + ".grid", g));
        }
        boolean isLog = log;
        DoubleParameter d = wrap(where, () -> new DoubleParameter(name, min, max, isLog, grid, conditions));
        for (double g : grid) {
          wrap(where + ".grid", () -> d.validate(g));
        }
        return d;
      }
      case "int": {
        JsonNode b = bounds(where, p);
        long min = integer(where + ".bounds.min", b.path("min"));
        long max = integer(where + ".bounds.max", b.path("max"));
        List<Long> grid = new ArrayList<>();
        for (JsonNode g : optionalArray(where + ".grid", p.path("grid"))) {
          grid.add(integer(where + ".grid", g));
        }
        boolean isLog = log;
        IntParameter ip = wrap(where, () -> new IntParameter(name, min, max, isLog, grid, conditions));
        for (long g : grid) {
          wrap(where + ".grid", () -> ip.validate(g));
        }
        return ip;
      }
      case "categorical": {
        if (log) {
          throw new IllegalArgumentException(where + ".transformation: log applies to double and int parameters,"
              + " not categorical ones; remove it");
        }
        JsonNode values = p.path("categorical_values");
        List<String> names = new ArrayList<>();
        requireArray(where + ".categorical_values", values);
        for (int k = 0; k < values.size(); k++) {
          JsonNode v = values.get(k);
          names.add(text(where + ".categorical_values[" + k + "]", v.isObject() ? v.path("name") : v));
        }
        return wrap(where, () -> new CategoricalParameter(name, names, conditions));
      }
      default:
        throw new IllegalArgumentException(where + ".type: must be \"double\", \"int\" or \"categorical\", but got "
            + (type.isEmpty() ? "nothing" : "\"" + type + "\"") + "; set the parameter's type");
    }
  }

  private static JsonNode bounds(String where, JsonNode p) {
    JsonNode b = p.path("bounds");
    if (!b.isObject()) {
      throw new IllegalArgumentException(where + ".bounds: must be an object {\"min\": ..., \"max\": ...}, but got "
          + (b.isMissingNode() ? "nothing" : b.toString()) + "; add the bounds");
    }
    return b;
  }

  private static Map<String, List<String>> conditions(String at, JsonNode c) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (c.isMissingNode() || c.isNull()) {
      return out;
    }
    if (!c.isObject()) {
      throw new IllegalArgumentException(at + ": must be an object such as {\"booster\": [\"tree\"]}, but got " + c);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      out.put(e.getKey(), v.isTextual() ? List.of(v.asText()) : names(at + "." + e.getKey(), v));
    }
    return out;
  }

  private static final Set<String> METRIC_FIELDS = Set.of("name", "objective", "strategy", "threshold");

  private static List<Metric> metrics(JsonNode metrics) {
    if (metrics.isMissingNode() || metrics.isNull()) {
      return List.of(new Metric("value", Metric.Goal.MAXIMIZE));
    }
    requireArray("metrics", metrics);
    List<Metric> out = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      String at = "metrics[" + i + "]";
      JsonNode m = metrics.get(i);
      if (!m.isObject()) {
        throw new IllegalArgumentException(at + ": must be an object such as {\"name\":\"auc\",\"objective\":"
            + "\"maximize\"}, but got " + m);
      }
      checkFields(at, m, METRIC_FIELDS);
      String name = text(at + ".name", m.path("name"));
      Metric.Goal goal = Metric.Goal.MAXIMIZE;
      if (m.hasNonNull("objective")) {
        String o = text(at + ".objective", m.get("objective"));
        if (o.equals("minimize")) {
          goal = Metric.Goal.MINIMIZE;
        } else if (!o.equals("maximize")) {
          throw new IllegalArgumentException(at + ".objective: must be \"maximize\" or \"minimize\", but got \""
              + o + "\"");
        }
      }
      Metric.Strategy strategy = Metric.Strategy.OPTIMIZE;
      if (m.hasNonNull("strategy")) {
        String st = text(at + ".strategy", m.get("strategy"));
        strategy = switch (st) {
          case "optimize" -> Metric.Strategy.OPTIMIZE;
          case "constraint" -> Metric.Strategy.CONSTRAINT;
          case "store" -> Metric.Strategy.STORE;
          default -> throw new IllegalArgumentException(at + ".strategy: must be \"optimize\", \"constraint\" or"
              + " \"store\", but got \"" + st + "\"");
        };
      }
      Double threshold = m.hasNonNull("threshold") ? number(at + ".threshold", m.get("threshold")) : null;
      Metric.Goal g = goal;
      Metric.Strategy st = strategy;
      out.add(wrap(at + " '" + name + "'", () -> new Metric(name, g, st, threshold)));
    }
    return out;
  }

  /** The spec in SigOpt's JSON shape; {@code parse(toJson(s))} equals {@code s}. */
  public static ObjectNode toJson(ExperimentSpec spec) {
    ObjectNode out = MAPPER.createObjectNode();
    if (!spec.name().isEmpty()) {
      out.put("name", spec.name());
    }
    out.put("type", spec.type().jsonName());
    if (!spec.space().conditionals().isEmpty()) {
      ArrayNode cs = out.putArray("conditionals");
      for (Conditional c : spec.space().conditionals()) {
        ObjectNode cn = cs.addObject().put("name", c.name());
        c.values().forEach(cn.putArray("values")::add);
      }
    }
    ArrayNode ps = out.putArray("parameters");
    for (Parameter p : spec.space().parameters()) {
      ObjectNode pn = ps.addObject().put("name", p.name()).put("type", p.type());
      if (p instanceof DoubleParameter d) {
        pn.putObject("bounds").put("min", d.min()).put("max", d.max());
        if (d.log()) {
          pn.put("transformation", "log");
        }
        if (!d.grid().isEmpty()) {
          d.grid().forEach(pn.putArray("grid")::add);
        }
      } else if (p instanceof IntParameter i) {
        pn.putObject("bounds").put("min", i.min()).put("max", i.max());
        if (i.log()) {
          pn.put("transformation", "log");
        }
        if (!i.grid().isEmpty()) {
          i.grid().forEach(pn.putArray("grid")::add);
        }
      } else if (p instanceof CategoricalParameter c) {
        ArrayNode values = pn.putArray("categorical_values");
        c.values().forEach(v -> values.addObject().put("name", v));
      }
      if (!p.conditions().isEmpty()) {
        ObjectNode cn = pn.putObject("conditions");
        p.conditions().forEach((k, v) -> v.forEach(cn.putArray(k)::add));
      }
    }
    ArrayNode ms = out.putArray("metrics");
    for (Metric m : spec.metrics()) {
      ObjectNode mn = ms.addObject().put("name", m.name()).put("objective", m.objective().jsonName());
      // A one-metric spec is written as before, so that its state files stay byte-for-byte the same.
      if (spec.multiMetric()) {
        mn.put("strategy", m.strategy().jsonName());
      }
      if (m.threshold() != null) {
        mn.put("threshold", m.threshold());
      }
    }
    if (spec.observationBudget() > 0) {
      out.put("observation_budget", spec.observationBudget());
    }
    out.put("parallel_bandwidth", spec.parallelBandwidth());
    return out;
  }

  // --- small typed readers, each naming the field on failure ---

  private static void checkFields(String at, JsonNode node, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new IllegalArgumentException(at + "." + f + ": unknown field; known fields are "
            + new java.util.TreeSet<>(known) + " (check the spelling)");
      }
    }
  }

  private static void requireArray(String at, JsonNode node) {
    if (!node.isArray()) {
      throw new IllegalArgumentException(at + ": must be a JSON array, but got "
          + (node.isMissingNode() ? "nothing" : node.toString()));
    }
  }

  private static Iterable<JsonNode> optionalArray(String at, JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    requireArray(at, node);
    return node;
  }

  static String text(String at, JsonNode node) {
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new IllegalArgumentException(at + ": must be a non-empty string, but got "
          + (node.isMissingNode() ? "nothing" : node.toString()));
    }
    return node.asText();
  }

  private static List<String> names(String at, JsonNode node) {
    requireArray(at, node);
    List<String> out = new ArrayList<>();
    for (int k = 0; k < node.size(); k++) {
      out.add(text(at + "[" + k + "]", node.get(k)));
    }
    return out;
  }

  private static double number(String at, JsonNode node) {
    if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
      throw new IllegalArgumentException(at + ": must be a finite number, but got "
          + (node.isMissingNode() ? "nothing" : node.toString()));
    }
    return node.asDouble();
  }

  private static long integer(String at, JsonNode node) {
    if (!node.isIntegralNumber() && !(node.isNumber() && node.asDouble() == Math.rint(node.asDouble()))) {
      throw new IllegalArgumentException(at + ": must be an integer, but got "
          + (node.isMissingNode() ? "nothing" : node.toString()));
    }
    return node.asLong();
  }

  private static int positiveInt(String at, JsonNode node, int absent) {
    if (node.isMissingNode() || node.isNull()) {
      return absent;
    }
    if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(at + ": must be a positive integer, but got " + node);
    }
    return node.asInt();
  }

  private static <T> T wrap(String at, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      // Value types name themselves ("parameter 'x': ..."); lead with the JSON path instead.
      int colon = m.indexOf(": ");
      boolean selfNamed = m.startsWith("parameter '") || m.startsWith("conditional") || m.startsWith("metric '");
      throw new IllegalArgumentException(at + (selfNamed && colon > 0 ? m.substring(colon) : ": " + m), e);
    }
  }
}
