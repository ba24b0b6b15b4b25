package io.bayestune.connectors.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void secretShapedSettingsAreMaskedEvenWhenNeverRegistered() {
    assertEquals("fs.s3a.secret.key=**** and fs.s3a.access.key=AKID",
        Redaction.mask("fs.s3a.secret.key=abc123unregistered and fs.s3a.access.key=AKID"));
    assertEquals("spark.hadoop.fs.s3a.bucket.lab.session.token: ****",
        Redaction.mask("spark.hadoop.fs.s3a.bucket.lab.session.token: tokenvalue99"));
    assertEquals("AWS_SECRET_ACCESS_KEY=**** x", Redaction.mask("AWS_SECRET_ACCESS_KEY=abcDEF/123+xyz x"));
    assertEquals("{\"secret_key\":\"****\"}", Redaction.mask("{\"secret_key\":\"hunter2hunter2\"}"));
  }

  @Test
  void registeredSecretsAreMaskedAnywhere() {
    S3Settings.fromJob(Map.of("secret_key", "registered-by-settings-77"));
    String masked = Redaction.mask("failed with key registered-by-settings-77 inside a URL?x=registered-by-settings-77");
    assertFalse(masked.contains("registered-by-settings-77"), masked);
    assertTrue(masked.contains("failed with key ****"), masked);
  }

  @Test
  void secretNamesAreRecognized() {
    assertTrue(Redaction.isSecretKey("fs.s3a.secret.key"));
    assertTrue(Redaction.isSecretKey("fs.s3a.bucket.b.session.token"));
    assertTrue(Redaction.isSecretKey("fs.s3a.encryption.key"));
    assertFalse(Redaction.isSecretKey("fs.s3a.access.key"));
    assertFalse(Redaction.isSecretKey("fs.s3a.endpoint"));
  }
}
