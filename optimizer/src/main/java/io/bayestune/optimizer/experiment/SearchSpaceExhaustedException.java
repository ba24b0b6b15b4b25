package io.bayestune.optimizer.experiment;

/**
 * The search space holds fewer unused configurations than were asked for (a grid or a small discrete space):
 * a driver loop takes what is left and ends when it is empty. Any other exception from {@link Experiment#suggest}
 * (a numerical failure, say) is not this one, and must not end a job as if the space had run out.
 */
public final class SearchSpaceExhaustedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final int left;

  public SearchSpaceExhaustedException(int left, int asked) {
    super("the search space has " + left + " unused configuration(s) left, " + asked + " were asked for; every other"
        + " configuration is observed or open (widen the space, or observe the open suggestions)");
    this.left = left;
  }

  /** How many unused configurations the space still has (fewer than were asked for). */
  public int left() {
    return left;
  }
}
