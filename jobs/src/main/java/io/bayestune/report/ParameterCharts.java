package io.bayestune.report;

import io.bayestune.optimizer.space.CategoricalParameter;
import io.bayestune.optimizer.space.Conditional;
import io.bayestune.optimizer.space.DoubleParameter;
import io.bayestune.optimizer.space.IntParameter;
import io.bayestune.optimizer.space.Parameter;
import io.bayestune.optimizer.space.SearchSpace;
import io.bayestune.report.Trials.Trial;
import java.util.ArrayList;
import java.util.List;

/**
 * View (b): one small chart per parameter (and conditional) with the metric on a shared y axis, so
 * panels compare at a glance. Numeric parameters span their declared bounds, on a log axis when the
 * parameter is searched in log space; categorical ones are strips with the category mean marked.
 */
final class ParameterCharts {
  static final double WIDTH = 372;
  static final double HEIGHT = 250;
  private static final double LEFT = 58;
  private static final double RIGHT = 14;
  private static final double TOP = 12;
  private static final double INSET = 8;

  private ParameterCharts() {
  }

  /** The panels as HTML figures, one per conditional and parameter, in declaration order. */
  static String render(SearchSpace space, Trials trials) {
    StringBuilder sb = new StringBuilder("<div class=\"multiples\">");
    for (Conditional c : space.conditionals()) {
      sb.append(figure(c.name(), "conditional", categorical(c.name(), c.values(), trials)));
    }
    for (Parameter p : space.parameters()) {
      sb.append(figure(p.name(), kind(p), p instanceof CategoricalParameter c
          ? categorical(c.name(), c.values(), trials) : numeric(p, trials)));
    }
    return sb.append("</div>").toString();
  }

  private static String kind(Parameter p) {
    if (p instanceof DoubleParameter d) {
      return d.log() ? "double \u00b7 log" : "double";
    }
    if (p instanceof IntParameter i) {
      return i.log() ? "int \u00b7 log" : "int";
    }
    return "categorical";
  }

  private static String figure(String name, String kind, String svg) {
    return "<figure class=\"panel\" data-parameter=\"" + Html.escape(name) + "\"><figcaption><span class=\"pname\">"
        + Html.escape(name) + "</span><span class=\"tag\">" + kind + "</span></figcaption>" + svg + "</figure>";
  }

  private static String numeric(Parameter p, Trials trials) {
    double lo;
    double hi;
    boolean log;
    boolean integer = p instanceof IntParameter;
    if (p instanceof DoubleParameter d) {
      lo = d.min();
      hi = d.max();
      log = d.log();
    } else {
      IntParameter i = (IntParameter) p;
      log = i.log();
      lo = log ? i.min() : i.min() - 0.5;
      hi = log ? i.max() : i.max() + 0.5;
    }
    Frame f = new Frame(p.name(), trials);
    double left = LEFT + INSET;
    double right = WIDTH - RIGHT - INSET;
    Scale x = log ? Scale.log(lo, hi, left, right) : integer ? Scale.integers(lo, hi, left, right)
        : Scale.linear(lo, hi, left, right);
    int inactive = 0;
    List<double[]> failed = new ArrayList<>();
    for (Trial t : trials.all()) {
      Object v = t.observation().assignments().get(p.name());
      if (!(v instanceof Number number)) {
        inactive++;
        continue;
      }
      double px = x.map(number.doubleValue());
      if (t.failed()) {
        failed.add(new double[] {px, t.number()});
      } else {
        f.point(t, px);
      }
    }
    f.xAxis(x, log ? "log scale" : null);
    return f.finish(failed, inactive);
  }

  private static String categorical(String name, List<String> values, Trials trials) {
    Frame f = new Frame(name, trials);
    double left = LEFT + INSET;
    double band = (WIDTH - RIGHT - INSET - left) / values.size();
    int inactive = 0;
    List<double[]> failed = new ArrayList<>();
    double[] sum = new double[values.size()];
    int[] count = new int[values.size()];
    for (Trial t : trials.all()) {
      int k = values.indexOf(String.valueOf(t.observation().assignments().get(name)));
      if (k < 0) {
        inactive++;
        continue;
      }
      // Golden-ratio jitter: spread evenly, the same on every render.
      double jitter = ((t.number() * 0.6180339887) % 1.0 - 0.5) * band * 0.5;
      double px = left + band * (k + 0.5) + jitter;
      if (t.failed()) {
        failed.add(new double[] {px, t.number()});
      } else {
        f.point(t, px);
        sum[k] += t.value();
        count[k]++;
      }
    }
    for (int k = 0; k < values.size(); k++) {
      double cx = left + band * (k + 0.5);
      if (k > 0) {
        f.svg.line(left + band * k, TOP, left + band * k, f.axisBottom, "grid");
      }
      if (count[k] > 0 && f.y != null) {
        double my = f.y.map(sum[k] / count[k]);
        f.svg.line(cx - band * 0.32, my, cx + band * 0.32, my, "mean");
      }
      f.svg.text(cx, f.axisBottom + 16, Html.shortened(values.get(k), Math.max(3, (int) (band / 7.5))), "middle", "tick",
          values.get(k) + " (" + count[k] + " succeeded)", false);
    }
    f.caption = values.size() > 1 ? "line: mean of the category" : null;
    return f.finish(failed, inactive);
  }

  /** The shared parts of a panel: y axis over the metric, the failed band, the dots. */
  private static final class Frame {
    final Svg svg;
    final Trials trials;
    final Scale y;
    final double plotBottom;
    final double axisBottom = HEIGHT - 40;
    final boolean anyFailed;
    String caption;

    Frame(String name, Trials trials) {
      this.trials = trials;
      this.svg = new Svg(WIDTH, HEIGHT, trials.metric().name() + " against " + name);
      this.anyFailed = trials.failedCount() > 0;
      this.plotBottom = anyFailed ? axisBottom - 26 : axisBottom;
      double[] extent = trials.valueExtent();
      this.y = Double.isNaN(extent[0]) ? null : Scale.forData(extent[0], extent[1], plotBottom, TOP);
      if (y != null) {
        Axes.y(svg, y, LEFT, WIDTH - RIGHT, 4);
      }
      svg.text(14, (TOP + plotBottom) / 2, Html.shortened(trials.metric().name(), 26), "middle", "axis-title",
          trials.metric().name(), true);
    }

    void point(Trial t, double px) {
      double py = y.map(t.value());
      if (t.stddev() > 0) {
        svg.line(px, y.map(t.value() - t.stddev()), px, y.map(t.value() + t.stddev()), "err");
      }
      boolean best = trials.best().map(b -> b.number() == t.number()).orElse(false);
      if (best) {
        svg.circle(px, py, 7.5, "best-ring", null, null, null);
      }
      svg.trial(t.number()).circle(px, py, 3.6, "dot", Palette.trial(t.number(), trials.all().size()), best ? "obs best" : "obs",
          t.describe(trials.metric().name()));
    }

    void xAxis(Scale x, String note) {
      Axes.x(svg, x, TOP, axisBottom, axisBottom + 16, 4, true);
      caption = note;
    }

    String finish(List<double[]> failed, int inactive) {
      if (anyFailed) {
        Axes.failedBand(svg, LEFT, WIDTH - RIGHT, plotBottom + 6, axisBottom - plotBottom - 10);
        double cy = plotBottom + 6 + (axisBottom - plotBottom - 10) / 2;
        for (double[] f : failed) {
          Trial t = trials.all().get((int) f[1] - 1);
          svg.trial(t.number()).cross(f[0], cy, 4, "failed", t.describe(trials.metric().name()));
        }
      }
      svg.line(LEFT, axisBottom, WIDTH - RIGHT, axisBottom, "axis");
      List<String> notes = new ArrayList<>();
      if (caption != null) {
        notes.add(caption);
      }
      if (inactive > 0) {
        notes.add("inactive in " + inactive + " trial" + (inactive == 1 ? "" : "s"));
      }
      if (!notes.isEmpty()) {
        svg.text(WIDTH - RIGHT, HEIGHT - 6, String.join(" \u00b7 ", notes), "end", "note");
      }
      return svg.end();
    }
  }
}
