package io.bayestune.optimizer.experiment;

import io.bayestune.optimizer.space.SearchSpace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an experiment is: its parameters, its metrics, how suggestions are made, its budget and how
 * many suggestions may be open at once. Parsed from SigOpt's JSON shape by {@link SpecJson}.
 *
 * @param metric the first optimized metric: the experiment's only one unless {@code metrics} says more
 * @param observationBudget planned number of observations, or 0 when not set
 * @param parallelBandwidth how many suggestions are expected to be open at once (at least 1)
 * @param metrics every metric in the spec's order (SigOpt's multimetric schema): up to
 *     {@link #MAX_OPTIMIZED} optimized, up to {@link #MAX_CONSTRAINTS} constraint metrics and any number
 *     of stored ones; {@code List.of(metric)} for a one-metric experiment
 */
public record ExperimentSpec(String name, SearchSpace space, Metric metric, StrategyType type,
    int observationBudget, int parallelBandwidth, List<Metric> metrics) {

  /** SigOpt's limits, which are also what the optimizer models well. */
  public static final int MAX_OPTIMIZED = 2;
  public static final int MAX_CONSTRAINTS = 4;

  /** A one-metric experiment. */
  public ExperimentSpec(String name, SearchSpace space, Metric metric, StrategyType type, int observationBudget,
      int parallelBandwidth) {
    this(name, space, metric, type, observationBudget, parallelBandwidth, List.of(metric));
  }

  /** An experiment with several metrics; {@code metric} is the first optimized one. */
  public ExperimentSpec(String name, SearchSpace space, List<Metric> metrics, StrategyType type,
      int observationBudget, int parallelBandwidth) {
    this(name, space, firstOptimized(metrics), type, observationBudget, parallelBandwidth, metrics);
  }

  public ExperimentSpec {
    if (name == null) {
      name = "";
    }
    if (type == null) {
      type = StrategyType.OFFLINE;
    }
    if (observationBudget < 0) {
      throw new IllegalArgumentException("observation_budget: must be a positive integer, but got "
          + observationBudget);
    }
    if (parallelBandwidth < 1) {
      throw new IllegalArgumentException("parallel_bandwidth: must be at least 1, but got " + parallelBandwidth);
    }
    metrics = metrics == null || metrics.isEmpty() ? List.of(metric) : List.copyOf(metrics);
    checkMetrics(metrics);
    if (!metric.equals(firstOptimized(metrics))) {
      throw new IllegalArgumentException("metrics: the experiment's metric '" + metric.name() + "' must be the first"
          + " optimized metric of the list, but the list is " + names(metrics));
    }
  }

  private static void checkMetrics(List<Metric> metrics) {
    Set<String> seen = new HashSet<>();
    int optimized = 0;
    int constraints = 0;
    for (int i = 0; i < metrics.size(); i++) {
      Metric m = metrics.get(i);
      if (!seen.add(m.name())) {
        throw new IllegalArgumentException("metrics[" + i + "].name: '" + m.name() + "' appears twice; give each"
            + " metric its own name");
      }
      optimized += m.strategy() == Metric.Strategy.OPTIMIZE ? 1 : 0;
      constraints += m.strategy() == Metric.Strategy.CONSTRAINT ? 1 : 0;
    }
    if (optimized == 0) {
      throw new IllegalArgumentException("metrics: at least one metric must have \"strategy\": \"optimize\", but got"
          + " none in " + names(metrics) + "; mark the metric to optimize");
    }
    if (optimized > MAX_OPTIMIZED) {
      throw new IllegalArgumentException("metrics: at most " + MAX_OPTIMIZED + " metrics can have \"strategy\":"
          + " \"optimize\", but got " + optimized + " in " + names(metrics) + "; keep two and make the others"
          + " \"strategy\": \"constraint\" (with a threshold) or \"store\"");
    }
    if (constraints > MAX_CONSTRAINTS) {
      throw new IllegalArgumentException("metrics: at most " + MAX_CONSTRAINTS + " metrics can have \"strategy\":"
          + " \"constraint\", but got " + constraints + "; make the others \"strategy\": \"store\"");
    }
  }

  private static Metric firstOptimized(List<Metric> metrics) {
    if (metrics == null) {
      throw new IllegalArgumentException("metrics: must be a list with at least one optimized metric, but got null");
    }
    for (Metric m : metrics) {
      if (m.strategy() == Metric.Strategy.OPTIMIZE) {
        return m;
      }
    }
    checkMetrics(metrics);
    throw new IllegalStateException("unreachable: checkMetrics refuses a list without an optimized metric");
  }

  private static List<String> names(List<Metric> metrics) {
    return metrics.stream().map(Metric::name).toList();
  }

  /** The optimized metrics (one or two), in the spec's order. */
  public List<Metric> optimized() {
    return withStrategy(Metric.Strategy.OPTIMIZE);
  }

  /** The constraint metrics, in the spec's order. */
  public List<Metric> constraints() {
    return withStrategy(Metric.Strategy.CONSTRAINT);
  }

  /** True when observations carry more than the one metric: they then report {@code values}. */
  public boolean multiMetric() {
    return metrics.size() > 1;
  }

  /** The metrics the optimizer models: the optimized ones, then the constraints. */
  public List<Metric> modelled() {
    List<Metric> out = new ArrayList<>(optimized());
    out.addAll(constraints());
    return out;
  }

  private List<Metric> withStrategy(Metric.Strategy strategy) {
    return metrics.stream().filter(m -> m.strategy() == strategy).toList();
  }
}
