package io.bayestune.ml;

import io.bayestune.driver.TrialContext;
import io.bayestune.driver.TrialResult;
import io.bayestune.driver.TrialRunner;
import io.bayestune.driver.model.FoldStatistics;
import io.bayestune.optimizer.space.Assignments;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.ParamMap;

/**
 * One trial of a {@link BayesianTuner}: the estimator copied with the trial's Params, fitted on each
 * training set and scored by the evaluator on its validation set. The folds of a trial are fitted in
 * parallel from separate threads, each running its Spark jobs in the trial's job group, so the Spark
 * UI shows a trial as one group and {@link #cancel} stops all of its folds.
 *
 * <p>The result is the mean over folds, with the folds' sample standard deviation as value_stddev
 * (none for a single split).
 */
final class EstimatorTrialRunner implements TrialRunner {
  private final Estimator<?> estimator;
  private final Evaluator evaluator;
  private final EstimatorParams params;
  private final ValidationSplits splits;
  private final SparkContext sc;
  private final ExecutorService foldThreads;

  EstimatorTrialRunner(Estimator<?> estimator, Evaluator evaluator, EstimatorParams params, ValidationSplits splits,
      SparkContext sc) {
    this.estimator = estimator;
    this.evaluator = evaluator;
    this.params = params;
    this.splits = splits;
    this.sc = sc;
    AtomicInteger n = new AtomicInteger();
    this.foldThreads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "bayestune-fold-" + n.incrementAndGet());
      t.setDaemon(true); // never keeps a driver JVM alive
      return t;
    });
  }

  @Override
  public TrialResult run(TrialContext trial, Assignments assignments) throws Exception {
    ParamMap paramMap = params.paramMap(assignments.asMap());
    List<ValidationSplits.Split> all = splits.splits();
    if (all.size() == 1) {
      double value = inJobGroup(trial, () -> score(paramMap, all.get(0)));
      return TrialResult.of(value);
    }
    List<Future<Double>> folds = new ArrayList<>();
    for (ValidationSplits.Split split : all) {
      folds.add(foldThreads.submit(() -> inJobGroup(trial, () -> score(paramMap, split))));
    }
    double[] values = new double[folds.size()];
    try {
      for (int i = 0; i < values.length; i++) {
        values[i] = folds.get(i).get();
      }
    } catch (ExecutionException e) {
      folds.forEach(f -> f.cancel(true));
      sc.cancelJobGroup(trial.jobGroup());
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (InterruptedException e) {
      folds.forEach(f -> f.cancel(true));
      throw e;
    }
    return TrialResult.of(FoldStatistics.mean(values), FoldStatistics.sampleStddev(values));
  }

  private double score(ParamMap paramMap, ValidationSplits.Split split) {
    Model<?> model = (Model<?>) estimator.copy(paramMap).fit(split.training());
    return evaluator.evaluate(model.transform(split.validation()));
  }

  /** Runs {@code body} with this thread's Spark jobs in the trial's job group; job groups are per thread. */
  private <T> T inJobGroup(TrialContext trial, java.util.concurrent.Callable<T> body) throws Exception {
    return JobGroups.run(sc, trial.jobGroup(), trial.description(), body);
  }

  @Override
  public void cancel(TrialContext trial) {
    sc.cancelJobGroup(trial.jobGroup());
  }

  @Override
  public void close() {
    foldThreads.shutdownNow();
  }
}
