package io.bayestune.report;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.space.Assignments;
import io.bayestune.report.Trials.Trial;
import io.bayestune.report.importance.Importance;
import io.bayestune.report.importance.ParameterImportance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An experiment as one self-contained HTML page: a header (name, metric and direction, counts, the
 * best assignments) and four views, each in an element with a stable {@code data-view}:
 * {@code best-so-far}, {@code parameters}, {@code importance} and {@code trials}.
 *
 * <pre>{@code
 * String html = HtmlReport.render(experiment, "Nightly GBT tuning");
 * Files.writeString(Path.of("report.html"), html);       // or, in a notebook: displayHTML(html)
 * }</pre>
 *
 * <p>The charts are inline SVG written here, so the page needs no network and no script to show them.
 * A small inline script adds hover highlighting and table sorting, and records what the browser laid
 * out: on each view, {@code data-mark-counts} (marks with a non-empty box, by kind) and
 * {@code data-drawn}; on the report's root (and the page's body) {@code data-rendered}, the number of
 * views that drew (4). Every string a user wrote is HTML-escaped ({@link Html#escape}); none is ever
 * placed inside the script. See docs/report.md.
 */
public final class HtmlReport {
  private static final String CSS = resource("report.css");
  private static final String SCRIPT = resource("report.js");

  private HtmlReport() {
  }

  /** The report titled with the experiment's name. */
  public static String render(Experiment experiment) {
    return render(experiment, null);
  }

  /**
   * The report with the given title (null or blank: the experiment's name), importance by
   * {@link ParameterImportance#forReport}.
   */
  public static String render(Experiment experiment, String title) {
    return render(experiment, title, ParameterImportance.forReport(experiment));
  }

  /** The report with importances computed elsewhere (chosen methods, or a test's fixed numbers), shown in order. */
  public static String render(Experiment e, String title, List<Importance> importance) {
    String shownTitle = titleOf(e, title);
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"generator\" content=\"bayestune\">"
        // No network, ever: the page is a file that must open the same on a plane.
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
        + " script-src 'unsafe-inline'; img-src data:\">"
        + "<title>" + Html.escape(shownTitle) + " \u00b7 bayestune report</title><style>" + CSS
        + "</style></head><body class=\"bayestune-page\">" + main(e, shownTitle, importance)
        + "<script>" + SCRIPT + "</script></body></html>\n";
  }

  /**
   * The report as a fragment to place inside another page (a notebook cell's HTML output): the same
   * views, styles scoped to the fragment's root element so that they leave the host page alone.
   */
  public static String renderFragment(Experiment experiment, String title) {
    return "<style>" + CSS + "</style>" + main(experiment, titleOf(experiment, title),
        ParameterImportance.forReport(experiment)) + "<script>" + SCRIPT + "</script>";
  }

  private static String titleOf(Experiment e, String title) {
    if (title != null && !title.isBlank()) {
      return title;
    }
    return e.spec().name().isBlank() ? "Untitled experiment" : e.spec().name();
  }

  /** The header and the four views, in the root element the styles and the script are scoped to. */
  private static String main(Experiment e, String title, List<Importance> importance) {
    ExperimentSpec spec = e.spec();
    Trials trials = new Trials(e);
    String metric = Html.escape(spec.metric().name());
    StringBuilder sb = new StringBuilder(64 * 1024).append("<main class=\"bayestune-report\">");
    ReportHeader.render(sb, e, trials, title);
    String empty = "<p class=\"empty\" data-empty=\"%s\">No observations yet: this view fills in as trials are"
        + " observed.</p>";
    sb.append("<div class=\"row\"><section class=\"card\"><h2>Best ").append(metric).append(" so far</h2>")
        .append("<p class=\"hint\">Every observation by trial number (bars: \u00b1 value_stddev); the line is the best")
        .append(" value reached so far (").append(trials.direction()).append(").</p>")
        .append("<div class=\"chart\" data-view=\"best-so-far\">")
        .append(trials.isEmpty() ? String.format(empty, "best-so-far") : BestSoFarChart.render(trials))
        .append("</div></section><section class=\"card\"><h2>Parameter importance</h2>")
        .append("<p class=\"hint\">How much each parameter moves ").append(metric).append(".</p>")
        .append("<div class=\"chart\" data-view=\"importance\">").append(ImportanceChart.render(importance))
        .append("</div></section></div>");
    if (spec.multiMetric() && !trials.succeeded().isEmpty()
        && (spec.optimized().size() > 1 || !spec.constraints().isEmpty())) {
      sb.append("<section class=\"card\"><h2>Metrics</h2><p class=\"hint\">")
          .append(spec.optimized().size() > 1 ? "The trade-off between the two optimized metrics; " : "")
          .append("each constraint with its threshold. Only trials that meet every constraint can be best.</p>")
          .append("<div class=\"chart\" data-view=\"metrics\">").append(MetricCharts.render(e, trials))
          .append("</div></section>");
    }
    sb.append("<section class=\"card\"><h2>Parameters against ").append(metric).append("</h2>")
        .append("<p class=\"hint\">One dot per trial, from early ").append(legendRamp()).append(" late; the ring marks")
        .append(" the best trial. Hover a dot to find the trial in every chart and in the table.</p>")
        .append("<div class=\"chart\" data-view=\"parameters\">")
        .append(trials.isEmpty() ? String.format(empty, "parameters") : ParameterCharts.render(spec.space(), trials))
        .append("</div></section>");
    sb.append("<section class=\"card\"><h2>Trials</h2><p class=\"hint\">In the order observed; click a column to sort.")
        .append("</p><div data-view=\"trials\">")
        .append(trials.isEmpty() && e.openSuggestions().isEmpty() ? String.format(empty, "trials")
            : TrialsTable.render(e, trials))
        .append("</div></section>");
    return sb.append("<footer>bayestune experiment report \u00b7 one self-contained file, no network needed</footer>")
        .append("</main>").toString();
  }

  private static String legendRamp() {
    return "<svg viewBox=\"0 0 60 10\" style=\"display:inline;width:60px;height:10px\" aria-hidden=\"true\">"
        + Palette.gradient("ramp") + "<rect width=\"60\" height=\"10\" rx=\"5\" fill=\"url(#ramp)\"/></svg>";
  }

  /** {@code name = value} chips of an assignment, in declaration order. */
  static String chips(Assignments a) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Object> entry : a.asMap().entrySet()) {
      Object v = entry.getValue();
      String shown = v instanceof Double d ? Numbers.format(d, 5) : String.valueOf(v);
      sb.append("<span class=\"chip\">").append(Html.escape(entry.getKey())).append(" = <b>").append(Html.escape(shown))
          .append("</b></span>");
    }
    return sb.toString();
  }

  static String bestSummary(Trial best) {
    return best.observation().valueStddev() == null ? "" : "\u00b1 " + Numbers.format(best.stddev(), 3) + " \u00b7 ";
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("report resource " + name + " is missing from the jar; rebuild bayestune-jobs");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
