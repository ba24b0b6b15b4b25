package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.sampling.SobolSequence;
import io.bayestune.optimizer.space.Assignments;
import io.bayestune.optimizer.space.UnitCubeEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A scrambled Sobol sequence over the design cube (one coordinate per parameter and conditional):
 * suggestion i is point i of the sequence, so a design fills the space evenly however it is split
 * into batches. Points that decode to a configuration already taken (possible in discrete spaces)
 * are skipped; after {@link #MAX_SKIPS} of them a uniform draw stands in.
 */
public final class SobolStrategy implements SuggestionStrategy {
  static final int MAX_SKIPS = 4096;

  @Override
  public List<Assignments> suggest(History history, int count) {
    return suggest(history, count, history.taken());
  }

  /** Like {@link #suggest(History, int)}, avoiding {@code taken} (which grows by what is returned). */
  List<Assignments> suggest(History history, int count, Set<Assignments> taken) {
    UnitCubeEncoding encoding = history.encoding();
    SobolSequence sequence = new SobolSequence(encoding.designDimension(), history.seed());
    for (long i = 0; i < history.suggestionsMade(); i++) {
      sequence.next();
    }
    List<Assignments> out = new ArrayList<>();
    int skips = 0;
    while (out.size() < count) {
      Assignments a = encoding.fromDesign(sequence.next());
      if (taken.add(a)) {
        out.add(a);
      } else if (++skips > MAX_SKIPS) {
        Assignments drawn = RandomStrategy.draw(history, out.size(), taken);
        if (drawn == null) {
          break;
        }
        taken.add(drawn);
        out.add(drawn);
      }
    }
    return out;
  }
}
