package io.bayestune.bench;

import io.bayestune.functions.BenchmarkFunction;
import io.bayestune.functions.BenchmarkFunctions;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.ExperimentOptions;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.space.Assignments;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ask/tell loop on one benchmark function, through the public three calls only: sequential
 * (suggest one, observe it) or with {@code open} suggestions kept open (observe the oldest, suggest
 * one more), as a cluster with {@code open} workers would.
 */
public final class AskTellLoop {
  /** What the open-suggestion check saw in one run. */
  public record OpenCheck(long checks, long duplicatesAmongOpen, long equalToObserved, String firstViolation) {
    OpenCheck add(OpenCheck o) {
      return new OpenCheck(checks + o.checks, duplicatesAmongOpen + o.duplicatesAmongOpen,
          equalToObserved + o.equalToObserved, firstViolation != null ? firstViolation : o.firstViolation);
    }

    static final OpenCheck NONE = new OpenCheck(0, 0, 0, null);
  }

  /** A run and its open-suggestion check. */
  public record Result(Run run, OpenCheck check) {
  }

  private AskTellLoop() {
  }

  /**
   * Runs {@code budget} evaluations with up to {@code open} suggestions open at once (1 for the
   * sequential loop). New suggestions are always asked for one at a time, so that with open = 4 every
   * suggestion after the first four is made knowing three pending ones.
   */
  public static Result run(BenchmarkFunction f, String type, long seed, int budget, int open) {
    return run(f, type, seed, budget, open, ExperimentOptions.defaults());
  }

  /** As {@link #run(BenchmarkFunction, String, long, int, int)}, the optimizer working as {@code options} say. */
  public static Result run(BenchmarkFunction f, String type, long seed, int budget, int open,
      ExperimentOptions options) {
    if (open < 1 || open > budget) {
      throw new IllegalArgumentException("open suggestions: must be in [1, budget=" + budget + "], but got " + open);
    }
    String label = open == 1 ? type : type + "@" + open;
    Experiment e = BenchmarkFunctions.experiment(f, type, seed, budget, open, options);
    List<Double> values = new ArrayList<>();
    ArrayDeque<Suggestion> pending = new ArrayDeque<>();
    Set<Assignments> observed = new HashSet<>();
    OpenCheck check = OpenCheck.NONE;
    long suggestNanos = 0;
    int suggested = 0;
    try {
      while (values.size() < budget) {
        while (pending.size() < open && suggested < budget) {
          long start = System.nanoTime();
          Suggestion s = e.suggest(1).get(0);
          suggestNanos += System.nanoTime() - start;
          suggested++;
          check = check.add(checkNew(f, label, seed, s, pending, observed));
          pending.addLast(s);
        }
        Suggestion s = pending.removeFirst();
        double v = f.value(s.assignments());
        e.observe(s.id(), v, null);
        observed.add(s.assignments());
        values.add(v);
      }
      return new Result(run(f, label, seed, values, suggestNanos, null), check);
    } catch (RuntimeException ex) {
      String why = "after " + values.size() + " evaluations: " + ex;
      return new Result(run(f, label, seed, values, suggestNanos, why), check);
    }
  }

  /**
   * Runs {@code budget} evaluations in batches: {@code suggest(batch)}, every suggestion evaluated, then all of
   * them observed (a cluster with {@code batch} free slots that one model fit serves). The label stays
   * {@code type}: in a batched benchmark every strategy runs batched.
   */
  public static Result batched(BenchmarkFunction f, String type, long seed, int budget, int batch,
      ExperimentOptions options) {
    Experiment e = BenchmarkFunctions.experiment(f, type, seed, budget, batch, options);
    List<Double> values = new ArrayList<>();
    long suggestNanos = 0;
    try {
      while (values.size() < budget) {
        long start = System.nanoTime();
        List<Suggestion> made = e.suggest(Math.min(batch, budget - values.size()));
        suggestNanos += System.nanoTime() - start;
        double[] v = made.stream().mapToDouble(s -> f.value(s.assignments())).toArray();
        for (int i = 0; i < v.length; i++) {
          e.observe(made.get(i).id(), v[i], null);
          values.add(v[i]);
        }
      }
      return new Result(run(f, type, seed, values, suggestNanos, null), OpenCheck.NONE);
    } catch (RuntimeException ex) {
      return new Result(run(f, type, seed, values, suggestNanos, "after " + values.size() + " evaluations: " + ex),
          OpenCheck.NONE);
    }
  }

  private static OpenCheck checkNew(BenchmarkFunction f, String label, long seed, Suggestion s,
      ArrayDeque<Suggestion> pending, Set<Assignments> observed) {
    long amongOpen = 0;
    String first = null;
    for (Suggestion p : pending) {
      if (p.assignments().equals(s.assignments())) {
        amongOpen++;
        first = f.name() + "/" + label + "/seed " + seed + ": suggestion " + s.id() + " equals open suggestion "
            + p.id() + " (" + s.assignments() + ")";
      }
    }
    long equalObserved = observed.contains(s.assignments()) ? 1 : 0;
    if (equalObserved > 0 && first == null) {
      first = f.name() + "/" + label + "/seed " + seed + ": suggestion " + s.id() + " equals an observed one ("
          + s.assignments() + ")";
    }
    return new OpenCheck(1, amongOpen, equalObserved, first);
  }

  private static Run run(BenchmarkFunction f, String label, long seed, List<Double> values, long nanos,
      String error) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    return new Run(f.name(), label, seed, v, nanos / 1e9, error);
  }
}
