package io.bayestune.driver.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayestune.driver.Objective;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads the job file's {@code model} block: an estimator with fixed Params, or a per-task objective class. */
final class ModelBlock {
  private static final Set<String> FIELDS = Set.of("estimator", "params", "objective");

  private ModelBlock() {
  }

  static ModelSpec read(JobNode model, JobNode top) {
    if (model == null) {
      throw top.error("model", "is required, e.g. model: {estimator: gbt_classifier, params: {maxIter: 20}}"
          + " or model: {objective: com.acme.MyObjective}");
    }
    model.checkFields(FIELDS);
    String estimator = model.optionalText("estimator", null);
    String objective = model.optionalText("objective", null);
    if ((estimator == null) == (objective == null)) {
      throw top.error("model", "name exactly one of estimator (a Spark ML estimator tuned on the cluster) or"
          + " objective (a class implementing io.bayestune.driver.Objective, run as one task per trial)");
    }
    Map<String, Object> params = params(model);
    if (objective != null) {
      if (!params.isEmpty()) {
        throw model.error("params", "fixed Params apply to an estimator, not to an objective; remove them");
      }
      checkObjective(model, objective);
    }
    return new ModelSpec(estimator, params, objective);
  }

  /** Fixed Params as Integer, Long, Double, Boolean or String, converted to the Param's type later. */
  private static Map<String, Object> params(JobNode model) {
    Map<String, Object> out = new LinkedHashMap<>();
    JsonNode ps = model.raw("params");
    if (ps.isMissingNode() || ps.isNull()) {
      return out;
    }
    if (!ps.isObject()) {
      throw model.error("params", "must be a mapping of Param names to values such as {maxIter: 20}, but got " + ps);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      Object value;
      if (v.isInt()) {
        value = v.intValue();
      } else if (v.isIntegralNumber() && v.canConvertToLong()) {
        value = v.longValue();
      } else if (v.isNumber()) {
        value = v.doubleValue();
      } else if (v.isBoolean()) {
        value = v.booleanValue();
      } else if (v.isTextual()) {
        value = v.textValue();
      } else {
        throw model.error("params." + e.getKey(), "must be a number, boolean or text, but got " + JobNode.show(v));
      }
      out.put(e.getKey(), value);
    }
    return out;
  }

  /** The class must be loadable here and implement Objective, so a typo fails before the cluster is used. */
  private static void checkObjective(JobNode model, String className) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Class<?> c;
    try {
      c = Class.forName(className, false, loader != null ? loader : ModelBlock.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw model.error("objective", "class " + className + " was not found on the classpath (" + e
          + "); check the name, and pass its jar with --jars or on the classpath");
    }
    if (!Objective.class.isAssignableFrom(c)) {
      throw model.error("objective", "class " + className + " does not implement " + Objective.class.getName()
          + "; implement it (TrialResult evaluate(Map<String, Object> assignments))");
    }
  }
}
