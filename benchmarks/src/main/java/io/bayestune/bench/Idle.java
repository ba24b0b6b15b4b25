package io.bayestune.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Idle slot-seconds of a run, from each trial's start and end: integral of (slots - running) over time,
 * split into before the first start, between (first start to last start) and the tail (last start to end).
 */
record Idle(double beforeFirst, double between, double tail) {

  static Idle of(List<TimedRunner.Span> spans, int slots, long loopStart, long loopEnd) {
    List<long[]> events = new ArrayList<>(); // {time, +1 start / -1 end}
    long firstStart = Long.MAX_VALUE;
    long lastStart = Long.MIN_VALUE;
    for (TimedRunner.Span s : spans) {
      events.add(new long[] {s.start(), 1});
      events.add(new long[] {s.end(), -1});
      firstStart = Math.min(firstStart, s.start());
      lastStart = Math.max(lastStart, s.start());
    }
    // Ends before starts at the same instant, so that a slot handed over at once counts as never idle.
    events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    double between = 0;
    double tail = 0;
    int running = 0;
    long previous = firstStart;
    for (long[] e : events) {
      double idle = Math.max(0, slots - running) * (e[0] - previous) / 1e9;
      if (e[0] <= lastStart) {
        between += idle;
      } else {
        tail += idle;
      }
      running += (int) e[1];
      previous = e[0];
    }
    tail += slots * Math.max(0, loopEnd - previous) / 1e9;
    return new Idle(slots * Math.max(0, firstStart - loopStart) / 1e9, between, tail);
  }
}
