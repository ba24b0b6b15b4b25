package io.bayestune.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers for people: a few significant digits, no trailing zeros, scientific notation only for very
 * large or very small magnitudes ({@code 0.0123}, {@code 41.5}, {@code 12346}, {@code 3.2e-7}).
 */
final class Numbers {
  private Numbers() {
  }

  /** Four significant digits (more for large integers' integer part), for chart labels. */
  static String format(double v) {
    return format(v, 4);
  }

  /** {@code digits} significant digits, never fewer than the integer part needs below 1e6. */
  static String format(double v, int digits) {
    if (Double.isNaN(v)) {
      return "\u2014";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "\u221e" : "\u2212\u221e";
    }
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1e6 || a < 1e-4) {
      return scientific(v, digits);
    }
    int integerDigits = a >= 1 ? (int) Math.floor(Math.log10(a)) + 1 : 0;
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(Math.max(digits, integerDigits), RoundingMode.HALF_EVEN));
    return minus(rounded.stripTrailingZeros().toPlainString());
  }

  /** A tick label for a linear axis whose ticks are {@code step} apart: just enough decimals. */
  static String tick(double v, double step) {
    if (Math.abs(v) < step * 1e-9) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1e6 || a < 1e-4) {
      return scientific(v, 3);
    }
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    return minus(String.format(Locale.ROOT, "%." + Math.min(decimals, 10) + "f", v));
  }

  /** {@code 1.23e-5} rather than Java's {@code 1.23E-05}, trailing zeros of the mantissa removed. */
  static String scientific(double v, int digits) {
    int exponent = (int) Math.floor(Math.log10(Math.abs(v)));
    BigDecimal mantissa = new BigDecimal(v / Math.pow(10, exponent))
        .round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    if (mantissa.abs().compareTo(BigDecimal.TEN) >= 0) { // 9.999 rounded up to 10
      mantissa = mantissa.movePointLeft(1);
      exponent++;
    }
    return minus(mantissa.toPlainString() + "e" + exponent);
  }

  /** Seconds as {@code 850 ms}, {@code 12.3 s}, {@code 4 min 05 s}, {@code 2 h 07 min}. */
  static String duration(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) {
      return "\u2014";
    }
    if (seconds < 1) {
      return Math.round(seconds * 1000) + " ms";
    }
    if (seconds < 60) {
      return format(seconds, 3) + " s";
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }

  /** A real minus sign, which lines up with digits in tabular figures. */
  private static String minus(String s) {
    return s.replace('-', '\u2212');
  }

  /** Compact coordinates for SVG attributes: one decimal, no locale. */
  static String px(double v) {
    double r = Math.round(v * 10) / 10.0;
    return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
  }
}
