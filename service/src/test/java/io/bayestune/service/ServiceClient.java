package io.bayestune.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A test's client of a running {@link SigOptServer}: the JDK's HTTP client, basic auth with a token as SigOpt's clients send it. */
final class ServiceClient {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;
  private final String token;

  ServiceClient(int port, String token) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
  }

  record Response(int status, JsonNode json, String text) {
  }

  Response get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  Response post(String path, String body) throws IOException, InterruptedException {
    return send("POST", path, body);
  }

  Response send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((token + ":").getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = r.body().isEmpty() || !r.headers().firstValue("Content-Type").orElse("").contains("json")
        ? null : Json.MAPPER.readTree(r.body());
    return new Response(r.statusCode(), json, r.body());
  }
}
