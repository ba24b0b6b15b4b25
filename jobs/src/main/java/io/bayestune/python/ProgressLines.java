package io.bayestune.python;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The lines a tune run prints (the start line, one per observed trial, warm-start notes), kept for the
 * Python driver to print with Python's own {@code print}: the JVM's stdout is not a notebook's cell output.
 */
final class ProgressLines extends OutputStream {
  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

  /** A PrintStream whose every finished line lands here. */
  PrintStream stream() {
    return stream;
  }

  void add(String line) {
    lines.add(line);
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      lines.add(partial.toString(StandardCharsets.UTF_8).stripTrailing());
      partial.reset();
    } else {
      partial.write(b);
    }
  }

  /** The lines written since the last call, oldest first. */
  String[] drain() {
    List<String> out = new ArrayList<>();
    for (String line; (line = lines.poll()) != null; ) {
      out.add(line);
    }
    return out.toArray(new String[0]);
  }
}
