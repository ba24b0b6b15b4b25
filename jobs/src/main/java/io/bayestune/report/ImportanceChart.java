package io.bayestune.report;

import io.bayestune.report.importance.Importance;
import java.util.Locale;

/** View (c): parameter importance as horizontal bars, most important on top, with the method named. */
final class ImportanceChart {
  static final double WIDTH = 380;
  private static final double LABEL = 128;
  private static final double ROW = 30;
  private static final double TOP = 8;

  private ImportanceChart() {
  }

  /** The bars (or why there are none) and a note saying which method produced them. */
  static String render(Importance importance) {
    StringBuilder sb = new StringBuilder();
    if (!importance.available()) {
      sb.append("<p class=\"empty\" data-empty=\"importance\">Not yet: ")
          .append(Html.escape(importance.unavailableReason())).append(".</p>");
    } else {
      int rows = importance.entries().size();
      double height = TOP + rows * ROW + 8;
      Svg svg = new Svg(WIDTH, height, "parameter importance by " + importance.method());
      double barLeft = LABEL + 8;
      double barMax = WIDTH - barLeft - 52;
      double top = importance.entries().isEmpty() ? 0 : importance.entries().get(0).share();
      int i = 0;
      for (Importance.Entry e : importance.entries()) {
        double y = TOP + i++ * ROW;
        svg.text(LABEL, y + ROW / 2 + 4, Html.shortened(e.name(), 17), "end", "bar-label", e.name(), false);
        svg.rect(barLeft, y + 6, barMax, ROW - 12, "bar-track", null, null);
        double w = top > 0 ? barMax * e.share() / top : 0;
        svg.rect(barLeft, y + 6, Math.max(w, e.share() > 0 ? 2 : 0), ROW - 12, "bar", "bar",
            e.name() + ": " + percent(e.share()) + " of the total importance; " + e.rawLabel());
        svg.text(barLeft + barMax + 8, y + ROW / 2 + 4, percent(e.share()), "start", "bar-value");
      }
      sb.append(svg.end());
    }
    sb.append("<p class=\"method\"><b>Method:</b> ").append(Html.escape(importance.method()))
        .append(importance.available() ? ", from " + importance.observations() + " successful observations" : "")
        .append(". ").append(Html.escape(importance.explanation()));
    if (importance.available()) {
      sb.append(" Bars are scaled to the most important parameter; the numbers are shares of the total.");
    }
    return sb.append("</p>").toString();
  }

  static String percent(double share) {
    double p = 100 * share;
    return p > 0 && p < 1 ? "<1%" : String.format(Locale.ROOT, "%.0f%%", p);
  }
}
