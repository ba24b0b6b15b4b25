package io.bayestune.connectors.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** Classification and messages on the exception types S3A raises (the ITs check them against a real server). */
class S3ErrorsTest {
  private static Configuration conf(String endpoint) {
    Configuration c = new Configuration(false);
    if (endpoint != null) {
      c.set("fs.s3a.endpoint", endpoint);
    }
    return c;
  }

  @Test
  void forbiddenNamesBucketAndCredentialSettings() {
    IOException e = S3Errors.explain(new AccessDeniedException("s3a://lab/x: getFileStatus: 403"),
        "s3a://lab/x", conf(null));
    assertInstanceOf(AccessDeniedException.class, e);
    assertTrue(e.getMessage().startsWith("s3a://lab/x: 403 Forbidden from bucket 'lab'"), e.getMessage());
    assertTrue(e.getMessage().contains("fs.s3a.access.key / fs.s3a.secret.key"), e.getMessage());
    assertTrue(e.getMessage().contains("S3A's default chain"), e.getMessage());
  }

  @Test
  void unreachableNamesTheEndpointSetting() {
    IOException wrapped = new IOException("getFileStatus", new ConnectException("Connection refused"));
    assertEquals(S3Errors.Kind.UNREACHABLE, S3Errors.classify(wrapped));
    IOException e = S3Errors.explain(wrapped, "s3a://lab/x", conf("http://10.0.0.9:9000"));
    assertTrue(e.getMessage().contains("cannot reach the S3 endpoint http://10.0.0.9:9000"), e.getMessage());
    assertTrue(e.getMessage().contains("check fs.s3a.endpoint=http://10.0.0.9:9000"), e.getMessage());
    assertTrue(S3Errors.isTransient(wrapped), "a refused connection may be an outage");
    assertFalse(S3Errors.isTransient(new IOException(new UnknownHostException("nohost"))), "a typo is not");
    assertTrue(S3Errors.explain(new UnknownHostException("nohost"), "s3a://b/k", conf(null)).getMessage()
        .contains("(AWS default for region from the environment)"));
  }

  @Test
  void missingObjectNamesTheUriAndOthersPassThrough() {
    IOException e = S3Errors.explain(new FileNotFoundException("No such file"), "s3a://lab/data.csv", conf(null));
    assertInstanceOf(FileNotFoundException.class, e);
    assertTrue(e.getMessage().startsWith("s3a://lab/data.csv: 404 no such object"), e.getMessage());
    IOException other = new IOException("disk quota");
    assertSame(other, S3Errors.explain(other, "s3a://lab/x", conf(null)));
    assertFalse(S3Errors.isTransient(new AccessDeniedException("x")));
  }
}
