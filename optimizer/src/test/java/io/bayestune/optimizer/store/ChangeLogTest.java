package io.bayestune.optimizer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local store's change log across crashes: each test leaves the files as a process killed at one point of an
 * append or a save would leave them, then checks what a restarted process loads and that it can go on.
 */
class ChangeLogTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path dir;

  private static String add(int n) {
    return "[{\"op\":\"add\",\"path\":\"/items/-\",\"value\":" + n + "},{\"op\":\"replace\",\"path\":\"/count\","
        + "\"value\":" + n + "}]";
  }

  private static JsonNode docWith(int n) throws Exception {
    StringBuilder items = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      items.append(i == 1 ? "" : ",").append(i);
    }
    return MAPPER.readTree("{\"count\":" + n + ",\"items\":[" + items + "],\"a/b~c\":{}}");
  }

  private String start(LocalDirectoryStore store, int changes) throws Exception {
    String v = store.save(MAPPER.writeValueAsString(docWith(0)), null);
    for (int n = 1; n <= changes; n++) {
      v = store.appendChange(add(n), v).orElseThrow();
    }
    return v;
  }

  private Path log() {
    return dir.resolve(ChangeLog.FILE_NAME);
  }

  @Test
  void replayEqualsTheDocumentAndEscapedPathsWork() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(dir);
    String v = start(store, 3);
    v = store.appendChange("[{\"op\":\"add\",\"path\":\"/a~1b~0c/k\",\"value\":[1]},"
        + "{\"op\":\"remove\",\"path\":\"/items/0\"},{\"op\":\"add\",\"path\":\"/items/0\",\"value\":1}]", v)
        .orElseThrow();
    JsonNode expected = docWith(3);
    ((com.fasterxml.jackson.databind.node.ObjectNode) expected.get("a/b~c")).putArray("k").add(1);
    ExperimentStore.StoredState loaded = new LocalDirectoryStore(dir).load().orElseThrow();
    assertEquals(expected, MAPPER.readTree(loaded.json()));
    assertEquals(v, loaded.version());
    assertThrows(StateConflictException.class, () -> store.appendChange(add(9), "stale"));
  }

  @Test
  void aKillMidAppendLosesOnlyThatUnacknowledgedChange() throws Exception {
    String v2 = start(new LocalDirectoryStore(dir), 2);
    String line = "{\"base\":\"" + v2 + "\",\"version\":\"x\",\"seq\":3,\"ops\":" + add(3) + "}\n";
    Files.writeString(log(), line.substring(0, line.length() / 2), StandardOpenOption.APPEND);

    LocalDirectoryStore restarted = new LocalDirectoryStore(dir);
    ExperimentStore.StoredState loaded = restarted.load().orElseThrow();
    assertEquals(docWith(2), MAPPER.readTree(loaded.json()));
    assertEquals(v2, loaded.version());
    String v3 = restarted.appendChange(add(3), v2).orElseThrow();
    assertEquals(new ExperimentStore.StoredState(restarted.load().orElseThrow().json(), v3),
        new LocalDirectoryStore(dir).load().orElseThrow());
    assertEquals(docWith(3), MAPPER.readTree(restarted.load().orElseThrow().json()));
    assertTrue(Files.readString(log()).endsWith("\n"), "the torn line was cut off before the append");
  }

  @Test
  void aSaveKilledBeforeItsRenameKeepsTheLoggedChanges() throws Exception {
    String v2 = start(new LocalDirectoryStore(dir), 2);
    Files.writeString(log(), "{\"compacting\":\"" + LocalDirectoryStore.versionOf("{\"other\":1}") + "\"}\n",
        StandardOpenOption.APPEND);

    LocalDirectoryStore restarted = new LocalDirectoryStore(dir);
    assertEquals(new ExperimentStore.StoredState(MAPPER.writeValueAsString(docWith(2)), v2),
        restarted.load().orElseThrow());
    String v3 = restarted.appendChange(add(3), v2).orElseThrow();
    assertEquals(docWith(3), MAPPER.readTree(new LocalDirectoryStore(dir).load().orElseThrow().json()));
    assertEquals(v3, new LocalDirectoryStore(dir).load().orElseThrow().version());
  }

  @Test
  void aSaveKilledAfterItsRenameDropsTheOldLog() throws Exception {
    String v2 = start(new LocalDirectoryStore(dir), 2);
    String compacted = MAPPER.writeValueAsString(docWith(2)).replace("{", "{ ");
    Files.writeString(log(), "{\"compacting\":\"" + LocalDirectoryStore.versionOf(compacted) + "\"}\n",
        StandardOpenOption.APPEND);
    Files.writeString(dir.resolve(LocalDirectoryStore.STATE_FILE), compacted, StandardCharsets.UTF_8);

    LocalDirectoryStore restarted = new LocalDirectoryStore(dir);
    ExperimentStore.StoredState loaded = restarted.load().orElseThrow();
    assertEquals(new ExperimentStore.StoredState(compacted, LocalDirectoryStore.versionOf(compacted)), loaded);
    assertThrows(StateConflictException.class, () -> restarted.appendChange(add(3), v2));
    String v3 = restarted.appendChange(add(3), loaded.version()).orElseThrow();
    assertEquals(docWith(3), MAPPER.readTree(new LocalDirectoryStore(dir).load().orElseThrow().json()));
    assertEquals(v3, new LocalDirectoryStore(dir).load().orElseThrow().version());
  }

  @Test
  void aFullLogAsksForASaveWhichStartsAfresh() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(dir, 3);
    String v3 = start(store, 3);
    assertEquals(Optional.empty(), store.appendChange(add(4), v3));
    String v4 = store.save(MAPPER.writeValueAsString(docWith(4)), v3);
    assertFalse(Files.exists(log()), "a save folds the log into the document");
    assertEquals(docWith(4), MAPPER.readTree(Files.readString(dir.resolve(LocalDirectoryStore.STATE_FILE))));
    String v5 = store.appendChange(add(5), v4).orElseThrow();
    assertEquals(new ExperimentStore.StoredState(MAPPER.writeValueAsString(docWith(5)), v5), store.load().orElseThrow());
  }

  @Test
  void savingTheSnapshotAgainDropsItsLoggedChanges() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(dir);
    String v1 = start(store, 1);
    String v = store.save(MAPPER.writeValueAsString(docWith(0)), v1);
    assertEquals(docWith(0), MAPPER.readTree(store.load().orElseThrow().json()));
    assertEquals(v, store.load().orElseThrow().version());
    assertThrows(StateConflictException.class, () -> store.appendChange(add(2), v1));
  }

  @Test
  void aPatchThatDoesNotApplyIsReportedWithTheFiles() {
    com.fasterxml.jackson.databind.node.ObjectNode doc = MAPPER.createObjectNode();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JsonPatch.apply(doc, MAPPER.readTree("[{\"op\":\"remove\",\"path\":\"/missing\"}]")));
    assertTrue(e.getMessage().contains("/missing"), e.getMessage());
  }
}
