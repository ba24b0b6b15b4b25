package io.bayestune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayestune.optimizer.experiment.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line the nightly Airflow DAG runs ({@code airflow/bayestune_commands.py}, printed by
 * {@code airflow/print_command.py}), run with SparkSubmit on local Spark: the first run of a night tunes (and
 * warm-starts from a previous night that does not exist yet), the same task run again resumes its night.
 */
class AirflowNightlyIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void reRunningANightResumesItsExperiment() throws Exception {
    assumeTrue(TuningOutputs.runCommandAvailable(), "waits for `bayestune run` (branch job-driver)");
    Path base = dir.resolve("tuning");
    List<String> argv = dagArgv(base, "2026-12-01", 3);
    Path output = base.resolve("2026-12-01");
    assertEquals(List.of("--output", output.toString()), argv.subList(argv.indexOf("--output"),
        argv.indexOf("--output") + 2), "the DAG's output should be <base>/<ds>: " + argv);

    JavaProcess.Finished first = submit(argv, "night-1.log");
    assertEquals(0, first.exitCode(), first.tail());
    List<Observation> afterFirst = TuningOutputs.observations(output);
    assertEquals(3, TuningOutputs.distinctIds(afterFirst).size(), first.tail());

    JavaProcess.Finished again = submit(argv, "night-1-again.log");
    assertEquals(0, again.exitCode(), again.tail());
    List<Observation> afterAgain = TuningOutputs.observations(output);
    assertEquals(afterFirst, afterAgain, "the re-run should keep every observation and add none beyond the budget");
    assertTrue(again.output().contains("resum"), "the re-run should say it resumes:\n" + again.tail());
    System.out.printf("nightly argv: first run %.1f s, re-run (resume) %.1f s%n", first.seconds(), again.seconds());
  }

  @Test
  void printCommandPrintsTheDagsSparkSubmitLine() throws Exception {
    List<String> argv = dagArgv(dir.resolve("tuning"), "2026-12-01", 3);
    Path base = dir.resolve("tuning");
    assertEquals(List.of("spark-submit", "--master", "local[2]", "--name", "bayestune", "--class",
        "io.bayestune.cli.Main", SparkDistribution.clusterJar().toString(), "run",
        SparkDistribution.repoRoot().resolve("examples/credit-gbt.yaml").toString(),
        "--output", base.resolve("2026-12-01").toString(),
        "--warm-start-from", base.resolve("2026-11-30").resolve("experiment").toString(),
        "--budget", "3"), argv);
  }

  private List<String> dagArgv(Path base, String ds, int budget) throws Exception {
    Path repo = SparkDistribution.repoRoot();
    JavaProcess.Finished printed = PythonScript.run(repo.resolve("airflow/print_command.py"), dir.resolve("print.log"),
        "--master", "local[2]", "--jar", SparkDistribution.clusterJar().toString(),
        "--job", repo.resolve("examples/credit-gbt.yaml").toString(), "--output-base", base.toString(),
        "--ds", ds, "--budget", Integer.toString(budget));
    assertEquals(0, printed.exitCode(), printed.output());
    return List.of(JSON.readValue(printed.output().strip(), String[].class));
  }

  private JavaProcess.Finished submit(List<String> argv, String log) throws Exception {
    Files.createDirectories(dir);
    return SparkSubmitCommand.fromArgv(argv, dir.resolve(log)).directory(SparkDistribution.repoRoot()).run(300);
  }
}
