package io.bayestune.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
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
  void aFailureThatDescribesItselfKeepsItsMessageAsIs() {
    Exception wrapped = new IllegalStateException("wrapper", new TrialFailedException("ValueError: alpha < 0\ntrace"));
    assertEquals("ValueError: alpha < 0", Failures.describe(wrapped));
  }
}
