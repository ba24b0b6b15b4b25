package io.bayestune.connectors.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class S3SettingsTest {
  @Test
  void jobBlockMapsToS3aKeys() {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("endpoint", "http://127.0.0.1:9000");
    block.put("region", "eu-west-1");
    block.put("path_style_access", true);
    block.put("access_key", "AKIDEXAMPLE");
    block.put("secret_key", "wJalrXUtnFEMI-example-secret");
    block.put("session_token", "token-abcdef");
    block.put("credentials_provider", "session");
    Map<String, String> h = S3Settings.fromJob(block).toHadoop();
    assertEquals("http://127.0.0.1:9000", h.get("fs.s3a.endpoint"));
    assertEquals("eu-west-1", h.get("fs.s3a.endpoint.region"));
    assertEquals("true", h.get("fs.s3a.path.style.access"));
    assertEquals("false", h.get("fs.s3a.connection.ssl.enabled"), "http:// endpoint means no TLS");
    assertEquals("AKIDEXAMPLE", h.get("fs.s3a.access.key"));
    assertEquals("wJalrXUtnFEMI-example-secret", h.get("fs.s3a.secret.key"));
    assertEquals("token-abcdef", h.get("fs.s3a.session.token"));
    assertEquals("org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider", h.get("fs.s3a.aws.credentials.provider"));
    assertEquals("6", h.get("fs.s3a.retry.limit"), "retry defaults where nothing was set");
  }

  @Test
  void toStringMasksSecrets() {
    String text = S3Settings.fromJob(Map.of("secret_key", "super-secret-value-1", "session_token", "tok-secret-2",
        "access_key", "AKIDVISIBLE")).toString();
    assertTrue(text.contains("secret_key=****"), text);
    assertTrue(text.contains("session_token=****"), text);
    assertTrue(text.contains("access_key=AKIDVISIBLE"), text);
    assertFalse(text.contains("super-secret-value-1") || text.contains("tok-secret-2"), text);
  }

  @Test
  void unknownKeyAndBadValuesAreNamed() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> S3Settings.fromJob(Map.of("endpiont", "x")));
    assertTrue(unknown.getMessage().startsWith("s3.endpiont: unknown S3 setting; use one of [access_key"),
        unknown.getMessage());
    IllegalArgumentException style = assertThrows(IllegalArgumentException.class,
        () -> S3Settings.fromJob(Map.of("path_style_access", "yes")));
    assertEquals("s3.path_style_access: must be true or false, but got 'yes'", style.getMessage());
    IllegalArgumentException provider = assertThrows(IllegalArgumentException.class,
        () -> S3Settings.fromJob(Map.of("credentials_provider", "magic")));
    assertTrue(provider.getMessage().contains("unknown provider 'magic'"), provider.getMessage());
  }

  @Test
  void sparkAndHadoopConfigurationAreRead() {
    S3Settings s = S3Settings.fromHadoop(List.of(Map.entry("spark.hadoop.fs.s3a.endpoint", "http://a:1"),
        Map.entry("fs.s3a.endpoint", "http://b:2"), Map.entry("fs.s3a.path.style.access", "true"),
        Map.entry("spark.executor.memory", "2g")));
    assertEquals("http://a:1", s.endpoint(), "spark.hadoop.* wins, as Spark copies it over the Hadoop conf");
    assertEquals(Map.of("fs.s3a.endpoint", "http://a:1", "fs.s3a.path.style.access", "true"),
        Map.copyOf(new LinkedHashMap<>(s.toHadoop()) {{
            S3Settings.RETRY_DEFAULTS.keySet().forEach(this::remove);
          }}));
  }

  @Test
  void hadoopsOwnDefaultsDoNotHideTheRetryDefaultsButWhatAUserSetDoes() {
    // A Configuration carries core-default.xml's fs.s3a.* values (retry.limit 7, attempts.maximum 5, ...):
    // read as settings, they would stand in for "the user set this" and the retry defaults never apply.
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    assertTrue(conf.get("fs.s3a.retry.limit") != null, "core-default.xml names fs.s3a.retry.limit");
    conf.set("fs.s3a.retry.interval", "2s"); // as core-site.xml or spark.hadoop.* would
    Map<String, String> h = S3Settings.fromHadoop(conf).toHadoop();
    assertEquals(S3Settings.RETRY_DEFAULTS.get("fs.s3a.retry.limit"), h.get("fs.s3a.retry.limit"));
    assertEquals(S3Settings.RETRY_DEFAULTS.get("fs.s3a.attempts.maximum"), h.get("fs.s3a.attempts.maximum"));
    assertEquals("2s", h.get("fs.s3a.retry.interval"), "a value the user set is kept");
    conf.set("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000");
    assertEquals("http://127.0.0.1:9000", S3Settings.fromHadoop(conf).endpoint(), "spark.hadoop.* entries count too");
  }

  @Test
  void environmentForTheCli() {
    S3Settings s = S3Settings.fromEnvironment(Map.of("BAYESTUNE_S3_ENDPOINT", "http://127.0.0.1:9000",
        "AWS_DEFAULT_REGION", "us-west-2", "AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "env-secret-xyz"));
    Map<String, String> h = s.toHadoop();
    assertEquals("http://127.0.0.1:9000", h.get("fs.s3a.endpoint"));
    assertEquals("true", h.get("fs.s3a.path.style.access"));
    assertEquals("us-west-2", h.get("fs.s3a.endpoint.region"));
    assertNull(h.get("fs.s3a.secret.key"), "keys stay with S3A's environment provider");
    assertEquals("software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider",
        S3Settings.fromEnvironment(Map.of("AWS_PROFILE", "lab")).toHadoop().get("fs.s3a.aws.credentials.provider"));
    assertTrue(S3Settings.fromEnvironment(Map.of()).isEmpty());
  }

  @Test
  void applyLaysOverAConfigurationAndOverlayLetsTheLaterWin() {
    Configuration conf = new Configuration(false);
    conf.set("fs.s3a.retry.limit", "2");
    S3Settings base = S3Settings.fromJob(Map.of("region", "us-east-1", "fs.s3a.retry.limit", "3"));
    S3Settings.fromJob(Map.of()).overlay(base).overlay(S3Settings.fromJob(Map.of("region", "eu-central-1")))
        .apply(conf);
    assertEquals("eu-central-1", conf.get("fs.s3a.endpoint.region"));
    assertEquals("3", conf.get("fs.s3a.retry.limit"));
  }
}
