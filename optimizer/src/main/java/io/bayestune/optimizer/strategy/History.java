package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.space.Assignments;
import io.bayestune.optimizer.space.UnitCubeEncoding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What a strategy may know of an experiment: its encoding, what was observed (values turned so that
 * larger is better), what is still open, how many suggestions were made before and the seed.
 * Observations are kept in a canonical order, so that arrival order cannot change a suggestion.
 */
public final class History {
  private final UnitCubeEncoding encoding;
  private final List<Trial> completed;
  private final List<Trial> arrivals;
  private final List<Assignments> open;
  private final long suggestionsMade;
  private final long seed;
  private final boolean warpOutcomes;

  /**
   * One finished evaluation.
   *
   * @param value the metric turned so that larger is better; NaN when failed
   * @param noiseStddev the value's standard deviation when known, else NaN
   * @param outcomes in a multimetric experiment, every modelled metric (optimized ones, then
   *     constraints) turned so that larger is better, a constraint as its slack (>= 0 when met);
   *     null in a one-metric experiment. Not copied: the experiment makes a new array per history
   * @param outcomeStddevs the outcomes' standard deviations (NaN when unknown), or null
   */
  public record Trial(Assignments assignments, double value, double noiseStddev, boolean failed, double[] outcomes,
      double[] outcomeStddevs) {

    /** A trial of a one-metric experiment. */
    public Trial(Assignments assignments, double value, double noiseStddev, boolean failed) {
      this(assignments, value, noiseStddev, failed, null, null);
    }

    /** The j-th modelled metric's outcome (larger is better; a constraint's slack); NaN when failed. */
    public double outcome(int j) {
      return failed ? Double.NaN : outcomes[j];
    }

    /** The j-th modelled metric's standard deviation when known, else NaN. */
    public double outcomeStddev(int j) {
      return failed || outcomeStddevs == null ? Double.NaN : outcomeStddevs[j];
    }
  }

  public History(UnitCubeEncoding encoding, List<Trial> completed, List<Assignments> open, long suggestionsMade,
      long seed) {
    this(encoding, completed, open, suggestionsMade, seed, true);
  }

  /**
   * @param warpOutcomes the experiment's option: whether models warp outcomes (Yeo-Johnson) before fitting
   */
  public History(UnitCubeEncoding encoding, List<Trial> completed, List<Assignments> open, long suggestionsMade,
      long seed, boolean warpOutcomes) {
    this.encoding = encoding;
    this.warpOutcomes = warpOutcomes;
    this.arrivals = List.copyOf(completed);
    // Each text key is made once, not once per comparison: at n = 5,000 that was 0.46 s of CPU per history.
    List<Keyed<Trial>> sorted = new ArrayList<>(completed.size());
    completed.forEach(t -> sorted.add(new Keyed<>(t.assignments().toString(), t)));
    sorted.sort(Comparator.comparing((Keyed<Trial> k) -> k.key())
        .thenComparingDouble(k -> k.item().value()).thenComparingDouble(k -> k.item().noiseStddev())
        .thenComparing(k -> k.item().failed()));
    this.completed = sorted.stream().map(Keyed::item).toList();
    List<Keyed<Assignments>> sortedOpen = new ArrayList<>(open.size());
    open.forEach(a -> sortedOpen.add(new Keyed<>(a.toString(), a)));
    sortedOpen.sort(Comparator.comparing(Keyed::key));
    this.open = sortedOpen.stream().map(Keyed::item).toList();
    this.suggestionsMade = suggestionsMade;
    this.seed = seed;
  }

  /** An item with its sort key, computed once. */
  private record Keyed<T>(String key, T item) {
  }

  public UnitCubeEncoding encoding() {
    return encoding;
  }

  /** Finished evaluations in canonical order. */
  public List<Trial> completed() {
    return completed;
  }

  /**
   * Finished evaluations in the order they were given (an experiment gives them in the order they were
   * observed, which its saved state keeps): only for what must not change when more arrive, such as
   * hyperparameters fitted at a scheduled point (see {@link HyperparameterSchedule}).
   */
  public List<Trial> arrivals() {
    return arrivals;
  }

  /**
   * The history as it was when only the first {@code count} arrivals were completed, with nothing open,
   * {@code count} suggestions made before, and the same encoding, seed and options.
   */
  public History firstArrivals(int count) {
    return new History(encoding, arrivals.subList(0, count), List.of(), count, seed, warpOutcomes);
  }

  /** Suggestions made and not yet observed, in canonical order. */
  public List<Assignments> open() {
    return open;
  }

  /** Number of suggestions made before this call: the position in a design sequence. */
  public long suggestionsMade() {
    return suggestionsMade;
  }

  public long seed() {
    return seed;
  }

  /** Whether models warp outcomes before fitting (an experiment option, saved in its state). */
  public boolean warpOutcomes() {
    return warpOutcomes;
  }

  /** Every configuration already observed or open: new suggestions must avoid these. */
  public Set<Assignments> taken() {
    Set<Assignments> taken = new HashSet<>(open);
    for (Trial t : completed) {
      taken.add(t.assignments());
    }
    return taken;
  }

  /** Randomness for the suggestion at position {@code suggestionsMade() + offset}, from the seed alone. */
  public RandomGenerator random(long offset) {
    return new SplittableRandom(new SplittableRandom(seed).nextLong() ^ (0x9E3779B97F4A7C15L * (suggestionsMade + offset + 1)));
  }
}
