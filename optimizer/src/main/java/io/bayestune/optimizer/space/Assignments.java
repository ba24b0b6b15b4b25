package io.bayestune.optimizer.space;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The values of one configuration, by name: Double for double parameters, Long for int parameters,
 * String for categorical parameters and conditionals. Immutable, ordered as the search space lists
 * its conditionals and then its parameters, and small enough to send to Spark executors.
 */
public final class Assignments implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LinkedHashMap<String, Object> values;
  /**
   * The text of {@link #toString}, made once: it is the canonical sort key of every history (see History), and
   * at 5,000 trials making it anew for each copy took 50-60 ms of every suggestion. Racy single-check: Strings
   * are immutable, so a thread sees either null (and makes an equal one) or a complete String.
   */
  private transient String text;

  public Assignments(Map<String, ?> values) {
    this.values = new LinkedHashMap<>(values);
    for (Map.Entry<String, Object> e : this.values.entrySet()) {
      Object v = e.getValue();
      if (!(v instanceof Double || v instanceof Long || v instanceof String)) {
        throw new IllegalArgumentException("assignment '" + e.getKey() + "': values are Double, Long or String,"
            + " but got " + (v == null ? "null" : v.getClass().getSimpleName()));
      }
    }
  }

  /** An unmodifiable view, in order. */
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(values);
  }

  public boolean contains(String name) {
    return values.containsKey(name);
  }

  public Object get(String name) {
    return values.get(name);
  }

  public double getDouble(String name) {
    return ((Number) require(name)).doubleValue();
  }

  public long getLong(String name) {
    Object v = require(name);
    if (v instanceof Long l) {
      return l;
    }
    throw new IllegalArgumentException("assignment '" + name + "' is " + v + ", not an int");
  }

  public String getString(String name) {
    return String.valueOf(require(name));
  }

  private Object require(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no assignment named '" + name + "'; present: " + values.keySet());
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Assignments other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(values);
  }

  /** Compact text such as {@code maxDepth=6 stepSize=0.12}, for progress lines. */
  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      t = format();
      text = t;
    }
    return t;
  }

  private String format() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(e.getKey()).append('=');
      Object v = e.getValue();
      sb.append(v instanceof Double d ? formatDouble(d) : String.valueOf(v));
    }
    return sb.toString();
  }

  private static String formatDouble(double d) {
    double abs = Math.abs(d);
    if (abs != 0 && (abs < 1e-3 || abs >= 1e5)) {
      return String.format(java.util.Locale.ROOT, "%.3g", d);
    }
    return new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
