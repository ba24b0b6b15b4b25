package io.bayestune.service;

import com.fasterxml.jackson.databind.JsonNode;

/** What a handler answers: a status with a JSON body (none for 204), or an HTML page. */
record Reply(int status, JsonNode json, String html) {
  static Reply ok(JsonNode json) {
    return new Reply(200, json, null);
  }

  static Reply created(JsonNode json) {
    return new Reply(201, json, null);
  }

  static Reply noContent() {
    return new Reply(204, null, null);
  }

  static Reply page(String html) {
    return new Reply(200, null, html);
  }
}
