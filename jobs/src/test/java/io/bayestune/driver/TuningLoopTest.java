package io.bayestune.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.store.LocalDirectoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuningLoopTest {
  private static final String SPEC = "{\"name\":\"loop test\",\"type\":\"random\",\"parameters\":["
      + "{\"name\":\"x\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1}},"
      + "{\"name\":\"y\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1}}],"
      + "\"metrics\":[{\"name\":\"f\",\"objective\":\"maximize\"}],\"observation_budget\":%d}";

  @TempDir
  Path dir;

  private static ExperimentSpec spec(int budget) {
    return SpecJson.parse(String.format(SPEC, budget));
  }

  private StoredExperiment create(int budget) throws Exception {
    return StoredExperiment.openOrCreate(new LocalDirectoryStore(dir), spec(budget), 7);
  }

  private static void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  @Test
  void keepsParallelismTrialsInFlightAndObservesEachAsItEnds() throws Exception {
    StoredExperiment stored = create(14);
    // Latches instead of sleeps of chosen lengths, so that no assertion hangs on how fast a busy machine
    // schedules threads: the first three trials wait until all three run (the loop dispatches
    // parallelism trials at once), and trial 1 stays in flight until the 13 others are observed (the
    // others must flow through the two other slots meanwhile; a loop in rounds would never get there).
    CountDownLatch firstThreeRunning = new CountDownLatch(3);
    CountDownLatch othersObserved = new CountDownLatch(13);
    AtomicBoolean slowTrialReleased = new AtomicBoolean();
    ScriptedRunner runner = new ScriptedRunner((ctx, a) -> {
      firstThreeRunning.countDown();
      firstThreeRunning.await(30, TimeUnit.SECONDS);
      if (ctx.suggestionId().equals("1")) {
        slowTrialReleased.set(othersObserved.await(60, TimeUnit.SECONDS));
      } else {
        sleep(40 + Long.parseLong(ctx.suggestionId()) % 3 * 20);
      }
      return TrialResult.of(ScriptedRunner.value(a));
    });
    List<String> observedOrder = new CopyOnWriteArrayList<>();
    AtomicBoolean startedWhileOptimizerBusy = new AtomicBoolean();
    new TuningLoop(stored, runner, LoopOptions.of("loop test", 3, null, 14), t -> {
      String id = t.observation().suggestionId();
      observedOrder.add(id);
      if (observedOrder.size() == 1) {
        // The listener runs on the optimizer thread: while it is held here, trials 4 and 5 (made ahead
        // before this call) must still start as slots free up. A loop that waited for the optimizer to
        // finish recording an ended trial before refilling its slot would not start 5 until this returns.
        try {
          startedWhileOptimizerBusy.set(waitUntil(() -> runner.started.size() >= 5));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (!id.equals("1")) {
        othersObserved.countDown();
      }
    }).run();

    assertEquals(3, runner.maxRunning.get(), "max concurrent trials must equal parallelism");
    assertEquals(14, stored.experiment().observations().size());
    assertEquals(14, new HashSet<>(observedOrder).size(), "no trial observed twice: " + observedOrder);
    assertTrue(slowTrialReleased.get(), "the slow trial 1 must not hold the others back: " + observedOrder);
    assertEquals(13, observedOrder.indexOf("1"), "trial 1 ended last: " + observedOrder);
    assertTrue(startedWhileOptimizerBusy.get(), "a freed slot took a made-ahead suggestion while the optimizer"
        + " was busy: started " + runner.started);
    // Never more than parallelism at once: the (i+3)-th trial to start waits for the i-th to end.
    List<Long> starts = runner.startNanos.stream().sorted().toList();
    List<Long> ends = runner.endNanos.stream().sorted().toList();
    for (int i = 0; i + 3 < 14; i++) {
      assertTrue(starts.get(i + 3) >= ends.get(i), "trial start " + (i + 3) + " before trial end " + i);
    }
    assertTrue(runner.jobGroups.contains("bayestune-loop-test-trial-1"), runner.jobGroups.toString());
    Experiment reloaded = Experiment.fromJson(new LocalDirectoryStore(dir).load().orElseThrow().json());
    assertEquals(14, reloaded.observations().size(), "every observation is saved");
  }

  @Test
  void aSpaceSmallerThanTheFreeSlotsRunsEveryConfigurationAndEnds() throws Exception {
    // 3 configurations, 4 slots plus lookahead: the first batch asks for more than exist.
    ExperimentSpec three = SpecJson.parse("{\"name\":\"tiny\",\"type\":\"random\",\"parameters\":["
        + "{\"name\":\"k\",\"type\":\"int\",\"bounds\":{\"min\":1,\"max\":3}}],"
        + "\"metrics\":[{\"name\":\"f\",\"objective\":\"maximize\"}],\"observation_budget\":10}");
    StoredExperiment stored = StoredExperiment.openOrCreate(new LocalDirectoryStore(dir), three, 7);
    ScriptedRunner runner = new ScriptedRunner((ctx, a) -> TrialResult.of(a.getLong("k")));
    new TuningLoop(stored, runner, LoopOptions.of("tiny", 4, null, 10), t -> { }).run();
    List<Long> ks = stored.experiment().observations().stream().map(o -> o.assignments().getLong("k")).sorted().toList();
    assertEquals(List.of(1L, 2L, 3L), ks, "every configuration once, then the loop ends");
  }

  @Test
  void throwingTimedOutAndNonFiniteTrialsAreObservedAsFailedAndTheJobGoesOn() throws Exception {
    StoredExperiment stored = create(8);
    ScriptedRunner runner = new ScriptedRunner((ctx, a) -> {
      switch (ctx.suggestionId()) {
        case "2":
          throw new IllegalArgumentException("boom in trial 2", new RuntimeException("root: bad maxBins"));
        case "3":
          return TrialResult.of(Double.NaN);
        case "4":
          sleep(120_000);
          return TrialResult.of(0);
        case "5":
          return TrialResult.of(ScriptedRunner.value(a), Double.POSITIVE_INFINITY);
        case "1":
          sleep(20); // one metric's folds as FoldStatistics keeps them, and a "seconds" the loop's own must win over
          return new TrialResult(ScriptedRunner.value(a), 0.01, List.of(),
              Map.of("folds.f", "0.25,0.75", "seconds", "-1"));
        default:
          sleep(20);
          return TrialResult.of(ScriptedRunner.value(a), 0.01);
      }
    });
    // The timeout is far above what the other trials take (20 ms), so that none of them outlives it on
    // a busy machine; the hanging trial is far above the bound on the loop's time, so that waiting for
    // it shows however slow the machine is.
    long start = System.nanoTime();
    new TuningLoop(stored, runner, LoopOptions.of("t", 2, Duration.ofSeconds(2), 8), t -> { }).run();
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60), "the 120 s trial must not be waited for");

    Experiment e = stored.experiment();
    assertEquals(8, e.observations().size());
    Observation threw = e.observationOf("2").orElseThrow();
    assertTrue(threw.failed());
    assertEquals("RuntimeException: root: bad maxBins", threw.failureReason());
    assertEquals(threw.failureReason(), threw.metadata().get("error"));
    Observation nan = e.observationOf("3").orElseThrow();
    assertTrue(nan.failed());
    assertEquals("f is NaN, not a finite number", nan.failureReason());
    Observation timedOut = e.observationOf("4").orElseThrow();
    assertTrue(timedOut.failed());
    assertEquals("timed out after 2s", timedOut.failureReason());
    assertEquals(2.0, Double.parseDouble(timedOut.metadata().get("seconds")), 1e-9);
    assertTrue(runner.cancelled.contains("4"), "the runner is asked to cancel the timed-out trial");
    waitFor(() -> runner.interrupted.contains("4"), "the timed-out trial's thread is interrupted");
    Observation badStddev = e.observationOf("5").orElseThrow();
    assertFalse(badStddev.failed(), "a finite value with an unusable stddev is kept");
    assertEquals(null, badStddev.valueStddev());
    Observation ok = e.observationOf("1").orElseThrow();
    assertFalse(ok.failed());
    assertEquals(0.01, ok.valueStddev());
    assertTrue(Double.parseDouble(ok.metadata().get("seconds")) >= 0.02, ok.metadata().toString());
    assertEquals("0.25,0.75", ok.metadata().get("folds.f"), "a single metric's folds are kept (MLflow logs them)");
    assertEquals(List.of(), runner.cancelled.stream().filter(id -> !id.equals("4")).toList(),
        "only the timed-out trial is cancelled");
  }

  @Test
  void stopsWhenTheFirstTrialsAllFailShowingTheFirstCause() throws Exception {
    StoredExperiment stored = create(20);
    ScriptedRunner runner = new ScriptedRunner((ctx, a) -> {
      throw new IllegalStateException("objective class not found (trial " + ctx.suggestionId() + ")");
    });
    TuningStoppedException stop = assertThrows(TuningStoppedException.class,
        () -> new TuningLoop(stored, runner, LoopOptions.of("t", 1, null, 20), t -> { }).run());
    assertTrue(stop.getMessage().contains("first 5 trial(s) of this run all failed"), stop.getMessage());
    assertTrue(stop.getMessage().endsWith("trial 1: IllegalStateException: objective class not found (trial 1)"),
        stop.getMessage());
    assertEquals("objective class not found (trial 1)", stop.getCause().getMessage());
    assertEquals(5, runner.started.size());
    Experiment saved = Experiment.fromJson(new LocalDirectoryStore(dir).load().orElseThrow().json());
    assertEquals(5, saved.observations().size(), "the failures are saved before stopping");
  }

  @Test
  void oneSuccessAmongTheFirstTrialsLetsTheJobRunToItsBudget() throws Exception {
    StoredExperiment stored = create(10);
    ScriptedRunner runner = new ScriptedRunner((ctx, a) -> {
      if (!ctx.suggestionId().equals("3")) {
        throw new IllegalStateException("flaky");
      }
      return TrialResult.of(1.0);
    });
    new TuningLoop(stored, runner, LoopOptions.of("t", 1, null, 10), t -> { }).run();
    assertEquals(10, stored.experiment().observations().size());
    assertEquals(1.0, stored.experiment().best().orElseThrow().value());
  }

  @Test
  void resumesAfterTheDriverStopsReRunningOpenTrialsFirstAndNothingTwice() throws Exception {
    StoredExperiment first = create(10);
    // Trials 1-4 finish; the rest hang, as if the driver died with them in flight.
    ScriptedRunner hanging = new ScriptedRunner((ctx, a) -> {
      if (Long.parseLong(ctx.suggestionId()) > 4) {
        sleep(600_000);
      }
      sleep(10 * Long.parseLong(ctx.suggestionId()));
      return TrialResult.of(ScriptedRunner.value(a));
    });
    CountDownLatch fourObserved = new CountDownLatch(4);
    Thread driver = new Thread(() -> {
      try {
        new TuningLoop(first, hanging, LoopOptions.of("t", 3, null, 10), t -> fourObserved.countDown()).run();
      } catch (InterruptedException expected) {
        // the driver "dies"
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    driver.start();
    assertTrue(fourObserved.await(30, TimeUnit.SECONDS));
    driver.interrupt();
    driver.join(10_000);

    Experiment saved = Experiment.fromJson(new LocalDirectoryStore(dir).load().orElseThrow().json());
    assertEquals(4, saved.observations().size());
    List<String> open = saved.openSuggestions().stream().map(s -> s.id()).toList();
    // In flight when the driver stopped: 5, 6 and 7 (each started as one of 2-4 ended); 8 may have been made
    // ahead and saved too, depending on how the ends interleaved: never more than parallelism + lookahead.
    assertEquals(List.of("5", "6", "7"), open.subList(0, 3), "the trials in flight are open: " + open);
    assertTrue(open.size() <= 4, open.toString());
    Map<String, Double> before = new java.util.HashMap<>();
    saved.observations().forEach(o -> before.put(o.suggestionId(), o.value()));

    StoredExperiment second = StoredExperiment.openOrCreate(new LocalDirectoryStore(dir), spec(10), 7);
    assertTrue(second.resumed());
    // The first three wait until all three have reached the runner, so none ends before the others
    // start (a sleep of chosen length does not promise that on a busy machine); the later ones do not wait.
    CountDownLatch firstThreeStarted = new CountDownLatch(3);
    ScriptedRunner finishing = new ScriptedRunner((ctx, a) -> {
      firstThreeStarted.countDown();
      firstThreeStarted.await(30, TimeUnit.SECONDS);
      return TrialResult.of(ScriptedRunner.value(a));
    });
    new TuningLoop(second, finishing, LoopOptions.of("t", 3, null, 10), t -> { }).run();

    assertEquals(new HashSet<>(open.subList(0, 3)), new HashSet<>(finishing.started.subList(0, 3)),
        "open trials run again first, under their ids");
    assertEquals("8", finishing.started.get(3), "then 8: made ahead and saved, or made now under the next id");
    assertFalse(finishing.started.stream().anyMatch(before::containsKey), "observed trials never run again: "
        + finishing.started);
    List<Observation> all = second.experiment().observations();
    assertEquals(10, all.size());
    List<String> ids = new ArrayList<>();
    all.forEach(o -> ids.add(o.suggestionId()));
    assertEquals(10, new HashSet<>(ids).size(), "no id twice: " + ids);
    before.forEach((id, v) -> assertEquals(v, second.experiment().observationOf(id).orElseThrow().value()));
  }

  @Test
  void aJobWithAnIntParameterResumes() throws Exception {
    // Its bounds are longs in the job's spec and ints when read back from the stored file: still the same spec.
    ExperimentSpec withInt = SpecJson.parse(String.format(SPEC, 4)
        .replace("{\"name\":\"y\",\"type\":\"double\"", "{\"name\":\"y\",\"type\":\"int\""));
    StoredExperiment.openOrCreate(new LocalDirectoryStore(dir), withInt, 7);
    StoredExperiment again = StoredExperiment.openOrCreate(new LocalDirectoryStore(dir), withInt, 7);
    assertTrue(again.resumed());
  }

  @Test
  void aResumedJobWithADifferentSpecIsRefusedNamingTheField() throws Exception {
    create(5);
    String other = String.format(SPEC, 5).replace("\"max\":1}},{\"name\":\"y\"", "\"max\":2}},{\"name\":\"y\"");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StoredExperiment.openOrCreate(new LocalDirectoryStore(dir), SpecJson.parse(other), 7));
    assertTrue(e.getMessage().contains("whose parameters differs"), e.getMessage());
    assertTrue(e.getMessage().contains("Use a new output location"), e.getMessage());
    // A larger budget is a longer run of the same experiment, not a different one.
    StoredExperiment longer = StoredExperiment.openOrCreate(new LocalDirectoryStore(dir), spec(9), 7);
    assertEquals(9, longer.experiment().spec().observationBudget());
  }

  @Test
  void anotherDriverSavingTheSameExperimentStopsThisOne() throws Exception {
    StoredExperiment mine = create(5);
    StoredExperiment theirs = StoredExperiment.openOrCreate(new LocalDirectoryStore(dir), spec(5), 7);
    theirs.experiment().suggest();
    theirs.save();
    // Trial 1 ends; the others run until cancelled, so the made-ahead trial 2 is surely still in flight
    // when the failed save stops the loop (with a fixed sleep, a slow save let it end first on a busy machine).
    ScriptedRunner runner = new ScriptedRunner((ctx, a) -> {
      if (!ctx.suggestionId().equals("1")) {
        sleep(120_000);
      }
      return TrialResult.of(1);
    });
    long start = System.nanoTime();
    TuningStoppedException stop = assertThrows(TuningStoppedException.class,
        () -> new TuningLoop(mine, runner, LoopOptions.of("t", 1, null, 5), t -> { }).run());
    assertTrue(stop.getMessage().contains("another driver saved this experiment"), stop.getMessage());
    // The freed slot took the made-ahead trial 2 before the save failed, and the stop cancels it.
    // Whether 2's thread got as far as the runner before the cancel is a race, so "started" may or
    // may not hold it; what must hold is that nothing after the failed save was dispatched.
    assertEquals("1", runner.started.get(0));
    assertTrue(List.of("1", "2").containsAll(runner.started), "the loop stops at its first save: " + runner.started);
    assertTrue(runner.cancelled.contains("2"), runner.cancelled.toString());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60), "the stop must not wait for trial 2");
  }

  @Test
  void progressLinesShowCountMetricBestAssignmentsAndSeconds() throws Exception {
    StoredExperiment stored = create(3);
    ScriptedRunner runner = new ScriptedRunner((ctx, a) -> {
      if (ctx.suggestionId().equals("2")) {
        throw new IllegalArgumentException("maxBins must be at least 2");
      }
      return TrialResult.of(ctx.suggestionId().equals("1") ? 0.8731 : 0.5);
    });
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    new TuningLoop(stored, runner, LoopOptions.of("t", 1, null, 3),
        new ProgressPrinter(new java.io.PrintStream(bytes, true, "UTF-8"))).run();
    List<String> lines = bytes.toString("UTF-8").lines().toList();
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(0).matches("\\[1/3] f=0\\.8731 best=0\\.8731 x=[0-9.]+ y=[0-9.]+ \\([0-9.]+ s\\)"),
        lines.get(0));
    assertTrue(lines.get(1).matches("\\[2/3] failed: IllegalArgumentException: maxBins must be at least 2 best=0\\.8731"
        + " x=[0-9.]+ y=[0-9.]+ \\([0-9.]+ s\\)"), lines.get(1));
    assertTrue(lines.get(2).startsWith("[3/3] f=0.5 best=0.8731 "), lines.get(2));
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    if (!waitUntil(condition)) {
      throw new AssertionError("waited 30 s for: " + what);
    }
  }

  /** True once {@code condition} holds, false when it still does not after 30 s. */
  private static boolean waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }
}
