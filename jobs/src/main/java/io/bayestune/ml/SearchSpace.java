package io.bayestune.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.StrategyType;
import io.bayestune.optimizer.space.CategoricalParameter;
import io.bayestune.optimizer.space.DoubleParameter;
import io.bayestune.optimizer.space.IntParameter;
import io.bayestune.optimizer.space.Parameter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The estimator parameters a {@link BayesianTuner} searches, each named as the estimator's Spark
 * {@code Param}. Built in code or read from SigOpt's JSON (an experiment object, of which only
 * {@code parameters} and {@code conditionals} are used, or a bare {@code parameters} array).
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.builder()
 *     .addInt("maxDepth", 2, 8)
 *     .addDouble("stepSize", 0.01, 0.5, Scale.LOG)
 *     .addCategorical("lossType", "logistic")
 *     .build();
 * SearchSpace same = SearchSpace.fromJson(space.toJson());
 * }</pre>
 */
public final class SearchSpace implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String json;
  private transient io.bayestune.optimizer.space.SearchSpace space;

  private SearchSpace(io.bayestune.optimizer.space.SearchSpace space) {
    this.space = space;
    ObjectNode spec = SpecJson.toJson(specOf(space));
    ObjectNode out = MAPPER.createObjectNode();
    if (spec.has("conditionals")) {
      out.set("conditionals", spec.get("conditionals"));
    }
    out.set("parameters", spec.get("parameters"));
    this.json = out.toString();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads SigOpt's JSON: {@code {"parameters": [...], "conditionals": [...]}} (other experiment
   * fields such as {@code metrics} are ignored; the tuner takes the metric from its evaluator) or a
   * bare {@code [...]} array of parameters.
   *
   * @throws IllegalArgumentException naming the offending field, e.g. {@code parameters[1].bounds}
   */
  public static SearchSpace fromJson(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("searchSpace: not valid JSON (" + e.getOriginalMessage() + "); give SigOpt's"
          + " {\"parameters\": [...]} or build it with SearchSpace.builder()", e);
    }
    ObjectNode spec = MAPPER.createObjectNode();
    if (node != null && node.isArray()) {
      spec.set("parameters", node);
    } else if (node != null && node.isObject() && node.has("parameters")) {
      spec.set("parameters", node.get("parameters"));
      if (node.has("conditionals")) {
        spec.set("conditionals", node.get("conditionals"));
      }
    } else {
      throw new IllegalArgumentException("searchSpace: must be a JSON object with \"parameters\" or an array of"
          + " parameters, but got " + abbreviate(json));
    }
    // The spec parser checks every parameter; it needs a metric, which the tuner supplies later.
    spec.putArray("metrics").addObject().put("name", "metric");
    return new SearchSpace(SpecJson.parse(spec).space());
  }

  /** The optimizer's view of this space. */
  public io.bayestune.optimizer.space.SearchSpace space() {
    if (space == null) {
      space = fromJson(json).space;
    }
    return space;
  }

  /** The parameter names, in declaration order (conditionals first). */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    space().conditionals().forEach(c -> names.add(c.name()));
    space().parameters().forEach(p -> names.add(p.name()));
    return names;
  }

  /**
   * How many distinct configurations the space holds, when it is small and discrete enough to say:
   * empty with a continuous parameter or with conditionals (whose counting depends on the branches).
   */
  public java.util.OptionalLong configurationCount() {
    if (!space().conditionals().isEmpty()) {
      return java.util.OptionalLong.empty();
    }
    long count = 1;
    for (Parameter p : space().parameters()) {
      long size;
      if (p instanceof IntParameter ip) {
        size = ip.size();
      } else if (p instanceof CategoricalParameter cp) {
        size = cp.values().size();
      } else if (p instanceof DoubleParameter dp && !dp.grid().isEmpty()) {
        size = dp.grid().size();
      } else {
        return java.util.OptionalLong.empty();
      }
      try {
        count = Math.multiplyExact(count, size);
      } catch (ArithmeticException tooMany) {
        return java.util.OptionalLong.empty();
      }
    }
    return java.util.OptionalLong.of(count);
  }

  /** SigOpt's JSON: {@code {"parameters": [...]}}, plus {@code "conditionals"} when there are any. */
  public String toJson() {
    return json;
  }

  /** An experiment over this space for the given metric, budget and parallelism. */
  /** The experiment of a tuning: its metrics are the evaluator's (optimized), then any constraints or stored. */
  ExperimentSpec experimentSpec(String name, java.util.List<Metric> metrics, int observationBudget,
      int parallelBandwidth) {
    return new ExperimentSpec(name, space(), metrics, StrategyType.OFFLINE, observationBudget, parallelBandwidth);
  }

  private static ExperimentSpec specOf(io.bayestune.optimizer.space.SearchSpace space) {
    return new ExperimentSpec("", space, new Metric("metric", Metric.Goal.MAXIMIZE), StrategyType.OFFLINE, 0, 1);
  }

  private static String abbreviate(String s) {
    return s == null ? "null" : s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchSpace other && json.equals(other.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return json;
  }

  /** Adds parameters in order; {@link #build} checks them together (unique names, valid bounds). */
  public static final class Builder {
    private final List<Parameter> parameters = new ArrayList<>();

    private Builder() {
    }

    /** An integer parameter on [min, max], both inclusive (Spark IntParam and LongParam). */
    public Builder addInt(String name, long min, long max) {
      return addInt(name, min, max, Scale.LINEAR);
    }

    public Builder addInt(String name, long min, long max, Scale scale) {
      parameters.add(new IntParameter(name, min, max, scale == Scale.LOG, List.of(), Map.of()));
      return this;
    }

    /** A real parameter on [min, max] (Spark DoubleParam and FloatParam). */
    public Builder addDouble(String name, double min, double max) {
      return addDouble(name, min, max, Scale.LINEAR);
    }

    public Builder addDouble(String name, double min, double max, Scale scale) {
      parameters.add(new DoubleParameter(name, min, max, scale == Scale.LOG, List.of(), Map.of()));
      return this;
    }

    /**
     * One of a list of values: strings for a string Param ({@code "gini"}, {@code "entropy"}),
     * {@code "true"}/{@code "false"} for a BooleanParam.
     */
    public Builder addCategorical(String name, String... values) {
      parameters.add(new CategoricalParameter(name, List.of(values), Map.of()));
      return this;
    }

    public SearchSpace build() {
      return new SearchSpace(new io.bayestune.optimizer.space.SearchSpace(parameters));
    }
  }
}
