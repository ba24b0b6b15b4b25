package io.bayestune.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replaces one {@code ## Title} section of a Markdown file (up to the next {@code ## } heading),
 * keeping the rest, so that the quality and latency benchmarks each rewrite only their own part of
 * docs/benchmarks.md.
 */
public final class MarkdownSections {
  static final String TITLE = "# Benchmarks\n\nWritten by `bayestune bench optimizer` and `bayestune bench latency`;"
      + " each section says the command, date and machine that produced it. How to run them: bench/README.md.\n";

  private MarkdownSections() {
  }

  /** The document with section {@code title} set to {@code body} (appended when it is new). */
  public static String replace(String document, String title, String body) {
    String heading = "## " + title + "\n";
    String section = heading + "\n" + body.stripTrailing() + "\n";
    if (document == null || document.isBlank()) {
      return TITLE + "\n" + section;
    }
    int start = document.startsWith(heading) ? 0 : document.indexOf("\n" + heading);
    if (start < 0) {
      return document.stripTrailing() + "\n\n" + section;
    }
    if (start > 0) {
      start++;
    }
    int end = document.indexOf("\n## ", start + heading.length() - 1);
    String after = end < 0 ? "" : "\n" + document.substring(end + 1);
    return document.substring(0, start) + section + after;
  }

  /** Rewrites section {@code title} of {@code file}, creating the file and its folder when missing. */
  public static void write(Path file, String title, String body) throws IOException {
    String old = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.writeString(file, replace(old, title, body), StandardCharsets.UTF_8);
  }
}
