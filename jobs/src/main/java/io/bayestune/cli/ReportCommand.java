package io.bayestune.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.report.HtmlReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code bayestune report --at LOCATION [--out FILE] [--title TEXT]}: the experiment as one
 * self-contained HTML page. Without {@code --out}, a local experiment's report goes next to its
 * state, as {@code DIR/report.html}. Prints where it went, as JSON like every other command.
 */
final class ReportCommand {
  static final String DEFAULT_NAME = "report.html";

  private ReportCommand() {
  }

  static int run(String[] argv, PrintStream out) throws IOException {
    Args args = new Args("report", argv, 0, Set.of("at", "out", "title"), Set.of());
    if (!args.positional().isEmpty()) {
      throw new Args.UsageException("report: unexpected argument \"" + args.positional().get(0)
          + "\"; use bayestune report --at DIR [--out FILE]");
    }
    String at = args.require("at");
    Path file = args.get("out") != null ? Path.of(args.get("out")) : nextToState(at);
    Experiment e;
    try (ExperimentStore store = Stores.open(at)) {
      e = Experiment.fromJson(ExperimentCommands.load(store).json());
    }
    String html = HtmlReport.render(e, args.get("title"));
    Path absolute = file.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      throw new IllegalArgumentException("--out " + file + ": is a directory; give a file name such as "
          + absolute.resolve(DEFAULT_NAME));
    }
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    Files.writeString(absolute, html, StandardCharsets.UTF_8);
    ObjectNode shown = SigOptJson.MAPPER.createObjectNode().put("object", "report")
        .put("path", absolute.toString()).put("bytes", html.getBytes(StandardCharsets.UTF_8).length)
        .put("observations", e.observations().size());
    out.println(SigOptJson.pretty(shown));
    return 0;
  }

  /** {@code DIR/report.html} for a local directory or file:// location. */
  private static Path nextToState(String at) {
    if (at.startsWith("file://")) {
      return Path.of(java.net.URI.create(at)).resolve(DEFAULT_NAME);
    }
    if (at.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new Args.UsageException("report: --at " + at + " is not a local directory; give --out FILE for the"
          + " report");
    }
    return Path.of(at).resolve(DEFAULT_NAME);
  }
}
