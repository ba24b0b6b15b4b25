package io.bayestune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayestune.optimizer.experiment.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line the nightly Airflow DAG runs ({@code airflow/bayestune_commands.py}, printed by
 * {@code airflow/print_command.py}), run with SparkSubmit on local Spark: a night tunes (warm-starting from a
 * previous night that does not exist yet), and the same task run again resumes its night instead of starting over.
 * The job is a per-task one (SleepingTrial from the test-jobs jar, passed the way the DAG passes extra jars), so
 * that the test checks the DAG's plumbing in seconds rather than the model training.
 */
class AirflowNightlyIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void reRunningANightResumesItsExperiment() throws Exception {
    Path base = dir.resolve("tuning");
    List<String> argv = dagArgv(base, "2026-12-01", 3, sleepingJob(), "--jars",
        SparkDistribution.testJobsJar().toString());
    Path output = base.resolve("2026-12-01");

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
    Path base = dir.resolve("tuning");
    Path job = SparkDistribution.repoRoot().resolve("examples/credit-gbt.yaml");
    List<String> argv = dagArgv(base, "2026-12-01", 3, job);
    assertEquals(List.of("spark-submit", "--master", "local[2]", "--name", "bayestune", "--class",
        "io.bayestune.cli.Main", SparkDistribution.clusterJar().toString(), "run", job.toString(),
        "--output", base.resolve("2026-12-01").toString(),
        "--warm-start-from", base.resolve("2026-11-30").resolve("experiment").toString(),
        "--budget", "3"), argv);
  }

  private Path sleepingJob() throws Exception {
    return Files.writeString(dir.resolve("sleeping.yaml"), String.join("\n",
        "name: nightly-sleeping",
        "model: {objective: io.bayestune.cluster.job.SleepingTrial}",
        "parameters:",
        "  - {name: x, type: double, bounds: {min: 0, max: 1}}",
        "  - {name: y, type: double, bounds: {min: 0, max: 1}}",
        "metric: {name: f, objective: maximize}",
        "observation_budget: 30",
        "parallelism: 2",
        "seed: 9",
        "output: " + dir.resolve("overridden-by-the-dag"), ""));
  }

  private List<String> dagArgv(Path base, String ds, int budget, Path job, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--master", "local[2]", "--jar",
        SparkDistribution.clusterJar().toString(), "--job", job.toString(), "--output-base", base.toString(),
        "--ds", ds, "--budget", Integer.toString(budget)));
    args.addAll(List.of(extra));
    JavaProcess.Finished printed = PythonScript.run(SparkDistribution.repoRoot().resolve("airflow/print_command.py"),
        dir.resolve("print.log"), args.toArray(String[]::new));
    assertEquals(0, printed.exitCode(), printed.output());
    return List.of(JSON.readValue(printed.output().strip(), String[].class));
  }

  private JavaProcess.Finished submit(List<String> argv, String log) throws Exception {
    return SparkSubmitCommand.fromArgv(argv, dir.resolve(log)).directory(SparkDistribution.repoRoot()).run(300);
  }
}
