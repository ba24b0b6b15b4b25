package io.bayestune.optimizer.space;

import java.util.HashSet;
import java.util.List;

/**
 * A switch chosen by the optimizer, such as {@code booster in [tree, linear]}; parameters name it in
 * their {@code conditions}. Suggestions carry every conditional's value.
 */
public record Conditional(String name, List<String> values) {

  public Conditional {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("conditional: name must be a non-empty string, but got "
          + Describe.value(name));
    }
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("conditional '" + name + "': values must list at least one value,"
          + " but got none; add the values, e.g. [\"tree\", \"linear\"]");
    }
    values = List.copyOf(values);
    if (new HashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException("conditional '" + name + "': values must be distinct, but got " + values);
    }
  }
}
