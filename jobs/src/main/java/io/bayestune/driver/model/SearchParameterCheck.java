package io.bayestune.driver.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.Param;

/**
 * Checks one SigOpt parameter object against the estimator's Param of that name: the Param exists,
 * the parameter's type fits the Param's, and the bounds, grid and categorical values pass the Param's
 * validator. Checking both bounds suffices for Spark's validators, which are intervals or value sets.
 */
final class SearchParameterCheck {
  private final Estimator<?> estimator;
  private final String at;
  private final Map<String, Object> parameter;
  private final Set<String> fixed;

  SearchParameterCheck(Estimator<?> estimator, String at, Map<String, Object> parameter, Set<String> fixed) {
    this.estimator = estimator;
    this.parameter = parameter;
    this.fixed = fixed;
    this.at = at + " '" + parameter.get("name") + "'";
  }

  void run() {
    String name = String.valueOf(parameter.get("name"));
    Param<?> p = EstimatorCatalog.param(estimator, name, at);
    if (fixed.contains(name)) {
      throw new IllegalArgumentException(at + ": " + name + " is also fixed in model.params; tune it or fix it,"
          + " not both");
    }
    ParamValues.Type paramType = ParamValues.typeOf(estimator, p);
    String type = String.valueOf(parameter.get("type"));
    String owner = estimator.getClass().getSimpleName() + "." + name;
    if (paramType == ParamValues.Type.UNSUPPORTED) {
      throw new IllegalArgumentException(at + ": " + owner + " is a " + p.getClass().getSimpleName()
          + ", which cannot be tuned; tune numeric, boolean or text Params");
    }
    if (type.equals("double") && (paramType == ParamValues.Type.INT || paramType == ParamValues.Type.LONG)) {
      throw new IllegalArgumentException(at + ": " + owner + " takes integers; use type: int");
    }
    if ((type.equals("double") || type.equals("int")) && !paramType.isNumeric()) {
      throw new IllegalArgumentException(at + ": " + owner + " is not numeric (" + p.doc() + "); use type:"
          + " categorical with its values");
    }
    if (parameter.get("bounds") instanceof Map<?, ?> bounds) {
      checkValue(p, "bounds.min", bounds.get("min"));
      checkValue(p, "bounds.max", bounds.get("max"));
    }
    if (parameter.get("grid") instanceof List<?> grid) {
      for (Object g : grid) {
        checkValue(p, "grid value", g);
      }
    }
    if (parameter.get("categorical_values") instanceof List<?> values) {
      for (Object v : values) {
        checkValue(p, "categorical value", v instanceof Map<?, ?> m ? m.get("name") : v);
      }
    }
  }

  private void checkValue(Param<?> p, String role, Object value) {
    Object v = value;
    // int search parameters arrive as Long from the optimizer; bounds from JSON may be Integer.
    if (v instanceof Integer i) {
      v = i.longValue();
    }
    EstimatorCatalog.check(estimator, p, at, role, v);
  }
}
