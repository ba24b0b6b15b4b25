package io.bayestune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.MetricEvaluation;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.Suggestion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The report of a multimetric experiment (AUC against training time, recall constrained) in headless
 * Chromium: the Pareto front and the constraint chart with its threshold draw, trials that miss the
 * constraint are hollow and never best. Set {@code -Dbayestune.report.multimetricScreenshot=PATH} to copy
 * the screenshot (docs/report-multimetric.png is made so).
 */
class MultiMetricReportInChromiumTest {
  private static final Path OUT = Path.of("target", "report-test");
  private static final int TRIALS = 24;

  /** Random search over two parameters with closed-form metrics: deterministic and fast. */
  static Experiment fraudTuning() {
    Experiment e = Experiment.create(SpecJson.parse("""
        {"name": "fraud-gbt", "type": "random",
         "parameters": [{"name": "maxDepth", "type": "int", "bounds": {"min": 2, "max": 10}},
                        {"name": "threshold", "type": "double", "bounds": {"min": 0.05, "max": 0.7}}],
         "metrics": [{"name": "areaUnderROC"},
                     {"name": "training_seconds", "objective": "minimize"},
                     {"name": "recallByLabel", "strategy": "constraint", "threshold": 0.7}]}
        """), 5);
    for (int i = 0; i < TRIALS; i++) {
      Suggestion s = e.suggest();
      long depth = s.assignments().getLong("maxDepth");
      double threshold = s.assignments().getDouble("threshold");
      double auc = 0.93 - 0.12 / depth - 0.002 * depth;
      double seconds = 4 + 1.6 * depth * depth;
      double recall = 0.98 - 0.6 * threshold - 0.01 * depth;
      e.observe(s.id(), List.of(new MetricEvaluation("areaUnderROC", auc, 0.004),
          new MetricEvaluation("training_seconds", seconds, null), new MetricEvaluation("recallByLabel", recall, null)),
          Map.of());
    }
    return e;
  }

  @Test
  void frontAndThresholdDrawAndTheScreenshotIsSaved() throws Exception {
    Experiment e = fraudTuning();
    long feasible = e.observations().stream().filter(o -> o.feasible(e.spec())).count();
    assertTrue(feasible > 3 && feasible < TRIALS, "the fixture should have both kinds of trials: " + feasible);
    String html = HtmlReport.render(e);
    assertTrue(html.contains("data-chart=\"front\"") && html.contains("data-chart=\"constraint\""), "charts missing");
    assertTrue(html.contains("threshold 0.7 (at least)"), "the threshold should be labelled");
    Chromium chromium = Chromium.find();
    Files.createDirectories(OUT);
    Path page = OUT.resolve("report-multimetric.html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    String dom = chromium.dumpDom(page);
    assertTrue(dom.contains("data-rendered=\"5\""), "the script should count 5 drawn views");
    // Every trial once in the front chart and once in the constraint chart; one staircase.
    assertEquals("front-line:1 obs:" + 2 * TRIALS, markCounts(dom, "metrics"));
    Matcher best = Pattern.compile("<path d=\"(M[^\"]+)\" class=\"best-line\"").matcher(dom);
    assertTrue(best.find(), "best-so-far line of the feasible trials is missing");
    Path png = OUT.resolve("report-multimetric.png");
    chromium.screenshot(page, png, 1200, 1500);
    String copyTo = System.getProperty("bayestune.report.multimetricScreenshot");
    if (copyTo != null && !copyTo.isBlank()) {
      Files.copy(png, Path.of(copyTo), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void bestSoFarCountsOnlyTrialsThatMeetTheConstraint() {
    Experiment e = fraudTuning();
    Trials trials = new Trials(e);
    for (Trials.Trial t : trials.all()) {
      if (!t.feasible()) {
        assertTrue(!t.improved(), "trial " + t.number() + " misses the constraint but set a best");
      }
    }
    double bestFeasible = e.observations().stream().filter(o -> o.feasible(e.spec()))
        .mapToDouble(o -> o.value()).max().orElseThrow();
    assertEquals(bestFeasible, trials.all().get(TRIALS - 1).bestSoFar(), 0);
  }

  private static String markCounts(String dom, String view) {
    Matcher m = Pattern.compile("<[^>]*data-view=\"" + view + "\"[^>]*>").matcher(dom);
    assertTrue(m.find(), "view " + view + " is missing");
    Matcher counts = Pattern.compile("data-mark-counts=\"([^\"]*)\"").matcher(m.group());
    assertTrue(counts.find(), "view " + view + " has no counts: " + m.group());
    return counts.group(1);
  }
}
