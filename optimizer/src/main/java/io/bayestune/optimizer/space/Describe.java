package io.bayestune.optimizer.space;

/** Renders user-supplied values in error messages, quoting strings so that types are visible. */
final class Describe {
  private Describe() {
  }

  static String value(Object value) {
    if (value == null) {
      return "nothing (null)";
    }
    if (value instanceof String s) {
      return "\"" + s + "\"";
    }
    return String.valueOf(value);
  }
}
