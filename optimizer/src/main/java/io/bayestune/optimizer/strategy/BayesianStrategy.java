package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.acquisition.PosteriorMean;
import io.bayestune.optimizer.model.FitOptions;
import io.bayestune.optimizer.model.GaussianProcess;
import io.bayestune.optimizer.model.Hyperparameters;
import io.bayestune.optimizer.optim.AcquisitionMaximizer;
import io.bayestune.optimizer.optim.SearchBox;
import io.bayestune.optimizer.space.Assignments;
import io.bayestune.optimizer.space.UnitCubeEncoding;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Bayesian optimization: a scrambled Sobol design for the first few suggestions, then a Gaussian
 * process fitted to every observation and log expected improvement maximized over the mixed space.
 *
 * <p>Open suggestions are accounted for by fantasies (Ginsbourger, Le Riche and Carraro 2010,
 * "Kriging is well-suited to parallelize optimization"): each open point is added to the model with
 * a believed outcome, which collapses the posterior variance there, so the next point goes elsewhere.
 *
 * <p>That alone explores too much once the search is refining an optimum: every open point removes
 * the expected improvement around itself, so the other open points go to other basins, and with 4
 * open the run after 50 evaluations was where the sequential run is after about 42 (Branin, 100
 * seeds: 5.1x the sequential regret). So while suggestions are open, every second ({@link #EXPLOIT_EVERY})
 * suggestion of the experiment is instead the maximizer of the posterior mean of the completed trials
 * (the model's best guess of the optimum, made with the newest data); the others stay believer EI.
 * A batch with one exploiting member and the rest exploring is the structure of GP-UCB-PE (Contal,
 * Buffoni, Robicquet and Vayatis 2013, "Parallel Gaussian process optimization with upper confidence
 * bound and pure exploration"); asynchronous BO that exploits the posterior mean part of the time is
 * De Ath, Everson and Fieldsend 2021 ("Asynchronous epsilon-greedy Bayesian optimisation"). Which
 * suggestions exploit follows from their position in the experiment alone, so the rule replays
 * exactly from saved state. A sequential run (nothing open) is plain log EI. Measured in
 * docs/benchmarks.md, "Open suggestions: policies compared".
 * Failed evaluations enter the model at the worst value observed, which steers the search away from
 * their region without letting them dominate the fit.
 */
public final class BayesianStrategy implements SuggestionStrategy {
  private static final System.Logger LOG = System.getLogger(BayesianStrategy.class.getName());

  /**
   * While suggestions are open, suggestion positions divisible by this exploit. Measured with 4 open
   * (median regret at 50 against the sequential run's; Branin at 200 seeds, the others at 100):
   * every position: Branin 0.55x, but the mixed function 2.0x (pure exploitation gets stuck on its
   * integers); every 2nd: Branin 0.95x, Hartmann6 1.33x, mixed 0.99x; every 3rd: 1.39x, 1.33x, 1.0x;
   * never (believer only): 5.1x, 1.13x, 1.03x.
   */
  static final int EXPLOIT_EVERY = 2;

  /**
   * A call for many free slots searches fully for its first suggestions only; the rest of the batch
   * (a big cluster's, dozens per call) use {@link #BATCH_TAIL}, a quarter of the candidates. Measured:
   * 64 suggestions at n = 2,000 cost 1.3 s of CPU with the full local search for each, most of it
   * scoring candidates. Calls of up to 8 suggestions (every small-scale run) are unchanged.
   */
  static final int FULL_SEARCHES = 8;
  static final AcquisitionMaximizer.Options BATCH_TAIL = new AcquisitionMaximizer.Options(128, 2, 50, 5, 8, 0.05);

  private final int initialDesign;
  private final PendingPolicy pendingPolicy;
  private final FitOptions fitOptions;
  private final AcquisitionMaximizer.Options maximizerOptions;
  private final LocalModelOptions local;
  /** Past the small scale, hyperparameters are refitted on a schedule; this keeps the last fit. */
  private final HyperparameterSchedule schedule = new HyperparameterSchedule();

  public BayesianStrategy(int initialDesign, PendingPolicy pendingPolicy) {
    this(initialDesign, pendingPolicy, LocalModelOptions.defaults());
  }

  public BayesianStrategy(int initialDesign, PendingPolicy pendingPolicy, LocalModelOptions local) {
    this(initialDesign, pendingPolicy, FitOptions.defaults(), AcquisitionMaximizer.Options.defaults(), local);
  }

  public BayesianStrategy(int initialDesign, PendingPolicy pendingPolicy, FitOptions fitOptions,
      AcquisitionMaximizer.Options maximizerOptions) {
    this(initialDesign, pendingPolicy, fitOptions, maximizerOptions, LocalModelOptions.defaults());
  }

  /**
   * @param local when to switch to a local model around the best trial, and its options (see
   *     {@link LocalRegion}); {@link LocalModelOptions#never()} keeps one global model at every size
   */
  public BayesianStrategy(int initialDesign, PendingPolicy pendingPolicy, FitOptions fitOptions,
      AcquisitionMaximizer.Options maximizerOptions, LocalModelOptions local) {
    if (initialDesign < 1) {
      throw new IllegalArgumentException("initialDesign: must be at least 1, but got " + initialDesign);
    }
    this.initialDesign = initialDesign;
    this.pendingPolicy = pendingPolicy;
    this.fitOptions = fitOptions;
    this.maximizerOptions = maximizerOptions;
    this.local = java.util.Objects.requireNonNull(local, "local");
  }

  /**
   * The size of the space-filling design before the model takes over: one more than the number of
   * parameters, at least 4 and at most 10, and no more than a third of the budget.
   */
  public static int defaultInitialDesign(int parameterCount, int observationBudget) {
    int n = Math.max(4, Math.min(10, parameterCount + 1));
    return observationBudget > 0 ? Math.max(2, Math.min(n, observationBudget / 3)) : n;
  }

  @Override
  public List<Assignments> suggest(History history, int count) {
    Set<Assignments> taken = history.taken();
    List<Assignments> out = new ArrayList<>();
    // Observations brought in from earlier experiments count as design points: a warm-started
    // experiment uses the model from its first suggestion.
    long designLeft = initialDesign - Math.max(history.suggestionsMade(), history.completed().size());
    if (designLeft > 0 || successes(history) < 2) {
      int fromDesign = (int) Math.min(count, Math.max(designLeft, successes(history) < 2 ? count : 0));
      out.addAll(new SobolStrategy().suggest(history, fromDesign, taken));
      if (out.size() == count || out.size() < fromDesign) {
        return out;
      }
    }
    UnitCubeEncoding encoding = history.encoding();
    LocalRegion region = regionOf(history);
    ModelState model;
    try {
      model = fitModel(history, region, scheduledKernel(history));
    } catch (IllegalStateException e) {
      // Recoverable numerical trouble: a uniform draw keeps the experiment moving.
      LOG.log(Level.WARNING, "model fit failed, suggesting at random instead: " + e.getMessage());
      return fillAtRandom(history, count, out, taken);
    }
    for (Assignments a : out) {
      model = model.withPending(history.encoding().encode(a));
    }
    int d = encoding.dimension();
    AcquisitionMaximizer maximizer = new AcquisitionMaximizer(encoding.domain(),
        region == null ? maximizerOptions : local.maximizer(d));
    AcquisitionMaximizer lighter = new AcquisitionMaximizer(encoding.domain(),
        region == null ? BATCH_TAIL : LocalModelOptions.tail(d, BATCH_TAIL));
    SearchBox box = region == null ? SearchBox.unitCube(d) : region.box();
    Resolution resolution = new Resolution(encoding.domain(), model.noisy() ? Resolution.NOISY : 0.0, box);
    Arrays.stream(model.observed()).forEach(resolution::occupy);
    model.pending().forEach(resolution::occupy); // the open suggestions and the design points above
    Predicate<double[]> allowed = x -> !taken.contains(encoding.decode(x)) && !resolution.isNearCopy(x);
    List<double[]> seeds = Arrays.asList(model.seedPoints());
    boolean exploited = false;
    while (out.size() < count) {
      RandomGenerator rng = history.random(out.size());
      List<double[]> best = List.of();
      if (!exploited && !model.pending().isEmpty() && (history.suggestionsMade() + out.size()) % EXPLOIT_EVERY == 0) {
        // One per call: the data behind the mean do not change within a call, so a second
        // exploiting point would only sit beside the first.
        exploited = true;
        best = maximizer.maximize(new PosteriorMean(model.fitted()), rng, allowed, 1, seeds, box);
        if (!best.isEmpty() && alreadyOpen(model, encoding).isNearCopy(canonical(encoding, best.get(0)))) {
          best = List.of(); // an open point is the best guess already: make the believer's choice instead
        }
      }
      if (best.isEmpty()) {
        best = (out.size() < FULL_SEARCHES ? maximizer : lighter).maximize(model.acquisition(rng), rng, allowed, 1,
            seeds, box);
      }
      if (best.isEmpty()) {
        return fillAtRandom(history, count, out, taken);
      }
      Assignments chosen = encoding.decode(best.get(0));
      double[] encoded = encoding.encode(chosen);
      taken.add(chosen);
      out.add(chosen);
      resolution.occupy(encoded);
      model = model.withPending(encoded);
    }
    return out;
  }

  /**
   * The model of the completed trials and the open ones: global, or past the switch local to the best
   * trial (see {@link LocalRegion}).
   *
   * @param region {@link #regionOf} the history
   * @param kernel hyperparameters to keep (see {@link HyperparameterSchedule}), or null to fit them
   */
  private ModelState fitModel(History history, LocalRegion region, Hyperparameters kernel) {
    return region != null ? ModelState.fitLocal(history, region, pendingPolicy,
        local.fit(history.encoding().dimension()), kernel)
        : ModelState.fit(history, pendingPolicy, fitOptions, kernel);
  }

  /** The hyperparameters of the last scheduled refit, or null when this call fits its own. */
  private Hyperparameters scheduledKernel(History history) {
    return schedule.kernelFor(history, h -> fitModel(h, regionOf(h), null).gp().hyperparameters());
  }

  /**
   * The local model's region past the switch, else null (the global model): the neighbours of the best
   * trial, searched in a cube around it whose side the trust region's replay sets (when on).
   */
  private LocalRegion regionOf(History history) {
    int start = local.start(history.encoding().dimension(), initialDesign);
    if (history.completed().size() <= start) {
      return null;
    }
    LocalRegion region = region(history);
    if (!local.trustRegion()) {
      return region;
    }
    double side = TrustRegionLength.of(history, start).length();
    double[] center = history.encoding().encode(history.completed().get(region.members()[0]).assignments());
    return region.limitedTo(center, side, history.encoding().domain());
  }

  /** The local model's region: the neighbours of the best completed trial (encoded, failed ones as NaN). */
  private LocalRegion region(History history) {
    List<History.Trial> trials = history.completed();
    double[][] x = new double[trials.size()][];
    double[] value = new double[trials.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = history.encoding().encode(trials.get(i).assignments());
      value[i] = trials.get(i).failed() ? Double.NaN : trials.get(i).value();
    }
    return LocalRegion.around(x, value, local.points(), history.encoding().domain());
  }

  /**
   * How close (per continuous unit-cube coordinate) an open point must be for the best guess to count
   * as open already: tighter than {@link Resolution#NOISY}, so that an exact experiment still refines.
   */
  private static final double ALREADY_OPEN = 1e-4;

  private static Resolution alreadyOpen(ModelState model, UnitCubeEncoding encoding) {
    Resolution open = new Resolution(encoding.domain(), ALREADY_OPEN);
    model.pending().forEach(open::occupy);
    return open;
  }

  /** The encoding of the configuration a maximizer's point decodes to (integers rounded, and so on). */
  private static double[] canonical(UnitCubeEncoding encoding, double[] x) {
    return encoding.encode(encoding.decode(x));
  }

  static List<Assignments> fillAtRandom(History history, int count, List<Assignments> out,
      Set<Assignments> taken) {
    while (out.size() < count) {
      Assignments a = RandomStrategy.draw(history, out.size(), taken);
      if (a == null) {
        break;
      }
      taken.add(a);
      out.add(a);
    }
    return out;
  }

  private static long successes(History history) {
    return history.completed().stream().filter(t -> !t.failed()).count();
  }

  /** How open suggestions enter the model. */
  public enum PendingPolicy {
    /** Believe the posterior mean at the open point (kriging believer). */
    KRIGING_BELIEVER,
    /** Believe the worst value observed so far (constant liar, pessimistic). */
    CONSTANT_LIAR_MIN,
    /** Average log EI over sampled outcomes of the open points (see FantasyLogExpectedImprovement). */
    FANTASIES
  }

  GaussianProcess gpForTesting(History history) {
    return ModelState.fit(history, pendingPolicy, fitOptions).gp();
  }

  /** The model of the completed trials a suggestion for this history would use (schedule included). */
  GaussianProcess fittedForTesting(History history) {
    return fitModel(history, regionOf(history), scheduledKernel(history)).fitted();
  }
}
