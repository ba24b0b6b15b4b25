package io.bayestune.driver.model;

import io.bayestune.optimizer.space.CategoricalParameter;
import io.bayestune.optimizer.space.Conditional;
import io.bayestune.optimizer.space.DoubleParameter;
import io.bayestune.optimizer.space.IntParameter;
import io.bayestune.optimizer.space.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.Param;

/**
 * Checks one search parameter against the estimator's Param of that name: the Param exists, the
 * parameter's type fits the Param's, and the bounds, grid and categorical values pass the Param's
 * validator. Checking both bounds suffices for Spark's validators, which are intervals or value sets.
 *
 * <p>The parameter comes as a job file's SigOpt object or as the optimizer's typed {@link Parameter};
 * both are reduced to a name, a SigOpt type and the values to try, so one check serves both.
 */
final class SearchParameterCheck {
  /** A value to pass through the Param's validator, and what it is in the parameter ("bounds.min"). */
  private record Value(String role, Object value) {
  }

  private final Estimator<?> estimator;
  private final String at;
  private final String name;
  private final String type;
  private final List<Value> values;

  private SearchParameterCheck(Estimator<?> estimator, String at, String name, String type, List<Value> values) {
    this.estimator = estimator;
    this.at = at + " '" + name + "'";
    this.name = name;
    this.type = type;
    this.values = values;
  }

  /** A job file's SigOpt parameter object (name, type, bounds, grid, categorical_values). */
  static SearchParameterCheck of(Estimator<?> estimator, String at, Map<String, Object> parameter) {
    List<Value> values = new ArrayList<>();
    if (parameter.get("bounds") instanceof Map<?, ?> bounds) {
      values.add(new Value("bounds.min", bounds.get("min")));
      values.add(new Value("bounds.max", bounds.get("max")));
    }
    if (parameter.get("grid") instanceof List<?> grid) {
      grid.forEach(g -> values.add(new Value("grid value", g)));
    }
    if (parameter.get("categorical_values") instanceof List<?> categories) {
      categories.forEach(v -> values.add(new Value("categorical value", v instanceof Map<?, ?> m ? m.get("name") : v)));
    }
    return new SearchParameterCheck(estimator, at, String.valueOf(parameter.get("name")),
        String.valueOf(parameter.get("type")), values);
  }

  /** A parameter of a typed search space. */
  static SearchParameterCheck of(Estimator<?> estimator, String at, Parameter parameter) {
    List<Value> values = new ArrayList<>();
    if (parameter instanceof IntParameter ip) {
      values.add(new Value("bounds.min", ip.min()));
      values.add(new Value("bounds.max", ip.max()));
      ip.grid().forEach(g -> values.add(new Value("grid value", g)));
    } else if (parameter instanceof DoubleParameter dp) {
      values.add(new Value("bounds.min", dp.min()));
      values.add(new Value("bounds.max", dp.max()));
      dp.grid().forEach(g -> values.add(new Value("grid value", g)));
    } else if (parameter instanceof CategoricalParameter cp) {
      cp.values().forEach(v -> values.add(new Value("categorical value", v)));
    }
    return new SearchParameterCheck(estimator, at, parameter.name(), parameter.type(), values);
  }

  /** A conditional, which sets the Param of its name to one of its values, as a categorical would. */
  static SearchParameterCheck of(Estimator<?> estimator, String at, Conditional conditional) {
    List<Value> values = new ArrayList<>();
    conditional.values().forEach(v -> values.add(new Value("conditional value", v)));
    return new SearchParameterCheck(estimator, at, conditional.name(), "categorical", values);
  }

  void run() {
    Param<?> p = EstimatorCatalog.existingParam(estimator, name, at);
    ParamValues.Type paramType = ParamValues.typeOf(estimator, p);
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
    for (Value v : values) {
      // int search parameters arrive as Long from the optimizer; bounds from JSON may be Integer.
      Object value = v.value() instanceof Integer i ? (Object) i.longValue() : v.value();
      EstimatorCatalog.check(estimator, p, at, v.role(), value);
    }
  }
}
