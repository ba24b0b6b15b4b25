package io.bayestune.optimizer.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.experiment.WarmStart;
import io.bayestune.optimizer.space.Assignments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The contract, plus what only the model-based strategy promises. */
class BayesianStrategyTest implements StrategyContract {
  @Override
  public String type() {
    return "offline";
  }

  private static final String BRANIN = """
      {"metrics": [{"name": "branin", "objective": "minimize"}], "observation_budget": 30,
       "parameters": [{"name": "x1", "type": "double", "bounds": {"min": -5, "max": 10}},
                      {"name": "x2", "type": "double", "bounds": {"min": 0, "max": 15}}]}
      """;
  private static final double BRANIN_MIN = 0.397887357729738;

  static double branin(Assignments a) {
    double x1 = a.getDouble("x1");
    double x2 = a.getDouble("x2");
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
  }

  private static double bestAfter(Experiment e, int evaluations, int open) {
    List<Suggestion> pending = new ArrayList<>(e.suggest(open));
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < evaluations; i++) {
      Suggestion s = pending.remove(0);
      double v = branin(s.assignments());
      best = Math.min(best, v);
      e.observe(s.id(), v, null);
      if (i + pending.size() + 1 < evaluations) {
        pending.addAll(e.suggest(1));
      }
    }
    return best;
  }

  @Test
  void findsTheBraninMinimumFarBetterThanRandomSearch() {
    // Random search at 30 evaluations typically ends around regret 1 on Branin; a working GP-EI loop
    // gets within 0.05 (our benchmark median is ~1e-3 at 25 evaluations).
    for (long seed : new long[] {1, 2, 3}) {
      double regret = bestAfter(Experiment.create(SpecJson.parse(BRANIN), seed), 30, 1) - BRANIN_MIN;
      assertTrue(regret < 0.05, "seed " + seed + ": regret after 30 evaluations " + regret);
    }
  }

  @Test
  void fourOpenSuggestionsStayDistinctAndStillConverge() {
    Experiment e = Experiment.create(SpecJson.parse(BRANIN), 4);
    List<Suggestion> open = new ArrayList<>(e.suggest(4));
    Set<Assignments> everSuggested = new HashSet<>();
    open.forEach(s -> everSuggested.add(s.assignments()));
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < 30; i++) {
      Suggestion done = open.remove(0);
      double v = branin(done.assignments());
      best = Math.min(best, v);
      e.observe(done.id(), v, null);
      Suggestion next = e.suggest();
      assertTrue(everSuggested.add(next.assignments()), "suggestion " + next.id() + " repeats an earlier point");
      for (Suggestion o : open) {
        assertTrue(!o.assignments().equals(next.assignments()), "equals open suggestion " + o.id());
      }
      open.add(next);
    }
    assertTrue(best - BRANIN_MIN < 0.1, "regret with 4 open suggestions " + (best - BRANIN_MIN));
  }

  @Test
  void withSuggestionsOpenEverySecondPositionIsTheModelsBestGuessAndTheOthersAreBelieverEi() {
    var encoding = new io.bayestune.optimizer.space.UnitCubeEncoding(SpecJson.parse(BRANIN).space());
    var strategy = new BayesianStrategy(4, BayesianStrategy.PendingPolicy.KRIGING_BELIEVER);
    List<History.Trial> done = new ArrayList<>();
    for (int made = 0; made < 15; made++) {
      Assignments next = strategy.suggest(new History(encoding, done, List.of(), made, 5), 1).get(0);
      done.add(new History.Trial(next, -branin(next), Double.NaN, false));
    }
    Assignments open = strategy.suggest(new History(encoding, done, List.of(), 15, 5), 1).get(0);
    // The model a call at position 16 fits (its restarts draw from the position, not from what is open).
    var fitted = strategy.gpForTesting(new History(encoding, done, List.of(), 16, 5));
    java.util.function.ToDoubleFunction<Assignments> mean = a -> fitted.predict(encoding.encode(a)).mean();
    // The best mean among random points that are not near-copies (within 1% of each range) of a
    // tried or open point: with 15 points the model fits noise, so near-copies are not proposed.
    List<double[]> tried = new ArrayList<>();
    done.forEach(t -> tried.add(encoding.encode(t.assignments())));
    tried.add(encoding.encode(open));
    double bestMeanSeen = Double.NEGATIVE_INFINITY;
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 20_000; i++) {
      double[] x = {rng.nextDouble(), rng.nextDouble()};
      if (tried.stream().noneMatch(t -> Math.abs(t[0] - x[0]) <= 0.01 && Math.abs(t[1] - x[1]) <= 0.01)) {
        bestMeanSeen = Math.max(bestMeanSeen, fitted.predict(x).mean());
      }
    }

    Assignments even = strategy.suggest(new History(encoding, done, List.of(open), 16, 5), 1).get(0);
    Assignments odd = strategy.suggest(new History(encoding, done, List.of(open), 17, 5), 1).get(0);
    Assignments evenNoneOpen = strategy.suggest(new History(encoding, done, List.of(), 16, 5), 1).get(0);

    // The exploiting suggestion maximizes the fitted mean: no allowed random point does better.
    assertTrue(mean.applyAsDouble(even) >= bestMeanSeen, "best guess " + even + ": mean " + mean.applyAsDouble(even)
        + " < " + bestMeanSeen);
    // At an odd position, and with nothing open, the suggestion is log EI's, which pays for
    // uncertainty and so lands elsewhere while this history is still exploring.
    for (Assignments other : List.of(odd, evenNoneOpen)) {
      assertTrue(mean.applyAsDouble(other) < bestMeanSeen - 1e-3, other + ": log EI's choice, not the best guess");
    }
  }

  @Test
  void fantasyPolicyKeepsOpenSuggestionsDistinctDeterministicAndConverging() {
    var space = SpecJson.parse(BRANIN).space();
    var encoding = new io.bayestune.optimizer.space.UnitCubeEncoding(space);
    var strategy = new BayesianStrategy(4, BayesianStrategy.PendingPolicy.FANTASIES);
    List<History.Trial> done = new ArrayList<>();
    List<Assignments> open = new ArrayList<>();
    long made = 0;
    double best = Double.POSITIVE_INFINITY;
    for (int step = 0; step < 30; step++) {
      while (open.size() < 4) {
        History h = new History(encoding, done, open, made, 11);
        Assignments next = strategy.suggest(h, 1).get(0);
        assertEquals(next, strategy.suggest(h, 1).get(0), "same history and seed, same suggestion");
        assertTrue(!h.taken().contains(next), "suggestion " + made + " repeats an open or observed point");
        open.add(next);
        made++;
      }
      Assignments finished = open.remove(0);
      double v = branin(finished);
      best = Math.min(best, v);
      done.add(new History.Trial(finished, -v, Double.NaN, false));
    }
    assertTrue(best - BRANIN_MIN < 0.1, "regret with 4 open suggestions under fantasies " + (best - BRANIN_MIN));
  }

  @Test
  void failedRegionIsAvoided() {
    // Everything with x1 > 2.5 "crashes" (say, out of memory). After the design, the model should
    // learn to stay mostly on the side that works.
    Experiment e = Experiment.create(SpecJson.parse(BRANIN.replace("30", "40")), 11);
    int failedLate = 0;
    for (int i = 0; i < 40; i++) {
      Suggestion s = e.suggest();
      if (s.assignments().getDouble("x1") > 2.5) {
        e.observeFailed(s.id());
        if (i >= 20) {
          failedLate++;
        }
      } else {
        e.observe(s.id(), branin(s.assignments()), null);
      }
    }
    // Half the space fails; a search blind to failures would fail about half its last 20 points.
    assertTrue(failedLate <= 4, "suggestions in the failing region among the last 20: " + failedLate);
  }

  @Test
  void warmStartedExperimentUsesTheModelFromItsFirstSuggestion() {
    Experiment earlier = Experiment.create(SpecJson.parse(BRANIN), 99);
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < 20; i++) {
      double x1 = -5 + 15 * rng.nextDouble();
      double x2 = 15 * rng.nextDouble();
      earlier.observe(Map.of("x1", x1, "x2", x2), branin(new Assignments(Map.of("x1", x1, "x2", x2))), null);
    }
    double[] warmBest = new double[5];
    double[] coldBest = new double[5];
    for (int seed = 1; seed <= 5; seed++) {
      Experiment warm = Experiment.create(SpecJson.parse(BRANIN), seed);
      assertEquals(20, WarmStart.fromExperiment(warm, earlier).imported());
      Experiment cold = Experiment.create(SpecJson.parse(BRANIN), seed);
      for (int i = 0; i < 10; i++) {
        Suggestion w = warm.suggest();
        warm.observe(w.id(), branin(w.assignments()), null);
        Suggestion c = cold.suggest();
        cold.observe(c.id(), branin(c.assignments()), null);
      }
      warmBest[seed - 1] = bestOfSuggested(warm);
      coldBest[seed - 1] = bestOfSuggested(cold);
    }
    java.util.Arrays.sort(warmBest);
    java.util.Arrays.sort(coldBest);
    // Ten model-guided points after 20 random ones close in on a minimum; ten points of a cold start
    // are mostly its space-filling design (median regret about 1 on Branin: docs/benchmarks.md).
    assertTrue(warmBest[2] - BRANIN_MIN < 0.2, "median over seeds of the best of the first 10 warm-started points: "
        + java.util.Arrays.toString(warmBest));
    assertTrue(warmBest[2] < coldBest[2], java.util.Arrays.toString(warmBest) + " vs cold "
        + java.util.Arrays.toString(coldBest));
  }

  /** The best value among observations made from this experiment's own suggestions (not imported ones). */
  private static double bestOfSuggested(Experiment e) {
    return e.observations().stream().filter(o -> o.suggestionId() != null).mapToDouble(o -> o.value())
        .min().orElseThrow();
  }

  @Test
  void noisyObservationsMakeTheBestTheModelsNotTheLuckiestDraw() {
    // Noise sd 2 around Branin: the luckiest single draw is biased low; the GP's posterior mean at
    // its best point is a better estimate of the truth there.
    Experiment e = Experiment.create(SpecJson.parse(BRANIN), 21);
    SplittableRandom noise = new SplittableRandom(3);
    for (int i = 0; i < 30; i++) {
      Suggestion s = e.suggest();
      e.observe(s.id(), branin(s.assignments()) + 2 * gaussian(noise), 2.0);
    }
    Best best = e.best().orElseThrow();
    double luckiest = e.observations().stream().mapToDouble(o -> o.value()).min().orElseThrow();
    double truthAtBest = branin(best.assignments());
    assertTrue(best.estimatedValue() != null, "a noisy history reports the model's estimate");
    assertTrue(Math.abs(best.estimatedValue() - truthAtBest) < Math.abs(luckiest - truthAtBest),
        "estimate " + best.estimatedValue() + ", luckiest draw " + luckiest + ", truth there " + truthAtBest);
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
