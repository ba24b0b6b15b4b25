package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.model.Hyperparameters;
import java.util.List;
import java.util.function.Function;

/**
 * When a large experiment refits its hyperparameters. Up to {@link #EVERY_CALL_UP_TO} completed trials
 * every suggestion fits them (the small-scale behaviour, unchanged); beyond, they are fitted only when
 * the count of completed trials reaches a multiple of {@link #STEP}, and the suggestions in between
 * condition the model on all current data with those hyperparameters, which costs one Cholesky
 * factorization instead of a fit (GP-based BO libraries do the same: Spearmint and GPyOpt refit on a
 * schedule, and a fit changes little when a few percent more data arrive).
 *
 * <p>The hyperparameters at a refit point {@code m} are those fitted to the first {@code m} trials in
 * the order they were observed ({@link History#firstArrivals}), with randomness from the seed and
 * {@code m} alone. The order is part of the experiment's saved state, so a resumed experiment (a new
 * process, an empty cache) fits the same hyperparameters again and replays exactly; the cache only
 * saves the work. A side effect, accepted: past the small scale, the suggestion depends on the arrival
 * order of the trials through the hyperparameters (below it, on their set alone).
 */
final class HyperparameterSchedule {

  /** Every suggestion refits while this many trials or fewer are completed. */
  static final int EVERY_CALL_UP_TO = 128;
  /** Beyond, hyperparameters are refitted every this many completed trials. */
  static final int STEP = 32;

  private int cachedPoint = -1;
  private long cachedFingerprint;
  private Hyperparameters cached;

  /** The completed count whose fit serves a history with {@code completed} trials. */
  static int refitPoint(int completed) {
    return completed <= EVERY_CALL_UP_TO ? completed
        : Math.max(EVERY_CALL_UP_TO, completed / STEP * STEP);
  }

  /**
   * The hyperparameters to keep for this history, or null when this call should fit its own (at or
   * below {@link #EVERY_CALL_UP_TO}).
   *
   * @param fitAt the hyperparameters a suggestion would fit for a history (called with the history of
   *     the first arrivals up to the refit point)
   */
  synchronized Hyperparameters kernelFor(History history, Function<History, Hyperparameters> fitAt) {
    int n = history.completed().size();
    int point = refitPoint(n);
    if (n <= EVERY_CALL_UP_TO) {
      return null;
    }
    long fingerprint = fingerprint(history.arrivals().subList(0, point), history.seed());
    if (cached == null || cachedPoint != point || cachedFingerprint != fingerprint) {
      cached = fitAt.apply(history.firstArrivals(point));
      cachedPoint = point;
      cachedFingerprint = fingerprint;
    }
    return cached;
  }

  /** Identifies the trials a cached fit came from (one strategy may serve different histories). */
  private static long fingerprint(List<History.Trial> trials, long seed) {
    long h = seed * 0x9E3779B97F4A7C15L + trials.size();
    for (History.Trial t : trials) {
      h = 31 * h + t.assignments().hashCode();
      h = 31 * h + Double.hashCode(t.value());
      h = 31 * h + Double.hashCode(t.noiseStddev());
      h = 31 * h + (t.failed() ? 1 : 0);
    }
    return h;
  }
}
