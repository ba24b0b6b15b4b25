package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.space.Assignments;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Independent uniform draws over the search space (each value equally likely): a baseline. */
public final class RandomStrategy implements SuggestionStrategy {
  /** Draws tried per suggestion before concluding the space is used up. */
  static final int MAX_DRAWS = 10_000;

  @Override
  public List<Assignments> suggest(History history, int count) {
    Set<Assignments> taken = history.taken();
    List<Assignments> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      Assignments a = draw(history, k, taken);
      if (a == null) {
        break;
      }
      taken.add(a);
      out.add(a);
    }
    return out;
  }

  /** A uniform draw not in {@code taken}, or null after {@link #MAX_DRAWS} tries. */
  static Assignments draw(History history, int offset, Set<Assignments> taken) {
    RandomGenerator rng = history.random(offset);
    double[] u = new double[history.encoding().designDimension()];
    for (int attempt = 0; attempt < MAX_DRAWS; attempt++) {
      for (int i = 0; i < u.length; i++) {
        u[i] = rng.nextDouble();
      }
      Assignments a = history.encoding().fromDesign(u);
      if (!taken.contains(a)) {
        return a;
      }
    }
    return null;
  }
}
