package io.bayestune.bench.functions;

import io.bayestune.functions.ContinuousFunction;
import io.bayestune.functions.Hartmann;
import java.util.Arrays;

/**
 * Hartmann6 embedded in [0, 1]^d: only the first six coordinates matter, the other d - 6 are dummies (as in the
 * embedded Hartmann6 of Wang et al. 2016, "Bayesian optimization in a billion dimensions via random embeddings").
 * f* = -3.32237 at Hartmann6's minimizer (and anything in the dummy coordinates).
 */
public final class EmbeddedHartmann6 extends ContinuousFunction {
  private static final Hartmann HARTMANN6 = Hartmann.hartmann6();

  public EmbeddedHartmann6(int d) {
    super("hartmann6-in-" + d, fill(d, 0), fill(d, 1), Hartmann.OPTIMUM_6, minimizer(d));
  }

  private static double[] minimizer(int d) {
    double[] m = fill(d, 0.5);
    double[] six = HARTMANN6.minimizer().values().stream().mapToDouble(v -> (Double) v).toArray();
    System.arraycopy(six, 0, m, 0, 6);
    return m;
  }

  @Override
  public double value(double[] x) {
    return HARTMANN6.value(Arrays.copyOf(x, 6));
  }
}
