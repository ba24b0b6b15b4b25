package io.bayestune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed experiment replays exactly: the same saved state gives the same next suggestion in any JVM, whatever
 * its system properties (the open-suggestion policy and outcome warping used to be JVM-wide switches read once,
 * so a driver started with other -D flags continued an experiment differently).
 */
class OptionsFromStateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPEC = "{\"name\":\"resume\",\"type\":\"offline\",\"parameters\":["
      + "{\"name\":\"x\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1}},"
      + "{\"name\":\"y\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1}}],"
      + "\"metrics\":[{\"name\":\"f\",\"objective\":\"maximize\"}],\"observation_budget\":30}";

  @TempDir
  Path dir;

  @Test
  void theSameStateGivesTheSameSuggestionWhateverTheJvmsSystemProperties() throws Exception {
    Path spec = Files.writeString(dir.resolve("spec.json"), SPEC);
    String at = dir.resolve("a").toString();
    assertEquals(0, CliResult.run("create", spec.toString(), "--at", at, "--seed", "3").status());
    for (JsonNode s : CliResult.run("suggest", "--at", at, "--count", "9").json().get("data")) {
      double x = s.get("assignments").get("x").asDouble();
      double y = s.get("assignments").get("y").asDouble();
      // Skewed values (a long tail), so that warping them or not changes the model.
      double value = Math.exp(6 * (-(x - 0.3) * (x - 0.3) - (y - 0.7) * (y - 0.7)));
      assertEquals(0, CliResult.run("observe", "--at", at, "--suggestion", s.get("id").asText(),
          "--value", Double.toString(value)).status());
    }
    CliResult.run("suggest", "--at", at, "--count", "2"); // two open: the pending policy matters
    Path copy = dir.resolve("b");
    Files.createDirectories(copy);
    Files.copy(Path.of(at, "experiment.json"), copy.resolve("experiment.json"));

    JsonNode plain = suggestInChild(List.of(), at);
    JsonNode switched = suggestInChild(List.of("-Dbayestune.pendingPolicy=constant-liar",
        "-Dbayestune.warpOutcomes=false"), copy.toString());
    assertEquals(plain.get("id"), switched.get("id"));
    assertEquals(plain.get("assignments"), switched.get("assignments"),
        "the saved experiment, not the JVM's -D flags, decides how it continues");
  }

  private JsonNode suggestInChild(List<String> jvmOptions, String at) throws Exception {
    Process p = ChildJvm.spark(jvmOptions, "suggest", "--at", at).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "suggest should finish");
    assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    return JSON.readTree(out);
  }
}
