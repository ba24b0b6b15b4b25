package io.bayestune.report;

import static io.bayestune.report.Numbers.px;

import java.util.List;

/**
 * A small writer of inline SVG: the elements the report's charts are made of. Every text it is given
 * is escaped here, so chart code cannot forget to. Data elements carry {@code data-mark} (obs, failed,
 * best, bar...) so that a test can count what was drawn.
 */
final class Svg {
  private final StringBuilder sb = new StringBuilder();
  private int trial;

  /** Opens an SVG of {@code width x height} user units that scales to its container's width. */
  Svg(double width, double height, String label) {
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(px(width)).append(' ')
        .append(px(height)).append("\" role=\"img\" aria-label=\"").append(Html.escape(label)).append("\">");
  }

  Svg line(double x1, double y1, double x2, double y2, String cssClass) {
    sb.append("<line x1=\"").append(px(x1)).append("\" y1=\"").append(px(y1)).append("\" x2=\"").append(px(x2))
        .append("\" y2=\"").append(px(y2)).append("\" class=\"").append(cssClass).append("\"/>");
    return this;
  }

  Svg rect(double x, double y, double w, double h, String cssClass, String mark, String title) {
    sb.append("<rect x=\"").append(px(x)).append("\" y=\"").append(px(y)).append("\" width=\"")
        .append(px(Math.max(0, w))).append("\" height=\"").append(px(Math.max(0, h))).append("\" class=\"")
        .append(cssClass).append('"');
    return close("rect", mark, title, null);
  }

  /** A dot; {@code fill} is a color this code computed (never user text), or null for the CSS class's. */
  Svg circle(double cx, double cy, double r, String cssClass, String fill, String mark, String title) {
    sb.append("<circle cx=\"").append(px(cx)).append("\" cy=\"").append(px(cy)).append("\" r=\"").append(px(r))
        .append("\" class=\"").append(cssClass).append('"');
    return close("circle", mark, title, fill);
  }

  /** An x-shaped cross centred on (cx, cy), for failed trials. */
  Svg cross(double cx, double cy, double r, String mark, String title) {
    sb.append("<path d=\"M").append(px(cx - r)).append(' ').append(px(cy - r)).append('L').append(px(cx + r))
        .append(' ').append(px(cy + r)).append('M').append(px(cx - r)).append(' ').append(px(cy + r)).append('L')
        .append(px(cx + r)).append(' ').append(px(cy - r)).append("\" class=\"cross\"");
    return close("path", mark, title, null);
  }

  /** A polyline through {@code xy} pairs (x0, y0, x1, y1, ...). */
  Svg polyline(List<double[]> points, String cssClass, String mark) {
    sb.append("<path d=\"");
    for (int i = 0; i < points.size(); i++) {
      sb.append(i == 0 ? 'M' : 'L').append(px(points.get(i)[0])).append(' ').append(px(points.get(i)[1]));
    }
    sb.append("\" class=\"").append(cssClass).append('"');
    return close("path", mark, null, null);
  }

  /** Text, escaped; {@code anchor} is start, middle or end. */
  Svg text(double x, double y, String text, String anchor, String cssClass) {
    return text(x, y, Html.escape(text), anchor, cssClass, null, false);
  }

  /**
   * Text already escaped (e.g. by {@link Html#shortened}), with an optional full title and an optional
   * rotation by -90 degrees about its anchor, for y-axis labels.
   */
  Svg text(double x, double y, String escaped, String anchor, String cssClass, String title, boolean vertical) {
    sb.append("<text x=\"").append(px(x)).append("\" y=\"").append(px(y)).append("\" text-anchor=\"").append(anchor)
        .append("\" class=\"").append(cssClass).append('"');
    if (vertical) {
      sb.append(" transform=\"rotate(-90 ").append(px(x)).append(' ').append(px(y)).append(")\"");
    }
    sb.append('>');
    if (title != null) {
      sb.append("<title>").append(Html.escape(title)).append("</title>");
    }
    sb.append(escaped).append("</text>");
    return this;
  }

  /** Raw markup this code wrote itself (a gradient definition, a group); never user text. */
  Svg raw(String markup) {
    sb.append(markup);
    return this;
  }

  /** Tags the next data element with {@code data-trial}, so that hovering it highlights the trial everywhere. */
  Svg trial(int number) {
    trial = number;
    return this;
  }

  private Svg close(String tag, String mark, String title, String fill) {
    if (trial > 0) {
      sb.append(" data-trial=\"").append(trial).append('"');
      trial = 0;
    }
    if (fill != null) {
      sb.append(" style=\"fill:").append(fill).append('"');
    }
    if (mark != null) {
      sb.append(" data-mark=\"").append(mark).append('"');
    }
    if (title == null) {
      sb.append("/>");
    } else {
      sb.append("><title>").append(Html.escape(title)).append("</title></").append(tag).append('>');
    }
    return this;
  }

  String end() {
    return sb.append("</svg>").toString();
  }
}
