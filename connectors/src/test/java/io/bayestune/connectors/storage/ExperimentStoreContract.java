package io.bayestune.connectors.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
