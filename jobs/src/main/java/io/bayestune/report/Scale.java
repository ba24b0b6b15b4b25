package io.bayestune.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values to pixels along one axis, linear or logarithmic, and chooses its tick values.
 *
 * <p>Linear ticks are "nice numbers" (1, 2 or 5 times a power of ten), after Heckbert, "Nice numbers
 * for graph labels", Graphics Gems (1990). Log ticks are the powers of ten in range, with 2x and 5x
 * added when fewer than three powers fit.
 */
final class Scale {
  private final double lo;
  private final double hi;
  private final double from;
  private final double to;
  private final boolean log;
  private final boolean integer;

  private Scale(double lo, double hi, double from, double to, boolean log, boolean integer) {
    if (!(lo < hi)) { // one distinct value: widen so that it sits in the middle
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      lo = log ? lo / 2 : lo - pad;
      hi = log ? hi * 2 : hi + pad;
    }
    this.lo = lo;
    this.hi = hi;
    this.from = from;
    this.to = to;
    this.log = log;
    this.integer = integer;
  }

  /** Values in [lo, hi] to pixels [from, to] (to may be less than from, as on a y axis). */
  static Scale linear(double lo, double hi, double from, double to) {
    return new Scale(lo, hi, from, to, false, false);
  }

  /** A linear scale whose ticks are whole numbers, for trial numbers and int parameters. */
  static Scale integers(double lo, double hi, double from, double to) {
    return new Scale(lo, hi, from, to, false, true);
  }

  /** Positive values in [lo, hi] to pixels on a logarithmic axis. */
  static Scale log(double lo, double hi, double from, double to) {
    return new Scale(lo, hi, from, to, true, false);
  }

  /**
   * A linear scale over the data, padded by 6% on each side and widened to nice tick values, for
   * metric axes where the data and not a declared range sets the extent.
   */
  static Scale forData(double min, double max, double from, double to) {
    if (!(min < max)) {
      return linear(min, max, from, to);
    }
    double pad = (max - min) * 0.06;
    double step = niceStep((max - min + 2 * pad) / 5);
    return linear(Math.floor((min - pad) / step) * step, Math.ceil((max + pad) / step) * step, from, to);
  }

  boolean isLog() {
    return log;
  }

  double lo() {
    return lo;
  }

  double hi() {
    return hi;
  }

  double map(double v) {
    double t = log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
    return from + t * (to - from);
  }

  /** About {@code count} tick values inside the domain. */
  List<Double> ticks(int count) {
    return log ? logTicks() : linearTicks(count);
  }

  /** The label of a tick from {@link #ticks}. */
  String label(double tick, int count) {
    if (log) {
      return Numbers.format(tick, 3);
    }
    return Numbers.tick(tick, step(count));
  }

  private double step(int count) {
    double step = niceStep((hi - lo) / Math.max(1, count));
    return integer ? Math.max(1, step) : step;
  }

  private List<Double> linearTicks(int count) {
    double step = step(count);
    List<Double> ticks = new ArrayList<>();
    double first = Math.ceil(lo / step - 1e-9) * step;
    for (int k = 0; k < 100; k++) {
      double t = first + k * step;
      if (t > hi + step * 1e-9) {
        break;
      }
      ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
    }
    return ticks;
  }

  private List<Double> logTicks() {
    List<Double> powers = new ArrayList<>();
    List<Double> withHalves = new ArrayList<>();
    int first = (int) Math.floor(Math.log10(lo));
    int last = (int) Math.ceil(Math.log10(hi));
    for (int e = first; e <= last; e++) {
      double p = Math.pow(10, e);
      for (double m : new double[] {1, 2, 5}) {
        double t = m * p;
        if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) {
          withHalves.add(t);
          if (m == 1) {
            powers.add(t);
          }
        }
      }
    }
    if (powers.size() >= 3) {
      return powers;
    }
    if (withHalves.size() >= 2) {
      return withHalves;
    }
    // Less than a factor of 2.5 wide: nice linear ticks still read correctly on a log axis.
    return linear(lo, hi, from, to).linearTicks(4);
  }

  /** 1, 2 or 5 times a power of ten, the smallest such number at least {@code rough}. */
  static double niceStep(double rough) {
    if (!(rough > 0) || !Double.isFinite(rough)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(rough)));
    double f = rough / p;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * p;
  }
}
