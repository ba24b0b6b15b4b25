package io.bayestune.report;

import io.bayestune.report.importance.Importance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * View (c): parameter importance as horizontal bars, one series per method that could answer (the
 * Gaussian process's length scales and the variance explained), most important first by the first
 * method, with each method named and explained under the chart.
 */
final class ImportanceChart {
  static final double WIDTH = 380;
  private static final double LABEL = 124;
  private static final double BAR = 10;
  private static final double GAP = 3;
  private static final double ROW_PAD = 12;
  private static final double LEGEND = 26;
  private static final String[] SERIES = {"bar", "bar second"};

  private ImportanceChart() {
  }

  /** The bars (or why there are none) and a note per method saying what it measures. */
  static String render(List<Importance> methods) {
    List<Importance> shown = methods.stream().filter(Importance::available).limit(SERIES.length).toList();
    StringBuilder sb = new StringBuilder();
    if (shown.isEmpty()) {
      sb.append("<p class=\"empty\" data-empty=\"importance\">Not yet: this view fills in as more trials"
          + " succeed.</p>");
    } else {
      sb.append(bars(shown));
    }
    StringBuilder how = new StringBuilder();
    for (Importance m : methods) {
      int series = shown.indexOf(m);
      if (series >= 0) {
        sb.append("<p class=\"method\"><span class=\"swatch").append(series == 0 ? "" : " second")
            .append("\"></span><b>").append(Html.escape(m.method().legend())).append("</b>: ")
            .append(Html.escape(m.method().summary())).append("</p>");
      } else {
        sb.append("<p class=\"method\"><b>").append(Html.escape(m.method().legend())).append("</b>: not yet, ")
            .append(Html.escape(m.unavailableReason())).append(".</p>");
      }
      how.append("<p><b>").append(Html.escape(m.method().name())).append(".</b> ")
          .append(Html.escape(m.method().explanation()))
          .append(m.available() ? " From " + m.observations() + " successful observations." : "").append("</p>");
    }
    sb.append("<details class=\"how\"><summary>How these are computed</summary>").append(how);
    if (shown.size() > 1) {
      sb.append("<p>The two answer different questions; where they agree, the answer is solid. Each method's"
          + " numbers are shares of its own total.</p>");
    }
    sb.append("</details>");
    return sb.toString();
  }

  private static String bars(List<Importance> shown) {
    List<Importance.Entry> order = shown.get(0).entries();
    double rowHeight = shown.size() * (BAR + GAP) - GAP + ROW_PAD;
    double top = shown.size() > 1 ? LEGEND : 4;
    Svg svg = new Svg(WIDTH, top + order.size() * rowHeight + 4, "parameter importance by "
        + String.join(" and ", shown.stream().map(m -> m.method().name()).toList()));
    double barLeft = LABEL + 10;
    double barMax = WIDTH - barLeft - 44;
    double largest = shown.stream().flatMap(m -> m.entries().stream()).mapToDouble(Importance.Entry::share).max()
        .orElse(0);
    if (shown.size() > 1) {
      legend(svg, shown, barLeft);
    }
    for (int row = 0; row < order.size(); row++) {
      String name = order.get(row).name();
      double y = top + row * rowHeight + ROW_PAD / 2;
      svg.text(LABEL, y + (rowHeight - ROW_PAD) / 2 + 4, Html.shortened(name, 18), "end", "bar-label", name, false);
      for (int s = 0; s < shown.size(); s++) {
        Importance.Entry e = entry(shown.get(s), name);
        double by = y + s * (BAR + GAP);
        double w = largest > 0 ? barMax * e.share() / largest : 0;
        svg.rect(barLeft, by, barMax, BAR, "bar-track", null, null);
        svg.rect(barLeft, by, Math.max(w, 1.5), BAR, SERIES[s], "bar", name + ", " + shown.get(s).method().legend() + ": "
            + percent(e.share()) + " of the total; " + e.rawLabel());
        svg.text(barLeft + barMax + 6, by + BAR - 0.5, percent(e.share()), "start", "bar-value");
      }
    }
    return svg.end();
  }

  private static void legend(Svg svg, List<Importance> shown, double left) {
    double x = left;
    List<String> names = new ArrayList<>();
    shown.forEach(m -> names.add(m.method().legend()));
    for (int s = 0; s < shown.size(); s++) {
      svg.rect(x, 6, 10, 10, SERIES[s], null, null);
      svg.text(x + 15, 15, names.get(s), "start", "legend");
      x += 26 + names.get(s).length() * 6.2;
    }
  }

  private static Importance.Entry entry(Importance m, String name) {
    return m.entries().stream().filter(e -> e.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException(m.method().name() + " has no entry for parameter '" + name + "'"));
  }

  static String percent(double share) {
    double p = 100 * share;
    return p > 0 && p < 1 ? "<1%" : String.format(Locale.ROOT, "%.0f%%", p);
  }
}
