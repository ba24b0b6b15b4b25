package io.bayestune.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One authenticated API request: the caller's team, the path's parameters, the query and the JSON body (an empty
 * object when none was sent).
 */
record Call(String team, Map<String, String> path, Map<String, String> query, JsonNode body) {

  String experimentId() {
    return path.get("experiment");
  }

  /** The body as an object with only {@code known} fields; anything else is refused, naming the field. */
  ObjectNode object(Set<String> known) {
    if (!body.isObject()) {
      throw ApiException.badRequest("body: must be a JSON object, but got " + shorten(body.toString()));
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw ApiException.badRequest(shorten(f) + ": unknown field; known fields are " + new TreeSet<>(known)
            + " (check the spelling)");
      }
    }
    return (ObjectNode) body;
  }

  /** Query parameters limited to {@code known}. */
  void queryOnly(Set<String> known) {
    for (String k : query.keySet()) {
      if (!known.contains(k)) {
        throw ApiException.badRequest(shorten(k) + ": unknown query parameter; known ones are " + new TreeSet<>(known));
      }
    }
  }

  /** Long user text cut for messages. */
  static String shorten(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
