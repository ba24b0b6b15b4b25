package io.bayestune.driver.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One object of a job file with its path ({@code data}, {@code model}), and typed readers whose
 * errors name the file, the field, the value found and the fix: {@code job file credit.yaml:
 * observation_budget: must be a positive integer such as 30, but got "thirty"}.
 */
final class JobNode {
  private final JsonNode node;
  private final String path;
  private final String source;

  JobNode(JsonNode node, String path, String source) {
    this.node = node;
    this.path = path;
    this.source = source;
  }

  String source() {
    return source;
  }

  IllegalArgumentException error(String field, String message) {
    return new IllegalArgumentException("job file " + source + ": " + at(field) + ": " + message);
  }

  String at(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  boolean has(String field) {
    return node.hasNonNull(field);
  }

  JsonNode raw(String field) {
    return node.path(field);
  }

  /** Fails on the first field not in {@code known}, suggesting the closest known one. */
  void checkFields(Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        String near = FieldNames.closest(f, known);
        throw new IllegalArgumentException("job file " + source + ": unknown field '" + at(f) + "'; known fields"
            + (path.isEmpty() ? "" : " of " + path) + ": " + String.join(", ", new TreeSet<>(known))
            + (near == null ? "" : "; did you mean '" + near + "'?"));
      }
    }
  }

  /** The nested object, or null when absent. */
  JobNode object(String field) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw error(field, "must be a mapping of fields, but got " + show(v));
    }
    return new JobNode(v, at(field), source);
  }

  String text(String field, String example) {
    String v = optionalText(field, null);
    if (v == null) {
      throw error(field, "is required, e.g. " + field + ": " + example);
    }
    return v;
  }

  /** A scalar as text (so {@code positive: 1} and {@code header: true} read as "1" and "true"). */
  String optionalText(String field, String absent) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return absent;
    }
    if (!v.isValueNode() || v.asText().isBlank()) {
      throw error(field, "must be a non-empty text value, but got " + show(v));
    }
    return v.asText();
  }

  long optionalLong(String field, long absent, long min, String example) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return absent;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min) {
      throw error(field, "must be an integer" + (min > 0 ? " of at least " + min : min == 0 ? " >= 0" : "")
          + " such as " + example + ", but got " + show(v));
    }
    return v.asLong();
  }

  int optionalInt(String field, int absent, int min, String example) {
    long v = optionalLong(field, absent, min, example);
    if (v > Integer.MAX_VALUE) {
      throw error(field, "must be at most " + Integer.MAX_VALUE + ", but got " + v);
    }
    return (int) v;
  }

  /** A mapping of scalars, each read as text, e.g. Spark reader options. */
  Map<String, String> textMap(String field) {
    JobNode m = object(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (m == null) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = m.node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw m.error(e.getKey(), "must be a text, number or boolean value, but got " + show(e.getValue()));
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  List<String> textList(String field) {
    JsonNode v = node.path(field);
    List<String> out = new ArrayList<>();
    if (v.isMissingNode() || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw error(field, "must be a list of column names such as [Age, Income], but got " + show(v));
    }
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
        throw error(field + "[" + i + "]", "must be a column name, but got " + show(v.get(i)));
      }
      out.add(v.get(i).asText());
    }
    return out;
  }

  static String show(JsonNode v) {
    return v.isMissingNode() ? "nothing" : v.toString();
  }
}
