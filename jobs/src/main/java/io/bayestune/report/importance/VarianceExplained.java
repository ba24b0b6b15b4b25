package io.bayestune.report.importance;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.model.SampleMoments;
import io.bayestune.optimizer.space.Conditional;
import io.bayestune.optimizer.space.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Model-free importance: the fraction of the metric's variance that each parameter explains on its
 * own, from a one-way analysis of variance over groups of trials.
 *
 * <p>Categorical parameters and conditionals group by value. Numeric parameters with more distinct
 * values than bins group into B = clamp(floor(sqrt(n)), 2, 10) equal-count bins by rank, which is the
 * same on a linear or a log scale. Trials where a parameter is inactive form a group of their own. With
 * k groups over n values, SS_between = sum_g n_g (mean_g - mean)^2 and SS_total = sum_i (y_i - mean)^2,
 * the score is epsilon squared, (SS_between - (k - 1) MS_within) / SS_total clipped to [0, 1], where
 * MS_within = (SS_total - SS_between) / (n - k). Unlike eta squared (SS_between / SS_total) it does not
 * credit a parameter for the variance that k groups explain by chance (Kelley 1935, "An unbiased
 * correlation ratio measure"; Okada 2013, "Is omega squared less biased?").
 *
 * <p>This is the main-effect part of functional ANOVA (Hutter, Hoos and Leyton-Brown 2014, "An
 * efficient approach for assessing hyperparameter importance", fANOVA) with bins in place of a random
 * forest: cheap and assumption-free, but blind to interactions, and noisy with few observations.
 */
public final class VarianceExplained implements ParameterImportance {
  static final Importance.Method METHOD = new Importance.Method("variance explained (one-way ANOVA)",
      "variance explained", "how much of the observed spread each parameter accounts for on its own.",
      "The share of the metric's variance that each parameter explains on its own: one-way ANOVA over its"
      + " values (numeric ones in equal-count bins), bias-corrected (epsilon squared). The main effects of"
      + " fANOVA (Hutter et al. 2014) without a model: interactions are not counted, and where the optimizer"
      + " sampled densely weighs more.");
  /** Fewer values than this leave nothing to compare across groups. */
  public static final int MINIMUM_OBSERVATIONS = 5;

  @Override
  public Importance compute(Experiment experiment) {
    List<Observation> ok = experiment.observations().stream().filter(o -> !o.failed()).toList();
    int n = ok.size();
    if (n < MINIMUM_OBSERVATIONS) {
      return Importance.unavailable(METHOD, n, "needs at least " + MINIMUM_OBSERVATIONS
          + " successful observations, has " + n);
    }
    double[] y = ok.stream().mapToDouble(Observation::value).toArray();
    SampleMoments moments = SampleMoments.of(y);
    double mean = moments.mean();
    double total = moments.sumOfSquares();
    if (!(total > 0)) {
      return Importance.unavailable(METHOD, n, "every successful observation has the same value");
    }
    int bins = Math.max(2, Math.min(10, (int) Math.floor(Math.sqrt(n))));
    List<String> names = new ArrayList<>();
    experiment.spec().space().conditionals().stream().map(Conditional::name).forEach(names::add);
    experiment.spec().space().parameters().stream().map(Parameter::name).forEach(names::add);
    List<double[]> scores = new ArrayList<>();
    for (String name : names) {
      int[] group = groups(ok, name, bins);
      scores.add(new double[] {epsilonSquared(y, group, mean, total)});
    }
    double sum = scores.stream().mapToDouble(s -> s[0]).sum();
    List<Importance.Entry> entries = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      double raw = scores.get(i)[0];
      entries.add(new Importance.Entry(names.get(i), sum > 0 ? raw / sum : 0, raw,
          String.format(Locale.ROOT, "explains %.0f%% of the variance on its own", 100 * raw)));
    }
    entries.sort(Comparator.comparingDouble(Importance.Entry::share).reversed());
    return new Importance(METHOD, n, entries, null);
  }

  /** Group index of each observation for one parameter: by value, by rank bin, or "inactive". */
  static int[] groups(List<Observation> ok, String name, int bins) {
    int n = ok.size();
    int[] group = new int[n];
    Map<Object, Integer> byValue = new HashMap<>();
    List<Integer> numeric = new ArrayList<>();
    double[] value = new double[n];
    for (int i = 0; i < n; i++) {
      Object v = ok.get(i).assignments().get(name);
      if (v instanceof Number number) {
        numeric.add(i);
        value[i] = number.doubleValue();
      } else {
        group[i] = byValue.computeIfAbsent(v == null ? "\u0000inactive" : v, k -> byValue.size());
      }
    }
    numeric.sort(Comparator.comparingDouble(i -> value[i]));
    int m = numeric.size();
    long distinct = numeric.stream().mapToDouble(i -> value[i]).distinct().count();
    int run = 0;
    int runStart = 0;
    for (int r = 0; r < m; r++) {
      if (r > 0 && value[numeric.get(r)] != value[numeric.get(r - 1)]) {
        run++;
        runStart = r; // ties take the bin of their first rank, so one value never spans two groups
      }
      int bin = distinct <= bins ? run : (int) ((long) runStart * bins / m);
      group[numeric.get(r)] = byValue.size() + bin;
    }
    return group;
  }

  /** (SS_between - (k - 1) MS_within) / SS_total in [0, 1]; 0 when there are no degrees of freedom left. */
  static double epsilonSquared(double[] y, int[] group, double mean, double total) {
    Map<Integer, double[]> sums = new HashMap<>();
    for (int i = 0; i < y.length; i++) {
      double[] s = sums.computeIfAbsent(group[i], g -> new double[2]);
      s[0] += y[i];
      s[1]++;
    }
    int k = sums.size();
    int n = y.length;
    if (k < 2 || n - k < 1) {
      return 0;
    }
    double between = 0;
    for (double[] s : sums.values()) {
      double groupMean = s[0] / s[1];
      between += s[1] * (groupMean - mean) * (groupMean - mean);
    }
    double msWithin = Math.max(0, total - between) / (n - k);
    return Math.max(0, Math.min(1, (between - (k - 1) * msWithin) / total));
  }
}
