package io.bayestune.report;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.report.Trials.Trial;
import java.util.Locale;
import java.util.Optional;

/** The report's header: experiment name, metric and direction, strategy, counts, and the best assignments. */
final class ReportHeader {
  private ReportHeader() {
  }

  static void render(StringBuilder sb, Experiment e, Trials trials, String title) {
    ExperimentSpec spec = e.spec();
    int n = trials.all().size();
    int failed = trials.failedCount();
    int parameters = spec.space().parameters().size() + spec.space().conditionals().size();
    sb.append("<header class=\"top\"><div class=\"eyebrow\">bayestune \u00b7 experiment report</div><h1>")
        .append(Html.escape(title)).append("</h1><p class=\"sub\"><span class=\"dir\">")
        .append(trials.direction()).append("</span> <b>").append(Html.escape(spec.metric().name())).append("</b> \u00b7 ")
        .append(strategy(spec)).append(" \u00b7 ").append(parameters).append(parameters == 1 ? " parameter" : " parameters")
        .append(" \u00b7 seed ").append(e.seed()).append("</p><div class=\"kpis\">");
    Optional<Trial> best = trials.best();
    if (best.isPresent()) {
      Trial b = best.get();
      kpi(sb, "best", "best " + spec.metric().name(), Numbers.format(b.value(), 6),
          HtmlReport.bestSummary(b) + "trial " + b.number() + suggestionNote(b));
    } else {
      kpi(sb, "best", "best " + spec.metric().name(), "\u2014", n == 0 ? "no observations yet" : "no success yet");
    }
    kpi(sb, "", "observations", Integer.toString(n), n == 0 ? "no observations yet"
        : (n - failed) + " succeeded \u00b7 " + failed + " failed");
    int open = e.openSuggestions().size();
    kpi(sb, "", "open suggestions", Integer.toString(open), open == 0 ? "none waiting" : "waiting for a value");
    if (spec.observationBudget() > 0) {
      int budget = spec.observationBudget();
      double used = Math.min(1, n / (double) budget);
      sb.append("<div class=\"kpi\"><span class=\"k\">budget</span><span class=\"v\">").append(n).append(" / ")
          .append(budget).append("</span><div class=\"meter\"><span style=\"width:")
          .append(String.format(Locale.ROOT, "%.1f", 100 * used)).append("%\"></span></div></div>");
    }
    if (trials.hasSeconds()) {
      double total = trials.all().stream().mapToDouble(Trial::seconds).filter(s -> !Double.isNaN(s)).sum();
      kpi(sb, "", "trial time", Numbers.duration(total), "summed over trials");
    }
    sb.append("</div>");
    if (best.isPresent()) {
      sb.append("<div class=\"best-assignments\"><span class=\"k\">best assignments</span>")
          .append(HtmlReport.chips(best.get().observation().assignments())).append("</div>");
    }
    sb.append("</header>");
  }

  /** The suggestion id when it differs from the trial number (warm-started or resumed experiments). */
  private static String suggestionNote(Trial t) {
    String id = t.observation().suggestionId();
    return id == null || id.equals(Integer.toString(t.number())) ? "" : " \u00b7 suggestion " + id;
  }

  private static void kpi(StringBuilder sb, String cssClass, String key, String value, String detail) {
    sb.append("<div class=\"kpi ").append(cssClass).append("\"><span class=\"k\">").append(Html.escape(key))
        .append("</span><span class=\"v\">").append(Html.escape(value)).append("</span><span class=\"s\">")
        .append(Html.escape(detail)).append("</span></div>");
  }

  private static String strategy(ExperimentSpec spec) {
    return switch (spec.type()) {
      case OFFLINE -> "Bayesian optimization";
      case RANDOM -> "random search";
      case SOBOL -> "Sobol sequence";
      case GRID -> "grid search";
    };
  }
}
