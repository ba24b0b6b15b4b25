package io.bayestune.report;

import io.bayestune.report.Trials.Trial;
import java.util.ArrayList;
import java.util.List;

/**
 * View (a): every observation's value against its trial number, error bars for value_stddev, the best
 * value so far as a step line, new bests ringed, and failed trials as crosses in a band below. A trial
 * that misses a constraint is a hollow red dot and never moves the line.
 */
final class BestSoFarChart {
  static final double WIDTH = 760;
  static final double HEIGHT = 340;
  private static final double LEFT = 72;
  private static final double RIGHT = 18;
  private static final double TOP = 34;

  private BestSoFarChart() {
  }

  static String render(Trials trials) {
    String metric = trials.metric().name();
    Svg svg = new Svg(WIDTH, HEIGHT, "best " + metric + " so far against trial number");
    boolean anyFailed = trials.failedCount() > 0;
    double axisBottom = HEIGHT - 44;
    double plotBottom = anyFailed ? axisBottom - 30 : axisBottom;
    int n = trials.all().size();
    Scale x = Scale.integers(0.5, n + 0.5, LEFT, WIDTH - RIGHT);
    double[] extent = trials.valueExtent();
    List<Trial> ok = trials.succeeded();
    if (!ok.isEmpty()) {
      Scale y = Scale.forData(extent[0], extent[1], plotBottom, TOP);
      Axes.y(svg, y, LEFT, WIDTH - RIGHT, 5);
      svg.text(16, (TOP + plotBottom) / 2, Html.shortened(metric, 40), "middle", "axis-title", metric, true);
      for (Trial t : ok) {
        if (t.stddev() > 0) {
          double px = x.map(t.number());
          svg.line(px, y.map(t.value() - t.stddev()), px, y.map(t.value() + t.stddev()), "err");
        }
      }
      if (ok.stream().anyMatch(Trial::improved)) { // none does while no trial met the constraints
        svg.polyline(stepLine(ok, x, y, n), "best-line", "best-line");
      }
      for (Trial t : ok) {
        double px = x.map(t.number());
        double py = y.map(t.value());
        if (t.improved()) {
          svg.circle(px, py, 7, "improved", null, null, null);
        }
        if (t.feasible()) {
          svg.trial(t.number()).circle(px, py, 4, "dot", Palette.trial(t.number(), n), "obs", t.describe(metric));
        } else {
          svg.trial(t.number()).circle(px, py, 4, "infeasible", null, "obs", t.describe(metric)
              + "\nmisses a constraint: not counted as best");
        }
      }
    } else {
      svg.text((LEFT + WIDTH - RIGHT) / 2, (TOP + plotBottom) / 2, "every trial so far failed", "middle", "empty-note");
    }
    if (anyFailed) {
      Axes.failedBand(svg, LEFT, WIDTH - RIGHT, plotBottom + 8, axisBottom - plotBottom - 12);
      double cy = plotBottom + 8 + (axisBottom - plotBottom - 12) / 2;
      for (Trial t : trials.all()) {
        if (t.failed()) {
          svg.trial(t.number()).cross(x.map(t.number()), cy, 4.5, "failed", t.describe(metric));
        }
      }
    }
    svg.line(LEFT, axisBottom, WIDTH - RIGHT, axisBottom, "axis");
    Axes.x(svg, x, TOP, axisBottom, axisBottom + 18, Math.min(n, 10), false);
    svg.text((LEFT + WIDTH - RIGHT) / 2, HEIGHT - 6, "trial (in the order observations were reported)", "middle",
        "axis-title");
    legend(svg, anyFailed);
    return svg.end();
  }

  /** Horizontal at each best, stepping when a trial improves it, out to the last trial. */
  private static List<double[]> stepLine(List<Trial> ok, Scale x, Scale y, int n) {
    List<double[]> points = new ArrayList<>();
    for (Trial t : ok) {
      if (t.improved()) {
        if (!points.isEmpty()) {
          points.add(new double[] {x.map(t.number()), points.get(points.size() - 1)[1]});
        }
        points.add(new double[] {x.map(t.number()), y.map(t.value())});
      }
    }
    points.add(new double[] {x.map(n + 0.5), points.get(points.size() - 1)[1]});
    return points;
  }

  private static void legend(Svg svg, boolean anyFailed) {
    double lx = WIDTH - RIGHT - (anyFailed ? 370 : 300);
    double ly = 16;
    svg.circle(lx, ly - 4, 4, "dot", Palette.trial(2, 3), null, null);
    svg.text(lx + 9, ly, "observation", "start", "legend");
    svg.line(lx + 95, ly - 4, lx + 117, ly - 4, "best-line");
    svg.text(lx + 123, ly, "best so far", "start", "legend");
    svg.circle(lx + 211, ly - 4, 6, "improved", null, null, null);
    svg.text(lx + 222, ly, "new best", "start", "legend");
    if (anyFailed) {
      svg.cross(lx + 298, ly - 4, 4, null, null);
      svg.text(lx + 308, ly, "failed", "start", "legend");
    }
  }
}
