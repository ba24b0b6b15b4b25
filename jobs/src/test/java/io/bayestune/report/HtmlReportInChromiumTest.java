package io.bayestune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.Experiment;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Opens the report of {@link ReportFixture} in headless Chromium and checks, from the DOM after the
 * page's script ran, that the browser laid out every mark of all four views; then takes the
 * screenshot that docs/report.png is made from. Set {@code -Dbayestune.report.screenshot=PATH} to
 * copy it there (see docs/report.md).
 */
class HtmlReportInChromiumTest {
  private static final Path OUT = Path.of("target", "report-test");
  private static final int PARAMETERS = 4;

  @Test
  void everyViewDrawsInChromiumAndTheScreenshotIsSaved() throws Exception {
    Chromium chromium = Chromium.find();
    Experiment e = ReportFixture.tunedGbt();
    String html = HtmlReport.render(e);
    Files.createDirectories(OUT);
    Path page = OUT.resolve("report.html");
    Files.writeString(page, html, StandardCharsets.UTF_8);

    String dom = chromium.dumpDom(page);
    assertTrue(dom.contains("data-rendered=\"4\""), "the script should count 4 drawn views:\n" + head(dom));
    int ok = ReportFixture.OBSERVATIONS - 1;
    // Marks the browser laid out with a non-empty box, by kind, as report.js counted them.
    assertEquals("best-line:1 failed:1 obs:" + ok, markCounts(dom, "best-so-far"));
    assertEquals("best:" + PARAMETERS + " failed:" + PARAMETERS + " obs:" + PARAMETERS * ok,
        markCounts(dom, "parameters"));
    // Two methods side by side: the model's length scales and the data's variance explained.
    assertEquals("bar:" + 2 * PARAMETERS, markCounts(dom, "importance"));
    assertEquals("trial:" + ReportFixture.OBSERVATIONS, markCounts(dom, "trials"));
    Matcher line = Pattern.compile("<path d=\"(M[^\"]+)\" class=\"best-line\"").matcher(dom);
    assertTrue(line.find(), "the best-so-far step line is missing");
    assertTrue(line.group(1).split("L").length >= 3, "the step line should have several points: " + line.group(1));
    assertTrue(dom.contains("Gaussian process length scales (ARD)") && dom.contains("variance explained"),
        "the page should name the importance methods");
    assertTrue(dom.contains("executor lost: OutOfMemoryError &lt;java heap&gt; &amp; retries exhausted"),
        "the failure reason should show, escaped");

    Path png = OUT.resolve("report.png");
    chromium.screenshot(page, png, 1200, 1600);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1200, image.getWidth());
    assertEquals(1600, image.getHeight());
    assertTrue(distinctColors(image) > 200, "the screenshot looks blank: " + distinctColors(image) + " colors");
    String copyTo = System.getProperty("bayestune.report.screenshot");
    if (copyTo != null && !copyTo.isBlank()) {
      Files.copy(png, Path.of(copyTo), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void thePageNeedsNoNetwork() {
    String html = HtmlReport.render(ReportFixture.tunedGbt());
    String withoutSvgNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assertTrue(!withoutSvgNamespace.contains("http:") && !withoutSvgNamespace.contains("https:")
        && !withoutSvgNamespace.contains("//cdn") && !withoutSvgNamespace.contains(" src="),
        "the report must not load anything from the network");
    assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"), "the page should forbid fetches");
  }

  /** The data-mark-counts attribute that report.js set on one view. */
  private static String markCounts(String dom, String view) {
    Matcher m = Pattern.compile("<[^>]*data-view=\"" + view + "\"[^>]*>").matcher(dom);
    assertTrue(m.find(), "view " + view + " is missing");
    String tag = m.group();
    assertTrue(tag.contains("data-drawn=\"true\""), "view " + view + " did not draw: " + tag);
    Matcher counts = Pattern.compile("data-mark-counts=\"([^\"]*)\"").matcher(tag);
    assertTrue(counts.find(), "view " + view + " has no counts; did report.js run? " + tag);
    return counts.group(1);
  }

  private static int distinctColors(BufferedImage image) {
    Set<Integer> colors = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colors.add(image.getRGB(x, y));
      }
    }
    return colors.size();
  }

  private static String head(String s) {
    return s.length() > 2000 ? s.substring(0, 2000) : s;
  }
}
