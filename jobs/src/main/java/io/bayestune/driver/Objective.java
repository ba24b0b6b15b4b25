package io.bayestune.driver;

import java.io.Serializable;
import java.util.Map;

/**
 * A user's black-box objective, run as one Spark task per trial on an executor: assignments in,
 * metric out. For single-node learners and simulations; select it in a job file with
 * {@code model: {objective: com.acme.MyObjective}}.
 *
 * <p>Implementations need a public no-argument constructor and must be serializable; only the
 * assignments and the result cross between driver and executor.
 *
 * <pre>{@code
 * public final class Sphere implements Objective {
 *   public TrialResult evaluate(Map<String, Object> assignments) {
 *     double x = (Double) assignments.get("x");
 *     return TrialResult.of(-x * x);
 *   }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface Objective extends Serializable {

  /**
   * Evaluates one configuration. Values are Double for double parameters, Long for int parameters and
   * String for categorical ones (see {@code io.bayestune.optimizer.space.Assignments}).
   *
   * @throws Exception any failure; the trial is observed as failed with its message and the job goes on
   */
  TrialResult evaluate(Map<String, Object> assignments) throws Exception;
}
