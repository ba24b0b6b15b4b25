package io.bayestune.ml;

import java.util.concurrent.Callable;
import org.apache.spark.SparkContext;

/**
 * Runs work in a Spark job group and then puts back the thread's previous group. Job groups are
 * per-thread local properties; clearing them after a trial would also wipe a group the caller set
 * (a notebook cell's, which its cancel button uses), so the previous values are restored instead.
 */
final class JobGroups {
  private static final String GROUP = "spark.jobGroup.id";
  private static final String DESCRIPTION = "spark.job.description";
  private static final String INTERRUPT = "spark.job.interruptOnCancel";

  private JobGroups() {
  }

  static <T> T run(SparkContext sc, String group, String description, Callable<T> body) throws Exception {
    String previousGroup = sc.getLocalProperty(GROUP);
    String previousDescription = sc.getLocalProperty(DESCRIPTION);
    String previousInterrupt = sc.getLocalProperty(INTERRUPT);
    sc.setJobGroup(group, description, true);
    try {
      return body.call();
    } finally {
      sc.setLocalProperty(GROUP, previousGroup);
      sc.setLocalProperty(DESCRIPTION, previousDescription);
      sc.setLocalProperty(INTERRUPT, previousInterrupt);
    }
  }
}
