package io.bayestune.optimizer.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.space.Assignments;
import io.bayestune.optimizer.space.SearchSpace;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Assignments as JSON: ints as JSON integers, categoricals as their string names (never indices),
 * doubles as the shortest decimal that reads back to the same double.
 */
public final class AssignmentsJson {
  private AssignmentsJson() {
  }

  public static ObjectNode write(Assignments assignments) {
    ObjectNode out = SpecJson.MAPPER.createObjectNode();
    for (Map.Entry<String, Object> e : assignments.asMap().entrySet()) {
      Object v = e.getValue();
      if (v instanceof Long l) {
        out.put(e.getKey(), l);
      } else if (v instanceof Double d) {
        out.put(e.getKey(), d);
      } else {
        out.put(e.getKey(), (String) v);
      }
    }
    return out;
  }

  /** Plain Java values of a JSON object (numbers as Long or Double, strings, anything else as-is). */
  public static Map<String, Object> toRaw(String at, JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(at + ": must be a JSON object of parameter names to values, but got "
          + (node.isMissingNode() ? "nothing" : node.toString()));
    }
    Map<String, Object> raw = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      Object value;
      if (v.isIntegralNumber()) {
        value = v.asLong();
      } else if (v.isNumber()) {
        value = v.asDouble();
      } else if (v.isTextual()) {
        value = v.asText();
      } else {
        value = v.toString();
      }
      raw.put(e.getKey(), value);
    }
    return raw;
  }

  /** Reads and validates assignments against the space. */
  public static Assignments read(String at, JsonNode node, SearchSpace space) {
    try {
      return space.validate(toRaw(at, node));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().startsWith(at) ? e.getMessage() : at + "." + e.getMessage(), e);
    }
  }
}
