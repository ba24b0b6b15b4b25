package io.bayestune.optimizer.experiment;

import io.bayestune.optimizer.space.Assignments;
import io.bayestune.optimizer.space.UnitCubeEncoding;
import io.bayestune.optimizer.strategy.BestEstimator;
import io.bayestune.optimizer.strategy.History;
import io.bayestune.optimizer.strategy.Strategies;
import io.bayestune.optimizer.strategy.SuggestionStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An experiment and its three calls: {@link #suggest}, {@link #observe}, {@link #best}.
 *
 * <pre>{@code
 * Experiment e = Experiment.create(SpecJson.parse(specJson), 7);
 * Suggestion s = e.suggest();
 * e.observe(s.id(), evaluate(s.assignments()), null);
 * Best best = e.best().orElseThrow();
 * String state = e.toJson();            // every suggestion and observation
 * Experiment same = Experiment.fromJson(state);  // continues exactly where it was
 * }</pre>
 *
 * <p>Thread-safe: a Spark driver observes from many trial threads. Every call either succeeds whole
 * or throws with the experiment unchanged.
 */
public final class Experiment {
  private final ExperimentSpec spec;
  private final long seed;
  private final ExperimentOptions options;
  private final UnitCubeEncoding encoding;
  private final SuggestionStrategy strategy;
  private final LinkedHashMap<String, Suggestion> suggestions = new LinkedHashMap<>();
  private final LinkedHashMap<String, Observation> observationsBySuggestion = new LinkedHashMap<>();
  private final List<Observation> observations = new ArrayList<>();
  private long nextId = 1;
  private Optional<Best> best = Optional.empty();
  private int bestForCount = -1;

  Experiment(ExperimentSpec spec, long seed, ExperimentOptions options) {
    this(spec, seed, options, Strategies.forSpec(spec, options.pendingPolicy(), options.localModel()));
  }

  private Experiment(ExperimentSpec spec, long seed, ExperimentOptions options, SuggestionStrategy strategy) {
    this.spec = spec;
    this.seed = seed;
    this.options = java.util.Objects.requireNonNull(options, "options");
    this.encoding = new UnitCubeEncoding(spec.space());
    this.strategy = java.util.Objects.requireNonNull(strategy, "strategy");
  }

  public static Experiment create(ExperimentSpec spec, long seed) {
    return new Experiment(spec, seed, ExperimentOptions.defaults());
  }

  /** An experiment whose optimizer works as {@code options} say; they are saved in its state. */
  public static Experiment create(ExperimentSpec spec, long seed, ExperimentOptions options) {
    return new Experiment(spec, seed, options);
  }

  /**
   * An experiment whose suggestions come from a strategy of one's own (research code, or a test that needs a
   * strategy to fail) instead of the one its spec's {@code type} names. The state does not record it: {@link
   * #fromJson} gives back the spec's strategy.
   */
  public static Experiment create(ExperimentSpec spec, long seed, SuggestionStrategy strategy) {
    return new Experiment(spec, seed, ExperimentOptions.defaults(), strategy);
  }

  public ExperimentSpec spec() {
    return spec;
  }

  public long seed() {
    return seed;
  }

  /** How the optimizer works for this experiment (saved in the state). */
  public ExperimentOptions options() {
    return options;
  }

  /** One new suggestion. */
  public Suggestion suggest() {
    return suggest(1).get(0);
  }

  /**
   * {@code count} new suggestions, distinct from each other and from every observed or open one, made
   * knowing the open ones.
   *
   * @throws SearchSpaceExhaustedException when the search space has fewer than {@code count} unused configurations
   */
  public synchronized List<Suggestion> suggest(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count: must be at least 1, but got " + count);
    }
    List<Assignments> made = strategy.suggest(history(), count);
    if (made.size() < count) {
      throw new SearchSpaceExhaustedException(made.size(), count);
    }
    List<Suggestion> out = new ArrayList<>();
    for (Assignments a : made) {
      Suggestion s = new Suggestion(Long.toString(nextId++), a);
      suggestions.put(s.id(), s);
      out.add(s);
    }
    return out;
  }

  /** The history a strategy sees now. */
  public synchronized History history() {
    List<History.Trial> completed = new ArrayList<>();
    for (Observation o : observations) {
      History.Trial t = new History.Trial(o.assignments(),
          o.failed() ? Double.NaN : spec.metric().objective().toMaximized(o.value()),
          o.valueStddev() == null ? Double.NaN : o.valueStddev(), o.failed());
      completed.add(spec.multiMetric() ? withOutcomes(t, o) : t);
    }
    List<Assignments> open = new ArrayList<>();
    for (Suggestion s : openSuggestions()) {
      open.add(s.assignments());
    }
    return new History(encoding, completed, open, nextId - 1, seed, options.warpOutcomes());
  }

  /**
   * The trial with every modelled metric (objectives, then constraints) turned so that larger is better;
   * a constraint's outcome is its slack, which is >= 0 when the threshold is met.
   */
  private History.Trial withOutcomes(History.Trial t, Observation o) {
    List<Metric> modelled = spec.modelled();
    double[] outcomes = new double[modelled.size()];
    double[] stddevs = new double[modelled.size()];
    for (int j = 0; j < outcomes.length; j++) {
      Metric m = modelled.get(j);
      MetricEvaluation e = o.evaluationOf(m);
      outcomes[j] = e == null ? Double.NaN
          : m.strategy() == Metric.Strategy.CONSTRAINT ? m.slack(e.value()) : m.objective().toMaximized(e.value());
      stddevs[j] = e == null || e.valueStddev() == null ? Double.NaN : e.valueStddev();
    }
    return new History.Trial(t.assignments(), t.value(), t.noiseStddev(), t.failed(), outcomes, stddevs);
  }

  /** Reports a value for an open suggestion. */
  public Observation observe(String suggestionId, double value, Double valueStddev) {
    return observe(suggestionId, value, valueStddev, Map.of());
  }

  /** Reports a value for an open suggestion, with small facts to keep beside it. */
  public synchronized Observation observe(String suggestionId, double value, Double valueStddev,
      Map<String, String> metadata) {
    Suggestion s = openSuggestion(suggestionId);
    checkValue("suggestion " + suggestionId, value, valueStddev);
    requireOneMetric("suggestion " + suggestionId);
    return record(new Observation(s.id(), s.assignments(), value, valueStddev, false, null, metadata));
  }

  /** Reports that evaluating an open suggestion failed; the search steers away from it. */
  public synchronized Observation observeFailed(String suggestionId, String reason, Map<String, String> metadata) {
    Suggestion s = openSuggestion(suggestionId);
    return record(new Observation(s.id(), s.assignments(), Double.NaN, null, true, reason, metadata));
  }

  public Observation observeFailed(String suggestionId) {
    return observeFailed(suggestionId, null, Map.of());
  }

  /**
   * Reports an evaluation that no suggestion asked for: past trials (a lab notebook) that the model
   * should use from its first suggestion on.
   */
  public synchronized Observation observe(Map<String, ?> assignments, double value, Double valueStddev) {
    return record(past("observation", PastObservation.of(assignments, value, valueStddev)));
  }

  /** Reports that evaluating a configuration no suggestion asked for failed (a past trial that failed). */
  public synchronized Observation observeFailed(Map<String, ?> assignments, String reason,
      Map<String, String> metadata) {
    Assignments a = validAssignments("observation", assignments);
    return record(new Observation(null, a, Double.NaN, null, true, reason, metadata));
  }

  /**
   * Reports many evaluations that no suggestion asked for (a history of thousands of past trials) in one call:
   * all of them or, when any is invalid, none (the error names its index, the parameter and the value).
   */
  public synchronized List<Observation> observeAll(List<PastObservation> past) {
    List<Observation> checked = new ArrayList<>(past.size());
    for (int i = 0; i < past.size(); i++) {
      checked.add(past("observations[" + i + "]", past.get(i)));
    }
    checked.forEach(this::record);
    return checked;
  }

  /** The observation a past evaluation becomes, checked against the space and the metric; nothing recorded. */
  private Observation past(String subject, PastObservation p) {
    Assignments a = validAssignments(subject, p.assignments());
    if (p.failed()) {
      return new Observation(null, a, Double.NaN, null, true, p.failureReason(), Map.of());
    }
    checkValue(subject, p.value(), p.valueStddev());
    requireOneMetric(subject);
    return new Observation(null, a, p.value(), p.valueStddev(), false, null, Map.of());
  }

  /** The space's check of reported assignments, with the fix when the space's message has none. */
  private Assignments validAssignments(String subject, Map<String, ?> assignments) {
    try {
      return spec.space().validate(assignments);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(subject + ": " + m + (m.contains(";") ? "" : "; correct the value, or leave"
          + " this trial out (an observation must be a configuration of this experiment's space)"), e);
    }
  }

  /**
   * Reports every metric's value for an open suggestion (SigOpt's {@code values}); in a one-metric
   * experiment the list holds that metric alone.
   *
   * @throws IllegalArgumentException when a metric of the experiment has no value, or a value is
   *     not finite, naming the metric and the fix; the experiment is then unchanged
   */
  public synchronized Observation observe(String suggestionId, List<MetricEvaluation> values,
      Map<String, String> metadata) {
    Suggestion s = openSuggestion(suggestionId);
    return record(withValues("suggestion " + suggestionId, s.id(), s.assignments(), values, metadata));
  }

  /** Reports every metric's value for a configuration no suggestion asked for (past trials). */
  public synchronized Observation observe(Map<String, ?> assignments, List<MetricEvaluation> values) {
    Assignments a = validAssignments("observation", assignments);
    return record(withValues("observation", null, a, values, Map.of()));
  }

  private Observation withValues(String subject, String id, Assignments a, List<MetricEvaluation> values,
      Map<String, String> metadata) {
    List<MetricEvaluation> ordered = MetricValues.check(spec, subject, values);
    MetricEvaluation primary = MetricValues.primary(spec, ordered);
    // A one-metric experiment keeps its observations in the one-value shape it always had.
    return new Observation(id, a, primary.value(), primary.valueStddev(), false, null, metadata,
        spec.multiMetric() ? ordered : List.of());
  }

  private void requireOneMetric(String subject) {
    if (spec.multiMetric()) {
      MetricValues.check(spec, subject, List.of());
    }
  }

  private Observation record(Observation o) {
    observations.add(o);
    if (o.suggestionId() != null) {
      observationsBySuggestion.put(o.suggestionId(), o);
    }
    return o;
  }

  private Suggestion openSuggestion(String id) {
    Suggestion s = id == null ? null : suggestions.get(id);
    if (s == null) {
      throw new IllegalArgumentException("suggestion " + id + ": no such suggestion in this experiment (ids run"
          + " from 1 to " + (nextId - 1) + "); check the id");
    }
    Observation previous = observationsBySuggestion.get(id);
    if (previous != null) {
      throw new IllegalArgumentException("suggestion " + id + " was already observed ("
          + (previous.failed() ? "failed" : "value " + previous.value()) + "); observations are final");
    }
    return s;
  }

  private static void checkValue(String subject, double value, Double valueStddev) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(subject + ": value must be finite, but got " + value
          + "; report it with \"failed\": true instead");
    }
    if (valueStddev != null && (!Double.isFinite(valueStddev) || valueStddev < 0)) {
      throw new IllegalArgumentException(subject + ": value_stddev must be a finite number >= 0, but got "
          + valueStddev + "; leave it out when unknown");
    }
  }

  /** The best configuration so far, or empty before the first successful observation. */
  public synchronized Optional<Best> best() {
    // Observations only grow, so their count identifies the history; noisy histories fit a model.
    if (bestForCount != observations.size()) {
      // An observation that misses a constraint is never best; a one-metric experiment has none.
      List<Observation> candidates = spec.constraints().isEmpty() ? observations
          : observations.stream().filter(o -> o.feasible(spec)).toList();
      best = spec.optimized().size() > 1 ? ParetoBest.front(spec, observations).stream().findFirst()
          : BestEstimator.best(spec.metric(), encoding, candidates, seed).map(b -> withValuesOf(b, candidates));
      bestForCount = observations.size();
    }
    return best;
  }

  private static Best withValuesOf(Best b, List<Observation> from) {
    for (Observation o : from) {
      if (!o.values().isEmpty() && o.assignments().equals(b.assignments())
          && java.util.Objects.equals(o.suggestionId(), b.suggestionId())) {
        return new Best(b.suggestionId(), b.assignments(), b.value(), b.valueStddev(), b.estimatedValue(), o.values());
      }
    }
    return b;
  }

  /**
   * SigOpt's {@code best_assignments}: with two optimized metrics, the Pareto front of the feasible
   * observations (best first in the first optimized metric); otherwise the one {@link #best}, or
   * nothing before the first feasible observation.
   */
  public synchronized List<Best> bestAssignments() {
    if (spec.optimized().size() > 1) {
      return ParetoBest.front(spec, observations);
    }
    return best().map(List::of).orElse(List.of());
  }

  /**
   * The completed observation with the best single value in the metric's direction (the first of equals),
   * ignoring noise and skipping observations that miss a constraint: what CrossValidator would pick. {@link #best} may name another when values are noisy.
   */
  public synchronized Optional<Observation> bestObserved() {
    Observation top = null;
    for (Observation o : observations) {
      if (o.feasible(spec) && (top == null || spec.metric().isBetter(o.value(), top.value()))) {
        top = o;
      }
    }
    return Optional.ofNullable(top);
  }

  public synchronized List<Suggestion> suggestions() {
    return List.copyOf(suggestions.values());
  }

  /** Suggestions made and not yet observed, oldest first. */
  public synchronized List<Suggestion> openSuggestions() {
    List<Suggestion> open = new ArrayList<>();
    for (Suggestion s : suggestions.values()) {
      if (!observationsBySuggestion.containsKey(s.id())) {
        open.add(s);
      }
    }
    return open;
  }

  /** Every observation, in the order reported. */
  public synchronized List<Observation> observations() {
    return List.copyOf(observations);
  }

  public synchronized Optional<Observation> observationOf(String suggestionId) {
    return Optional.ofNullable(observationsBySuggestion.get(suggestionId));
  }

  /** True once observation_budget observations were reported (never, without a budget). */
  public synchronized boolean budgetReached() {
    return spec.observationBudget() > 0 && observations.size() >= spec.observationBudget();
  }

  /** The full state: spec, seed, every suggestion and observation. */
  public synchronized String toJson() {
    return ExperimentJson.write(this, nextId);
  }

  /**
   * One observation as the state document holds it (an element of its {@code observations}), for callers that
   * store a change to the document instead of the whole of it.
   */
  public static com.fasterxml.jackson.databind.node.ObjectNode observationJson(Observation o) {
    return ExperimentJson.write(o);
  }

  /** An experiment that continues exactly where the saved one was. */
  public static Experiment fromJson(String json) {
    return ExperimentJson.read(json);
  }

  // Restoring state, for ExperimentJson only.
  void restoreSuggestion(Suggestion s) {
    suggestions.put(s.id(), s);
  }

  void restoreObservation(Observation o) {
    record(o);
  }

  void restoreNextId(long next) {
    nextId = next;
  }
}
