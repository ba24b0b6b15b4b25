package io.bayestune.driver;

/** Hears about every trial the {@link TuningLoop} observes, on the loop's own thread, after it was saved. */
@FunctionalInterface
public interface TrialListener {
  void observed(ObservedTrial trial);
}
