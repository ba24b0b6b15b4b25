package io.bayestune.cluster.job;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A probe job for the cluster tests, shipped in the test-jobs jar: runs {@code tasks} one-second tasks and prints,
 * for each, the executor that ran it and that executor's working directory (which lies under its worker's
 * {@code --work-dir}, so the test can tell the workers apart). Usage: {@code WhereTasksRan TASKS}.
 */
public final class WhereTasksRan {
  private WhereTasksRan() {
  }

  /** Runs the probe; the master comes from spark-submit. */
  public static void main(String[] args) throws Exception {
    int tasks = Integer.parseInt(args[0]);
    try (SparkSession spark = SparkSession.builder().appName("where-tasks-ran").getOrCreate()) {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      List<String> ran = sc.parallelize(IntStream.range(0, tasks).boxed().toList(), tasks).map(i -> {
        Thread.sleep(1000);
        return "task " + i + " executor=" + SparkEnv.get().executorId() + " dir="
            + Path.of("").toAbsolutePath();
      }).collect();
      ran.forEach(System.out::println);
    }
  }
}
