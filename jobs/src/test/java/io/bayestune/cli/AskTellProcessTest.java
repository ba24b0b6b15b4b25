package io.bayestune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives {@code bayestune ask-tell} through a real child process, line by line, exactly as documented. */
class AskTellProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPEC = "{\"parameters\":["
      + "{\"name\":\"x0\",\"type\":\"double\",\"bounds\":{\"min\":-1.5,\"max\":2.5}},"
      + "{\"name\":\"k\",\"type\":\"int\",\"bounds\":{\"min\":1,\"max\":5}},"
      + "{\"name\":\"c\",\"type\":\"categorical\",\"categorical_values\":[\"a\",\"b\"]}],"
      + "\"metrics\":[{\"name\":\"f\",\"objective\":\"maximize\"}],\"type\":\"random\"}";

  private Process process;
  private PrintWriter in;
  private BufferedReader out;

  @BeforeEach
  void start() throws Exception {
    process = ChildJvm.cli("ask-tell").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws Exception {
    in.close();
    assertTrue(process.waitFor(20, TimeUnit.SECONDS), "ask-tell should exit when stdin closes");
    assertEquals(0, process.exitValue());
  }

  private JsonNode send(String line) throws Exception {
    in.println(line);
    String response = out.readLine();
    assertTrue(response != null, "no response line to " + line);
    return JSON.readTree(response);
  }

  @Test
  void theDocumentedSessionWorksLineForLine() throws Exception {
    assertEquals("{\"ok\":true}", send("{\"op\":\"create\",\"experiment\":" + SPEC + ",\"seed\":7}").toString());
    JsonNode suggested = send("{\"op\":\"suggest\",\"count\":1}");
    assertTrue(suggested.get("ok").asBoolean());
    JsonNode s = suggested.get("suggestions").get(0);
    assertEquals("1", s.get("id").asText());
    JsonNode a = s.get("assignments");
    assertTrue(a.get("x0").isDouble(), "doubles are JSON numbers: " + a);
    assertTrue(a.get("k").isIntegralNumber(), "ints are JSON integers: " + a);
    assertTrue(a.get("c").isTextual() && a.get("c").asText().matches("[ab]"), "categoricals by name: " + a);
    assertEquals("{\"ok\":true}", send("{\"op\":\"observe\",\"suggestion\":\"1\",\"values\":"
        + "[{\"name\":\"f\",\"value\":3.2,\"value_stddev\":0.1}]}").toString());
    JsonNode second = send("{\"op\":\"suggest\"}").get("suggestions").get(0);
    assertEquals("2", second.get("id").asText());
    assertEquals("{\"ok\":true}", send("{\"op\":\"observe\",\"suggestion\":\"2\",\"failed\":true}").toString());
    JsonNode best = send("{\"op\":\"best\"}");
    assertTrue(best.get("ok").asBoolean());
    assertEquals(a, best.get("best").get("assignments"), "doubles come back exactly");
    assertEquals(3.2, best.get("best").get("value").asDouble(), 0.0);
  }

  @Test
  void everyMistakeGetsAnErrorLineAndTheStateStaysUnchanged() throws Exception {
    assertError(send("{\"op\":\"suggest\"}"), "no experiment yet");
    assertError(send("not json"), "not valid JSON");
    assertError(send("{\"op\":\"create\",\"experiment\":{\"parameters\":[{\"name\":\"x\",\"type\":\"double\","
        + "\"bounds\":{\"min\":3,\"max\":1}}]}}"), "parameters[0] 'x'");
    send("{\"op\":\"create\",\"experiment\":" + SPEC + ",\"seed\":7}");
    assertError(send("{\"op\":\"create\",\"experiment\":" + SPEC + "}"), "already holds an experiment");
    assertError(send("{\"op\":\"explode\"}"), "op: must be one of");
    assertError(send("{\"op\":\"suggest\",\"count\":0}"), "count");
    send("{\"op\":\"suggest\",\"count\":2}");
    assertError(send("{\"op\":\"observe\",\"suggestion\":\"9\",\"values\":[{\"name\":\"f\",\"value\":1}]}"),
        "suggestion 9: no such suggestion");
    assertError(send("{\"op\":\"observe\",\"suggestion\":\"1\",\"values\":[{\"name\":\"f\",\"value\":\"NaN\"}]}"),
        "\"failed\": true instead");
    assertError(send("{\"op\":\"observe\",\"suggestion\":\"1\",\"values\":[{\"name\":\"g\",\"value\":1}]}"),
        "metric 'f'");
    send("{\"op\":\"observe\",\"suggestion\":\"1\",\"values\":[{\"name\":\"f\",\"value\":1.5}]}");
    assertError(send("{\"op\":\"observe\",\"suggestion\":\"1\",\"values\":[{\"name\":\"f\",\"value\":9}]}"),
        "already observed (value 1.5)");
    JsonNode best = send("{\"op\":\"best\"}");
    assertEquals(1.5, best.get("best").get("value").asDouble(), 0.0, "refused calls changed nothing");
    JsonNode next = send("{\"op\":\"suggest\"}");
    assertEquals("3", next.get("suggestions").get(0).get("id").asText(), "refused calls consumed no ids");
  }

  @Test
  void pastTrialsComeInWithTheirAssignmentsInsteadOfAnId() throws Exception {
    send("{\"op\":\"create\",\"experiment\":" + SPEC + ",\"seed\":7}");
    for (int i = 0; i < 300; i++) {
      JsonNode r = send("{\"op\":\"observe\",\"assignments\":{\"x0\":" + (-1.5 + i / 100.0) + ",\"k\":" + (1 + i % 5)
          + ",\"c\":\"" + (i % 2 == 0 ? "a" : "b") + "\"},\"values\":[{\"name\":\"f\",\"value\":" + (i == 123 ? 99 : i % 7)
          + "}]}");
      assertTrue(r.get("ok").asBoolean(), r.toString());
    }
    assertEquals("{\"ok\":true}", send("{\"op\":\"observe\",\"assignments\":{\"x0\":0,\"k\":2,\"c\":\"a\"},"
        + "\"failed\":true,\"failure_reason\":\"out of memory\"}").toString());
    assertError(send("{\"op\":\"observe\",\"assignments\":{\"x0\":7.5,\"k\":2,\"c\":\"a\"},\"value\":1}"),
        "assignments.x0: value must lie in [-1.5, 2.5], but got 7.5; correct the value");
    assertError(send("{\"op\":\"observe\",\"suggestion\":\"1\",\"assignments\":{\"x0\":0},\"value\":1}"),
        "not both");
    JsonNode best = send("{\"op\":\"best\"}").get("best");
    assertEquals(99, best.get("value").asDouble(), 0.0);
    assertEquals(-1.5 + 123 / 100.0, best.get("assignments").get("x0").asDouble(), 1e-12);
    assertEquals("1", send("{\"op\":\"suggest\"}").get("suggestions").get(0).get("id").asText(),
        "past trials consume no suggestion ids");
  }

  /** Two optimized metrics and a constraint: values for each, a missing one refused, best lists the front. */
  @Test
  void multimetricObservationsAndTheFront() throws Exception {
    String spec = "{\"type\":\"random\",\"parameters\":[{\"name\":\"x\",\"type\":\"double\",\"bounds\":"
        + "{\"min\":0,\"max\":1}}],\"metrics\":[{\"name\":\"auc\"},{\"name\":\"secs\",\"objective\":\"minimize\"},"
        + "{\"name\":\"recall\",\"strategy\":\"constraint\",\"threshold\":0.7}]}";
    assertEquals("{\"ok\":true}", send("{\"op\":\"create\",\"experiment\":" + spec + ",\"seed\":3}").toString());
    double[][] observed = {{0.9, 50, 0.8}, {0.8, 10, 0.75}, {0.95, 5, 0.5}, {0.85, 60, 0.9}};
    for (double[] v : observed) {
      String id = send("{\"op\":\"suggest\"}").get("suggestions").get(0).get("id").asText();
      if (v == observed[0]) {
        assertError(send("{\"op\":\"observe\",\"suggestion\":\"" + id + "\",\"values\":[{\"name\":\"auc\","
            + "\"value\":0.9}]}"), "metric 'secs' (optimize) has no value");
      }
      assertEquals("{\"ok\":true}", send("{\"op\":\"observe\",\"suggestion\":\"" + id + "\",\"values\":["
          + "{\"name\":\"auc\",\"value\":" + v[0] + "},{\"name\":\"secs\",\"value\":" + v[1] + "},"
          + "{\"name\":\"recall\",\"value\":" + v[2] + "}]}").toString());
    }
    JsonNode front = send("{\"op\":\"best\"}").get("best_assignments");
    // (0.95, 5) misses the recall threshold; (0.85, 60) is dominated by (0.9, 50).
    assertEquals(2, front.size(), front.toString());
    assertEquals(0.9, front.get(0).get("value").asDouble(), 0.0);
    assertEquals(0.8, front.get(1).get("value").asDouble(), 0.0);
    assertEquals(3, front.get(0).get("values").size(), front.toString());
  }

  private static void assertError(JsonNode response, String mention) {
    assertFalse(response.get("ok").asBoolean(), response.toString());
    assertTrue(response.get("error").asText().contains(mention),
        "error should mention <" + mention + ">: " + response.get("error").asText());
  }
}
