package io.bayestune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayestune.connectors.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A lab team's shared experiment in a bucket: create / suggest / observe / best with {@code --at s3a://...}
 * in separate CLI processes, configured the way a user would (AWS_* variables and BAYESTUNE_S3_ENDPOINT).
 */
class S3CliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPEC = "{\"name\":\"concrete\",\"type\":\"random\",\"parameters\":["
      + "{\"name\":\"water\",\"type\":\"double\",\"bounds\":{\"min\":120,\"max\":250}}],"
      + "\"metrics\":[{\"name\":\"strength\",\"objective\":\"maximize\"}]}";
  private static S3ProxyServer s3;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws IOException {
    s3 = S3ProxyServer.start();
    s3.createBucket("lab");
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  private record Run(int status, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  private static Run cli(String secret, String... args) throws Exception {
    ProcessBuilder pb = ChildJvm.cli(args);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("BAYESTUNE_"));
    env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
    env.put("AWS_SECRET_ACCESS_KEY", secret);
    env.put("AWS_REGION", "us-east-1");
    env.put("BAYESTUNE_S3_ENDPOINT", s3.endpoint());
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void theThreeCallsOnABucket() throws Exception {
    Path spec = Files.writeString(dir.resolve("spec.json"), SPEC);
    String at = "s3a://lab/experiments/concrete";
    String secret = s3.secretKey();
    Run created = cli(secret, "create", spec.toString(), "--at", at, "--seed", "3");
    assertEquals(0, created.status(), created.err());
    Run suggested = cli(secret, "suggest", "--at", at);
    assertEquals(0, suggested.status(), suggested.err());
    String id = suggested.json().get("id").asText();
    Run observed = cli(secret, "observe", "--at", at, "--suggestion", id, "--value", "41.5");
    assertEquals(0, observed.status(), observed.err());
    Run best = cli(secret, "best", "--at", at);
    assertEquals(0, best.status(), best.err());
    assertEquals(41.5, best.json().get("data").get(0).get("value").asDouble(), 0.0);
    assertEquals(suggested.json().get("assignments"), best.json().get("data").get(0).get("assignments"));

    try (S3Client client = s3.client()) {
      ResponseBytes<GetObjectResponse> stored =
          client.getObjectAsBytes(b -> b.bucket("lab").key("experiments/concrete/experiment.json"));
      assertTrue(stored.asUtf8String().contains("41.5"), stored.asUtf8String());
      assertFalse(stored.asUtf8String().contains(secret));
    }
    for (Run r : new Run[] {created, suggested, observed, best}) {
      assertFalse((r.out() + r.err()).contains(secret), "secret printed");
    }
  }

  @Test
  void wrongSecretSaysWhatToCheckWithoutShowingIt() throws Exception {
    String wrong = "Wrong-Secret-For-The-Cli-42";
    Run r = cli(wrong, "suggest", "--at", "s3a://lab/experiments/nothing");
    assertEquals(1, r.status(), r.out() + r.err());
    assertTrue(r.err().contains("403"), r.err());
    assertTrue(r.err().contains("bucket 'lab'"), r.err());
    assertTrue(r.err().contains("AWS_SECRET_ACCESS_KEY"), r.err());
    assertFalse((r.out() + r.err()).contains(wrong), r.err());
  }
}
