package io.bayestune.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a Python 3 script (the Airflow helpers) and returns what it printed. */
final class PythonScript {
  private PythonScript() {
  }

  /** Runs {@code python3 script args}, stdout and stderr into {@code log}, for at most 60 s. */
  static JavaProcess.Finished run(Path script, Path log, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3", script.toString()));
    command.addAll(List.of(args));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("python3 did not finish in 60 s: " + command);
    }
    String printed = Files.readString(log);
    return new JavaProcess.Finished(p.exitValue(), printed, printed, (System.nanoTime() - start) / 1e9);
  }
}
