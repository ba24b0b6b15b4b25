package io.bayestune.driver.output;

import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.space.Assignments;
import io.bayestune.report.HtmlReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.SparkSession;

/**
 * What a finished job leaves in its output location, next to {@code experiment/} (the state):
 * <ul>
 *   <li>{@code trials.parquet/} (a Spark directory, one part file) and {@code trials.csv} (one CSV file): the
 *       {@link TrialsTable};</li>
 *   <li>{@code best.json}: the best assignments ({@link BestJson});</li>
 *   <li>{@code report.html}: the {@link HtmlReport};</li>
 *   <li>{@code best-model/}: distributed jobs only, the best configuration refit on all the data and
 *       saved with Spark ML persistence ({@code PipelineModel.load} reads it back).</li>
 * </ul>
 * Everything is written through Spark's DataFrame writer or Hadoop's FileSystem, so {@code file:},
 * {@code s3a://} and {@code hdfs://} all work.
 */
public final class JobOutputs {
  private static final Logger LOG = LogManager.getLogger(JobOutputs.class);

  /** Refits the best configuration on all the data (ModelTrialRunner::refit). */
  @FunctionalInterface
  public interface Refit {
    Model<?> refit(Assignments best) throws Exception;
  }

  private JobOutputs() {
  }

  /**
   * Writes every output and returns their names, in the order written.
   *
   * @param refit null in per-task mode (there is no Spark ML model to keep)
   * @throws IOException when an output cannot be written; the best model's failure comes last, after the rest
   */
  public static List<String> write(SparkSession spark, Experiment e, OutputLocation output, String title, Refit refit)
      throws IOException {
    List<String> written = new ArrayList<>();
    TrialsTable.write(spark, e, output);
    written.add("trials.parquet");
    written.add("trials.csv");
    Optional<Best> best = e.best();
    if (best.isPresent()) {
      TextFiles.write(spark.sparkContext().hadoopConfiguration(), output.resolve("best.json"),
          BestJson.render(best.get(), e.spec().metric().name()));
      written.add("best.json");
    }
    TextFiles.write(spark.sparkContext().hadoopConfiguration(), output.resolve("report.html"),
        HtmlReport.render(e, title));
    written.add("report.html");
    if (refit != null && best.isPresent()) {
      saveBestModel(refit, best.get(), output.resolve("best-model"));
      written.add("best-model");
    }
    return written;
  }

  private static void saveBestModel(Refit refit, Best best, String location) throws IOException {
    LOG.info("refitting trial {} on all the data for {}", best.suggestionId(), location);
    Model<?> model;
    try {
      model = refit.refit(best.assignments());
    } catch (Exception ex) {
      throw new IOException("best-model: refitting trial " + best.suggestionId() + " (" + best.assignments()
          + ") on all the data failed: " + ex.getMessage() + "; every other output is written", ex);
    }
    if (!(model instanceof MLWritable writable)) {
      throw new IOException("best-model: " + model.getClass().getName() + " cannot be saved (it is not MLWritable);"
          + " every other output is written");
    }
    writable.write().overwrite().save(location);
  }
}
