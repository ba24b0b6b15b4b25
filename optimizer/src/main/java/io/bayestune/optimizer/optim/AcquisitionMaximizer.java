package io.bayestune.optimizer.optim;

import io.bayestune.optimizer.acquisition.AcquisitionFunction;
import io.bayestune.optimizer.sampling.SobolSequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Maximizes an acquisition function over a {@link MixedDomain}: quasi-random screening, then
 * gradient refinement of the continuous coordinates alternating with a best-neighbour search over
 * the discrete ones.
 *
 * <ol>
 *   <li>Score {@code rawSamples} scrambled Sobol points and perturbations of the seed points (for
 *       example the best observed x), all canonicalized, in one batch.</li>
 *   <li>Pick {@code restarts} starts: half the best raw points, half drawn with probability
 *       proportional to exp(z), z the standardized raw value, so that starts spread over several
 *       basins (the heuristic of BoTorch's {@code initialize_q_batch}).</li>
 *   <li>From each start, alternate (a) L-BFGS-B over the continuous coordinates in [0, 1] with the
 *       discrete ones held fixed, and (b) a move to the best improving discrete neighbour: each
 *       integer one level up or down, each one-hot group switched to each other category. Stop
 *       when no neighbour improves or after {@code discreteRounds} moves. This is the scheme of
 *       Optuna's mixed GP sampler ({@code _gp/optim_mixed.py}), written from its description;
 *       relaxing discrete coordinates to continuous ones instead would let the gradient wander
 *       into values that do not exist.</li>
 *   <li>Return the best distinct canonical points among everything evaluated that {@code allowed}
 *       accepts, so a rejected optimum falls back to the next best candidate.</li>
 * </ol>
 *
 * <pre>{@code
 * AcquisitionMaximizer maximizer = new AcquisitionMaximizer(domain, AcquisitionMaximizer.Options.defaults());
 * List<double[]> best = maximizer.maximize(new LogExpectedImprovement(gp, yBest), rng, x -> !observed(x), 1);
 * }</pre>
 *
 * Deterministic given the rng state; not thread-safe only in that the acquisition function is
 * called from the calling thread.
 */
public final class AcquisitionMaximizer {

  /**
   * @param rawSamples Sobol points scored before any refinement
   * @param restarts local searches started from the best and from Boltzmann-drawn raw points
   * @param maxIterations L-BFGS-B iterations per continuous refinement
   * @param discreteRounds maximum discrete neighbour moves per start
   * @param seedPerturbations random perturbations scored around each seed point
   * @param perturbationScale standard deviation of the perturbation of continuous coordinates
   * @param subspaceDraws candidates around the first seed that redraw only a few coordinates each
   *     (see {@link SubspaceDraws}); 0 for none
   */
  public record Options(int rawSamples, int restarts, int maxIterations, int discreteRounds,
      int seedPerturbations, double perturbationScale, int subspaceDraws) {
    public Options {
      if (rawSamples < 1 || restarts < 1 || maxIterations < 0 || discreteRounds < 0 || seedPerturbations < 0
          || !(perturbationScale >= 0) || subspaceDraws < 0) {
        throw new IllegalArgumentException("AcquisitionMaximizer.Options: rawSamples >= 1, restarts >= 1 and the "
            + "rest >= 0 required, but got " + rawSamples + ", " + restarts + ", " + maxIterations + ", "
            + discreteRounds + ", " + seedPerturbations + ", " + perturbationScale + ", " + subspaceDraws);
      }
    }

    /** Without subspace draws. */
    public Options(int rawSamples, int restarts, int maxIterations, int discreteRounds, int seedPerturbations,
        double perturbationScale) {
      this(rawSamples, restarts, maxIterations, discreteRounds, seedPerturbations, perturbationScale, 0);
    }

    /** These options with {@code draws} subspace draws around the first seed. */
    public Options withSubspaceDraws(int draws) {
      return new Options(rawSamples, restarts, maxIterations, discreteRounds, seedPerturbations, perturbationScale,
          draws);
    }

    /** 1024 raw samples, 8 restarts, 100 iterations, 5 discrete moves, 32 perturbations of scale 0.05 per seed. */
    public static Options defaults() {
      return new Options(1024, 8, 100, 5, 32, 0.05);
    }
  }

  private final MixedDomain domain;
  private final Options options;
  private final int[] continuous;

  public AcquisitionMaximizer(MixedDomain domain, Options options) {
    this.domain = Objects.requireNonNull(domain, "domain");
    this.options = Objects.requireNonNull(options, "options");
    int[] c = new int[domain.dimension()];
    int count = 0;
    for (int i = 0; i < c.length; i++) {
      if (domain.kind(i) == MixedDomain.Kind.CONTINUOUS) {
        c[count++] = i;
      }
    }
    this.continuous = Arrays.copyOf(c, count);
  }

  /** Up to count distinct canonical points (domain.canonicalize), best first, each accepted by {@code allowed}. */
  public List<double[]> maximize(AcquisitionFunction f, RandomGenerator rng, Predicate<double[]> allowed, int count) {
    return maximize(f, rng, allowed, count, List.of());
  }

  /**
   * As {@link #maximize(AcquisitionFunction, RandomGenerator, Predicate, int)}, also scoring the
   * seed points (d coordinates each, for example the best observed points) and perturbations of
   * them as candidates and potential starts.
   */
  public List<double[]> maximize(AcquisitionFunction f, RandomGenerator rng, Predicate<double[]> allowed, int count,
      List<double[]> seeds) {
    return maximize(f, rng, allowed, count, seeds, SearchBox.unitCube(domain.dimension()));
  }

  /**
   * As {@link #maximize(AcquisitionFunction, RandomGenerator, Predicate, int, List)}, with the
   * continuous coordinates of every candidate kept inside {@code box} (a local model's trust region;
   * seeds outside it are clipped into it).
   */
  public List<double[]> maximize(AcquisitionFunction f, RandomGenerator rng, Predicate<double[]> allowed, int count,
      List<double[]> seeds, SearchBox box) {
    Objects.requireNonNull(f, "f");
    if (box.dimension() != domain.dimension()) {
      throw new IllegalArgumentException("box has " + box.dimension() + " coordinates, domain has " + domain.dimension());
    }
    Objects.requireNonNull(allowed, "allowed");
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, but got " + count);
    }
    int d = domain.dimension();
    Evaluated evaluated = new Evaluated(f);
    List<double[]> raw = new ArrayList<>();
    SobolSequence sobol = new SobolSequence(d, rng.nextLong() & Long.MAX_VALUE);
    for (int i = 0; i < options.rawSamples(); i++) {
      raw.add(domain.canonicalize(box.fromUnit(sobol.next())));
    }
    for (double[] seed : seeds) {
      double[] inside = clip(seed, box);
      raw.add(domain.canonicalize(inside));
      for (int i = 0; i < options.seedPerturbations(); i++) {
        raw.add(domain.canonicalize(perturb(inside, rng, box)));
      }
    }
    if (!seeds.isEmpty()) {
      raw.addAll(SubspaceDraws.around(clip(seeds.get(0), box), options.subspaceDraws(), domain, box, rng));
    }
    evaluated.scoreAll(raw);
    for (double[] start : starts(evaluated, rng)) {
      localSearch(start, evaluated, box);
    }
    List<Map.Entry<Key, Double>> ranked = new ArrayList<>(evaluated.values.entrySet());
    ranked.sort(Map.Entry.<Key, Double>comparingByValue(Comparator.reverseOrder())); // stable: ties keep first-seen order
    List<double[]> out = new ArrayList<>(count);
    for (Map.Entry<Key, Double> e : ranked) {
      if (out.size() == count) {
        break;
      }
      double[] x = e.getKey().point.clone();
      if (allowed.test(x.clone())) {
        out.add(x);
      }
    }
    return out;
  }

  private List<double[]> starts(Evaluated evaluated, RandomGenerator rng) {
    List<Map.Entry<Key, Double>> ranked = new ArrayList<>(evaluated.values.entrySet());
    ranked.sort(Map.Entry.<Key, Double>comparingByValue(Comparator.reverseOrder()));
    int total = Math.min(options.restarts(), ranked.size());
    int greedy = (total + 1) / 2;
    List<double[]> starts = new ArrayList<>();
    for (int i = 0; i < greedy; i++) {
      starts.add(ranked.get(i).getKey().point);
    }
    // Boltzmann draws without replacement among the rest, weights exp(z) of standardized values.
    double mean = 0;
    double sq = 0;
    int finite = 0;
    for (Map.Entry<Key, Double> e : ranked) {
      if (Double.isFinite(e.getValue())) {
        mean += e.getValue();
        sq += e.getValue() * e.getValue();
        finite++;
      }
    }
    if (finite == 0) {
      return starts;
    }
    mean /= finite;
    double std = Math.sqrt(Math.max(sq / finite - mean * mean, 0)) + 1e-12;
    double[] weights = new double[ranked.size()];
    for (int i = greedy; i < ranked.size(); i++) {
      double v = ranked.get(i).getValue();
      weights[i] = Double.isFinite(v) ? Math.exp(Math.min(50, (v - mean) / std)) : 0.0;
    }
    for (int drawn = greedy; drawn < total; drawn++) {
      double sum = 0;
      for (double w : weights) {
        sum += w;
      }
      if (!(sum > 0)) {
        break;
      }
      double target = rng.nextDouble() * sum;
      int pick = weights.length - 1;
      for (int i = 0; i < weights.length; i++) {
        target -= weights[i];
        if (target < 0 && weights[i] > 0) {
          pick = i;
          break;
        }
      }
      starts.add(ranked.get(pick).getKey().point);
      weights[pick] = 0;
    }
    return starts;
  }

  /** Alternating continuous refinement and discrete best-neighbour moves from one canonical start. */
  private void localSearch(double[] start, Evaluated evaluated, SearchBox box) {
    double[] x = start.clone();
    double fx = evaluated.score(x);
    for (int round = 0; round <= options.discreteRounds(); round++) {
      if (continuous.length > 0) {
        double[] refined = domain.canonicalize(refineContinuous(x, evaluated.function, box));
        double fr = evaluated.score(refined);
        if (fr > fx) {
          x = refined;
          fx = fr;
        }
      }
      List<double[]> neighbours = neighbours(x);
      if (neighbours.isEmpty()) {
        return;
      }
      double[] scores = evaluated.scoreAll(neighbours);
      int best = -1;
      for (int i = 0; i < scores.length; i++) {
        if (scores[i] > fx && (best < 0 || scores[i] > scores[best])) {
          best = i;
        }
      }
      if (best < 0) {
        return;
      }
      x = neighbours.get(best);
      fx = scores[best];
    }
  }

  private double[] refineContinuous(double[] x, AcquisitionFunction f, SearchBox box) {
    int m = continuous.length;
    double[] full = x.clone();
    double[] fullGradient = new double[x.length];
    double[] z0 = new double[m];
    double[] lower = new double[m];
    double[] upper = new double[m];
    for (int i = 0; i < m; i++) {
      lower[i] = box.lower(continuous[i]);
      upper[i] = box.upper(continuous[i]);
      z0[i] = box.clip(continuous[i], x[continuous[i]]);
    }
    DifferentiableFunction negated = (z, gradient) -> {
      for (int i = 0; i < m; i++) {
        full[continuous[i]] = z[i];
      }
      double v = f.valueAndGradient(full, fullGradient);
      if (!(v > Double.NEGATIVE_INFINITY)) {
        return Double.POSITIVE_INFINITY; // -inf or NaN: a point to step back from
      }
      for (int i = 0; i < m; i++) {
        gradient[i] = -fullGradient[continuous[i]];
      }
      return -v;
    };
    Lbfgsb.Options o = Lbfgsb.Options.defaults().withMaxIterations(options.maxIterations()).withTolerances(1e-6, 1e-9);
    double[] z = Lbfgsb.minimize(negated, z0, lower, upper, o).x();
    double[] out = x.clone();
    for (int i = 0; i < m; i++) {
      out[continuous[i]] = z[i];
    }
    return out;
  }

  /** Canonical points one discrete step away: integers one level up or down, each other category of each group. */
  private List<double[]> neighbours(double[] x) {
    List<double[]> out = new ArrayList<>();
    for (int c = 0; c < x.length; c++) {
      if (domain.kind(c) == MixedDomain.Kind.INTEGER && domain.levels(c) > 1) {
        int level = (int) Math.round(x[c] * (domain.levels(c) - 1));
        for (int step = -1; step <= 1; step += 2) {
          int k = level + step;
          if (k >= 0 && k < domain.levels(c)) {
            double[] y = x.clone();
            y[c] = domain.levelValue(c, k);
            out.add(domain.canonicalize(y));
          }
        }
      }
    }
    for (int[] group : domain.categoricalGroups()) {
      for (int member : group) {
        if (x[member] < 0.5) {
          double[] y = x.clone();
          for (int other : group) {
            y[other] = other == member ? 1.0 : 0.0;
          }
          out.add(domain.canonicalize(y));
        }
      }
    }
    return out;
  }

  private double[] clip(double[] x, SearchBox box) {
    double[] y = x.clone();
    for (int c : continuous) {
      y[c] = box.clip(c, y[c]);
    }
    return y;
  }

  private double[] perturb(double[] seed, RandomGenerator rng, SearchBox box) {
    double[] y = seed.clone();
    double flip = 1.0 / Math.max(1, domain.dimension());
    for (int c = 0; c < y.length; c++) {
      switch (domain.kind(c)) {
        // Relative to the box's width, so a small trust region is searched as finely as the cube.
        case CONTINUOUS -> y[c] = box.clip(c, y[c]
            + options.perturbationScale() * (box.upper(c) - box.lower(c)) * rng.nextGaussian());
        case INTEGER -> {
          if (domain.levels(c) > 1 && rng.nextDouble() < 2 * flip) {
            y[c] += (rng.nextBoolean() ? 1.0 : -1.0) / (domain.levels(c) - 1);
          }
        }
        case CATEGORICAL -> { } // whole groups below
      }
    }
    for (int[] group : domain.categoricalGroups()) {
      if (rng.nextDouble() < 2 * flip) {
        int chosen = group[rng.nextInt(group.length)];
        for (int member : group) {
          y[member] = member == chosen ? 1.0 : 0.0;
        }
      }
    }
    return y;
  }

  /** Canonical point as a map key (bitwise equality of coordinates). */
  private record Key(double[] point) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(point, k.point);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(point);
    }
  }

  /** Every canonical point scored so far, in first-seen order, so no point is scored twice. */
  private static final class Evaluated {
    final AcquisitionFunction function;
    final Map<Key, Double> values = new LinkedHashMap<>();

    Evaluated(AcquisitionFunction function) {
      this.function = function;
    }

    double score(double[] x) {
      return scoreAll(List.of(x))[0];
    }

    double[] scoreAll(List<double[]> points) {
      double[] out = new double[points.size()];
      java.util.LinkedHashSet<Key> fresh = new java.util.LinkedHashSet<>();
      for (double[] p : points) {
        Key key = new Key(p.clone());
        if (!values.containsKey(key)) {
          fresh.add(key);
        }
      }
      if (!fresh.isEmpty()) {
        List<Key> keys = new ArrayList<>(fresh);
        double[][] batch = new double[keys.size()][];
        for (int i = 0; i < batch.length; i++) {
          batch[i] = keys.get(i).point.clone();
        }
        double[] v = function.values(batch);
        for (int i = 0; i < v.length; i++) {
          values.put(keys.get(i), Double.isNaN(v[i]) ? Double.NEGATIVE_INFINITY : v[i]);
        }
      }
      for (int i = 0; i < out.length; i++) {
        out[i] = values.get(new Key(points.get(i)));
      }
      return out;
    }
  }
}
