package io.bayestune.optimizer.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.model.GaussianProcess;
import io.bayestune.optimizer.model.GaussianProcessFitter;
import io.bayestune.optimizer.model.Hyperparameters;
import io.bayestune.optimizer.model.FitOptions;
import io.bayestune.optimizer.model.Prediction;
import io.bayestune.optimizer.optim.MixedDomain;
import io.bayestune.optimizer.space.Assignments;
import io.bayestune.optimizer.space.DoubleParameter;
import io.bayestune.optimizer.space.Parameter;
import io.bayestune.optimizer.space.SearchSpace;
import io.bayestune.optimizer.space.UnitCubeEncoding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The local model of large experiments: its region, its predictions, its batches. */
class LocalModelTest {

  private static double surface(double[] x) {
    double v = 0;
    for (int k = 0; k < x.length; k++) {
      v -= (x[k] - 0.3) * (x[k] - 0.3) * (k + 1);
    }
    return v + 0.2 * Math.sin(6 * x[0]);
  }

  private static double[][] uniform(int n, int d, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int k = 0; k < d; k++) {
        row[k] = rng.nextDouble();
      }
    }
    return x;
  }

  @Test
  void regionHoldsTheNearestNeighboursOfTheBestTrialInItsBox() {
    double[][] x = uniform(200, 3, 1);
    double[] value = new double[x.length];
    int best = 0;
    for (int i = 0; i < x.length; i++) {
      value[i] = i % 17 == 0 ? Double.NaN : surface(x[i]);
      best = Double.isNaN(value[best]) || (!Double.isNaN(value[i]) && value[i] > value[best]) ? i : best;
    }
    LocalRegion region = LocalRegion.around(x, value, 40, MixedDomain.continuous(3));
    assertEquals(40, region.members().length);
    assertEquals(best, region.members()[0], "the best trial comes first");
    double farthestMember = distance(x[region.members()[39]], x[best]);
    Set<Integer> members = new HashSet<>();
    for (int i : region.members()) {
      members.add(i);
      assertTrue(region.contains(x[i]), "member " + i + " must lie in the box " + region.box());
    }
    for (int i = 0; i < x.length; i++) {
      if (!members.contains(i)) {
        assertTrue(distance(x[i], x[best]) >= farthestMember, "trial " + i + " is nearer than a member");
      }
    }
    double[] lower = region.box().lower();
    double[] upper = region.box().upper();
    for (int k = 0; k < 3; k++) {
      assertTrue(upper[k] - lower[k] < 1.0, "40 of 200 neighbours must not span the cube in coordinate " + k);
    }
  }

  @Test
  void localPredictionsNearTheBestAreCloseToTheFullModel() {
    // With the same hyperparameters, a GP on the 150 nearest neighbours of a point predicts near it
    // almost exactly what the GP on all 600 points predicts (the screening effect behind local GPs).
    double[][] x = uniform(600, 2, 2);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = surface(x[i]);
    }
    Hyperparameters hyper = new Hyperparameters(new double[] {0.3, 0.3}, 1.0, 1e-6, 0.0, 1.0);
    GaussianProcess full = GaussianProcessFitter.condition(x, y, null, hyper);
    LocalRegion region = LocalRegion.around(x, y, 150, MixedDomain.continuous(2));
    double[][] xLocal = new double[150][];
    double[] yLocal = new double[150];
    for (int i = 0; i < 150; i++) {
      xLocal[i] = x[region.members()[i]];
      yLocal[i] = y[region.members()[i]];
    }
    GaussianProcess local = GaussianProcessFitter.condition(xLocal, yLocal, null, hyper);
    double[] center = x[region.members()[0]];
    SplittableRandom rng = new SplittableRandom(3);
    for (int t = 0; t < 20; t++) {
      double[] probe = {clamp(center[0] + 0.05 * rng.nextGaussian()), clamp(center[1] + 0.05 * rng.nextGaussian())};
      Prediction a = full.predict(probe);
      Prediction b = local.predict(probe);
      assertEquals(a.mean(), b.mean(), 1e-4, "mean at probe " + t + ": full " + a.mean() + ", local " + b.mean());
      assertEquals(a.variance(), b.variance(), 1e-4, "variance at probe " + t);
    }
  }

  @Test
  void openPointsBelievedInOneBlockEqualThemBelievedOneByOne() {
    History history = history(60, 4, 0, 5);
    ModelState fitted = ModelState.fit(history, BayesianStrategy.PendingPolicy.KRIGING_BELIEVER, FitOptions.defaults());
    List<double[]> open = List.of(uniform(12, 4, 9));
    ModelState oneByOne = fitted;
    for (double[] p : open) {
      oneByOne = oneByOne.withPending(p);
    }
    ModelState block = fitted.withPending(open);
    for (double[] probe : uniform(25, 4, 10)) {
      Prediction a = oneByOne.gp().predict(probe);
      Prediction b = block.gp().predict(probe);
      assertEquals(a.mean(), b.mean(), 1e-10, "mean");
      assertEquals(a.variance(), b.variance(), 1e-10, "variance");
    }
  }

  @Test
  void batchFromTheLocalModelIsDistinctNewAndReplaysExactly() {
    History history = history(90, 4, 6, 7);
    BayesianStrategy strategy = new BayesianStrategy(10, BayesianStrategy.PendingPolicy.KRIGING_BELIEVER,
        LocalModelOptions.of(40, 30));
    List<Assignments> batch = strategy.suggest(history, 12);
    assertEquals(12, batch.size());
    Set<Assignments> seen = new HashSet<>(history.taken());
    for (Assignments a : batch) {
      assertTrue(seen.add(a), "suggestion " + a + " repeats an observed, open or earlier one");
    }
    assertEquals(batch, strategy.suggest(history, 12), "same history and seed must give the same batch");
    assertFalse(batch.equals(new BayesianStrategy(10, BayesianStrategy.PendingPolicy.KRIGING_BELIEVER,
        LocalModelOptions.never()).suggest(history, 12)), "the local model must be the one that was used");
  }

  @Test
  void aLargeBatchSearchesFullyForItsFirstMembersOnly() {
    History history = history(90, 4, 6, 7);
    BayesianStrategy strategy = new BayesianStrategy(10, BayesianStrategy.PendingPolicy.KRIGING_BELIEVER,
        LocalModelOptions.of(40, 30));
    List<Assignments> large = strategy.suggest(history, BayesianStrategy.FULL_SEARCHES + 4);
    assertEquals(strategy.suggest(history, BayesianStrategy.FULL_SEARCHES),
        large.subList(0, BayesianStrategy.FULL_SEARCHES), "the first members must be those of a full search");
    assertEquals(BayesianStrategy.FULL_SEARCHES + 4, new HashSet<>(large).size(), "the lighter tail is distinct too");
  }

  @Test
  void withTheTrustRegionSuggestionsStayInTheCubeItsReplayedSideSets() {
    History history = history(300, 3, 0, 11);
    // 250 trials after the switch at 50, and uniform draws rarely improve: the side has shrunk.
    TrustRegionLength.State state = TrustRegionLength.of(history, 50);
    assertTrue(state.length() < TrustRegionLength.INITIAL, "side " + state.length());
    double[][] x = new double[300][];
    double[] value = new double[300];
    for (int i = 0; i < 300; i++) {
      x[i] = history.encoding().encode(history.completed().get(i).assignments());
      value[i] = history.completed().get(i).value();
    }
    double[] center = x[LocalRegion.around(x, value, 40, history.encoding().domain()).members()[0]];
    BayesianStrategy strategy = new BayesianStrategy(10, BayesianStrategy.PendingPolicy.KRIGING_BELIEVER,
        LocalModelOptions.of(50, 40));
    List<Assignments> batch = strategy.suggest(history, 4);
    for (Assignments a : batch) {
      double[] encoded = history.encoding().encode(a);
      for (int k = 0; k < 3; k++) {
        assertTrue(Math.abs(encoded[k] - center[k]) <= state.length() / 2 + 1e-12,
            "coordinate " + k + " of " + a + " outside the cube of side " + state.length() + " around the best");
      }
    }
    assertEquals(batch, new BayesianStrategy(10, BayesianStrategy.PendingPolicy.KRIGING_BELIEVER,
        LocalModelOptions.of(50, 40)).suggest(history, 4), "a fresh strategy (a resumed experiment) replays it");
  }

  /**
   * With reported noise, near-copies of evaluated points are refused (see {@link Resolution}); a trust region
   * shrunk below twice that resolution used to lie entirely in its centre's near-copy box, so every candidate was
   * refused and the suggestions were uniform draws over the whole space.
   */
  @Test
  void aNoisyExperimentsSuggestionsStayInATrustRegionSmallerThanTheNoisyResolution() {
    History exact = history(300, 3, 0, 11);
    List<History.Trial> noisy = new ArrayList<>();
    for (History.Trial t : exact.completed()) {
      noisy.add(new History.Trial(t.assignments(), t.value(), 0.01, false));
    }
    History history = new History(exact.encoding(), noisy, List.of(), 300, 11);
    double side = TrustRegionLength.of(history, 50).length();
    assertTrue(side < 2 * Resolution.NOISY, "the region must be smaller than the near-copy box: side " + side);
    BayesianStrategy strategy = new BayesianStrategy(10, BayesianStrategy.PendingPolicy.KRIGING_BELIEVER,
        LocalModelOptions.of(50, 40, true, LocalKernel.MATERN52));
    double[] center = history.encoding().encode(history.completed().get(LocalRegion.around(
        encodedTrials(history), values(history), 40, history.encoding().domain()).members()[0]).assignments());
    for (Assignments a : strategy.suggest(history, 4)) {
      double[] encoded = history.encoding().encode(a);
      for (int k = 0; k < 3; k++) {
        assertTrue(Math.abs(encoded[k] - center[k]) <= side / 2 + 1e-12,
            "coordinate " + k + " of " + a + " outside the cube of side " + side + " around the best");
      }
    }
  }

  private static double[][] encodedTrials(History history) {
    return history.completed().stream().map(t -> history.encoding().encode(t.assignments())).toArray(double[][]::new);
  }

  private static double[] values(History history) {
    return history.completed().stream().mapToDouble(History.Trial::value).toArray();
  }

  @Test
  void localSuggestionsStayInTheNeighboursBoxWithoutTheTrustRegion() {
    History history = history(120, 3, 0, 11);
    LocalModelOptions options = LocalModelOptions.of(50, 40, false, LocalKernel.AUTO);
    double[][] x = new double[120][];
    double[] value = new double[120];
    for (int i = 0; i < 120; i++) {
      x[i] = history.encoding().encode(history.completed().get(i).assignments());
      value[i] = history.completed().get(i).value();
    }
    LocalRegion region = LocalRegion.around(x, value, 40, history.encoding().domain());
    List<Assignments> batch = new BayesianStrategy(10, BayesianStrategy.PendingPolicy.KRIGING_BELIEVER, options)
        .suggest(history, 4);
    for (Assignments a : batch) {
      double[] encoded = history.encoding().encode(a);
      double[] lower = region.box().lower();
      double[] upper = region.box().upper();
      for (int k = 0; k < 3; k++) {
        assertTrue(encoded[k] >= lower[k] - 1e-12 && encoded[k] <= upper[k] + 1e-12,
            "coordinate " + k + " of " + a + " outside the trust region " + region.box());
      }
    }
    assertArrayEquals(region.members(), LocalRegion.around(x, value, 40, history.encoding().domain()).members());
  }

  @Test
  void inMoreThanTwentyDimensionsTheTrustRegionAppliesRightAfterTheInitialDesign() {
    LocalModelOptions defaults = LocalModelOptions.defaults();
    assertEquals(10, defaults.start(21, 10), "high-dimensional: from the initial design on");
    assertEquals(256, defaults.start(20, 10), "20 coordinates: the small-scale behaviour");
    assertEquals(Integer.MAX_VALUE, LocalModelOptions.never().start(50, 10), "never means never");
    assertEquals(5, LocalModelOptions.of(5, 40).start(50, 10), "an earlier switch is kept");

    // 30 trials in 30 dimensions: far below 256, yet the suggestions come from the trust region around the best.
    History history = history(30, 30, 0, 5);
    double side = TrustRegionLength.of(history, 10).length();
    assertEquals(TrustRegionLength.INITIAL, side, "20 trials after the switch cannot halve the side yet");
    int best = 0;
    for (int i = 1; i < 30; i++) {
      best = history.completed().get(i).value() > history.completed().get(best).value() ? i : best;
    }
    double[] center = history.encoding().encode(history.completed().get(best).assignments());
    List<Assignments> batch = new BayesianStrategy(10, BayesianStrategy.PendingPolicy.KRIGING_BELIEVER)
        .suggest(history, 2);
    for (Assignments a : batch) {
      double[] encoded = history.encoding().encode(a);
      for (int k = 0; k < 30; k++) {
        assertTrue(Math.abs(encoded[k] - center[k]) <= side / 2 + 1e-12,
            "coordinate " + k + " of " + a + " outside the cube of side " + side + " around the best");
      }
    }
    assertFalse(batch.equals(new BayesianStrategy(10, BayesianStrategy.PendingPolicy.KRIGING_BELIEVER,
        LocalModelOptions.never()).suggest(history, 2)), "the global model would suggest otherwise");
  }

  /** n observations of {@link #surface} at uniform points of [0,1]^d and {@code open} open ones. */
  static History history(int n, int d, int open, long seed) {
    List<Parameter> ps = new ArrayList<>();
    for (int k = 0; k < d; k++) {
      ps.add(DoubleParameter.of("x" + k, 0, 1));
    }
    UnitCubeEncoding encoding = new UnitCubeEncoding(new SearchSpace(ps));
    List<History.Trial> trials = new ArrayList<>();
    for (double[] row : uniform(n, d, seed)) {
      trials.add(new History.Trial(assignments(row), surface(row), Double.NaN, false));
    }
    List<Assignments> pending = new ArrayList<>();
    for (double[] row : uniform(open, d, seed + 1000)) {
      pending.add(assignments(row));
    }
    return new History(encoding, trials, pending, n + open, seed);
  }

  private static Assignments assignments(double[] row) {
    Map<String, Object> m = new java.util.HashMap<>();
    for (int k = 0; k < row.length; k++) {
      m.put("x" + k, row[k]);
    }
    return new Assignments(m);
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += (a[k] - b[k]) * (a[k] - b[k]);
    }
    return s;
  }

  private static double clamp(double v) {
    return Math.min(1, Math.max(0, v));
  }
}
