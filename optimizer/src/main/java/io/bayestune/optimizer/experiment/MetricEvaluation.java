package io.bayestune.optimizer.experiment;

import java.io.Serializable;

/**
 * One metric's value in an observation of a multimetric experiment (SigOpt's MetricEvaluation:
 * {@code {"name": "auc", "value": 0.83, "value_stddev": 0.01}}).
 *
 * @param valueStddev the value's standard deviation when known, else null
 */
public record MetricEvaluation(String name, double value, Double valueStddev) implements Serializable {

  public MetricEvaluation {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("values[].name: must name one of the experiment's metrics, but got " + name);
    }
  }
}
