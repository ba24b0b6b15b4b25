package io.bayestune.report.importance;

import java.util.List;

/**
 * How much each parameter matters to the metric, by one method.
 *
 * @param method a short name of the method, e.g. "variance explained (one-way ANOVA)"
 * @param explanation one or two sentences for readers: what the numbers mean and where the method is from
 * @param observations how many successful observations the numbers rest on
 * @param entries one per parameter and conditional, most important first; empty when unavailable
 * @param unavailableReason why there are no numbers (too few observations...), or null
 */
public record Importance(String method, String explanation, int observations, List<Entry> entries,
    String unavailableReason) {

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

  public static Importance unavailable(String method, String explanation, int observations, String reason) {
    return new Importance(method, explanation, observations, List.of(), reason);
  }

  public boolean available() {
    return unavailableReason == null;
  }
}
