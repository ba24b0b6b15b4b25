package io.bayestune.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.space.Assignments;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What prepared suggestions are made with and when they are handed out (commits 9a4485d, eb9f834). A suggestion is
 * checked against the one the optimizer makes, from the same stored state, for the open suggestions it should have
 * known: the optimizer is deterministic given its state (seed, results, open suggestions, next id), so a suggestion
 * that was made with other points pending differs from it. Each experiment starts past its initial design (results
 * reported as a batch), where pending points change what the model suggests.
 */
class PreparedSuggestionFreshnessTest {
  /**
   * The serial fresh wait for the tests that need a preparation round to end within it. A round at this size takes
   * tens of milliseconds on a quiet core, but a JVM starved for a few seconds on a loaded machine would outlast the
   * production default of 2 s, the request would take the stale suggestion, and the test would fail for no fault.
   */
  private static final Duration WAIT_LONGER_THAN_ANY_ROUND = Duration.ofSeconds(30);

  @TempDir
  Path dir;
  SigOptServer server;
  ServiceClient client;

  /** Starts the server with {@code serialFreshWait}; each test chooses the wait it relies on. */
  private void start(Duration serialFreshWait) throws Exception {
    Path tokens = dir.resolve("tokens.txt");
    String token = TokenFile.create(tokens, "chem");
    server = SigOptServer.start(new SigOptServer.Options("127.0.0.1", 0, dir.resolve("state").toString(), tokens,
        StoreOpener.localOnly(), e -> "", 16, serialFreshWait));
    client = new ServiceClient(server.port(), token);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aSerialClientIsHandedASuggestionMadeAfterItsLatestResultWithNothingPending() throws Exception {
    // Unsettled rounds ask while the round that makes the fresh suggestion runs: it must end within the wait.
    start(WAIT_LONGER_THAN_ANY_ROUND);
    // 24 results: past 20, a pool of more bandwidth would be kept through a result (it grew by less than a tenth).
    String id = create(1, 24);
    ExperimentSession s = session(id);
    JsonNode held = suggest(id);
    for (int round = 0; round < 4; round++) {
      Set<String> madeBefore = new HashSet<>(SuggestionPreparerTest.idle(s));
      assertEquals(1, madeBefore.size(), "one prepared ahead (parallel_bandwidth 1), made while ours was open");
      observe(id, held);
      boolean settled = round % 2 == 0;
      if (settled) {
        SuggestionPreparerTest.idle(s);
      }
      // Settled or not, the request is handed one made after the result, not the one prepared before it.
      JsonNode next = suggest(id);
      assertFalse(madeBefore.contains(next.get("id").asText()), "round " + round + ": handed suggestion "
          + next.get("id").asText() + " was prepared before the latest result");
      if (settled) {
        assertEquals(List.of(reference(s, id(next), 1).get(0)), madeOf(s, List.of(next.get("id").asText())),
            "round " + round + ": made with no pending point (the replaced prepared one not counted as open)");
      }
      held = next;
    }
  }

  @Test
  void aSerialRequestThatArrivesDuringARoundGetsOneMadeWithoutTheStalePreparedOne() throws Exception {
    // The documented loop with a fast evaluation: the result and the next request arrive while the round that
    // prepares the next suggestion (made while ours was open) still runs, so a request waits when the round ends.
    // The round that starts when ours ends must end within the request's fresh wait.
    start(WAIT_LONGER_THAN_ANY_ROUND);
    String id = create(1, 24);
    ExperimentSession s = session(id);
    JsonNode held = suggest(id);
    Set<String> madeBefore = new HashSet<>(SuggestionPreparerTest.idle(s));
    setPreparing(s, true);
    ExecutorService requests = Executors.newSingleThreadExecutor();
    try {
      observe(id, held);
      Future<JsonNode> next = requests.submit(() -> suggest(id));
      while (s.waiting() == 0) {
        Thread.sleep(5);
      }
      setPreparing(s, false); // the round ends: the waiting request wakes and starts the next one
      JsonNode given = next.get(60, TimeUnit.SECONDS);
      assertFalse(madeBefore.contains(given.get("id").asText()), "made after the result");
      assertEquals(reference(s, id(given), 1), madeOf(s, List.of(given.get("id").asText())),
          "made with no pending point: the stale prepared one, which the request does not take, not counted as open");
    } finally {
      requests.shutdownNow();
    }
  }

  @Test
  void withMoreBandwidthSuggestionsPreparedBeforeAResultAreStillHandedOut() throws Exception {
    start(WAIT_LONGER_THAN_ANY_ROUND); // never waited here: with more bandwidth every prepared one is fit to hand out
    String id = create(3, 24);
    ExperimentSession s = session(id);
    JsonNode held = suggest(id);
    Set<String> madeBefore = new HashSet<>(SuggestionPreparerTest.idle(s));
    assertEquals(3, madeBefore.size(), "a full pool (parallel_bandwidth 3)");
    observe(id, held);
    // 25 results against 24 when the pool was made: less than a tenth more, so the pool is kept and served at once.
    JsonNode next = suggest(id);
    assertTrue(madeBefore.contains(next.get("id").asText()), "handed " + next.get("id").asText() + ", not one of the"
        + " pool " + madeBefore);
  }

  @Test
  void replacedPreparedSuggestionsAreNotOpenForTheirReplacements() throws Exception {
    start(WAIT_LONGER_THAN_ANY_ROUND); // never waited here (bandwidth 3)
    // 6 results: each new result makes the whole pool stale (it grew by more than a tenth).
    String id = create(3, 6);
    ExperimentSession s = session(id);
    suggest(id); // held by a client, open: its replacements must know it
    List<String> before = SuggestionPreparerTest.idle(s);
    assertEquals(3, before.size());
    ServiceClient.Response r = client.post("/v1/experiments/" + id + "/observations/batch",
        "{\"observations\":[{\"assignments\":{\"x\":0.9,\"y\":0.1},\"value\":" + objective(0.9, 0.1) + "}]}");
    assertEquals(200, r.status(), r.text());
    List<String> after = SuggestionPreparerTest.idle(s);
    assertEquals(3, after.size());
    assertTrue(after.stream().noneMatch(before::contains), "the whole pool was made again: " + before + " -> " + after);
    assertEquals(reference(s, Long.parseLong(after.get(0)), 3), madeOf(s, after),
        "made knowing the held suggestion only, not the three they replaced");
  }

  @Test
  void aSerialRequestThatGetsNoFreshSuggestionIsStillAnswered() throws Exception {
    // The production default: short, since this test waits it out (no round runs) and checks that it is bounded.
    start(PreparedTakes.DEFAULT_SERIAL_FRESH_WAIT);
    String id = create(1, 24);
    ExperimentSession s = session(id);
    JsonNode held = suggest(id);
    List<String> madeBefore = SuggestionPreparerTest.idle(s);
    // The preparer is taken as busy (as when a slow round runs), so no suggestion made after the result comes.
    setPreparing(s, true);
    try {
      observe(id, held);
      JsonNode next = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> suggest(id),
          "a serial request waits for a fresh suggestion a bounded time, then takes the prepared one");
      assertEquals(madeBefore, List.of(next.get("id").asText()));
    } finally {
      setPreparing(s, false);
    }
  }

  /** Marks a preparation round as running (so none starts) or ended, and wakes the requests that wait. */
  private static void setPreparing(ExperimentSession s, boolean running) {
    s.lock.lock();
    try {
      s.preparing = running;
      s.preparedChanged.signalAll();
    } finally {
      s.lock.unlock();
    }
  }

  /** A new experiment over x, y in [0, 1] with {@code results} results reported as one batch; its id. */
  private String create(int bandwidth, int results) throws Exception {
    ServiceClient.Response r = client.post("/v1/experiments", "{\"name\":\"fresh\",\"parameters\":["
        + "{\"name\":\"x\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1}},"
        + "{\"name\":\"y\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1}}],"
        + "\"metrics\":[{\"name\":\"f\",\"objective\":\"maximize\"}],\"observation_budget\":40,"
        + "\"parallel_bandwidth\":" + bandwidth + "}");
    assertEquals(200, r.status(), r.text());
    String id = r.json().get("id").asText();
    StringBuilder batch = new StringBuilder("{\"observations\":[");
    for (int i = 0; i < results; i++) {
      // A low-discrepancy spread (golden-ratio steps), away from the optimum at (0.3, 0.6).
      double x = (0.13 + i * 0.618034) % 1;
      double y = (0.71 + i * 0.381966) % 1;
      batch.append(i == 0 ? "" : ",").append("{\"assignments\":{\"x\":").append(x).append(",\"y\":").append(y)
          .append("},\"value\":").append(objective(x, y)).append('}');
    }
    ServiceClient.Response b = client.post("/v1/experiments/" + id + "/observations/batch", batch + "]}");
    assertEquals(200, b.status(), b.text());
    return id;
  }

  private ExperimentSession session(String id) throws Exception {
    return server.registry().find(id).orElseThrow();
  }

  private static double objective(double x, double y) {
    return -Math.pow(x - 0.3, 2) - Math.pow(y - 0.6, 2);
  }

  private JsonNode suggest(String id) throws Exception {
    ServiceClient.Response r = client.post("/v1/experiments/" + id + "/suggestions", "");
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  private void observe(String id, JsonNode suggestion) throws Exception {
    JsonNode a = suggestion.get("assignments");
    ServiceClient.Response r = client.post("/v1/experiments/" + id + "/observations", "{\"suggestion\":\""
        + suggestion.get("id").asText() + "\",\"value\":" + objective(a.get("x").asDouble(), a.get("y").asDouble())
        + "}");
    assertEquals(200, r.status(), r.text());
  }

  private static long id(JsonNode suggestion) {
    return Long.parseLong(suggestion.get("id").asText());
  }

  /** The stored assignments of suggestions {@code ids}, in that order. */
  private static List<Assignments> madeOf(ExperimentSession s, List<String> ids) throws Exception {
    return s.read(st -> {
      List<Assignments> out = new ArrayList<>();
      for (String want : ids) {
        st.experiment.suggestions().stream().filter(x -> x.id().equals(want)).forEach(x -> out.add(x.assignments()));
      }
      return out;
    });
  }

  /**
   * The {@code count} suggestions the optimizer makes from the stored state as it should have been seen when
   * suggestion {@code firstId} was made: every result, the suggestions made before it that clients hold (no
   * prepared one: those are being replaced, or for a serial experiment never handed out while stale), and
   * {@code firstId} as the next id (the id seeds the suggestion's random numbers).
   */
  private static List<Assignments> reference(ExperimentSession s, long firstId, int count) throws Exception {
    String json = s.read(st -> {
      Set<String> notKnown = new HashSet<>();
      s.prepared().forEach(p -> notKnown.add(p.id()));
      st.experiment.openSuggestions().stream().filter(x -> Long.parseLong(x.id()) >= firstId)
          .forEach(x -> notKnown.add(x.id()));
      return StateEdits.replaceSuggestions(st.experiment, notKnown, List.of(), null).toJson();
    });
    ObjectNode root = (ObjectNode) Json.parse(json);
    root.put("next_id", firstId);
    List<Assignments> out = new ArrayList<>();
    for (Suggestion x : Experiment.fromJson(Json.write(root)).suggest(count)) {
      out.add(x.assignments());
    }
    return out;
  }
}
