package io.bayestune.driver.job;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Job-file durations: {@code 90s}, {@code 10m}, {@code 1h}, {@code 1h30m}, {@code 2h15m30s}. */
public final class Durations {
  private static final Pattern FORMAT = Pattern.compile("(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?(?:(\\d{1,6})s)?");

  private Durations() {
  }

  /**
   * Parses a positive duration of hours, minutes and seconds, in that order.
   *
   * @param field the field's name for the error, e.g. {@code trial_timeout}
   * @throws IllegalArgumentException naming the field and the value, with examples
   */
  public static Duration parse(String field, String text) {
    String t = text == null ? "" : text.trim();
    Matcher m = FORMAT.matcher(t);
    if (t.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException(field + ": \"" + text + "\" is not a duration; write hours, minutes and"
          + " seconds such as 90s, 10m, 1h or 1h30m");
    }
    Duration d = Duration.ofHours(number(m.group(1))).plusMinutes(number(m.group(2)))
        .plusSeconds(number(m.group(3)));
    if (d.isZero()) {
      throw new IllegalArgumentException(field + ": must be positive, but got \"" + text
          + "\"; leave it out for no limit, or write e.g. 10m");
    }
    return d;
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
