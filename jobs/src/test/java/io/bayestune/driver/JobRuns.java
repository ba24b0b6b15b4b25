package io.bayestune.driver;

import io.bayestune.driver.job.JobSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.SparkSession;

/** What the whole-job tests share: the local session they run jobs in, and a job's printed output. */
final class JobRuns {
  private JobRuns() {
  }

  /** local[2] without the UI or console progress bars; FAIR, as parallel trials are scheduled in a job. */
  static SparkSession localSpark(String appName) {
    return SparkSession.builder().master("local[2]").appName(appName)
        .config("spark.ui.enabled", "false").config("spark.scheduler.mode", "FAIR")
        .config("spark.ui.showConsoleProgress", "false").getOrCreate();
  }

  /** Runs the job to its end and returns what it printed (progress lines and summary). */
  static String printed(SparkSession spark, JobSpec job) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TuningJob.run(spark, job, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
