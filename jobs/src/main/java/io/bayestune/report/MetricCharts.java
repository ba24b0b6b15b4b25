package io.bayestune.report;

import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.report.Trials.Trial;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The view of a multimetric experiment ({@code data-view="metrics"}): with two optimized metrics, the
 * Pareto front (every trial by both metrics, trials that miss a constraint hollow, the front of the
 * feasible ones drawn as a staircase); and for each constraint metric, its value by trial with the
 * threshold as a dashed line.
 */
final class MetricCharts {
  static final double WIDTH = 560;
  static final double HEIGHT = 320;
  private static final double LEFT = 72;
  private static final double RIGHT = 18;
  private static final double TOP = 24;
  private static final double BOTTOM = 44;

  private MetricCharts() {
  }

  static String render(Experiment e, Trials trials) {
    StringBuilder sb = new StringBuilder("<div class=\"metric-charts\">");
    List<Metric> optimized = e.spec().optimized();
    if (optimized.size() == 2) {
      sb.append(front(e, trials, optimized.get(0), optimized.get(1)));
    }
    for (Metric c : e.spec().constraints()) {
      sb.append(constraint(trials, c));
    }
    return sb.append("</div>").toString();
  }

  /** Both optimized metrics of every successful trial, and the feasible Pareto front as a staircase. */
  static String front(Experiment e, Trials trials, Metric a, Metric b) {
    Svg svg = new Svg(WIDTH, HEIGHT, "Pareto front of " + a.name() + " and " + b.name());
    List<Trial> ok = trials.succeeded();
    Scale x = Scale.forData(min(ok, a), max(ok, a), LEFT, WIDTH - RIGHT);
    Scale y = Scale.forData(min(ok, b), max(ok, b), HEIGHT - BOTTOM, TOP);
    Axes.y(svg, y, LEFT, WIDTH - RIGHT, 5);
    Axes.x(svg, x, TOP, HEIGHT - BOTTOM, HEIGHT - BOTTOM + 18, 6, true);
    svg.line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "axis");
    List<double[]> front = new ArrayList<>();
    for (Best best : e.bestAssignments()) {
      front.add(new double[] {value(best, a), value(best, b)});
    }
    // Sorted by the first metric; the staircase joins neighbours through the corner both of them
    // dominate (the worse of each metric), tracing the edge of what the front attains.
    front.sort(Comparator.comparingDouble(p -> p[0]));
    List<double[]> stairs = new ArrayList<>();
    for (int i = 0; i < front.size(); i++) {
      double[] p = front.get(i);
      if (i > 0) {
        double[] prev = front.get(i - 1);
        double cornerA = a.isBetter(p[0], prev[0]) ? prev[0] : p[0];
        double cornerB = b.isBetter(p[1], prev[1]) ? prev[1] : p[1];
        stairs.add(new double[] {x.map(cornerA), y.map(cornerB)});
      }
      stairs.add(new double[] {x.map(p[0]), y.map(p[1])});
    }
    if (stairs.size() > 1) {
      svg.polyline(stairs, "front-line", "front-line");
    }
    int n = trials.all().size();
    // Trials that miss a constraint first, so that a feasible trial at the same values stays visible.
    List<Trial> drawOrder = new ArrayList<>(ok);
    drawOrder.sort(Comparator.comparing(Trial::feasible));
    for (Trial t : drawOrder) {
      double px = x.map(t.observation().valueOf(a));
      double py = y.map(t.observation().valueOf(b));
      String title = t.describe(a.name()) + "\n" + b.name() + " = " + Numbers.format(t.observation().valueOf(b), 6);
      if (t.feasible()) {
        svg.trial(t.number()).circle(px, py, 4, "dot", Palette.trial(t.number(), n), "obs", title);
      } else {
        svg.trial(t.number()).circle(px, py, 4, "infeasible", null, "obs", title + "\nmisses a constraint");
      }
    }
    for (double[] p : front) {
      svg.circle(x.map(p[0]), y.map(p[1]), 7, "improved", null, null, null);
    }
    svg.text((LEFT + WIDTH - RIGHT) / 2, HEIGHT - 6, Html.shortened(a.name() + " (" + a.objective().jsonName() + ")", 60),
        "middle", "axis-title");
    svg.text(16, (TOP + HEIGHT - BOTTOM) / 2, Html.shortened(b.name() + " (" + b.objective().jsonName() + ")", 40),
        "middle", "axis-title", b.name(), true);
    return "<figure class=\"metric-chart\" data-chart=\"front\"><figcaption>Pareto front: " + Html.escape(a.name())
        + " and " + Html.escape(b.name()) + " (ringed: the front of the trials that meet every constraint; hollow:"
        + " misses a constraint)</figcaption>" + svg.end() + "</figure>";
  }

  /** A constraint metric's value by trial, with its threshold dashed. */
  static String constraint(Trials trials, Metric c) {
    Svg svg = new Svg(WIDTH, HEIGHT, c.name() + " by trial, threshold " + c.threshold());
    List<Trial> ok = trials.succeeded();
    int n = trials.all().size();
    Scale x = Scale.integers(0.5, n + 0.5, LEFT, WIDTH - RIGHT);
    Scale y = Scale.forData(Math.min(min(ok, c), c.threshold()), Math.max(max(ok, c), c.threshold()), HEIGHT - BOTTOM,
        TOP);
    Axes.y(svg, y, LEFT, WIDTH - RIGHT, 5);
    Axes.x(svg, x, TOP, HEIGHT - BOTTOM, HEIGHT - BOTTOM + 18, Math.min(n, 10), false);
    svg.line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "axis");
    double ty = y.map(c.threshold());
    svg.line(LEFT, ty, WIDTH - RIGHT, ty, "threshold");
    svg.text(WIDTH - RIGHT - 4, ty - 6, "threshold " + Numbers.format(c.threshold(), 6) + " ("
        + (c.objective() == Metric.Goal.MAXIMIZE ? "at least" : "at most") + ")", "end", "legend");
    for (Trial t : ok) {
      double v = t.observation().valueOf(c);
      String title = t.describe(c.name()).replaceFirst(": [^\\n]*", ": " + c.name() + " = " + Numbers.format(v, 6));
      svg.trial(t.number()).circle(x.map(t.number()), y.map(v), 4, c.isMet(v) ? "dot" : "infeasible",
          c.isMet(v) ? Palette.trial(t.number(), n) : null, "obs", title);
    }
    svg.text((LEFT + WIDTH - RIGHT) / 2, HEIGHT - 6, "trial", "middle", "axis-title");
    svg.text(16, (TOP + HEIGHT - BOTTOM) / 2, Html.shortened(c.name(), 40), "middle", "axis-title", c.name(), true);
    return "<figure class=\"metric-chart\" data-chart=\"constraint\" data-metric=\"" + Html.escape(c.name())
        + "\"><figcaption>Constraint " + Html.escape(c.name()) + " (hollow: misses the threshold)</figcaption>"
        + svg.end() + "</figure>";
  }

  private static double value(Best best, Metric m) {
    return best.values().stream().filter(v -> v.name().equals(m.name())).findFirst().orElseThrow().value();
  }

  private static double min(List<Trial> ok, Metric m) {
    return ok.stream().mapToDouble(t -> t.observation().valueOf(m)).min().orElse(0);
  }

  private static double max(List<Trial> ok, Metric m) {
    return ok.stream().mapToDouble(t -> t.observation().valueOf(m)).max().orElse(1);
  }
}
