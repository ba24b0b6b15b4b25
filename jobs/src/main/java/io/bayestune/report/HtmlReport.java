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
import java.util.Map;

/**
 * An experiment as one self-contained HTML page: a header (name, metric and direction, counts, the
 * best assignments) and four views, each in an element with a stable {@code data-view}:
 * {@code best-so-far}, {@code parameters}, {@code importance} and {@code trials}.
 *
 * <pre>{@code
 * String html = HtmlReport.render(Experiment.fromJson(Files.readString(dir.resolve("experiment.json"))));
 * }</pre>
 *
 * <p>The charts are inline SVG written here, so the page needs no network and no script to show them.
 * A small inline script adds hover highlighting and table sorting, and sets
 * {@code document.body.dataset.rendered} to the number of views that drew (4), for tests. Every
 * string a user wrote is HTML-escaped ({@link Html#escape}); none is ever placed inside the script.
 */
public final class HtmlReport {
  private static final String CSS = resource("report.css");
  private static final String SCRIPT = resource("report.js");

  private HtmlReport() {
  }

  public static String render(Experiment e) {
    return render(e, ParameterImportance.preferred(e).compute(e));
  }

  /** The report with importances computed elsewhere (a chosen method, or a test's fixed numbers). */
  public static String render(Experiment e, Importance importance) {
    ExperimentSpec spec = e.spec();
    Trials trials = new Trials(e);
    String title = spec.name().isBlank() ? "Untitled experiment" : spec.name();
    String metric = Html.escape(spec.metric().name());
    StringBuilder sb = new StringBuilder(64 * 1024);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta name=\"generator\" content=\"bayestune\">")
        // No network, ever: the page is a file that must open the same on a plane.
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';")
        .append(" script-src 'unsafe-inline'; img-src data:\">")
        .append("<title>").append(Html.escape(title)).append(" \u00b7 bayestune report</title><style>").append(CSS)
        .append("</style></head><body><main>");
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
    sb.append("<footer>bayestune experiment report \u00b7 one self-contained file, no network needed</footer>")
        .append("</main><script>").append(SCRIPT).append("</script></body></html>\n");
    return sb.toString();
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
