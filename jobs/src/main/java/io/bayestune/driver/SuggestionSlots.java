package io.bayestune.driver;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.SearchSpaceExhaustedException;
import io.bayestune.optimizer.experiment.Suggestion;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The scheduling rule of the driver's loop, apart from its threads and clock: which suggestion a
 * freed slot takes (a trial a previous driver left in flight, else one made ahead), and how many new
 * suggestions the optimizer makes in one batch (the free slots plus {@code lookahead}, within the
 * budget). {@link TuningLoop} runs it with real threads; the cluster simulator of the benchmarks runs
 * the same rule on a virtual clock.
 *
 * <p>Thread-safe for one optimizer thread ({@link #make}, {@link #add}) beside one dispatching thread
 * ({@link #take}, {@link #finished}).
 */
public final class SuggestionSlots {
  private static final Logger LOG = LogManager.getLogger(SuggestionSlots.class);

  private final int parallelism;
  private final int lookahead;
  private final Deque<Suggestion> reruns = new ConcurrentLinkedDeque<>();
  private final Deque<Suggestion> prepared = new ConcurrentLinkedDeque<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  /** How many more new suggestions the budget allows; changed only by the optimizer thread. */
  private final AtomicInteger newSuggestionsLeft = new AtomicInteger();
  /**
   * Guards taking a made suggestion together with counting it in flight, against the optimizer
   * thread's count of free slots: between the two, a suggestion would be in neither count, and the
   * optimizer would make one more than the slots and lookahead need.
   */
  private final Object accounting = new Object();
  private volatile boolean exhausted;

  /**
   * @param experiment its open suggestions (trials in flight when a previous driver stopped) are run
   *     first, as many as the budget still allows
   * @param observationBudget the observations the experiment should end with
   */
  public SuggestionSlots(Experiment experiment, int observationBudget, int parallelism, int lookahead) {
    this.parallelism = parallelism;
    this.lookahead = lookahead;
    int budgetLeft = observationBudget - experiment.observations().size();
    for (Suggestion s : experiment.openSuggestions()) {
      if (reruns.size() < budgetLeft) {
        reruns.add(s);
      }
    }
    newSuggestionsLeft.set(Math.max(0, budgetLeft - reruns.size()));
  }

  /** The open suggestions to run first, in order. */
  public List<Suggestion> reruns() {
    return List.copyOf(reruns);
  }

  /**
   * On the optimizer thread: makes the suggestions the free slots and the lookahead need, within
   * the budget, in one batch; they are not yet offered to slots (see {@link #add}).
   */
  public List<Suggestion> make(Experiment experiment) {
    int wanted;
    synchronized (accounting) {
      wanted = parallelism + lookahead - inFlight.get() - reruns.size() - prepared.size();
    }
    int count = Math.min(wanted, newSuggestionsLeft.get());
    if (count <= 0 || exhausted) {
      return List.of();
    }
    List<Suggestion> made = new ArrayList<>();
    try {
      made.addAll(experiment.suggest(count));
    } catch (SearchSpaceExhaustedException fewerLeft) {
      // A grid or a small discrete space can run out, and may hold fewer unused configurations than
      // the free slots: take what is left one at a time (a refused call leaves the experiment
      // unchanged); the trials in flight still finish. Any other failure of suggest (a numerical one)
      // is not caught here: it stops the job with its error, the observations saved, never silently.
      try {
        while (made.size() < count) {
          made.addAll(experiment.suggest(1));
        }
      } catch (SearchSpaceExhaustedException none) {
        LOG.warn("no more suggestions: {}", none.getMessage());
        exhausted = true;
      }
    }
    newSuggestionsLeft.addAndGet(-made.size());
    return made;
  }

  /** Offers suggestions made by {@link #make} to the free slots. */
  public void add(List<Suggestion> made) {
    prepared.addAll(made);
  }

  /** The suggestion a free slot runs next, counted in flight; null when none is ready. */
  public Suggestion take() {
    synchronized (accounting) {
      Suggestion next = reruns.isEmpty() ? prepared.poll() : reruns.poll();
      if (next != null) {
        inFlight.incrementAndGet();
      }
      return next;
    }
  }

  /** A trial ended: its slot is free. */
  public void finished() {
    inFlight.decrementAndGet();
  }

  public int parallelism() {
    return parallelism;
  }
}
