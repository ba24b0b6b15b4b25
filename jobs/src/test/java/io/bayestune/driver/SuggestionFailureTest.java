package io.bayestune.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.store.LocalDirectoryStore;
import io.bayestune.optimizer.strategy.RandomStrategy;
import io.bayestune.optimizer.strategy.SuggestionStrategy;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suggestion that fails for a numerical reason is not an exhausted search space: the job must stop with the
 * error (every observation saved), never end as if it had run out of configurations.
 */
class SuggestionFailureTest {
  private static final String SPEC = "{\"name\":\"numerics\",\"type\":\"random\",\"parameters\":["
      + "{\"name\":\"x\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1}}],"
      + "\"metrics\":[{\"name\":\"f\",\"objective\":\"maximize\"}],\"observation_budget\":12}";

  @TempDir
  Path dir;

  @Test
  void aNumericalFailureInASuggestionStopsTheJobWithTheErrorAndKeepsEveryObservation() throws Exception {
    // Random suggestions until the sixth call, which fails the way a Cholesky factorization does when the
    // model is conditioned on open points; every call after that fails too (the history no longer changes).
    AtomicInteger calls = new AtomicInteger();
    RandomStrategy random = new RandomStrategy();
    SuggestionStrategy failing = (history, count) -> {
      if (calls.incrementAndGet() >= 6) {
        throw new IllegalStateException("kernel matrix not positive definite after jitter up to 0.01 x mean"
            + " diagonal (n=3); check for duplicate points observed without noise and for non-finite inputs");
      }
      return random.suggest(history, count);
    };
    Experiment e = Experiment.create(SpecJson.parse(SPEC), 7, failing);
    StoredExperiment stored = StoredExperiment.create(new LocalDirectoryStore(dir), e);
    ScriptedRunner runner = new ScriptedRunner((ctx, a) -> TrialResult.of(-Math.abs(a.getDouble("x") - 0.3)));

    IllegalStateException stop = assertThrows(IllegalStateException.class,
        () -> new TuningLoop(stored, runner, LoopOptions.of("t", 1, null, 12), t -> { }).run(),
        "the loop must not end normally with fewer observations than the budget");
    assertTrue(stop.getMessage().contains("kernel matrix not positive definite"), stop.getMessage());
    int observed = e.observations().size();
    assertTrue(observed >= 4 && observed < 12, "observed " + observed);
    Experiment saved = Experiment.fromJson(new LocalDirectoryStore(dir).load().orElseThrow().json());
    assertEquals(observed, saved.observations().size(), "every observation is saved before stopping");
  }
}
