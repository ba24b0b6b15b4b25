package io.bayestune.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium (Debian's {@code chromium} package) as a child process: dump a page's DOM after
 * its scripts ran, or take a screenshot. Every run gets a fresh profile directory and no network
 * services (no sync, no component updates, no background networking).
 */
final class Chromium {
  private static final long TIMEOUT_SECONDS = 120;
  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  /**
   * The browser from {@code BAYESTUNE_CHROMIUM}, or {@code /usr/bin/chromium}; fails the test (never
   * skips it) with how to install it when there is none.
   */
  static Chromium find() {
    String configured = System.getenv("BAYESTUNE_CHROMIUM");
    List<Path> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    }
    candidates.add(Path.of("/usr/bin/chromium"));
    candidates.add(Path.of("/usr/bin/chromium-browser"));
    for (Path p : candidates) {
      if (Files.isExecutable(p)) {
        return new Chromium(p);
      }
    }
    return fail("headless Chromium is needed to check that the report renders, but none was found at "
        + candidates + "; install Debian's package with `sudo apt-get install -y chromium` (.ci/install-deps"
        + " does this for CI), or set BAYESTUNE_CHROMIUM to a Chromium or Chrome binary");
  }

  /** The serialized DOM of {@code page} once it loaded and its scripts ran. */
  String dumpDom(Path page) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", page.toUri().toString()));
  }

  /** A PNG of the top {@code width x height} CSS pixels of {@code page}. */
  void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
    Files.deleteIfExists(png);
    run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
        "--hide-scrollbars", "--force-device-scale-factor=1", page.toUri().toString()));
    if (!Files.isRegularFile(png)) {
      fail("chromium exited without writing the screenshot " + png);
    }
  }

  private String run(List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("bayestune-chromium-profile");
    Path stdout = Files.createTempFile("chromium", ".out");
    Path stderr = Files.createTempFile("chromium", ".err");
    try {
      List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--user-data-dir=" + profile));
      command.addAll(args);
      Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command + "\n" + tail(stderr));
      }
      if (p.exitValue() != 0) {
        fail("chromium exited with " + p.exitValue() + ": " + command + "\n" + tail(stderr));
      }
      return Files.readString(stdout, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static String tail(Path file) throws IOException {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }
}
