package io.bayestune.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.space.Assignments;
import io.bayestune.optimizer.store.LocalDirectoryStore;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the SparkContext stops under a job (a cluster shutting down), the loop's clean-up must not hide the error
 * that stopped it: cancelling a trial on a stopped context throws in Spark, and that used to escape the loop's
 * {@code finally}, replacing the original error and skipping the thread-pool and optimizer shutdowns.
 */
class StoppedSparkContextTest {
  private static final String SPEC = "{\"name\":\"stop\",\"type\":\"random\",\"parameters\":["
      + "{\"name\":\"x\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1}},"
      + "{\"name\":\"y\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1}}],"
      + "\"metrics\":[{\"name\":\"f\",\"objective\":\"maximize\"}],\"observation_budget\":5}";

  @TempDir
  Path dir;

  @Test
  void aCancelThatThrowsDoesNotHideTheErrorThatStoppedTheLoopNorSkipTheShutdowns() throws Exception {
    StoredExperiment mine = StoredExperiment.openOrCreate(new LocalDirectoryStore(dir), SpecJson.parse(SPEC), 7);
    StoredExperiment theirs = StoredExperiment.openOrCreate(new LocalDirectoryStore(dir), SpecJson.parse(SPEC), 7);
    theirs.experiment().suggest();
    theirs.save(); // so that this loop's first save fails: another driver took over
    ScriptedRunner scripted = new ScriptedRunner((ctx, a) -> {
      if (!ctx.suggestionId().equals("1")) {
        Thread.sleep(120_000); // in flight when the loop stops; must be interrupted by the pool's shutdown
      }
      return TrialResult.of(1);
    });
    TrialRunner stoppedContext = new TrialRunner() {
      @Override
      public TrialResult run(TrialContext trial, Assignments assignments) throws Exception {
        return scripted.run(trial, assignments);
      }

      @Override
      public void cancel(TrialContext trial) {
        throw new IllegalStateException("Cannot call methods on a stopped SparkContext.");
      }
    };
    TuningStoppedException stop = assertThrows(TuningStoppedException.class,
        () -> new TuningLoop(mine, stoppedContext, LoopOptions.of("t", 1, null, 5), t -> { }).run(),
        "the error that stopped the loop, not the clean-up's");
    assertTrue(stop.getMessage().contains("another driver saved this experiment"), stop.getMessage());
    if (scripted.started.contains("2")) {
      // The shutdowns ran: the pool's shutdownNow interrupts the hanging trial (a race whether 2 reached the
      // runner before the stop, so only when it did).
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!scripted.interrupted.contains("2") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(scripted.interrupted.contains("2"), "the in-flight trial 2 must be interrupted");
    }
  }

  @Test
  void cancellingATrialOnAStoppedSparkContextIsANoOp() {
    JavaSparkContext jsc = new JavaSparkContext(new SparkConf().setMaster("local[1]").setAppName("stopped")
        .set("spark.ui.enabled", "false"));
    TaskTrialRunner runner = TaskTrialRunner.create(jsc, "io.bayestune.cluster.job.SleepingTrial");
    jsc.stop();
    TrialContext trial = new TrialContext("1", "bayestune-stopped-trial-1", "trial 1");
    runner.cancel(trial); // Spark itself throws "Cannot call methods on a stopped SparkContext"
    assertEquals(true, jsc.sc().isStopped());
  }
}
