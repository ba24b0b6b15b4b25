package io.bayestune.service;

/**
 * The one rule for whether a prepared suggestion is still fit to hand out and to keep in the pool, given the
 * experiment's {@code parallel_bandwidth}, the observation count it was made with and the count now. The preparer
 * ({@link SuggestionPreparer}) and the requests ({@link PreparedTakes}) act on the verdict only, never on the
 * bandwidth.
 *
 * <ul>
 *   <li>Many clients (bandwidth above 1): a prepared suggestion that misses a few results knows their points as open
 *   ones, so it is as informed as any suggestion made while those were still running. It goes {@link #OUTDATED} only
 *   once the results grew by a tenth since it was made (at least one result): remaking the pool after every result
 *   kept a core busy. An outdated one is still handed out while its replacement is made.
 *   <li>One client (bandwidth 1): it waits for each suggestion, and one prepared while its previous suggestion was
 *   open was made with that point pending (the pending policy's believer and best guesses) and without its result:
 *   a lone client following SigOpt's documented loop would always be one result behind (commits 9a4485d, c28074e).
 *   So any result since it was made makes it {@link #UNFIT}.
 * </ul>
 */
enum PreparedFreshness {
  /** Made with the observations now known (or few enough fewer): hand it out, keep it. */
  FRESH,
  /** Behind the results, but handed out while it waits to be made again, when no request waits. */
  OUTDATED,
  /**
   * Behind the results of a client that waits for them: a request takes it only once it waited its fresh wait in vain
   * ({@link PreparedTakes}), and it is made again at once, even while requests wait (counted as open, it would make
   * the suggestion made for them one made with a point pending).
   */
  UNFIT;

  /** The pool is made again once the results grew by 1/STALE_AFTER_GROWTH since it was prepared. */
  static final int STALE_AFTER_GROWTH = 10;

  /**
   * The verdict for a suggestion prepared when the experiment had {@code preparedAt} observations (-1: unknown, as
   * for one whose count was never recorded) and now has {@code observations}.
   */
  static PreparedFreshness of(int parallelBandwidth, long preparedAt, int observations) {
    if (parallelBandwidth <= 1) {
      return preparedAt == observations ? FRESH : UNFIT;
    }
    return grewByATenth(preparedAt, observations) ? OUTDATED : FRESH;
  }

  /**
   * Whether the results grew by a tenth (at least one) from {@code preparedAt} (-1: unknown, counts as grown) to
   * {@code observations}; fewer than before (an observation was deleted) counts as grown too.
   */
  static boolean grewByATenth(long preparedAt, int observations) {
    return preparedAt < 0 || observations < preparedAt
        || observations - preparedAt >= Math.max(1, preparedAt / STALE_AFTER_GROWTH);
  }

  /** Whether the preparer should make it again. */
  boolean stale() {
    return this != FRESH;
  }

  /** Whether a request still within its fresh wait may take it. */
  boolean fitToHandOut() {
    return this != UNFIT;
  }

  /** Whether it is made again even while requests wait (else only when none waits). */
  boolean replaceEvenWhileRequestsWait() {
    return this == UNFIT;
  }
}
