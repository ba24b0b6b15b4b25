package io.bayestune.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bayestune.optimizer.experiment.Suggestion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preparer across a restart (when a prepared suggestion is stale: {@link PreparedFreshnessTest}). */
class SuggestionPreparerTest {
  @TempDir
  Path dir;

  @Test
  void aRestartedServerKeepsTheStoredPoolForTheClientsThatComeBack() throws Exception {
    Path tokens = dir.resolve("tokens.txt");
    String token = TokenFile.create(tokens, "chem");
    List<String> stored;
    String id;
    try (SigOptServer server = start(tokens)) {
      ServiceClient client = new ServiceClient(server.port(), token);
      id = client.post("/v1/experiments", SigOptServerTest.SPEC).json().get("id").asText();
      String s = client.post("/v1/experiments/" + id + "/suggestions", "").json().get("id").asText();
      client.post("/v1/experiments/" + id + "/observations", "{\"suggestion\":\"" + s + "\",\"value\":1}");
      stored = idle(server.registry().find(id).orElseThrow());
      assertEquals(4, stored.size(), "a full pool (parallel_bandwidth 4)");
    }
    try (SigOptServer restarted = start(tokens)) {
      assertEquals(stored, idle(restarted.registry().find(id).orElseThrow()),
          "the stored pool is served as it is, not made again first");
    }
  }

  private SigOptServer start(Path tokens) throws Exception {
    return SigOptServer.start(new SigOptServer.Options("127.0.0.1", 0, dir.resolve("state").toString(), tokens,
        StoreOpener.localOnly(), e -> "", 16));
  }

  /** The prepared suggestions' ids once the preparer has nothing left to do. */
  static List<String> idle(ExperimentSession s) throws Exception {
    for (int i = 0; i < 600; i++) {
      List<String> ids = s.read(st -> {
        List<String> out = new ArrayList<>();
        s.prepared().forEach((Suggestion p) -> out.add(p.id()));
        return s.preparing ? null : out;
      });
      if (ids != null) {
        return ids;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the preparer did not finish within 30 s");
  }
}
