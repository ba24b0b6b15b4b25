package io.bayestune.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The service's JSON mapper and SigOpt's error object. */
final class Json {
  /**
   * Reads NaN and Infinity tokens: Python's json module writes them for float('nan'), and such a value must get
   * the error that names the field ("value must be finite ... report failed"), not "invalid JSON".
   */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private Json() {
  }

  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("body: not valid JSON (" + e.getOriginalMessage() + " at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "); send a JSON object");
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write JSON", e);
    }
  }

  /** SigOpt's error shape. */
  static ObjectNode error(int status, String message) {
    return MAPPER.createObjectNode().put("object", "error").put("message", message).put("status", status);
  }
}
