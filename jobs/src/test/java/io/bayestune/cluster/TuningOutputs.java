package io.bayestune.cluster;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.optimizer.store.LocalDirectoryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a {@code bayestune run} left in a local output directory, for the cluster tests' assertions. */
public final class TuningOutputs {
  private TuningOutputs() {
  }

  /**
   * True once {@code bayestune run} is on the classpath (branch job-driver); the tests that submit a tuning job
   * wait for it with an assumption instead of failing.
   */
  public static boolean runCommandAvailable() {
    try {
      Class.forName("io.bayestune.driver.TuningJob");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * True once trials of a Spark ML estimator (model.estimator in a job file, as in examples/credit-gbt.yaml) are in
   * the build (branch job-model's ModelTrialRunner).
   */
  public static boolean estimatorTrialsAvailable() {
    try {
      Class.forName("io.bayestune.driver.model.ModelTrialRunner");
      return runCommandAvailable();
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The observations of the experiment stored under {@code output/experiment}. */
  public static List<Observation> observations(Path output) throws IOException {
    ExperimentStore.StoredState state = new LocalDirectoryStore(output.resolve("experiment")).load()
        .orElseThrow(() -> new AssertionError("no experiment stored under " + output.resolve("experiment")));
    return Experiment.fromJson(state.json()).observations();
  }

  /** The suggestion ids of {@code observations}, failing if one appears twice. */
  public static Set<String> distinctIds(List<Observation> observations) {
    Set<String> ids = new HashSet<>();
    for (Observation o : observations) {
      if (!ids.add(o.suggestionId())) {
        throw new AssertionError("suggestion " + o.suggestionId() + " observed twice in " + observations);
      }
    }
    return ids;
  }
}
