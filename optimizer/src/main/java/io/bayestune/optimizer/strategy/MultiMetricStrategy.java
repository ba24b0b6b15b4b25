package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.acquisition.AcquisitionFunction;
import io.bayestune.optimizer.acquisition.LogExpectedHypervolumeImprovement;
import io.bayestune.optimizer.acquisition.LogExpectedImprovement;
import io.bayestune.optimizer.acquisition.ParetoFront;
import io.bayestune.optimizer.acquisition.ProbabilityOfFeasibility;
import io.bayestune.optimizer.model.FitOptions;
import io.bayestune.optimizer.model.GaussianProcess;
import io.bayestune.optimizer.optim.AcquisitionMaximizer;
import io.bayestune.optimizer.space.Assignments;
import io.bayestune.optimizer.space.UnitCubeEncoding;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Bayesian optimization of one or two objectives under up to four constraints: the Sobol design of
 * {@link BayesianStrategy}, then one Gaussian process per modelled metric ({@link MetricModel}) and
 * <ul>
 *   <li>one objective: log expected improvement over the best feasible outcome;</li>
 *   <li>two objectives: log expected hypervolume improvement over the front of the feasible outcomes
 *       ({@link LogExpectedHypervolumeImprovement});</li>
 * </ul>
 * each plus the log probability that every constraint holds ({@link ProbabilityOfFeasibility},
 * Gardner et al. 2014), or that probability alone while nothing feasible was observed. Open
 * suggestions are believed at each model's posterior mean (kriging believer) and, when believed
 * feasible, count toward the incumbent or the front, so that a batch spreads out.
 *
 * <p>The hypervolume's reference point is, per objective, the worst outcome observed less a tenth of
 * the observed range (the heuristic of BoTorch's {@code infer_reference_point}); hypervolume
 * improvement is unchanged by rescaling an objective, so no other normalization is needed.
 */
public final class MultiMetricStrategy implements SuggestionStrategy {
  private static final System.Logger LOG = System.getLogger(MultiMetricStrategy.class.getName());
  private static final int SEED_POINTS = 5;
  private static final double REFERENCE_MARGIN = 0.1;

  private final int initialDesign;
  private final int objectives;
  private final int constraints;
  private final FitOptions fitOptions;
  private final AcquisitionMaximizer.Options maximizerOptions;

  /**
   * @param objectives 1 or 2 optimized metrics: a trial's outcomes 0..objectives-1
   * @param constraints 0 to 4 constraint metrics: the outcomes after the objectives, as slacks
   */
  public MultiMetricStrategy(int initialDesign, int objectives, int constraints) {
    this(initialDesign, objectives, constraints, FitOptions.defaults(), AcquisitionMaximizer.Options.defaults());
  }

  public MultiMetricStrategy(int initialDesign, int objectives, int constraints, FitOptions fitOptions,
      AcquisitionMaximizer.Options maximizerOptions) {
    if (initialDesign < 1 || objectives < 1 || objectives > 2 || constraints < 0) {
      throw new IllegalArgumentException("initialDesign >= 1, 1 or 2 objectives and constraints >= 0, but got "
          + initialDesign + ", " + objectives + ", " + constraints);
    }
    this.initialDesign = initialDesign;
    this.objectives = objectives;
    this.constraints = constraints;
    this.fitOptions = fitOptions;
    this.maximizerOptions = maximizerOptions;
  }

  @Override
  public List<Assignments> suggest(History history, int count) {
    Set<Assignments> taken = history.taken();
    List<Assignments> out = new ArrayList<>();
    long successes = history.completed().stream().filter(t -> !t.failed()).count();
    long designLeft = initialDesign - Math.max(history.suggestionsMade(), history.completed().size());
    if (designLeft > 0 || successes < 2) {
      int fromDesign = (int) Math.min(count, Math.max(designLeft, successes < 2 ? count : 0));
      out.addAll(new SobolStrategy().suggest(history, fromDesign, taken));
      if (out.size() == count || out.size() < fromDesign) {
        return out;
      }
    }
    UnitCubeEncoding encoding = history.encoding();
    Beliefs beliefs;
    try {
      beliefs = Beliefs.fit(history, objectives, objectives + constraints, fitOptions);
    } catch (IllegalStateException e) {
      LOG.log(Level.WARNING, "model fit failed, suggesting at random instead: " + e.getMessage());
      return BayesianStrategy.fillAtRandom(history, count, out, taken);
    }
    for (Assignments a : history.open()) {
      beliefs = beliefs.withPending(encoding.encode(a));
    }
    for (Assignments a : out) {
      beliefs = beliefs.withPending(encoding.encode(a));
    }
    AcquisitionMaximizer maximizer = new AcquisitionMaximizer(encoding.domain(), maximizerOptions);
    Resolution resolution = new Resolution(encoding.domain(), beliefs.noisy() ? Resolution.NOISY : 0.0);
    beliefs.points().forEach(resolution::occupy);
    Predicate<double[]> allowed = x -> !taken.contains(encoding.decode(x)) && !resolution.isNearCopy(x);
    List<double[]> seeds = seedPoints(beliefs);
    while (out.size() < count) {
      RandomGenerator rng = history.random(out.size());
      List<double[]> best = maximizer.maximize(acquisition(beliefs), rng, allowed, 1, seeds);
      if (best.isEmpty()) {
        return BayesianStrategy.fillAtRandom(history, count, out, taken);
      }
      Assignments chosen = encoding.decode(best.get(0));
      double[] encoded = encoding.encode(chosen);
      taken.add(chosen);
      out.add(chosen);
      resolution.occupy(encoded);
      beliefs = beliefs.withPending(encoded);
    }
    return out;
  }

  /** The acquisition of the current beliefs; package-private for tests. */
  AcquisitionFunction acquisition(Beliefs beliefs) {
    List<double[]> feasible = beliefs.feasibleOutcomes();
    AcquisitionFunction base = null;
    if (!feasible.isEmpty()) {
      GaussianProcess first = beliefs.models().get(0).gp();
      if (objectives == 1) {
        double incumbent = feasible.stream().mapToDouble(row -> row[0]).max().orElseThrow();
        base = new LogExpectedImprovement(first, incumbent);
      } else {
        double[] reference = beliefs.reference(REFERENCE_MARGIN);
        double[][] front = ParetoFront.sortedFront2d(feasible.toArray(new double[0][]), reference);
        base = new LogExpectedHypervolumeImprovement(first, beliefs.models().get(1).gp(), front, reference);
      }
    }
    if (constraints == 0) {
      return base;
    }
    List<GaussianProcess> constraintModels = new ArrayList<>();
    double[] thresholds = new double[constraints];
    for (int c = 0; c < constraints; c++) {
      MetricModel m = beliefs.models().get(objectives + c);
      constraintModels.add(m.gp());
      thresholds[c] = m.inModelUnits(0.0);
    }
    return new ProbabilityOfFeasibility(base, constraintModels, thresholds);
  }

  /** Where the acquisition search starts besides its random candidates: the best feasible points. */
  private List<double[]> seedPoints(Beliefs beliefs) {
    List<Integer> order = new ArrayList<>(beliefs.feasibleIndices());
    order.sort(Comparator.comparingDouble((Integer i) -> -beliefs.outcomes().get(i)[0]));
    List<double[]> seeds = new ArrayList<>();
    for (int i = 0; i < Math.min(SEED_POINTS, order.size()); i++) {
      seeds.add(beliefs.points().get(order.get(i)));
    }
    return seeds;
  }
}
