package io.bayestune.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** SigOpt's {@code metadata}: a small object of strings and numbers kept with an experiment, suggestion or observation. */
final class Metadata {
  static final int MAX_KEYS = 100;
  static final int MAX_LENGTH = 500;

  private Metadata() {
  }

  /** The validated metadata, or null when absent or null. */
  static JsonNode read(String at, JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw ApiException.badRequest(at + ": must be an object of names to strings or numbers, such as"
          + " {\"batch\": \"B-17\"}, but got " + Call.shorten(node.toString()));
    }
    if (node.size() > MAX_KEYS) {
      throw ApiException.badRequest(at + ": at most " + MAX_KEYS + " entries, but got " + node.size());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (e.getKey().isEmpty() || e.getKey().length() > 100) {
        throw ApiException.badRequest(at + ": names must be 1 to 100 characters, but got \""
            + Call.shorten(e.getKey()) + "\"");
      }
      boolean ok = v.isNull() || v.isTextual() && v.asText().length() <= MAX_LENGTH
          || v.isNumber() && Double.isFinite(v.asDouble()) || v.isBoolean();
      if (!ok) {
        throw ApiException.badRequest(at + "." + Call.shorten(e.getKey()) + ": must be a string of at most "
            + MAX_LENGTH + " characters, a finite number, a boolean or null, but got " + Call.shorten(v.toString()));
      }
    }
    return node;
  }
}
