package io.bayestune.driver.model;

import io.bayestune.driver.TrialContext;
import io.bayestune.driver.TrialResult;
import io.bayestune.driver.data.PreparedData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.sql.SparkSession;

/**
 * One trial's validation: every split is fit and evaluated from its own thread, all in the trial's
 * Spark job group (Spark's local properties are per thread, so each thread sets the group), so the
 * folds of one trial run side by side on the cluster and a cancel of the group stops all of them.
 *
 * <p>The result is the mean over the folds and, with k folds, the sample standard deviation
 * sqrt(sum (v_i - mean)^2 / (k - 1)) as {@code value_stddev}; a holdout has no stddev.
 */
final class FoldEvaluation {
  private FoldEvaluation() {
  }

  static TrialResult run(SparkSession spark, PreparedData data, Estimator<?> estimator, Evaluator evaluator,
      TrialContext trial) throws Exception {
    int k = data.splits();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(k, r -> {
      Thread t = new Thread(r, trial.jobGroup() + "-fold-" + threads.getAndIncrement());
      t.setDaemon(true);
      return t;
    });
    ExecutorCompletionService<Double> done = new ExecutorCompletionService<>(pool);
    List<Future<Double>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < k; i++) {
        int fold = i;
        futures.add(done.submit(() -> evaluateFold(spark, data, estimator, evaluator, trial, fold, k)));
      }
      double[] values = new double[k];
      for (int i = 0; i < k; i++) {
        Future<Double> next = done.take();
        values[futures.indexOf(next)] = next.get();
      }
      return k == 1 ? TrialResult.of(values[0]) : TrialResult.of(mean(values), sampleStddev(values));
    } catch (ExecutionException e) {
      // One fold failed: stop the others, and report the fold's own exception (Spark's message).
      spark.sparkContext().cancelJobGroup(trial.jobGroup());
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw (Error) cause;
    } catch (InterruptedException e) {
      spark.sparkContext().cancelJobGroup(trial.jobGroup());
      throw e;
    } finally {
      futures.forEach(f -> f.cancel(true));
      pool.shutdownNow();
    }
  }

  private static double evaluateFold(SparkSession spark, PreparedData data, Estimator<?> estimator,
      Evaluator evaluator, TrialContext trial, int fold, int k) {
    String description = k == 1 ? trial.description() + " (holdout)"
        : trial.description() + " (fold " + (fold + 1) + "/" + k + ")";
    spark.sparkContext().setJobGroup(trial.jobGroup(), description, true);
    try {
      Model<?> model = (Model<?>) estimator.fit(data.train(fold));
      return evaluator.evaluate(model.transform(data.test(fold)));
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  static double sampleStddev(double[] values) {
    double mean = mean(values);
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / (values.length - 1));
  }
}
