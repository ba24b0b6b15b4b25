package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.space.Assignments;
import java.util.List;

/**
 * Makes the next suggestions of an experiment from its history. Implementations are deterministic:
 * the same history (whatever order its observations arrived in) gives the same suggestions, and
 * they never return a configuration equal to an observed, open or just-returned one.
 */
public interface SuggestionStrategy {

  /**
   * @param count how many new configurations (at least 1)
   * @return {@code count} distinct new configurations, or fewer if the space has no more
   */
  List<Assignments> suggest(History history, int count);
}
