package io.bayestune.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real server on 127.0.0.1 with its state in a temporary directory, driven over HTTP. */
class SigOptServerTest {
  static final String SPEC = "{\"name\":\"mix\",\"parameters\":["
      + "{\"name\":\"x\",\"type\":\"double\",\"bounds\":{\"min\":-2,\"max\":2}},"
      + "{\"name\":\"n\",\"type\":\"int\",\"bounds\":{\"min\":1,\"max\":8}},"
      + "{\"name\":\"kind\",\"type\":\"categorical\",\"categorical_values\":[\"a\",\"b\"]}],"
      + "\"metrics\":[{\"name\":\"y\",\"objective\":\"maximize\"}],\"observation_budget\":12,\"parallel_bandwidth\":4}";

  @TempDir
  Path dir;
  SigOptServer server;
  ServiceClient chem;
  ServiceClient other;

  @BeforeEach
  void start() throws Exception {
    Path tokens = dir.resolve("tokens.txt");
    String chemToken = TokenFile.create(tokens, "chem");
    String otherToken = TokenFile.create(tokens, "fraud");
    server = startServer();
    chem = new ServiceClient(server.port(), chemToken);
    other = new ServiceClient(server.port(), otherToken);
  }

  private SigOptServer startServer() throws Exception {
    return SigOptServer.start(new SigOptServer.Options("127.0.0.1", 0, dir.resolve("state").toString(),
        dir.resolve("tokens.txt"), StoreOpener.localOnly(), e -> "<html><head></head><body>" + e.observations().size()
        + " observations</body></html>", 4));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private String create() throws Exception {
    ServiceClient.Response r = chem.post("/v1/experiments", SPEC);
    assertEquals(200, r.status(), r.text());
    return r.json().get("id").asText();
  }

  private static double objective(JsonNode a) {
    return -Math.pow(a.get("x").asDouble() - 0.5, 2) - 0.1 * a.get("n").asLong()
        + (a.get("kind").asText().equals("b") ? 0.3 : 0);
  }

  @Test
  void theLoopRunsAndSurvivesARestart() throws Exception {
    String id = create();
    for (int i = 0; i < 8; i++) {
      JsonNode s = chem.post("/v1/experiments/" + id + "/suggestions", "").json();
      assertEquals("suggestion", s.get("object").asText());
      String body = i == 2 ? "{\"suggestion\":\"" + s.get("id").asText() + "\",\"failed\":true}"
          : "{\"suggestion\":\"" + s.get("id").asText() + "\",\"values\":[{\"name\":\"y\",\"value\":"
          + objective(s.get("assignments")) + ",\"value_stddev\":0.01}]}";
      ServiceClient.Response o = chem.post("/v1/experiments/" + id + "/observations", body);
      assertEquals(200, o.status(), o.text());
      assertEquals(i == 2, o.json().get("failed").asBoolean());
    }
    JsonNode best = chem.get("/v1/experiments/" + id + "/best_assignments").json();
    assertEquals(1, best.get("data").size());
    assertEquals(8, chem.get("/v1/experiments/" + id).json().at("/progress/observation_count").asInt());

    server.close();
    server = startServer();
    ServiceClient again = new ServiceClient(server.port(), tokenOf(chem));
    JsonNode fetched = again.get("/v1/experiments/" + id).json();
    assertEquals(8, fetched.at("/progress/observation_count").asInt());
    JsonNode page = again.get("/v1/experiments/" + id + "/observations?limit=3").json();
    assertEquals(8, page.get("count").asInt());
    assertEquals(List.of("8", "7", "6"), ids(page));
    JsonNode older = again.get("/v1/experiments/" + id + "/observations?limit=3&before="
        + page.at("/paging/before").asText()).json();
    assertEquals(List.of("5", "4", "3"), ids(older));
    assertTrue(again.get("/experiments/" + id + "/report").text().contains("http-equiv=\"refresh\""));
  }

  @Test
  void tokensAndTeamsAreEnforced() throws Exception {
    String id = create();
    assertEquals(401, new ServiceClient(server.port(), null).get("/v1/experiments").status());
    ServiceClient.Response wrong = new ServiceClient(server.port(), "not-a-token").get("/v1/experiments/" + id);
    assertEquals(401, wrong.status());
    assertEquals("error", wrong.json().get("object").asText());
    assertEquals(404, other.get("/v1/experiments/" + id).status());
    assertEquals(404, other.post("/v1/experiments/" + id + "/suggestions", "").status());
    assertEquals(0, other.get("/v1/experiments").json().get("count").asInt());
    assertEquals(1, chem.get("/v1/experiments").json().get("count").asInt());
  }

  @Test
  void badInputNamesTheFieldAndChangesNothing() throws Exception {
    String id = create();
    String s = chem.post("/v1/experiments/" + id + "/suggestions", "").json().get("id").asText();
    String before = chem.get("/v1/experiments/" + id).text();
    String obs = "/v1/experiments/" + id + "/observations";
    assertError(chem.post(obs, "{\"suggestion\":\"" + s + "\",\"value\":NaN}"), "value must be finite");
    assertError(chem.post(obs, "{\"suggestion\":\"999\",\"value\":1}"), "suggestion: 999");
    assertError(chem.post(obs, "{\"suggestion\":\"" + s + "\",\"value\":1,\"colour\":2}"), "colour: unknown field");
    assertError(chem.post(obs, "{\"assignments\":{\"x\":9,\"n\":1,\"kind\":\"a\"},\"value\":1}"), "x");
    assertError(chem.post("/v1/experiments", SPEC.replace("\"max\":2", "\"max\":-3")), "parameters[0]");
    assertError(chem.post("/v1/experiments", SPEC.replace("[{\"name\":\"y\",\"objective\":\"maximize\"}]",
        "[{\"name\":\"y\"},{\"name\":\"z\"}]")), "metrics");
    assertError(chem.send("PUT", "/v1/experiments/" + id, "{\"parallel_bandwidth\":0}"), "parallel_bandwidth");
    assertEquals(before, chem.get("/v1/experiments/" + id).text());
    assertEquals(200, chem.post(obs, "{\"suggestion\":\"" + s + "\",\"value\":1}").status());
    assertError(chem.post(obs, "{\"suggestion\":\"" + s + "\",\"value\":2}"), "already observed");
    assertEquals(1, chem.get(obs).json().get("count").asInt());
  }

  private static void assertError(ServiceClient.Response r, String fragment) {
    assertEquals(400, r.status(), r.text());
    assertEquals("error", r.json().get("object").asText());
    assertEquals(400, r.json().get("status").asInt());
    assertTrue(r.json().get("message").asText().contains(fragment), r.json().get("message").asText());
  }

  @Test
  void concurrentClientsGetDistinctSuggestionsAndLoseNoObservation() throws Exception {
    String id = create();
    int clients = 6;
    int rounds = 4;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<List<String>>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      done.add(pool.submit(() -> {
        List<String> given = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          JsonNode s = chem.post("/v1/experiments/" + id + "/suggestions", "").json();
          given.add(s.get("assignments").toString());
          ServiceClient.Response o = chem.post("/v1/experiments/" + id + "/observations", "{\"suggestion\":\""
              + s.get("id").asText() + "\",\"value\":" + objective(s.get("assignments")) + "}");
          assertEquals(200, o.status(), o.text());
        }
        return given;
      }));
    }
    Set<String> distinct = new HashSet<>();
    int total = 0;
    for (Future<List<String>> f : done) {
      for (String a : f.get()) {
        distinct.add(a);
        total++;
      }
    }
    pool.shutdown();
    assertEquals(clients * rounds, total);
    assertEquals(total, distinct.size(), "every suggestion handed out differs from every other");
    assertEquals(total, chem.get("/v1/experiments/" + id).json().at("/progress/observation_count").asInt());
    assertEquals(0, chem.get("/v1/experiments/" + id + "/suggestions?state=open").json().get("count").asInt());
  }

  @Test
  void twoServersOnOneStateNeitherLoseNorRepeat() throws Exception {
    String id = create();
    try (SigOptServer second = startServer()) {
      ServiceClient[] servers = {chem, new ServiceClient(second.port(), tokenOf(chem))};
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<List<String>>> done = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        int client = c;
        done.add(pool.submit(() -> {
          List<String> given = new ArrayList<>();
          for (int r = 0; r < 3; r++) {
            // Suggestion from one server, observation through the other, as behind a load balancer.
            JsonNode s = servers[(client + r) % 2].post("/v1/experiments/" + id + "/suggestions", "").json();
            given.add(s.get("assignments").toString());
            ServiceClient.Response o = servers[(client + r + 1) % 2].post("/v1/experiments/" + id + "/observations",
                "{\"suggestion\":\"" + s.get("id").asText() + "\",\"value\":" + objective(s.get("assignments")) + "}");
            assertEquals(200, o.status(), o.text());
          }
          return given;
        }));
      }
      Set<String> distinct = new HashSet<>();
      for (Future<List<String>> f : done) {
        distinct.addAll(f.get());
      }
      pool.shutdown();
      assertEquals(12, distinct.size(), "no suggestion was handed out twice");
    }
    server.close();
    server = startServer();
    ServiceClient fresh = new ServiceClient(server.port(), tokenOf(chem));
    assertEquals(12, fresh.get("/v1/experiments/" + id + "/observations").json().get("count").asInt());
  }

  @Test
  void batchesAreAllOrNothingAndSuggestionsCanBeWithdrawn() throws Exception {
    String id = create();
    String batch = "/v1/experiments/" + id + "/observations/batch";
    assertError(chem.post(batch, "{\"observations\":[{\"assignments\":{\"x\":0,\"n\":2,\"kind\":\"a\"},\"value\":1},"
        + "{\"assignments\":{\"x\":0,\"n\":2,\"kind\":\"c\"},\"value\":1}]}"), "observations[1].assignments");
    assertEquals(0, chem.get("/v1/experiments/" + id).json().at("/progress/observation_count").asInt());
    ServiceClient.Response ok = chem.post(batch, "{\"observations\":[{\"assignments\":{\"x\":0,\"n\":2,\"kind\":\"a\"},"
        + "\"value\":1},{\"assignments\":{\"x\":1,\"n\":3,\"kind\":\"b\"},\"failed\":true}]}");
    assertEquals(200, ok.status(), ok.text());
    assertEquals(2, ok.json().get("data").size());
    String s = chem.post("/v1/experiments/" + id + "/suggestions", "").json().get("id").asText();
    assertEquals(204, chem.send("DELETE", "/v1/experiments/" + id + "/suggestions/" + s, null).status());
    assertEquals(404, chem.get("/v1/experiments/" + id + "/suggestions/" + s).status());
    assertEquals(204, chem.send("DELETE", "/v1/experiments/" + id, null).status());
    assertEquals(404, chem.get("/v1/experiments/" + id).status());
    assertTrue(Files.readString(dir.resolve("state/experiments/" + id + "/experiment.json")).contains("\"deleted\":true"));
  }

  private static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("data").forEach(d -> out.add(d.get("id").asText()));
    return out;
  }

  private static String tokenOf(ServiceClient c) throws Exception {
    var f = ServiceClient.class.getDeclaredField("token");
    f.setAccessible(true);
    return (String) f.get(c);
  }
}
