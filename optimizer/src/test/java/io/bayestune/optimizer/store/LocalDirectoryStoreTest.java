package io.bayestune.optimizer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryStoreTest {
  @TempDir
  Path dir;

  @Test
  void emptyDirectoryHasNoState() throws Exception {
    assertTrue(new LocalDirectoryStore(dir.resolve("new")).load().isEmpty());
  }

  @Test
  void compareAndSetRefusesAStaleWriterAndKeepsTheState() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(dir);
    String v1 = store.save("{\"a\":1}", null);
    String v2 = store.save("{\"a\":2}", v1);
    StateConflictException stale = assertThrows(StateConflictException.class, () -> store.save("{\"a\":3}", v1));
    assertTrue(stale.getMessage().contains("changed by another writer"), stale.getMessage());
    assertThrows(StateConflictException.class, () -> store.save("{\"a\":4}", null));
    assertEquals("{\"a\":2}", store.load().orElseThrow().json());
    assertEquals(v2, store.load().orElseThrow().version());
  }

  @Test
  void leavesNoTemporaryFilesBehind() throws Exception {
    LocalDirectoryStore store = new LocalDirectoryStore(dir);
    String v = store.save("{}", null);
    store.save("{\"b\":1}", v);
    try (var files = Files.list(dir)) {
      assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
    }
  }
}
