package io.bayestune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.Suggestion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the page says, without a browser; {@link HtmlReportInChromiumTest} checks that it draws. */
class HtmlReportTest {
  private static final String HOSTILE = """
      {"name": "<script>alert(1)</script>", "type": "random",
       "metrics": [{"name": "a\\"b<i>", "objective": "maximize"}],
       "parameters": [
         {"name": "x</svg>", "type": "double", "bounds": {"min": 0, "max": 1}},
         {"name": "kind", "type": "categorical", "categorical_values": ["<b>bold</b>", "'quoted'"]}]}
      """;

  @Test
  void aNewExperimentShowsEveryViewsEmptyState() {
    Experiment e = Experiment.create(SpecJson.parse(ReportFixture.SPEC), 1);
    String html = HtmlReport.render(e);
    for (String view : List.of("best-so-far", "parameters", "importance", "trials")) {
      assertTrue(html.contains("data-view=\"" + view + "\""), view);
    }
    assertEquals(4, count(html, "data-empty="), "each view says it waits for observations");
    assertTrue(html.contains("<title>GBT on the concrete data \u00b7 bayestune report</title>"));
  }

  @Test
  void fewOrOnlyFailedTrialsStillRenderEveryView() {
    Experiment allFailed = Experiment.create(SpecJson.parse(ReportFixture.SPEC), 2);
    Experiment oneValue = Experiment.create(SpecJson.parse(ReportFixture.SPEC), 2);
    for (int i = 0; i < 3; i++) {
      allFailed.observeFailed(allFailed.suggest().id(), "timeout", Map.of());
    }
    oneValue.observe(oneValue.suggest().id(), 4.2, null);
    String failed = HtmlReport.render(allFailed);
    assertTrue(failed.contains("every trial so far failed"));
    assertEquals(3 + 3 * 4, count(failed, "data-mark=\"failed\""), "crosses in the history and in each panel");
    assertTrue(failed.contains("data-empty=\"importance\""));
    String one = HtmlReport.render(oneValue);
    assertEquals(1 + 4, count(one, "data-mark=\"obs"), "one dot in the history and in each panel");
    assertTrue(one.contains("needs at least 5 successful observations, has 1"));
  }

  @Test
  void namesValuesAndReasonsUsersWroteAreEscapedEverywhere() {
    Experiment e = Experiment.create(SpecJson.parse(HOSTILE), 3);
    for (int i = 0; i < 8; i++) {
      Suggestion s = e.suggest();
      if (i == 2) {
        e.observeFailed(s.id(), "</td><script>steal()</script>", Map.of());
      } else {
        e.observe(s.id(), i * 0.5, null);
      }
    }
    String html = HtmlReport.render(e, "Title <em>not markup</em>");
    assertFalse(html.contains("<script>alert") || html.contains("<script>steal") || html.contains("<b>bold")
        || html.contains("x</svg>") || html.contains("<i>") || html.contains("<em>not"), "raw user text in the page");
    assertTrue(html.contains("&lt;script&gt;steal()&lt;/script&gt;"));
    assertTrue(html.contains("Title &lt;em&gt;not markup&lt;/em&gt;"));
    assertEquals(1, count(html, "<script>"), "only the report's own script");
  }

  @Test
  void theFragmentIsScopedForEmbeddingInANotebook() {
    String fragment = HtmlReport.renderFragment(ReportFixture.tunedGbt(), "nightly");
    assertTrue(fragment.startsWith("<style>"));
    assertFalse(fragment.contains("<html") || fragment.contains("<body") || fragment.contains("<head>"));
    assertTrue(fragment.contains("<main class=\"bayestune-report\">"));
    // Every style rule applies inside the report's root only, except the standalone page's body rule.
    String css = fragment.substring("<style>".length(), fragment.indexOf("</style>"));
    for (String rule : css.split("}")) {
      String selector = rule.contains("{") ? rule.substring(0, rule.indexOf('{')).trim() : "";
      if (!selector.isEmpty() && !selector.startsWith("@media") && !selector.startsWith("body.bayestune-page")) {
        for (String part : selector.split(",")) {
          assertTrue(part.trim().startsWith(".bayestune-report"), "unscoped CSS selector: " + part);
        }
      }
    }
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
