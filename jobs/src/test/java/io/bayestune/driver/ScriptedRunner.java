package io.bayestune.driver;

import io.bayestune.optimizer.space.Assignments;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-JVM TrialRunner whose trials do what a test says (sleep, throw, return NaN, hang), and which
 * counts how many run at once, which started, which were cancelled and which were interrupted.
 */
final class ScriptedRunner implements TrialRunner {

  /** What one trial does. */
  @FunctionalInterface
  interface Behaviour {
    TrialResult run(TrialContext ctx, Assignments a) throws Exception;
  }

  private final Behaviour behaviour;
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger maxRunning = new AtomicInteger();
  final List<String> started = new CopyOnWriteArrayList<>();
  final List<String> jobGroups = new CopyOnWriteArrayList<>();
  final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  final Set<String> interrupted = ConcurrentHashMap.newKeySet();
  final List<Long> startNanos = new CopyOnWriteArrayList<>();
  final List<Long> endNanos = new CopyOnWriteArrayList<>();

  ScriptedRunner(Behaviour behaviour) {
    this.behaviour = behaviour;
  }

  @Override
  public TrialResult run(TrialContext ctx, Assignments a) throws Exception {
    startNanos.add(System.nanoTime());
    started.add(ctx.suggestionId());
    jobGroups.add(ctx.jobGroup());
    int now = running.incrementAndGet();
    maxRunning.accumulateAndGet(now, Math::max);
    try {
      return behaviour.run(ctx, a);
    } catch (InterruptedException e) {
      interrupted.add(ctx.suggestionId());
      throw e;
    } finally {
      running.decrementAndGet();
      endNanos.add(System.nanoTime());
    }
  }

  @Override
  public void cancel(TrialContext ctx) {
    cancelled.add(ctx.suggestionId());
  }

  /** A smooth function of the assignments x and y, maximal at (0.3, 0.7). */
  static double value(Assignments a) {
    double x = a.getDouble("x") - 0.3;
    double y = a.getDouble("y") - 0.7;
    return -(x * x + y * y);
  }
}
