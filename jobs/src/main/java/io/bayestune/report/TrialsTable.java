package io.bayestune.report;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.space.Conditional;
import io.bayestune.optimizer.space.Parameter;
import io.bayestune.report.Trials.Trial;
import java.util.ArrayList;
import java.util.List;

/**
 * View (d): every trial as a table row (trial number, suggestion id, assignments, value with its
 * standard deviation, status, failure reason, seconds when recorded), then the open suggestions.
 */
final class TrialsTable {
  private TrialsTable() {
  }

  static String render(Experiment e, Trials trials) {
    List<String> names = new ArrayList<>();
    e.spec().space().conditionals().stream().map(Conditional::name).forEach(names::add);
    e.spec().space().parameters().stream().map(Parameter::name).forEach(names::add);
    boolean seconds = trials.hasSeconds();
    StringBuilder sb = new StringBuilder("<div class=\"table-wrap\"><table class=\"trials\"><thead><tr>")
        .append("<th class=\"num\" data-sort=\"num\">#</th><th data-sort=\"text\">suggestion</th>");
    for (String name : names) {
      sb.append("<th data-sort=\"auto\">").append(Html.escape(name)).append("</th>");
    }
    sb.append("<th class=\"num\" data-sort=\"num\">").append(Html.escape(trials.metric().name()))
        .append("</th><th data-sort=\"text\">status</th><th data-sort=\"text\">failure reason</th>");
    if (seconds) {
      sb.append("<th class=\"num\" data-sort=\"num\">time</th>");
    }
    sb.append("</tr></thead><tbody>");
    int bestNumber = trials.best().map(Trial::number).orElse(-1);
    for (Trial t : trials.all()) {
      boolean best = t.number() == bestNumber;
      sb.append("<tr data-mark=\"trial\" data-trial=\"").append(t.number()).append('"').append(best ? " class=\"best\"" : t.failed() ? " class=\"failed\"" : "")
          .append("><td class=\"num\">").append(t.number()).append("</td><td>")
          .append(Html.escape(t.observation().suggestionId() == null ? "\u2014" : t.observation().suggestionId()))
          .append("</td>");
      for (String name : names) {
        cell(sb, t.observation().assignments().get(name));
      }
      sb.append("<td class=\"num\" data-value=\"").append(t.failed() ? "" : Double.toString(t.value())).append("\">");
      if (!t.failed()) {
        sb.append(Numbers.format(t.value(), 6));
        if (t.observation().valueStddev() != null) {
          sb.append(" <span class=\"pm\">\u00b1 ").append(Numbers.format(t.stddev(), 3)).append("</span>");
        }
      }
      sb.append("</td><td>").append(best ? "<span class=\"badge best\">\u2605 best</span>" : t.failed()
          ? "<span class=\"badge failed\">failed</span>" : "<span class=\"badge ok\">ok</span>")
          .append("</td><td class=\"reason\">").append(Html.escape(t.observation().failureReason())).append("</td>");
      if (seconds) {
        double s = t.seconds();
        sb.append("<td class=\"num\" data-value=\"").append(Double.isNaN(s) ? "" : Double.toString(s)).append("\">")
            .append(Double.isNaN(s) ? "" : Numbers.duration(s)).append("</td>");
      }
      sb.append("</tr>");
    }
    for (Suggestion s : e.openSuggestions()) {
      sb.append("<tr class=\"open\"><td class=\"num\"></td><td>").append(Html.escape(s.id())).append("</td>");
      for (String name : names) {
        cell(sb, s.assignments().get(name));
      }
      sb.append("<td class=\"num\"></td><td><span class=\"badge open\">open</span></td><td></td>")
          .append(seconds ? "<td></td>" : "").append("</tr>");
    }
    return sb.append("</tbody></table></div>").toString();
  }

  private static void cell(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("<td class=\"inactive\">\u2014</td>");
    } else if (v instanceof Number n) {
      String shown = v instanceof Long ? v.toString() : Numbers.format(n.doubleValue(), 5);
      sb.append("<td class=\"num\" data-value=\"").append(n).append("\">").append(shown).append("</td>");
    } else {
      sb.append("<td>").append(Html.escape(v.toString())).append("</td>");
    }
  }
}
