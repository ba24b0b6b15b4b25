package io.bayestune.bench;

import io.bayestune.driver.TrialContext;
import io.bayestune.driver.TrialResult;
import io.bayestune.driver.TrialRunner;
import io.bayestune.optimizer.space.Assignments;
import java.util.ArrayList;
import java.util.List;

/** A runner that records when each trial started and ended (System.nanoTime), for the scheduling bench. */
final class TimedRunner implements TrialRunner {
  /** One trial's start and end, in nanoseconds. */
  record Span(long start, long end) {
  }

  private final TrialRunner inner;
  private final List<Span> spans = new ArrayList<>();

  TimedRunner(TrialRunner inner) {
    this.inner = inner;
  }

  @Override
  public TrialResult run(TrialContext trial, Assignments assignments) throws Exception {
    long start = System.nanoTime();
    try {
      return inner.run(trial, assignments);
    } finally {
      long end = System.nanoTime();
      synchronized (spans) {
        spans.add(new Span(start, end));
      }
    }
  }

  @Override
  public void cancel(TrialContext trial) {
    inner.cancel(trial);
  }

  List<Span> spans() {
    synchronized (spans) {
      return List.copyOf(spans);
    }
  }
}
