package io.bayestune.cli;

import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.optimizer.experiment.MetricEvaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code observe}'s metric values typed on the command line, one {@code --value NAME=V} per metric (and
 * {@code --stddev NAME=S} for a noisy one): {@code --value auc=0.83 --value recall=0.71}. They become the same
 * SigOpt {@code values} list as {@code --values JSON}, so the experiment observes them the same way; a plain
 * {@code --value V [--stddev S]} stays the form for a single-metric experiment.
 *
 * <p>The mistakes a person makes at a prompt (a misspelled or forgotten metric, {@code auc=} with no number, the
 * two forms mixed) are refused here with the option as typed and the fix, before anything is saved.
 */
final class NamedValues {
  private NamedValues() {
  }

  /** Whether the values are given by name: some {@code --value} or {@code --stddev} holds {@code NAME=}. */
  static boolean given(Args args) {
    return args.all("value").stream().anyMatch(v -> v.contains("="))
        || args.all("stddev").stream().anyMatch(v -> v.contains("="));
  }

  /**
   * Checks how the value options are combined, before the experiment is loaded.
   *
   * @throws Args.UsageException when {@code --values} comes with {@code --value}/{@code --stddev}, plain and named
   *     forms are mixed, or a plain {@code --value}/{@code --stddev} is repeated
   */
  static void checkUsage(Args args) {
    List<String> values = args.all("value");
    List<String> stddevs = args.all("stddev");
    if (args.get("values") != null && (!values.isEmpty() || !stddevs.isEmpty())) {
      throw new Args.UsageException("observe: give --values JSON or --value NAME=V per metric, not both; put each"
          + " metric's value_stddev in the JSON, or drop --values and type --value auc=0.83 --value recall=0.71");
    }
    if (given(args)) {
      for (String option : List.of("value", "stddev")) {
        for (String v : args.all(option)) {
          if (!v.contains("=")) {
            throw new Args.UsageException("observe: --" + option + " " + v + " has no metric name, but other values"
                + " are named; give every one as --" + option + " NAME=" + (option.equals("value") ? "V" : "S")
                + ", e.g. --" + option + " auc=" + v);
          }
        }
      }
      return;
    }
    for (String option : List.of("value", "stddev")) {
      List<String> given = args.all(option);
      if (given.size() > 1) {
        throw new Args.UsageException("observe: --" + option + " is given " + given.size() + " times " + given
            + "; a single-metric experiment takes one --" + option + ", and several metrics are named: --" + option
            + " auc=" + given.get(0) + " --" + option + " recall=...");
      }
    }
  }

  /**
   * The named values as SigOpt's list in the experiment's metric order, each metric exactly once.
   *
   * @throws IllegalArgumentException naming the option as typed and the fix: a name that is not a metric of the
   *     experiment, a metric without a value, a name given twice, or a value that is not a number
   */
  static List<MetricEvaluation> of(Args args, ExperimentSpec spec) {
    List<String> metrics = spec.metrics().stream().map(Metric::name).toList();
    Map<String, Double> values = parse(args.all("value"), "value", metrics);
    Map<String, Double> stddevs = parse(args.all("stddev"), "stddev", metrics);
    for (String name : stddevs.keySet()) {
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("observe: --stddev " + name + "=" + stddevs.get(name) + " names a metric"
            + " with no --value; add --value " + name + "=V, or drop its --stddev");
      }
    }
    List<MetricEvaluation> out = new ArrayList<>();
    for (Metric m : spec.metrics()) {
      Double v = values.get(m.name());
      if (v == null) {
        throw new IllegalArgumentException("observe: metric '" + m.name() + "' (" + m.strategy().jsonName()
            + ") has no value; add --value " + m.name() + "=V (every metric of the experiment, " + metrics
            + ", is reported with each observation), or report the trial with --failed");
      }
      out.add(new MetricEvaluation(m.name(), v, stddevs.get(m.name())));
    }
    return out;
  }

  /** {@code NAME=NUMBER} options by name, in the order given. */
  private static Map<String, Double> parse(List<String> given, String option, List<String> metrics) {
    Map<String, Double> byName = new LinkedHashMap<>();
    String example = option.equals("value") ? "0.83" : "0.01";
    for (String text : given) {
      int eq = text.indexOf('=');
      String name = text.substring(0, eq).strip();
      String number = text.substring(eq + 1).strip();
      String typed = "observe: --" + option + " " + text;
      if (!metrics.contains(name)) {
        throw new IllegalArgumentException(typed + ": '" + name + "' is not a metric of this experiment; its metrics"
            + " are " + metrics + ", e.g. --" + option + " " + metrics.get(0) + "=" + example);
      }
      if (number.isEmpty()) {
        throw new IllegalArgumentException(typed + ": no number after '='; give one, e.g. --" + option + " " + name
            + "=" + example);
      }
      double v;
      try {
        v = Double.parseDouble(number);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(typed + ": '" + number + "' is not a number; give one, e.g. --" + option
            + " " + name + "=" + example);
      }
      if (byName.put(name, v) != null) {
        throw new IllegalArgumentException(typed + ": metric '" + name + "' is given twice; give each metric once");
      }
    }
    return byName;
  }
}
