package io.bayestune.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.driver.TrialContext;
import io.bayestune.driver.TrialFailedException;
import io.bayestune.driver.TrialResult;
import io.bayestune.optimizer.space.Assignments;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hand-off between the loop's trial threads and the Python threads, without Spark (no trial is cancelled here). */
class TuneTrialRunnerTest {
  private final TuneTrialRunner runner = new TuneTrialRunner(null);

  private CompletableFuture<TrialResult> dispatch(String id) {
    TrialContext trial = new TrialContext(id, "bayestune-t-trial-" + id, "trial " + id);
    return CompletableFuture.supplyAsync(() -> {
      try {
        return runner.run(trial, new Assignments(Map.of("x", 0.5)));
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
  }

  @Test
  void aTrialTakenByPythonReturnsWhatPythonReports() throws Exception {
    CompletableFuture<TrialResult> run = dispatch("1");
    TuneTrialRunner.Handoff h = runner.take(10_000);
    assertEquals("1", h.trial().suggestionId());
    assertEquals(0.5, h.assignments().asMap().get("x"));
    assertTrue(runner.isOpen("1"));
    runner.complete("1", 0.87, 0.01);
    assertEquals(new TrialResult(0.87, 0.01), run.get(10, TimeUnit.SECONDS));
    assertFalse(runner.isOpen("1"));
    runner.complete("1", 0.5, null); // a second report of the same trial changes nothing
  }

  @Test
  void aFailureKeepsPythonsMessageForTheLoop() throws Exception {
    CompletableFuture<TrialResult> run = dispatch("2");
    runner.take(10_000);
    runner.fail("2", "ValueError: alpha must be positive");
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> run.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof TrialFailedException, e.toString());
    assertEquals("ValueError: alpha must be positive", e.getCause().getMessage());
  }

  @Test
  void aTrialGivenUpBeforePythonTookItIsSkipped() throws Exception {
    Thread loopThread = new Thread(() -> {
      try {
        runner.run(new TrialContext("3", "g", "d"), new Assignments(Map.of("x", 0.1)));
      } catch (Exception expected) {
        // interrupted: the loop gave the trial up (its timeout)
      }
    });
    loopThread.start();
    while (!runner.isOpen("3")) {
      Thread.sleep(5);
    }
    loopThread.interrupt();
    loopThread.join(10_000);
    assertFalse(runner.isOpen("3"));
    assertNull(runner.take(50)); // nothing left for Python to run
    runner.complete("3", 1.0, null); // a late report finds nothing and is ignored
  }
}
