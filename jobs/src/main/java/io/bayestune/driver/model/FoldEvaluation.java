package io.bayestune.driver.model;

import io.bayestune.driver.JobGroups;
import io.bayestune.driver.TrialContext;
import io.bayestune.driver.TrialResult;
import io.bayestune.driver.data.ValidationFolds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One trial's validation: every split is fit and evaluated from its own thread, all in the trial's
 * Spark job group (Spark's local properties are per thread, so each thread sets the group), so the
 * folds of one trial run side by side on the cluster and a cancel of the group stops all of them.
 *
 * <p>The result is, per metric, the mean over the folds and, with k folds, the sample standard deviation
 * sqrt(sum (v_i - mean)^2 / (k - 1)) as {@code value_stddev}; a holdout has no stddev (see
 * {@link FoldStatistics#result}).
 */
final class FoldEvaluation {
  private final SparkContext sc;
  private final ValidationFolds folds;
  private final Estimator<?> estimator;
  private final List<TrialMetric> metrics;
  private final TrialContext trial;
  private final List<Future<double[]>> futures = new ArrayList<>();
  private boolean stopped;

  FoldEvaluation(SparkContext sc, ValidationFolds folds, Estimator<?> estimator, List<TrialMetric> metrics,
      TrialContext trial) {
    this.sc = sc;
    this.folds = folds;
    this.estimator = estimator;
    this.metrics = List.copyOf(metrics);
    this.trial = trial;
  }

  TrialResult run() throws Exception {
    int k = folds.splits();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(k, r -> {
      Thread t = new Thread(r, trial.jobGroup() + "-fold-" + threads.getAndIncrement());
      t.setDaemon(true);
      return t;
    });
    ExecutorCompletionService<double[]> done = new ExecutorCompletionService<>(pool);
    try {
      synchronized (this) {
        for (int i = 0; i < k && !stopped; i++) {
          int fold = i;
          futures.add(done.submit(() -> evaluateFold(fold, k)));
        }
        if (stopped) {
          throw cancelled();
        }
      }
      double[][] values = new double[k][];
      for (int i = 0; i < k; i++) {
        Future<double[]> next = done.take();
        values[futures.indexOf(next)] = next.get();
      }
      return FoldStatistics.result(metrics, values);
    } catch (ExecutionException e) {
      // One fold failed: stop the others, and report the fold's own exception (Spark's message).
      cancelActiveJobs();
      Throwable cause = e.getCause();
      if (stopped) {
        throw cancelled();
      }
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw (Error) cause;
    } catch (CancellationException e) {
      throw cancelled();
    } catch (InterruptedException e) {
      cancelActiveJobs();
      throw e;
    } finally {
      stop();
      pool.shutdownNow();
      awaitFoldThreads(pool);
    }
  }

  /**
   * After a cancel or a failed fold, a fold thread interrupted between two jobs may have launched one
   * more; once the threads are gone no new job can start, so the group's jobs are cancelled once more.
   */
  private void awaitFoldThreads(ExecutorService pool) throws InterruptedException {
    try {
      pool.awaitTermination(30, TimeUnit.SECONDS);
    } finally {
      cancelActiveJobs();
    }
  }

  /** Interrupts the fold threads; their running Spark jobs are cancelled by the caller's job-group cancel. */
  synchronized void stop() {
    stopped = true;
    futures.forEach(f -> f.cancel(true));
  }

  /** Cancels the group's running jobs, if any (Spark warns when it finds none). */
  private void cancelActiveJobs() {
    if (sc.isStopped()) {
      return; // its jobs ended with it
    }
    org.apache.spark.SparkStatusTracker status = sc.statusTracker();
    java.util.Set<Integer> active = java.util.Arrays.stream(status.getActiveJobIds()).boxed()
        .collect(java.util.stream.Collectors.toSet());
    if (java.util.Arrays.stream(status.getJobIdsForGroup(trial.jobGroup())).anyMatch(active::contains)) {
      JobGroups.cancel(sc, trial.jobGroup());
    }
  }

  private CancellationException cancelled() {
    return new CancellationException("trial " + trial.suggestionId() + " was cancelled (Spark job group "
        + trial.jobGroup() + ")");
  }

  /** Every metric's value on one fold, from one fit and (when several metrics read them) cached predictions. */
  private double[] evaluateFold(int fold, int k) {
    String description = k == 1 ? trial.description() + " (holdout)"
        : trial.description() + " (fold " + (fold + 1) + "/" + k + ")";
    sc.setJobGroup(trial.jobGroup(), description, true);
    Dataset<Row> predictions = null;
    boolean cached = false;
    try {
      long started = System.nanoTime();
      Model<?> model = (Model<?>) estimator.fit(folds.train(fold));
      double fitSeconds = (System.nanoTime() - started) / 1e9;
      predictions = model.transform(folds.test(fold));
      cached = metrics.stream().filter(TrialMetric::readsPredictions).count() > 1;
      if (cached) {
        predictions = predictions.cache(); // one prediction pass for every evaluator metric
      }
      double[] out = new double[metrics.size()];
      for (int j = 0; j < out.length; j++) {
        out[j] = metrics.get(j).measure(model, predictions, fitSeconds);
      }
      return out;
    } finally {
      if (cached) {
        predictions.unpersist(false);
      }
      sc.clearJobGroup();
    }
  }
}
