package io.bayestune.driver;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** Short, readable texts for trial failures and durations, for progress lines and the trials table. */
final class Failures {
  private static final int MAX_REASON = 300;

  private Failures() {
  }

  /**
   * The innermost cause of a failure as {@code SimpleName: first line of its message}. Spark wraps a task's
   * exception in a SparkException whose message repeats the whole remote stack trace; the user's own
   * exception, the root cause, says what went wrong.
   */
  static String describe(Throwable t) {
    Throwable root = t;
    Set<Throwable> seen = new HashSet<>();
    while (root.getCause() != null && root.getCause() != root && seen.add(root)) {
      root = root.getCause();
    }
    String message = root.getMessage();
    String firstLine = message == null ? "" : message.strip().lines().findFirst().orElse("");
    String text = root instanceof TrialFailedException ? firstLine
        : root.getClass().getSimpleName() + (firstLine.isEmpty() ? "" : ": " + firstLine);
    return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 3) + "...";
  }

  /** {@code 10m}, {@code 1m30s}, {@code 45s}, {@code 1.5s}, {@code 2h}. */
  static String duration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < 60 && d.toMillis() % 1000 != 0) {
      return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
    long h = seconds / 3600;
    long m = seconds % 3600 / 60;
    long s = seconds % 60;
    StringBuilder out = new StringBuilder();
    if (h > 0) {
      out.append(h).append('h');
    }
    if (m > 0) {
      out.append(m).append('m');
    }
    if (s > 0 || out.length() == 0) {
      out.append(s).append('s');
    }
    return out.toString();
  }
}
