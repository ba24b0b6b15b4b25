package io.bayestune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayestune.optimizer.store.LocalDirectoryStore;
import io.bayestune.report.ReportFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir
  Path dir;

  private static CliResult cli(String... args) {
    return CliResult.run(args);
  }

  @Test
  void writesTheReportNextToTheExperimentOrWhereAsked() throws Exception {
    Path at = dir.resolve("gbt");
    try (LocalDirectoryStore store = new LocalDirectoryStore(at)) {
      store.save(ReportFixture.tunedGbt().toJson(), null);
    }
    CliResult next = cli("report", "--at", at.toString());
    assertEquals(0, next.status(), next.err());
    JsonNode shown = next.json();
    assertEquals("report", shown.get("object").asText());
    assertEquals(at.resolve("report.html").toAbsolutePath().toString(), shown.get("path").asText());
    assertEquals(ReportFixture.OBSERVATIONS, shown.get("observations").asInt());
    String html = Files.readString(at.resolve("report.html"));
    assertTrue(html.contains("data-view=\"trials\"") && html.contains("<title>GBT on the concrete data"));

    Path out = dir.resolve("site/reports/nightly.html");
    CliResult asked = cli("report", "--at", at.toUri().toString(), "--out", out.toString(), "--title", "Nightly");
    assertEquals(0, asked.status(), asked.err());
    assertTrue(Files.readString(out).contains("<title>Nightly \u00b7 bayestune report</title>"));
  }

  @Test
  void mistakesSayWhatToDo() throws Exception {
    CliResult none = cli("report", "--at", dir.resolve("nothing").toString());
    assertEquals(1, none.status());
    assertTrue(none.err().contains("no experiment here; create one first"), none.err());
    CliResult remote = cli("report", "--at", "s3a://bucket/exp");
    assertEquals(2, remote.status());
    assertTrue(remote.err().contains("is not a local directory; give --out FILE"), remote.err());
    CliResult missing = cli("report");
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("report: --at is required"), missing.err());
    Path at = dir.resolve("gbt");
    try (LocalDirectoryStore store = new LocalDirectoryStore(at)) {
      store.save(ReportFixture.tunedGbt().toJson(), null);
    }
    CliResult directory = cli("report", "--at", at.toString(), "--out", dir.toString());
    assertEquals(1, directory.status());
    assertTrue(directory.err().contains("is a directory; give a file name"), directory.err());
  }
}
