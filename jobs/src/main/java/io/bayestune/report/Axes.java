package io.bayestune.report;

/** Grid lines, ticks and tick labels shared by the report's charts. */
final class Axes {
  private Axes() {
  }

  /** Horizontal grid lines across [left, right] at the y scale's ticks, labelled left of {@code left}. */
  static void y(Svg svg, Scale y, double left, double right, int count) {
    for (double t : y.ticks(count)) {
      double py = y.map(t);
      svg.line(left, py, right, py, "grid");
      svg.text(left - 8, py + 4, y.label(t, count), "end", "tick");
    }
  }

  /**
   * Tick marks below {@code bottom} and labels at {@code labelY} for the x scale's ticks, with faint
   * vertical grid lines up to {@code top} when {@code grid} is set.
   */
  static void x(Svg svg, Scale x, double top, double bottom, double labelY, int count, boolean grid) {
    for (double t : x.ticks(count)) {
      double px = x.map(t);
      if (grid) {
        svg.line(px, top, px, bottom, "grid");
      }
      svg.line(px, bottom, px, bottom + 4, "axis");
      svg.text(px, labelY, x.label(t, count), "middle", "tick");
    }
  }

  /** A band under the plot for trials that failed (they have no value to place on the y axis). */
  static void failedBand(Svg svg, double left, double right, double top, double height) {
    svg.rect(left, top, right - left, height, "failed-band", null, null);
    svg.text(left - 8, top + height / 2 + 4, "failed", "end", "tick failed-label");
  }
}
