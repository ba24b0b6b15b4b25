package io.bayestune.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void durationsReadAsInTheJobFile() {
    assertEquals("10m", Failures.duration(Duration.ofMinutes(10)));
    assertEquals("1m30s", Failures.duration(Duration.ofSeconds(90)));
    assertEquals("2h", Failures.duration(Duration.ofHours(2)));
    assertEquals("0.3s", Failures.duration(Duration.ofMillis(300)));
    assertEquals("45s", Failures.duration(Duration.ofSeconds(45)));
  }

  @Test
  void aFailureIsDescribedByItsInnermostCauseFirstLine() {
    Exception wrapped = new IllegalStateException("Job aborted due to stage failure: ...\n\tat a.b.C",
        new IllegalArgumentException("maxBins must be at least 2\nmore detail"));
    assertEquals("IllegalArgumentException: maxBins must be at least 2", Failures.describe(wrapped));
    assertEquals("NullPointerException", Failures.describe(new NullPointerException()));
    assertEquals(300, Failures.describe(new RuntimeException("x".repeat(1000))).length());
  }

  @Test
  void theS3BlockBecomesS3aSettings() {
    assertEquals(Map.of("fs.s3a.endpoint", "http://127.0.0.1:9000", "fs.s3a.path.style.access", "true",
        "fs.s3a.endpoint.region", "us-east-1", "fs.s3a.access.key", "k", "fs.s3a.connection.timeout", "5s"),
        HadoopSettings.fromS3Block(Map.of("endpoint", "http://127.0.0.1:9000", "path_style_access", "true",
            "region", "us-east-1", "access_key", "k", "fs.s3a.connection.timeout", "5s")));
  }
}
