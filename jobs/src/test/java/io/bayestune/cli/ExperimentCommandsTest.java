package io.bayestune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayestune.optimizer.experiment.Experiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandsTest {
  private static final String SPEC = "{\"name\":\"concrete\",\"type\":\"random\",\"parameters\":["
      + "{\"name\":\"water\",\"type\":\"double\",\"bounds\":{\"min\":120,\"max\":250}},"
      + "{\"name\":\"age\",\"type\":\"int\",\"bounds\":{\"min\":1,\"max\":365}}],"
      + "\"metrics\":[{\"name\":\"strength\",\"objective\":\"maximize\"}]}";

  @TempDir
  Path dir;

  private static CliResult cli(String... args) {
    return CliResult.run(args);
  }

  @Test
  void theThreeCallsRoundTripThroughADirectory() throws Exception {
    Path spec = Files.writeString(dir.resolve("spec.json"), SPEC);
    String at = dir.resolve("exp").toString();
    CliResult created = cli("create", spec.toString(), "--at", at, "--seed", "5");
    assertEquals(0, created.status(), created.err());
    assertEquals("experiment", created.json().get("object").asText());
    JsonNode s = cli("suggest", "--at", at).json();
    assertEquals("suggestion", s.get("object").asText());
    assertEquals("1", s.get("id").asText());
    JsonNode page = cli("suggest", "--at", at, "--count", "2").json();
    assertEquals(2, page.get("data").size());
    JsonNode observed = cli("observe", "--at", at, "--suggestion", "1", "--value", "41.5", "--stddev", "0.7").json();
    assertEquals(41.5, observed.get("values").get(0).get("value").asDouble(), 0);
    assertEquals(0, cli("observe", "--at", at, "--suggestion", "2", "--failed").status());
    JsonNode best = cli("best", "--at", at).json();
    assertEquals(1, best.get("count").asInt());
    assertEquals(s.get("assignments"), best.get("data").get(0).get("assignments"));
    CliResult again = cli("observe", "--at", at, "--suggestion", "1", "--value", "50");
    assertEquals(1, again.status());
    assertTrue(again.err().contains("suggestion 1 was already observed (value 41.5)"), again.err());
  }

  @Test
  void benchWithoutTheBenchmarksModuleSaysWhereToFindIt() {
    // jobs' test classpath is the cluster jar's: the bayestune-benchmarks module is not on it.
    CliResult bench = cli("bench", "optimizer", "--seeds", "1");
    assertEquals(1, bench.status(), bench.err());
    assertTrue(bench.err().contains("the benchmarks are not in this jar"), bench.err());
    assertTrue(bench.err().contains("bench/run.sh"), bench.err());
  }

  @Test
  void pastTrialsComeInByAssignmentsOrInBulkFromACsv() throws Exception {
    Path spec = Files.writeString(dir.resolve("spec.json"), SPEC);
    String at = dir.resolve("exp").toString();
    assertEquals(0, cli("create", spec.toString(), "--at", at, "--seed", "5").status());
    JsonNode one = cli("observe", "--at", at, "--assignments", "{\"water\": 180.5, \"age\": 28}", "--value", "41.5",
        "--stddev", "0.5").json();
    assertTrue(one.get("suggestion") == null, one.toString());
    assertEquals(28, one.get("assignments").get("age").asInt());
    assertEquals(0, cli("observe", "--at", at, "--assignments", "{\"water\": 200, \"age\": 3}", "--failed",
        "--reason", "cracked").status());
    StringBuilder csv = new StringBuilder("water,age,strength\n");
    for (int i = 0; i < 2000; i++) {
      csv.append(120 + i * 0.065).append(',').append(1 + i % 365).append(',').append(i % 50).append('\n');
    }
    Path file = Files.writeString(dir.resolve("history.csv"), csv.append("130,7,\n"));
    JsonNode imported = cli("observe", "--at", at, "--csv", file.toString()).json();
    assertEquals(2000, imported.get("imported").asInt());
    assertEquals(1, imported.get("skipped").asInt());
    assertEquals(2002, imported.get("observation_count").asInt());
    assertEquals(2002, Experiment.fromJson(Files.readString(dir.resolve("exp/experiment.json"))).observations().size());

    CliResult outside = cli("observe", "--at", at, "--assignments", "{\"water\": 999, \"age\": 28}", "--value", "1");
    assertEquals(1, outside.status());
    assertTrue(outside.err().contains("assignments.water: value must lie in [120.0, 250.0], but got 999.0; correct the"
        + " value"), outside.err());
    CliResult both = cli("observe", "--at", at, "--suggestion", "1", "--assignments", "{}", "--value", "1");
    assertEquals(2, both.status());
    assertTrue(both.err().contains("give one of --suggestion ID, --assignments JSON"), both.err());
    CliResult badJson = cli("observe", "--at", at, "--assignments", "water=3", "--value", "1");
    assertTrue(badJson.err().contains("--assignments must be a JSON object"), badJson.err());
  }

  /**
   * Several metrics typed by name ({@code --value auc=0.83 --value recall=0.71}) observe as {@code --values} does;
   * each mistake names the option as typed and the fix, and leaves the state as it was.
   */
  @Test
  void namedValuesObserveEveryMetricAndRefuseMistakes() throws Exception {
    Path spec = Files.writeString(dir.resolve("multi.json"), SPEC.replace("[{\"name\":\"strength\",\"objective\":"
        + "\"maximize\"}]", "[{\"name\":\"strength\"},{\"name\":\"cost\",\"objective\":\"minimize\"},"
        + "{\"name\":\"slump\",\"strategy\":\"constraint\",\"threshold\":10}]"));
    String at = dir.resolve("exp").toString();
    assertEquals(0, cli("create", spec.toString(), "--at", at, "--seed", "5").status());
    assertEquals(0, cli("suggest", "--at", at, "--count", "2").status());
    Path state = dir.resolve("exp/experiment.json");
    String before = Files.readString(state);
    String[][] mistakes = {
        {"--value", "strength=41.5", "--value", "cost=88", "--value", "slum=12"},
        {"--value", "strength=41.5", "--value", "cost=88"},
        {"--value", "strength=41.5", "--value", "cost=", "--value", "slump=12"},
        {"--value", "strength=41.5", "--value", "cost=high", "--value", "slump=12"},
        {"--value", "strength=41.5", "--value", "strength=40", "--value", "cost=88", "--value", "slump=12"},
        {"--value", "strength=41.5", "--value", "cost=88", "--value", "slump=12", "--stddev", "age=1"},
        {"--values", "[{\"name\":\"strength\",\"value\":41.5}]", "--value", "cost=88"},
        {"--value", "strength=41.5", "--value", "88"},
        {"--value", "41.5", "--value", "42"}};
    String[] said = {
        "--value slum=12: 'slum' is not a metric of this experiment; its metrics are [strength, cost, slump]",
        "metric 'slump' (constraint) has no value; add --value slump=V",
        "--value cost=: no number after '='; give one, e.g. --value cost=0.83",
        "--value cost=high: 'high' is not a number; give one, e.g. --value cost=0.83",
        "--value strength=40: metric 'strength' is given twice; give each metric once",
        "--stddev age=1: 'age' is not a metric of this experiment",
        "give --values JSON or --value NAME=V per metric, not both",
        "--value 88 has no metric name, but other values are named; give every one as --value NAME=V",
        "--value is given 2 times [41.5, 42]"};
    for (int i = 0; i < mistakes.length; i++) {
      CliResult r = cli(java.util.stream.Stream.concat(java.util.stream.Stream.of("observe", "--at", at,
          "--suggestion", "1"), java.util.Arrays.stream(mistakes[i])).toArray(String[]::new));
      assertTrue(r.status() != 0 && r.err().contains(said[i]), "mistake " + i + ": " + r.err());
      assertEquals(before, Files.readString(state), "mistake " + i + " changed the state");
    }

    JsonNode observed = cli("observe", "--at", at, "--suggestion", "1", "--value", "strength=41.5",
        "--value=cost=88", "--value", "slump=12.5", "--stddev", "slump=0.4").json();
    JsonNode values = observed.get("values");
    assertEquals(3, values.size(), observed.toString());
    assertEquals("strength", values.get(0).get("name").asText());
    assertEquals(88, values.get(1).get("value").asDouble(), 0);
    assertEquals(12.5, values.get(2).get("value").asDouble(), 0);
    assertEquals(0.4, values.get(2).get("value_stddev").asDouble(), 0);
    assertTrue(values.get(0).get("value_stddev") == null, observed.toString());
    // The same observation through --values gives the same record.
    JsonNode viaJson = cli("observe", "--at", at, "--suggestion", "2", "--values", "[{\"name\":\"slump\",\"value\""
        + ":12.5,\"value_stddev\":0.4},{\"name\":\"cost\",\"value\":88},{\"name\":\"strength\",\"value\""
        + ":41.5}]").json();
    assertEquals(values, viaJson.get("values"));
    assertEquals(2, Experiment.fromJson(Files.readString(state)).observations().size());
  }

  @Test
  void aSingleMetricMayBeNamedToo() throws Exception {
    Path spec = Files.writeString(dir.resolve("spec.json"), SPEC);
    String at = dir.resolve("exp").toString();
    assertEquals(0, cli("create", spec.toString(), "--at", at, "--seed", "5").status());
    assertEquals(0, cli("suggest", "--at", at, "--count", "2").status());
    JsonNode named = cli("observe", "--at", at, "--suggestion", "1", "--value", "strength=41.5", "--stddev",
        "strength=0.7").json();
    JsonNode plain = cli("observe", "--at", at, "--suggestion", "2", "--value", "41.5", "--stddev", "0.7").json();
    assertEquals(plain.get("values"), named.get("values"));
    CliResult mixed = cli("observe", "--at", at, "--suggestion", "3", "--value", "41.5", "--stddev", "strength=0.7");
    assertEquals(2, mixed.status());
    assertTrue(mixed.err().contains("--value 41.5 has no metric name"), mixed.err());
  }

  @Test
  void mistakesExplainThemselves() throws Exception {
    String at = dir.resolve("none").toString();
    CliResult missing = cli("suggest", "--at", at);
    assertEquals(1, missing.status());
    assertTrue(missing.err().contains("no experiment here; create one first"), missing.err());
    CliResult usage = cli("observe", "--at", at, "--suggestion", "1");
    assertEquals(1, usage.status(), usage.err());
    CliResult unknown = cli("suggest", "--at", at, "--cout", "2");
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("unknown option --cout"), unknown.err());
    Path bad = Files.writeString(dir.resolve("bad.json"), SPEC.replace("\"min\":120", "\"min\":300"));
    CliResult badSpec = cli("create", bad.toString(), "--at", at);
    assertEquals(1, badSpec.status());
    assertTrue(badSpec.err().contains("parameters[0] 'water'"), badSpec.err());
  }

  /**
   * kill -9 at arbitrary moments of suggest/observe calls: the state always loads, and every call
   * that returned is in it.
   */
  @Test
  void stateSurvivesKillNineBetweenAndDuringCalls() throws Exception {
    Path spec = Files.writeString(dir.resolve("spec.json"), SPEC);
    String at = dir.resolve("exp").toString();
    assertEquals(0, cli("create", spec.toString(), "--at", at, "--seed", "1").status());
    Set<String> observed = new HashSet<>();
    java.util.Random timing = new java.util.Random(42);
    int next = 1;
    for (int round = 0; round < 6; round++) {
      // A suggest + observe that complete.
      assertEquals(0, cli("suggest", "--at", at).status());
      assertEquals(0, cli("observe", "--at", at, "--suggestion", Integer.toString(next), "--value",
          Integer.toString(round)).status());
      observed.add(Integer.toString(next));
      next++;
      // A child process killed at a random moment of its suggest call.
      Process child = ChildJvm.cli("suggest", "--at", at).redirectErrorStream(true).start();
      Thread.sleep(200 + timing.nextInt(900));
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
      Experiment state = Experiment.fromJson(Files.readString(Path.of(at, "experiment.json")));
      for (String id : observed) {
        assertTrue(state.observationOf(id).isPresent(), "observation of suggestion " + id + " lost");
      }
      next = state.suggestions().size() + 1;
      for (var open : state.openSuggestions()) {
        assertEquals(0, cli("observe", "--at", at, "--suggestion", open.id(), "--failed").status());
        observed.add(open.id());
      }
    }
    assertEquals(observed.size(), Experiment.fromJson(Files.readString(Path.of(at, "experiment.json")))
        .observations().size());
  }
}
