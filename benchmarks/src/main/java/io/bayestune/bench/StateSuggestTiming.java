package io.bayestune.bench;

import io.bayestune.bench.jmh.SuggestLatencyBenchmark;
import io.bayestune.optimizer.experiment.Experiment;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;

/**
 * The call the JMH latency cells time ({@code SuggestLatencyBenchmark}: a suggestion from a fresh copy of
 * a saved state, as a restarted driver or a {@code bayestune suggest} makes it), timed by the calling
 * thread's CPU as well as the wall clock, then the state written back as the job's save does; at the end,
 * the peak heap the JVM used. On the shared 2-core machine (load 5-17 while this was written) the wall
 * time of a single-threaded call was 3-10x its CPU time, so the CPU time is what says whether the call
 * fits a target on a quiet core. A main, not a test. Args: n d open batch [reps]. Run:
 * java -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/bayestune.classpath)" \
 *     io.bayestune.bench.StateSuggestTiming 10000 12 255 1 3
 */
public final class StateSuggestTiming {
  private StateSuggestTiming() {
  }

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int d = Integer.parseInt(args[1]);
    int open = Integer.parseInt(args[2]);
    int batch = Integer.parseInt(args[3]);
    int reps = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long c0 = threads.getCurrentThreadCpuTime();
    String state = SuggestLatencyBenchmark.preloadedState(n, d, open, 17);
    System.out.printf("state of n=%d d=%d open=%d built in %.0f ms cpu (%d characters)%n", n, d, open,
        (threads.getCurrentThreadCpuTime() - c0) / 1e6, state.length());
    for (int rep = 0; rep < reps; rep++) {
      Experiment e = Experiment.fromJson(state);
      long cpu = threads.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      int made = e.suggest(batch).size();
      double suggestCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
      double suggestWall = (System.nanoTime() - wall) / 1e6;
      long saveCpu = threads.getCurrentThreadCpuTime();
      int saved = e.toJson().length();
      System.out.printf("suggest(%d): %.0f ms cpu, %.0f ms wall (%d made); save %.0f ms cpu (%d characters)%n", batch,
          suggestCpu, suggestWall, made, (threads.getCurrentThreadCpuTime() - saveCpu) / 1e6, saved);
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("heap: peak used %.0f MiB (sum of the heap pools' peaks), max %.0f MiB%n", peak / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0);
  }
}
