package io.bayestune.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayestune.optimizer.store.LocalDirectoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frequent changes (handing out a suggestion, an observation, adopting prepared suggestions) are stored as
 * logged edits of the state document, not as the whole document, and replaying them gives exactly the document
 * the server holds.
 */
class LoggedStateTest {
  @TempDir
  Path dir;

  @Test
  void replayingTheLogGivesTheDocumentTheServerHolds() throws Exception {
    Path tokens = dir.resolve("tokens.txt");
    String token = TokenFile.create(tokens, "chem");
    try (SigOptServer server = SigOptServer.start(new SigOptServer.Options("127.0.0.1", 0, dir.resolve("state")
        .toString(), tokens, StoreOpener.localOnly(), e -> "", 4))) {
      ServiceClient client = new ServiceClient(server.port(), token);
      String id = client.post("/v1/experiments", SigOptServerTest.SPEC).json().get("id").asText();
      for (int round = 0; round < 3; round++) {
        List<JsonNode> taken = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          taken.add(client.post("/v1/experiments/" + id + "/suggestions",
              i == 0 ? "{\"metadata\":{\"round\":" + round + "}}" : "").json());
        }
        for (JsonNode s : taken) {
          String body = s.get("id").asText().equals(taken.get(1).get("id").asText())
              ? "{\"suggestion\":\"" + s.get("id").asText() + "\",\"failed\":true}"
              : "{\"suggestion\":\"" + s.get("id").asText() + "\",\"value\":" + s.get("assignments").get("x").asDouble()
              + ",\"value_stddev\":0.1,\"metadata\":{\"by\":\"x/~y\"}}";
          assertEquals(200, client.post("/v1/experiments/" + id + "/observations", body).status());
        }
      }
      ExperimentSession session = server.registry().find(id).orElseThrow();
      Path stored = dir.resolve("state/experiments/" + id);
      JsonNode held = session.read(st -> Json.parse(session.document()));
      JsonNode replayed = Json.parse(new LocalDirectoryStore(stored).load().orElseThrow().json());
      assertEquals(held, replayed);
      assertEquals(12, replayed.get("observations").size());
      long logged = Files.readAllLines(stored.resolve("experiment.changes")).size() - 1;
      assertTrue(logged >= 24, "12 suggestions handed out and 12 observations logged, but the log has " + logged);
    }
  }
}
