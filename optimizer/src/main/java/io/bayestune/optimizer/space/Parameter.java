package io.bayestune.optimizer.space;

import java.util.List;
import java.util.Map;

/**
 * One tunable parameter of an experiment, in SigOpt's vocabulary: {@code double}, {@code int} or
 * {@code categorical}. A parameter with {@code conditions} is active only when every conditional it
 * names takes one of the listed values; inactive parameters are absent from suggestions.
 */
public sealed interface Parameter permits DoubleParameter, IntParameter, CategoricalParameter {

  String name();

  /** Conditional name to the values under which this parameter is active; empty: always active. */
  Map<String, List<String>> conditions();

  /** SigOpt's type name: "double", "int" or "categorical". */
  String type();

  /**
   * The value as this parameter's Java type (Double, Long or String) if it is valid for this
   * parameter.
   *
   * @throws IllegalArgumentException naming the parameter, the value and what is allowed
   */
  Object validate(Object value);

  /** True when every conditional this parameter names takes one of its listed values. */
  default boolean isActive(Map<String, String> conditionalValues) {
    for (Map.Entry<String, List<String>> condition : conditions().entrySet()) {
      if (!condition.getValue().contains(conditionalValues.get(condition.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
