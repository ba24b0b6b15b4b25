package io.bayestune.report;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.space.Assignments;
import java.util.Locale;
import java.util.Map;

/**
 * A small tuning experiment for report tests: a mixed space (log-scale double, int, double,
 * categorical), 25 observations by the Bayesian strategy of which trial 9 failed, and one open
 * suggestion. The metric is a known function, so which parameters matter is known:
 * learning_rate and booster strongly, max_depth mildly, subsample not at all.
 */
public final class ReportFixture {
  public static final int OBSERVATIONS = 25;
  public static final int FAILED_TRIAL = 9;
  public static final String SPEC = """
      {"name": "GBT on the concrete data", "type": "offline", "observation_budget": 30,
       "metrics": [{"name": "rmse", "objective": "minimize"}],
       "parameters": [
         {"name": "learning_rate", "type": "double", "bounds": {"min": 0.001, "max": 1}, "transformation": "log"},
         {"name": "max_depth", "type": "int", "bounds": {"min": 2, "max": 12}},
         {"name": "subsample", "type": "double", "bounds": {"min": 0.5, "max": 1}},
         {"name": "booster", "type": "categorical", "categorical_values": ["gbtree", "dart", "gblinear"]}]}
      """;

  private ReportFixture() {
  }

  /** The experiment, the same on every call (seeded). */
  public static Experiment tunedGbt() {
    Experiment e = Experiment.create(SpecJson.parse(SPEC), 20240611L);
    for (int trial = 1; trial <= OBSERVATIONS; trial++) {
      Suggestion s = e.suggest();
      Map<String, String> seconds = Map.of("seconds", String.format(Locale.ROOT, "%.1f", 40 + 7.3 * (trial % 5)));
      if (trial == FAILED_TRIAL) {
        e.observeFailed(s.id(), "executor lost: OutOfMemoryError <java heap> & retries exhausted", seconds);
      } else {
        e.observe(s.id(), rmse(s.assignments()), 0.004, seconds);
      }
    }
    e.suggest();
    return e;
  }

  /** The metric: a bowl in log10(learning_rate) around 0.05, booster offsets, a mild depth optimum at 7. */
  static double rmse(Assignments a) {
    double lr = Math.log10(a.getDouble("learning_rate")) - Math.log10(0.05);
    double depth = (a.getLong("max_depth") - 7) / 5.0;
    double booster = switch (a.getString("booster")) {
      case "gbtree" -> 0.0;
      case "dart" -> 0.4;
      default -> 2.0;
    };
    return 5.0 + 1.5 * lr * lr + 0.6 * depth * depth + booster;
  }
}
