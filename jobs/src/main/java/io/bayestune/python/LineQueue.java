package io.bayestune.python;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An OutputStream that turns what is printed into whole lines that another thread takes, so a job's progress lines
 * reach the Python caller (and its notebook cell) while the job runs, instead of the JVM's own stdout.
 */
final class LineQueue extends OutputStream {
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream current = new ByteArrayOutputStream();

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      lines.add(current.toString(StandardCharsets.UTF_8));
      current.reset();
    } else {
      current.write(b);
    }
  }

  /** Pushes out a last line that has no line break yet. */
  @Override
  public synchronized void flush() {
    // Progress lines always end with a break; a partial one waits for it, so lines never arrive in pieces.
  }

  /** Waits up to {@code millis} for a line, then takes every line there is (none: an empty list). */
  List<String> take(long millis) throws InterruptedException {
    List<String> out = new ArrayList<>();
    String first = lines.poll(millis, TimeUnit.MILLISECONDS);
    if (first != null) {
      out.add(first);
      lines.drainTo(out);
    }
    return out;
  }

  /** Every line there is, and the unfinished one if any. */
  synchronized List<String> rest() {
    List<String> out = new ArrayList<>();
    lines.drainTo(out);
    if (current.size() > 0) {
      out.add(current.toString(StandardCharsets.UTF_8));
      current.reset();
    }
    return out;
  }
}
