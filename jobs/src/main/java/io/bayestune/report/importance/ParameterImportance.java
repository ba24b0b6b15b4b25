package io.bayestune.report.importance;

import io.bayestune.optimizer.experiment.Experiment;
import java.util.List;

/**
 * A way to say how much each parameter (and conditional) of an experiment matters to its metric,
 * from the experiment's successful observations.
 *
 * <pre>{@code
 * List<Importance> shown = ParameterImportance.forReport(experiment);
 * }</pre>
 */
public interface ParameterImportance {

  /** The importances; {@link Importance#unavailable} when this method cannot tell yet. */
  Importance compute(Experiment experiment);

  /**
   * What the report shows, side by side: the model's view ({@link LengthScaleImportance}: how fast
   * the fitted Gaussian process changes along each parameter) and the data's
   * ({@link VarianceExplained}: how much of the observed spread each parameter accounts for). Either
   * may be unavailable with too few observations.
   */
  static List<Importance> forReport(Experiment experiment) {
    return List.of(new LengthScaleImportance().compute(experiment), new VarianceExplained().compute(experiment));
  }
}
