package io.bayestune.optimizer.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bayestune.optimizer.model.FitOptions;
import io.bayestune.optimizer.model.GaussianProcess;
import io.bayestune.optimizer.space.Assignments;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hyperparameters refitted on a schedule past the small scale, and the exact replay that keeps. */
class HyperparameterScheduleTest {

  private static BayesianStrategy strategy() {
    return new BayesianStrategy(10, BayesianStrategy.PendingPolicy.KRIGING_BELIEVER);
  }

  @Test
  void refitsEveryCallUpToTheSmallScaleThenEveryStep() {
    assertEquals(100, HyperparameterSchedule.refitPoint(100));
    assertEquals(128, HyperparameterSchedule.refitPoint(128));
    assertEquals(128, HyperparameterSchedule.refitPoint(129));
    assertEquals(128, HyperparameterSchedule.refitPoint(159));
    assertEquals(160, HyperparameterSchedule.refitPoint(160));
    assertEquals(4992, HyperparameterSchedule.refitPoint(5000));
    History small = LocalModelTest.history(128, 3, 2, 1);
    assertNull(new HyperparameterSchedule().kernelFor(small, h -> {
      throw new AssertionError("no scheduled fit at the small scale");
    }), "up to 128 completed trials every suggestion fits its own hyperparameters, as before");
  }

  @Test
  void betweenRefitsTheModelKeepsTheKernelFittedAtTheRefitPoint() {
    History history = LocalModelTest.history(170, 3, 0, 21);
    GaussianProcess kept = strategy().fittedForTesting(history);
    GaussianProcess atRefit = strategy().fittedForTesting(history.firstArrivals(160));
    assertArrayEquals(atRefit.hyperparameters().lengthScales(), kept.hyperparameters().lengthScales(), 0.0);
    assertEquals(atRefit.hyperparameters().signalVariance(), kept.hyperparameters().signalVariance(), 0.0);
    assertEquals(170, kept.size(), "the kept kernel is conditioned on all current trials");
    GaussianProcess refitted = ModelState.fit(history, BayesianStrategy.PendingPolicy.KRIGING_BELIEVER,
        FitOptions.defaults()).gp();
    assertFalse(Arrays.equals(refitted.hyperparameters().lengthScales(), kept.hyperparameters().lengthScales()),
        "a fit of its own at 170 would differ: the kernel must be the scheduled one");
  }

  @Test
  void aFreshStrategyReplaysTheSuggestionsOfOneThatCachedTheFit() {
    History history = LocalModelTest.history(175, 3, 3, 22);
    BayesianStrategy running = strategy();
    running.suggest(LocalModelTest.history(170, 3, 0, 99), 1); // caches a fit of another history
    running.suggest(history.firstArrivals(165), 1);             // caches the fit at 160 of this one
    List<Assignments> continued = running.suggest(history, 3);
    List<Assignments> resumed = strategy().suggest(history, 3);
    assertEquals(resumed, continued, "a resumed experiment (empty cache) must suggest exactly the same");
  }
}
