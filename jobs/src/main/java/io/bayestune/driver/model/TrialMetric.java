package io.bayestune.driver.model;

import io.bayestune.driver.job.MetricSpec;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One metric a trial measures on each fold: a Spark evaluator's metric on the fold's predictions, or a
 * built-in measure of the fit itself. Every metric of a trial reads the same prediction pass.
 *
 * <ul>
 *   <li>{@code training_seconds}: the wall-clock seconds of the fold's {@code fit} (minimize);</li>
 *   <li>{@code model_size_bytes}: the fitted model's size in Java serialization, a stand-in for what it
 *       costs to ship and hold (minimize).</li>
 * </ul>
 */
public final class TrialMetric {
  public static final String TRAINING_SECONDS = "training_seconds";
  public static final String MODEL_SIZE_BYTES = "model_size_bytes";
  static final List<String> BUILT_INS = List.of(TRAINING_SECONDS, MODEL_SIZE_BYTES);

  private final String name;
  private final Evaluator evaluator;
  private final int worstFold;

  private TrialMetric(String name, Evaluator evaluator, int worstFold) {
    this.name = name;
    this.evaluator = evaluator;
    this.worstFold = worstFold;
  }

  /** A metric scored by a ready evaluator (the MLlib tuner's own), reported as the mean over folds. */
  public static TrialMetric of(String name, Evaluator evaluator) {
    return new TrialMetric(name, evaluator, 0);
  }

  /**
   * The metric of a job file's metric entry, its evaluator reading {@code labelCol}. A constraint is
   * reported as its worst fold (the lowest for a metric to maximize), so that a trial meets its
   * threshold only when it does so on every fold; other metrics are the mean over folds.
   */
  public static TrialMetric of(MetricSpec spec, String labelCol, boolean largerIsBetter) {
    return of(spec, isBuiltIn(spec.name()) ? null : MetricCatalog.evaluator(spec.name(), labelCol), largerIsBetter);
  }

  /**
   * The metric of a metric entry scored by {@code evaluator} (null for a built-in), e.g. one reading the columns
   * of a {@code BayesianTuner}'s own evaluator; a {@code ...ByLabel} metric gets the entry's label (default 1.0).
   */
  public static TrialMetric of(MetricSpec spec, Evaluator evaluator, boolean largerIsBetter) {
    int worstFold = spec.strategy().equals("constraint") ? (largerIsBetter ? 1 : -1) : 0;
    if (evaluator instanceof MulticlassClassificationEvaluator m && spec.name().endsWith("ByLabel")) {
      m.setMetricLabel(spec.label() == null ? 1.0 : spec.label());
    }
    return new TrialMetric(spec.name(), evaluator, worstFold);
  }

  /**
   * The trial's value of this metric from its fold values: the mean, or for a constraint the worst fold
   * (the minimum when larger is better, else the maximum).
   */
  double combine(double[] folds) {
    if (worstFold == 0) {
      return FoldStatistics.mean(folds);
    }
    double worst = folds[0];
    for (double v : folds) {
      worst = worstFold > 0 ? Math.min(worst, v) : Math.max(worst, v);
    }
    return worst;
  }

  public static boolean isBuiltIn(String name) {
    return BUILT_INS.contains(name);
  }

  public String name() {
    return name;
  }

  /** True when it needs the fold's predictions (an evaluator metric). */
  boolean readsPredictions() {
    return evaluator != null;
  }

  double measure(Model<?> model, Dataset<Row> predictions, double fitSeconds) {
    if (evaluator != null) {
      return evaluator.evaluate(predictions);
    }
    return name.equals(TRAINING_SECONDS) ? fitSeconds : serializedSize(model);
  }

  private static double serializedSize(Model<?> model) {
    CountingStream counter = new CountingStream();
    try (ObjectOutputStream out = new ObjectOutputStream(counter)) {
      out.writeObject(model);
    } catch (IOException e) {
      throw new UncheckedIOException("model_size_bytes: the model could not be serialized", e);
    }
    return counter.count;
  }

  private static final class CountingStream extends OutputStream {
    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
