package io.bayestune.driver;

import io.bayestune.driver.job.JobSpec;
import io.bayestune.driver.output.JobOutputs;
import org.apache.spark.sql.SparkSession;

/** Distributed mode's runner (Spark ML fits from the driver) and its refit of the best model. */
final class DistributedTrials {
  private DistributedTrials() {
  }

  static TrialRunner create(SparkSession spark, JobSpec job) {
    throw new IllegalStateException("model.estimator: distributed trials are not in this build yet (ModelTrialRunner);"
        + " use a per-task objective");
  }

  /** The refit of the best configuration, or null when the runner keeps no Spark ML model. */
  static JobOutputs.Refit refit(TrialRunner runner) {
    return null;
  }
}
