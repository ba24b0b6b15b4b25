package io.bayestune.report.importance;

import java.util.List;

/**
 * How much each parameter matters to the metric, by one method.
 *
 * @param method which method, and how to read its numbers
 * @param observations how many successful observations the numbers rest on
 * @param entries one per parameter and conditional, most important first; empty when unavailable
 * @param unavailableReason why there are no numbers (too few observations...), or null
 */
public record Importance(Method method, int observations, List<Entry> entries, String unavailableReason) {

  /**
   * A method as the report names it.
   *
   * @param name e.g. "variance explained (one-way ANOVA)"
   * @param legend a short name for a chart legend, e.g. "variance explained"
   * @param summary one line: the question the numbers answer
   * @param explanation a few sentences: how the numbers are computed and where the method is from
   */
  public record Method(String name, String legend, String summary, String explanation) {
  }

  /**
   * One parameter's importance.
   *
   * @param share the parameter's fraction of the total importance, in [0, 1]; shares sum to 1 unless all are 0
   * @param raw the method's own number before normalizing (e.g. a fraction of variance, or 1 / length scale)
   * @param rawLabel how to read {@code raw}, e.g. "explains 31% of the variance alone"
   */
  public record Entry(String name, double share, double raw, String rawLabel) {
  }

  public Importance {
    entries = List.copyOf(entries);
  }

  public static Importance unavailable(Method method, int observations, String reason) {
    return new Importance(method, observations, List.of(), reason);
  }

  public boolean available() {
    return unavailableReason == null;
  }
}
