package io.bayestune.optimizer.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The part of JSON Patch (RFC 6902) that a store's change log holds: {@code add} (an object member, set or
 * replaced; an array element inserted at an index, or appended with {@code -}), {@code replace} and
 * {@code remove}, with paths as JSON Pointers (RFC 6901). A change applies whole or throws; callers apply it to
 * a copy they may drop.
 */
public final class JsonPatch {
  private JsonPatch() {
  }

  /** Applies {@code ops} (an array of operation objects) to {@code document} in place. */
  public static void apply(JsonNode document, JsonNode ops) {
    if (!ops.isArray()) {
      throw new IllegalArgumentException("a JSON Patch is an array of operations, but got " + ops.getNodeType());
    }
    for (JsonNode op : ops) {
      String kind = op.path("op").asText();
      String path = op.path("path").asText(null);
      if (path == null || path.isEmpty() || path.charAt(0) != '/') {
        throw new IllegalArgumentException("JSON Patch path: must be a JSON Pointer to a member, but got " + path);
      }
      int cut = path.lastIndexOf('/');
      JsonNode parent = resolve(document, path.substring(0, cut));
      String last = unescape(path.substring(cut + 1));
      switch (kind) {
        case "add" -> add(parent, last, value(op), path);
        case "replace" -> replace(parent, last, value(op), path);
        case "remove" -> remove(parent, last, path);
        default -> throw new IllegalArgumentException("JSON Patch op: add, replace or remove, but got " + kind);
      }
    }
  }

  private static JsonNode value(JsonNode op) {
    if (!op.has("value")) {
      throw new IllegalArgumentException("JSON Patch " + op.path("op").asText() + ": no value in " + op);
    }
    return op.get("value").deepCopy();
  }

  private static void add(JsonNode parent, String key, JsonNode value, String path) {
    if (parent instanceof ObjectNode object) {
      object.set(key, value);
    } else if (parent instanceof ArrayNode array) {
      if (key.equals("-")) {
        array.add(value);
      } else {
        array.insert(index(array, key, array.size(), path), value);
      }
    } else {
      throw new IllegalArgumentException("JSON Patch path " + path + ": its parent is not an object or array");
    }
  }

  /** Replaces in place, so that a member keeps its position. */
  private static void replace(JsonNode parent, String key, JsonNode value, String path) {
    if (parent instanceof ObjectNode object && object.has(key)) {
      object.set(key, value);
    } else if (parent instanceof ArrayNode array) {
      array.set(index(array, key, array.size() - 1, path), value);
    } else {
      throw new IllegalArgumentException("JSON Patch path " + path + ": nothing there to replace");
    }
  }

  private static void remove(JsonNode parent, String key, String path) {
    if (parent instanceof ObjectNode object && object.has(key)) {
      object.remove(key);
    } else if (parent instanceof ArrayNode array) {
      array.remove(index(array, key, array.size() - 1, path));
    } else {
      throw new IllegalArgumentException("JSON Patch path " + path + ": nothing there to remove");
    }
  }

  private static int index(ArrayNode array, String key, int highest, String path) {
    try {
      int i = Integer.parseInt(key);
      if (i >= 0 && i <= highest) {
        return i;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("JSON Patch path " + path + ": no index " + key + " in an array of "
        + array.size());
  }

  private static JsonNode resolve(JsonNode document, String pointer) {
    JsonNode node = document;
    if (!pointer.isEmpty()) {
      for (String part : pointer.substring(1).split("/", -1)) {
        String key = unescape(part);
        node = node.isArray() ? node.path(Integer.parseInt(key)) : node.path(key);
        if (node.isMissingNode()) {
          throw new IllegalArgumentException("JSON Patch path: nothing at " + pointer);
        }
      }
    }
    return node;
  }

  /** A member name as a JSON Pointer segment writes it. */
  public static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String unescape(String segment) {
    return segment.replace("~1", "/").replace("~0", "~");
  }
}
