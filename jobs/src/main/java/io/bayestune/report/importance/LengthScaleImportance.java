package io.bayestune.report.importance;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.model.FitOptions;
import io.bayestune.optimizer.model.GaussianProcess;
import io.bayestune.optimizer.model.GaussianProcessFitter;
import io.bayestune.optimizer.space.Conditional;
import io.bayestune.optimizer.space.Parameter;
import io.bayestune.optimizer.space.UnitCubeEncoding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Model-based importance: automatic relevance determination (ARD) from the length scales of the
 * same Gaussian process the optimizer fits (Matern-5/2 on the unit-cube encoding, MAP
 * hyperparameters), refitted here on the successful observations.
 *
 * <p>A parameter's relevance is the kernel distance, in length-scale units, of moving it across its
 * whole range: {@code 1 / ell} for a numeric coordinate (the encoding maps every range to [0, 1]).
 * A categorical parameter or conditional is a one-hot group; switching it from value a to value b
 * moves two coordinates by 1, a distance of {@code sqrt(1/ell_a^2 + 1/ell_b^2)}, and its relevance
 * is the root mean square of that over all pairs, {@code sqrt(2 * mean_k 1/ell_k^2)}. Shares are
 * relevances over their sum. (Neal 1996, "Bayesian learning for neural networks"; Rasmussen and
 * Williams 2006, "Gaussian processes for machine learning", section 5.1.)
 *
 * <p>A short length scale says the model's mean can change quickly along a parameter: it measures
 * sensitivity as the model sees it, not how large the effect is, and it inherits the model's
 * uncertainty with few observations. Failed trials are left out: the optimizer imputes the worst
 * value for them, which would credit whatever parameters separate failures from successes.
 */
public final class LengthScaleImportance implements ParameterImportance {
  static final Importance.Method METHOD = new Importance.Method("Gaussian process length scales (ARD)",
      "GP length scales", "how quickly the optimizer's model changes along each parameter.",
      "Relevance = 1 / length scale of the Gaussian process (Matern-5/2, automatic relevance determination)"
      + " fitted to the successful observations, as the optimizer fits it; for a categorical parameter, the"
      + " root mean square of sqrt(1/l_a^2 + 1/l_b^2) over pairs of its one-hot coordinates, the distance"
      + " of switching values. It measures sensitivity as the model sees it, not the size of an effect.");
  /** The fewest successful observations for a fit worth reading: 2 per encoded dimension, and at least this. */
  public static final int MINIMUM_OBSERVATIONS = 8;

  @Override
  public Importance compute(Experiment experiment) {
    UnitCubeEncoding encoding = new UnitCubeEncoding(experiment.spec().space());
    Metric metric = experiment.spec().metric();
    List<Observation> ok = experiment.observations().stream().filter(o -> !o.failed()).toList();
    int n = ok.size();
    int needed = minimumObservations(encoding.dimension());
    if (n < needed) {
      return Importance.unavailable(METHOD, n, "the Gaussian process needs at least " + needed
          + " successful observations for " + encoding.dimension() + " encoded dimensions, has " + n);
    }
    double[][] x = new double[n][];
    double[] y = new double[n];
    double[] noise = new double[n];
    boolean anyNoise = false;
    for (int i = 0; i < n; i++) {
      Observation o = ok.get(i);
      x[i] = encoding.encode(o.assignments());
      y[i] = metric.objective().toMaximized(o.value());
      noise[i] = o.valueStddev() == null ? Double.NaN : o.valueStddev() * o.valueStddev();
      anyNoise |= o.valueStddev() != null;
    }
    GaussianProcess gp;
    try {
      // Seeded from the experiment, so the same state always draws the same bars.
      gp = GaussianProcessFitter.fit(x, y, anyNoise ? noise : null, FitOptions.defaults(),
          new SplittableRandom(experiment.seed()));
    } catch (IllegalStateException e) {
      return Importance.unavailable(METHOD, n, "the Gaussian process fit failed (" + e.getMessage() + ")");
    }
    return fromLengthScales(encoding, gp.lengthScales(), n);
  }

  /** 2 observations per encoded dimension, and never fewer than {@link #MINIMUM_OBSERVATIONS}. */
  public static int minimumObservations(int encodedDimension) {
    return Math.max(MINIMUM_OBSERVATIONS, 2 * encodedDimension);
  }

  /**
   * Importances from ARD length scales.
   *
   * @param lengthScales one per coordinate of {@code encoding}, in unit-cube units
   * @param observations how many observations the length scales were fitted to (for the page)
   */
  static Importance fromLengthScales(UnitCubeEncoding encoding, double[] lengthScales, int observations) {
    if (lengthScales.length != encoding.dimension()) {
      throw new IllegalArgumentException("got " + lengthScales.length + " length scales for an encoding of dimension "
          + encoding.dimension());
    }
    List<String> names = new ArrayList<>();
    encoding.space().conditionals().stream().map(Conditional::name).forEach(names::add);
    encoding.space().parameters().stream().map(Parameter::name).forEach(names::add);
    double[] relevance = new double[names.size()];
    double[] typicalScale = new double[names.size()];
    double sum = 0;
    for (int i = 0; i < names.size(); i++) {
      int[] coordinates = encoding.coordinatesOf(names.get(i));
      double meanInverseSquare = 0;
      for (int c : coordinates) {
        meanInverseSquare += 1 / (lengthScales[c] * lengthScales[c]) / coordinates.length;
      }
      relevance[i] = Math.sqrt(coordinates.length == 1 ? meanInverseSquare : 2 * meanInverseSquare);
      typicalScale[i] = 1 / relevance[i];
      sum += relevance[i];
    }
    List<Importance.Entry> entries = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      boolean group = encoding.coordinatesOf(names.get(i)).length > 1;
      String label = String.format(Locale.ROOT, "%s %.3g of the range (relevance %.3g)",
          group ? "effective length scale" : "length scale", typicalScale[i], relevance[i]);
      entries.add(new Importance.Entry(names.get(i), relevance[i] / sum, relevance[i], label));
    }
    entries.sort(Comparator.comparingDouble(Importance.Entry::share).reversed());
    return new Importance(METHOD, observations, entries, null);
  }
}
