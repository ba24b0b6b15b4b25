package io.bayestune.driver.model;

import io.bayestune.driver.job.DataSpec;
import io.bayestune.driver.job.JobSpec;
import io.bayestune.driver.job.MetricSpec;
import org.apache.spark.ml.Estimator;

/**
 * The checks of a distributed job that need the estimator: it exists, its Params and bounds are valid,
 * the metric fits it, and the data block names the columns it needs. Run by the parser and again by
 * {@code ModelTrialRunner.create} before any trial; needs no SparkSession.
 */
public final class JobChecks {
  private JobChecks() {
  }

  /**
   * @return the estimator's kind
   * @throws IllegalArgumentException naming the field
   */
  public static EstimatorKind check(JobSpec job) {
    if (job.model().perTask()) {
      throw new IllegalArgumentException("model: this job runs the objective " + job.model().objective()
          + " per task; estimator checks do not apply");
    }
    Estimator<?> estimator = EstimatorCatalog.instantiate(job.model().estimator());
    EstimatorKind kind = EstimatorKind.of(estimator);
    EstimatorCatalog.validate(job.model().estimator(), job.model().params(), job.parameters());
    String name = job.model().estimator();
    for (int i = 0; i < job.metrics().size(); i++) {
      MetricSpec m = job.metrics().get(i);
      String field = job.multiMetric() ? "metrics[" + i + "]" : "metric";
      if (TrialMetric.isBuiltIn(m.name())) {
        continue;
      }
      try {
        MetricCatalog.checkFits(m.name(), kind, name);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage().replaceFirst("^metric\\.name", field + ".name"), e);
      }
      String objective = MetricCatalog.isLargerBetter(m.name()) ? "maximize" : "minimize";
      if (m.objective() != null && !m.objective().equals(objective)) {
        throw new IllegalArgumentException(field + ".objective: Spark's evaluator says " + m.name()
            + " is to " + objective + ", but the job file says " + m.objective() + "; remove the objective");
      }
    }
    DataSpec data = job.data();
    if (kind == EstimatorKind.RECOMMENDER && !data.isRatings()) {
      throw new IllegalArgumentException("data: " + name + " needs user, item and rating columns, e.g."
          + " data: {path: ratings.csv, user: userId, item: movieId, rating: rating}; not label/features");
    }
    if (kind != EstimatorKind.RECOMMENDER && data.isRatings()) {
      throw new IllegalArgumentException("data.user: user, item and rating columns are for als, but the estimator"
          + " is " + name + "; name a label (and features) instead");
    }
    if (kind == EstimatorKind.REGRESSOR && data.positive() != null) {
      throw new IllegalArgumentException("data.positive: applies to classification, but " + name
          + " is a regressor; remove it");
    }
    return kind;
  }
}
