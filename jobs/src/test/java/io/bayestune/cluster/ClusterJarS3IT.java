package io.bayestune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayestune.connectors.testing.S3ProxyServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3A from the cluster jar alone: SparkSubmit on a Spark distribution's classpath (which has no hadoop-aws and no
 * AWS SDK) runs {@code create} and {@code suggest} against an experiment on S3Proxy, so hadoop-aws, the SDK
 * modules and the relocated httpclient all have to come from the jar and work together.
 */
class ClusterJarS3IT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static S3ProxyServer s3;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyServer.start();
    s3.createBucket("lab");
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  @Test
  void theCallsReachAnExperimentOnS3ThroughTheClusterJar() throws Exception {
    String at = "s3a://lab/experiments/concrete";
    String spec = SparkDistribution.repoRoot().resolve("examples/concrete-spec.json").toString();
    JavaProcess.Finished created = cli("create.log", "create", spec, "--at", at, "--seed", "3");
    assertEquals(0, created.exitCode(), created.tail());
    JavaProcess.Finished suggested = cli("suggest.log", "suggest", "--at", at);
    assertEquals(0, suggested.exitCode(), suggested.tail());
    assertEquals("1", JSON.readTree(suggested.stdout()).get("id").asText(), suggested.tail());
    assertTrue(s3.client().listObjectsV2(r -> r.bucket("lab").prefix("experiments/concrete/")).keyCount() > 0,
        "the experiment should be stored in the bucket");
    System.out.printf("create + suggest on s3a:// via SparkSubmit: %.1f s + %.1f s%n", created.seconds(),
        suggested.seconds());
  }

  private JavaProcess.Finished cli(String log, String... args) throws Exception {
    List<String> submit = new ArrayList<>(List.of("--master", "local[1]", "--class", "io.bayestune.cli.Main",
        SparkDistribution.clusterJar().toString()));
    submit.addAll(List.of(args));
    return SparkSubmitCommand.of(submit, dir.resolve(log)).stdoutTo(dir.resolve(log + ".out"))
        .env("AWS_ACCESS_KEY_ID", s3.accessKey())
        .env("AWS_SECRET_ACCESS_KEY", s3.secretKey())
        .env("AWS_REGION", "us-east-1")
        .env("BAYESTUNE_S3_ENDPOINT", s3.endpoint())
        .run(180);
  }
}
