package io.bayestune.optimizer.space;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** A parameter taking one of a list of unordered string values ({@code categorical_values}). */
public record CategoricalParameter(String name, List<String> values, Map<String, List<String>> conditions)
    implements Parameter {

  public CategoricalParameter {
    conditions = conditions == null ? Map.of() : Map.copyOf(conditions);
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("parameter '" + name + "': categorical_values must list at least one"
          + " value, but got none; add the values, e.g. [\"a\", \"b\"]");
    }
    values = List.copyOf(values);
    if (new HashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException("parameter '" + name + "': categorical_values must be distinct, but got "
          + values + "; remove the repeated value");
    }
  }

  public static CategoricalParameter of(String name, String... values) {
    return new CategoricalParameter(name, List.of(values), Map.of());
  }

  @Override
  public String type() {
    return "categorical";
  }

  @Override
  public Object validate(Object value) {
    if (!(value instanceof String s) || !values.contains(s)) {
      throw new IllegalArgumentException("parameter '" + name + "': value must be one of " + values
          + ", but got " + Describe.value(value));
    }
    return s;
  }
}
