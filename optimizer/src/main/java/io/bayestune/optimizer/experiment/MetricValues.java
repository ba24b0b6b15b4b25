package io.bayestune.optimizer.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks the {@code values} of an observation against the experiment's metrics. */
final class MetricValues {
  private MetricValues() {
  }

  /**
   * The values in the spec's metric order, each checked: every metric present once, no unknown name,
   * finite values and standard deviations.
   *
   * @param subject what is being observed ("suggestion 4"), for the messages
   */
  static List<MetricEvaluation> check(ExperimentSpec spec, String subject, List<MetricEvaluation> values) {
    List<String> names = spec.metrics().stream().map(Metric::name).toList();
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException(subject + ": values: this experiment has metrics " + names
          + "; report each as {\"name\": ..., \"value\": ...} (or \"failed\": true)");
    }
    Map<String, MetricEvaluation> byName = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      MetricEvaluation v = values.get(i);
      String at = subject + ": values[" + i + "]";
      if (!names.contains(v.name())) {
        throw new IllegalArgumentException(at + ".name: '" + v.name() + "' is not a metric of this experiment;"
            + " the metrics are " + names);
      }
      if (byName.put(v.name(), v) != null) {
        throw new IllegalArgumentException(at + ".name: metric '" + v.name() + "' is reported twice; report it once");
      }
      if (!Double.isFinite(v.value())) {
        throw new IllegalArgumentException(at + ".value: must be finite, but got " + v.value() + " for metric '"
            + v.name() + "'; report the observation with \"failed\": true instead");
      }
      if (v.valueStddev() != null && (!Double.isFinite(v.valueStddev()) || v.valueStddev() < 0)) {
        throw new IllegalArgumentException(at + ".value_stddev: must be a finite number >= 0, but got "
            + v.valueStddev() + " for metric '" + v.name() + "'; leave it out when unknown");
      }
    }
    List<MetricEvaluation> ordered = new ArrayList<>();
    for (Metric m : spec.metrics()) {
      MetricEvaluation v = byName.get(m.name());
      if (v == null) {
        throw new IllegalArgumentException(subject + ": values: metric '" + m.name() + "' ("
            + m.strategy().jsonName() + ") has no value; add {\"name\": \"" + m.name() + "\", \"value\": ...}"
            + " (every metric of the experiment is reported with each observation)");
      }
      ordered.add(v);
    }
    return ordered;
  }

  /** The value and standard deviation of the first optimized metric: what {@link Observation#value} holds. */
  static MetricEvaluation primary(ExperimentSpec spec, List<MetricEvaluation> ordered) {
    return ordered.get(spec.metrics().indexOf(spec.metric()));
  }
}
