package io.bayestune.driver;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkContext;

/** Cancelling a trial's Spark job group, safely when the SparkContext has stopped under the job. */
public final class JobGroups {
  private static final Logger LOG = LogManager.getLogger(JobGroups.class);

  private JobGroups() {
  }

  /**
   * Cancels the running jobs of {@code group}; nothing to do on a stopped context (its jobs ended with it), where
   * Spark's own {@code cancelJobGroup} throws "Cannot call methods on a stopped SparkContext" and would replace
   * whatever error is being handled.
   */
  public static void cancel(SparkContext sc, String group) {
    if (sc.isStopped()) {
      LOG.debug("not cancelling job group {}: the SparkContext has stopped", group);
      return;
    }
    try {
      sc.cancelJobGroup(group);
    } catch (IllegalStateException e) {
      if (!sc.isStopped()) {
        throw e;
      }
      LOG.debug("not cancelling job group {}: the SparkContext stopped meanwhile", group);
    }
  }
}
