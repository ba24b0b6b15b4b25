package io.bayestune.connectors.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.optimizer.store.ExperimentStore.StoredState;
import io.bayestune.optimizer.store.StateConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ExperimentStore} must do, as JUnit 5 default methods: implement {@link #freshLocation()}
 * and {@link #open(String)} and every test runs against the store. Each store opened on a location
 * stands for a separate driver process (its own instance, its own lease where there is one).
 */
public interface ExperimentStoreContract {

  /** A location nobody has written to, unique to the calling test. */
  String freshLocation() throws Exception;

  /** A new store instance on {@code location}, as another process would open it. */
  ExperimentStore open(String location) throws Exception;

  private static String doc(String label, int n) {
    return "{\"name\":\"" + label + "\",\"observations\":" + n + ",\"note\":\"grüße ✓\"}";
  }

  @Test
  default void emptyLocationLoadsNothing() throws Exception {
    try (ExperimentStore store = open(freshLocation())) {
      assertEquals(Optional.empty(), store.load());
    }
  }

  @Test
  default void createdDocumentLoadsWithTheVersionSaveReturned() throws Exception {
    try (ExperimentStore store = open(freshLocation())) {
      String version = store.save(doc("a", 1), null);
      StoredState loaded = store.load().orElseThrow();
      assertEquals(doc("a", 1), loaded.json());
      assertEquals(version, loaded.version());
    }
  }

  @Test
  default void compareAndSetReplacesTheDocument() throws Exception {
    try (ExperimentStore store = open(freshLocation())) {
      String v1 = store.save(doc("a", 1), null);
      String v2 = store.save(doc("a", 2), v1);
      assertNotEquals(v1, v2);
      assertEquals(new StoredState(doc("a", 2), v2), store.load().orElseThrow());
      String v3 = store.save(doc("a", 3), v2);
      assertEquals(new StoredState(doc("a", 3), v3), store.load().orElseThrow());
    }
  }

  @Test
  default void staleVersionIsRefusedAndStateKept() throws Exception {
    try (ExperimentStore store = open(freshLocation())) {
      String v1 = store.save(doc("a", 1), null);
      String v2 = store.save(doc("a", 2), v1);
      StateConflictException e = assertThrows(StateConflictException.class, () -> store.save(doc("stale", 9), v1));
      assertTrue(e.getMessage().contains(store.location()), e.getMessage());
      assertEquals(new StoredState(doc("a", 2), v2), store.load().orElseThrow());
    }
  }

  @Test
  default void secondCreatorIsRefused() throws Exception {
    String location = freshLocation();
    try (ExperimentStore first = open(location); ExperimentStore second = open(location)) {
      String v1 = first.save(doc("first", 1), null);
      assertThrows(StateConflictException.class, () -> second.save(doc("second", 1), null));
      assertEquals(new StoredState(doc("first", 1), v1), second.load().orElseThrow());
    }
  }

  @Test
  default void reopenedLocationContinuesFromTheSavedState() throws Exception {
    String location = freshLocation();
    try (ExperimentStore first = open(location)) {
      first.save(doc("run", 1), null);
    }
    try (ExperimentStore again = open(location)) {
      StoredState state = again.load().orElseThrow();
      assertEquals(doc("run", 1), state.json());
      String v2 = again.save(doc("run", 2), state.version());
      assertEquals(new StoredState(doc("run", 2), v2), again.load().orElseThrow());
    }
  }

  /** A change as JSON Patch, setting {@code observations} to {@code n} and adding an entry to {@code log}. */
  private static String change(int n) {
    return "[{\"op\":\"replace\",\"path\":\"/observations\",\"value\":" + n + "},"
        + "{\"op\":\"add\",\"path\":\"/log/-\",\"value\":{\"n\":" + n + ",\"é\":\"ü\"}}]";
  }

  private static String logDoc() {
    return "{\"name\":\"logged\",\"observations\":0,\"log\":[]}";
  }

  /** The document after changes 1..n: what a load must return, whether the store logged them or not. */
  private static JsonNode logDocAfter(int n) throws Exception {
    var mapper = new ObjectMapper();
    var doc = (ObjectNode) mapper.readTree(logDoc());
    doc.put("observations", n);
    for (int i = 1; i <= n; i++) {
      doc.withArray("log").addObject().put("n", i).put("é", "ü");
    }
    return doc;
  }

  /** Appends change n, or saves the whole document when the store asks for it (as the service does). */
  private static String appendOrSave(ExperimentStore store, int n, String version) throws Exception {
    Optional<String> appended = store.appendChange(change(n), version);
    return appended.isPresent() ? appended.get()
        : store.save(new ObjectMapper().writeValueAsString(logDocAfter(n)), version);
  }

  @Test
  default void loggedChangesLoadAsTheDocumentWithThemApplied() throws Exception {
    String location = freshLocation();
    try (ExperimentStore store = open(location)) {
      String v = store.save(logDoc(), null);
      for (int n = 1; n <= 5; n++) {
        String before = v;
        v = appendOrSave(store, n, v);
        assertNotEquals(before, v);
      }
      StoredState loaded = store.load().orElseThrow();
      assertEquals(v, loaded.version());
      assertEquals(logDocAfter(5), new ObjectMapper().readTree(loaded.json()));
    }
    try (ExperimentStore reopened = open(location)) {
      StoredState again = reopened.load().orElseThrow();
      assertEquals(logDocAfter(5), new ObjectMapper().readTree(again.json()));
      String v6 = appendOrSave(reopened, 6, again.version());
      assertEquals(v6, reopened.load().orElseThrow().version());
    }
  }

  @Test
  default void changeToAStaleVersionIsRefusedAndStateKept() throws Exception {
    String location = freshLocation();
    try (ExperimentStore first = open(location); ExperimentStore second = open(location)) {
      String v0 = first.save(logDoc(), null);
      String v1 = appendOrSave(first, 1, v0);
      assertThrows(StateConflictException.class, () -> second.appendChange(change(1), v0)
          .orElseThrow(() -> new StateConflictException("this store logs nothing; its save refuses instead")));
      assertThrows(StateConflictException.class, () -> second.save(logDoc(), v0));
      StoredState loaded = second.load().orElseThrow();
      assertEquals(v1, loaded.version());
      assertEquals(logDocAfter(1), new ObjectMapper().readTree(loaded.json()));
      String v2 = appendOrSave(first, 2, v1);
      String v3 = first.save(new ObjectMapper().writeValueAsString(logDocAfter(3)), v2);
      assertEquals(new StoredState(first.load().orElseThrow().json(), v3), second.load().orElseThrow());
      assertEquals(logDocAfter(3), new ObjectMapper().readTree(
          second.load().orElseThrow().json()));
    }
  }

  @Test
  default void largeDocumentRoundTripsExactly() throws Exception {
    StringBuilder sb = new StringBuilder("{\"observations\":[");
    for (int i = 0; i < 60_000; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"value\":").append(Math.sin(i))
          .append(",\"é\":\"ü\"}");
    }
    String big = sb.append("]}").toString();
    assertTrue(big.length() > 3_000_000, "document of " + big.length() + " chars");
    try (ExperimentStore store = open(freshLocation())) {
      String v1 = store.save(big, null);
      String v2 = store.save(big + " ", v1);
      StoredState loaded = store.load().orElseThrow();
      assertEquals(v2, loaded.version());
      assertEquals(big + " ", loaded.json());
    }
  }

  @Test
  default void concurrentCreatorsExactlyOneWins() throws Exception {
    String location = freshLocation();
    int writers = 4;
    List<ExperimentStore> stores = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int i = 0; i < writers; i++) {
        stores.add(open(location));
      }
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        ExperimentStore store = stores.get(i);
        String json = doc("writer-" + i, i);
        results.add(pool.submit(() -> {
          go.await();
          try {
            store.save(json, null);
            return json;
          } catch (StateConflictException refused) {
            return null;
          }
        }));
      }
      go.countDown();
      List<String> winners = new ArrayList<>();
      for (Future<String> r : results) {
        String won = r.get(120, TimeUnit.SECONDS);
        if (won != null) {
          winners.add(won);
        }
      }
      assertEquals(1, winners.size(), "winners: " + winners);
      assertEquals(winners.get(0), stores.get(0).load().orElseThrow().json());
    } finally {
      pool.shutdownNow();
      for (ExperimentStore s : stores) {
        s.close();
      }
    }
  }
}
