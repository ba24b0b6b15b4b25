package io.bayestune.driver.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OutputLocationTest {
  @Test
  void plainPathsBecomeLocalFileUrisAndSchemesAreKept() {
    String abs = Path.of("runs/credit").toAbsolutePath().toUri().toString().replaceAll("/$", "");
    assertEquals(abs, OutputLocation.of("runs/credit").toString());
    assertEquals(abs + "/best.json", OutputLocation.of("runs/credit/").resolve("best.json"));
    assertEquals("s3a://bucket/tuning/credit", OutputLocation.of("s3a://bucket/tuning/credit/").toString());
    assertEquals("hdfs://nn:8020/x/experiment", OutputLocation.of("hdfs://nn:8020/x").experiment());
    assertEquals("file:///tmp/out", OutputLocation.of("file:///tmp/out").toString());
  }

  @Test
  void aMissingOutputIsRefusedWithTheFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputLocation.of(" "));
    assertTrue(e.getMessage().startsWith("output: a job needs an output location") && e.getMessage().contains("--output"),
        e.getMessage());
  }
}
