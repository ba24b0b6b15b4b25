package io.bayestune.ml;

import io.bayestune.driver.model.EstimatorCatalog;
import io.bayestune.optimizer.space.SearchSpace;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;

/**
 * A {@link BayesianTuner}'s search space bound to its estimator, through the same Param checks and
 * conversions as a job file's ({@link EstimatorCatalog}): {@code maxDepth} becomes
 * {@code estimator.getParam("maxDepth")}, with values converted to the Param's type (Long to Int for
 * an IntParam, "true" to a Boolean for a BooleanParam).
 *
 * <p>{@link #check} runs before any trial, so a misspelled name, a type that cannot be converted, or
 * bounds outside what the Param accepts fail at once, naming the parameter and the estimator, rather
 * than as a column of failed trials. Column Params may be searched here (the user owns the columns).
 */
final class EstimatorParams {
  private final Estimator<?> estimator;

  private EstimatorParams(Estimator<?> estimator) {
    this.estimator = estimator;
  }

  /**
   * Checks every parameter and conditional of {@code space} against {@code estimator}'s Params.
   *
   * @throws IllegalArgumentException naming the parameter, the estimator and the fix
   */
  static EstimatorParams check(Estimator<?> estimator, SearchSpace space) {
    EstimatorCatalog.checkSearchSpace(estimator, space, "searchSpace parameter");
    return new EstimatorParams(estimator);
  }

  /** The assignments as a ParamMap on this estimator's Params. */
  ParamMap paramMap(Map<String, Object> assignments) {
    return EstimatorCatalog.paramMap(estimator, assignments);
  }
}
