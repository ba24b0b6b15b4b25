package io.bayestune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the benchmarks module on the classpath, {@code bayestune bench ...} reaches it through the CLI's reflective
 * dispatch (in io.bayestune.cli, the package of Main, to call it as the launcher does).
 */
class BenchDispatchTest {
  @TempDir
  Path dir;

  @Test
  void benchOptimizerRunsThroughTheCliAndWritesItsSection() throws Exception {
    Path out = dir.resolve("benchmarks.md");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"bench", "optimizer", "--seeds", "1", "--budget", "6", "--functions",
        "branin", "--strategies", "random,sobol", "--optuna", "none", "--parallel", "1", "--out", out.toString()},
        new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
    String err = stderr.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, err);
    String written = Files.readString(out);
    assertTrue(written.contains("Optimizer quality"), written);
    assertTrue(written.contains("branin"), written);
  }

  @Test
  void aMistakeInBenchOptionsIsAUsageError() {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"bench", "optimizer", "--sedes", "1"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertEquals(2, status);
    assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("unknown option --sedes"));
  }
}
