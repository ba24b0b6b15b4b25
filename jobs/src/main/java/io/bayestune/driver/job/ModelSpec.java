package io.bayestune.driver.job;

import java.util.Map;

/**
 * The job file's {@code model} block: either a Spark ML estimator tuned on the cluster (distributed
 * mode), or a user {@link io.bayestune.driver.Objective} run as one Spark task per trial (per-task mode).
 *
 * @param estimator a short name such as {@code gbt_classifier} or an Estimator class name; null in per-task mode
 * @param params fixed Params of the estimator, e.g. {@code maxIter=40} (Integer, Long, Double, Boolean or String)
 * @param objective class name of an {@code io.bayestune.driver.Objective}; null unless per-task mode
 */
public record ModelSpec(String estimator, Map<String, Object> params, String objective) {

  public ModelSpec {
    params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
  }

  /** True in per-task mode: a user objective, no Spark ML estimator. */
  public boolean perTask() {
    return objective != null;
  }
}
