package io.bayestune.driver;

/**
 * Hears about every trial the {@link TuningLoop} observes, one at a time on the loop's optimizer thread, after the
 * observation was saved.
 */
@FunctionalInterface
public interface TrialListener {
  void observed(ObservedTrial trial);
}
