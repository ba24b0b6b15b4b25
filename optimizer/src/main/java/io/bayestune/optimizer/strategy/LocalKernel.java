package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.kernel.KernelShape;

/**
 * The kernel shape of a large experiment's local model (see {@link LocalModelOptions}); the global model always uses
 * the Matern-5/2.
 *
 * <p>Why {@link #AUTO} picks by dimension and by the experiment's parallel bandwidth (docs/benchmarks.md, "Quality at
 * scale: the two-scale local kernel and the resolution cap"; simulator, budget 2,000, side by side with
 * {@link #MATERN52}):
 * <ul>
 *   <li>P = 64, seeds 1-3: Ackley-12 median regret 0.0031 against 0.0132, Hartmann6-in-12 1.2e-12 against 5.2e-12;
 *   <li>P = 256: worse on three of five seed-function pairs, twice by far (Hartmann6-in-12 seed 1 held in the local
 *   optimum at 0.119 through 5,000 trials, against 2.8e-7 after 1,000; Ackley-12 seed 1 3.29 against 0.286 after
 *   2,000), so above {@link #TWO_SCALE_MAX_BANDWIDTH} the Matern-5/2 stays;
 *   <li>50 dimensions (the high-dimensional suite, where the local model starts right after the initial design):
 *   Levy-50 worse (seeds 1-3 after 500: 82-89 against 56-60), Ackley-50 no better (15.0-15.9 against 12.6-15.9).
 * </ul>
 */
public enum LocalKernel {
  /**
   * Two-scale up to {@link LocalModelOptions#HIGH_DIMENSION} encoded coordinates and a parallel bandwidth of up to
   * {@link #TWO_SCALE_MAX_BANDWIDTH}, the Matern-5/2 otherwise.
   */
  AUTO("auto"),
  /** The Matern-5/2 in every dimension (every experiment before this option existed). */
  MATERN52("matern52"),
  /** The two-scale shape in every dimension and at every bandwidth. */
  TWO_SCALE("two-scale");

  /** The largest parallel bandwidth at which {@link #AUTO} uses the two-scale shape (measured: 64 yes, 256 no). */
  public static final int TWO_SCALE_MAX_BANDWIDTH = 64;

  private final String jsonName;

  LocalKernel(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name experiment states and command lines use. */
  public String jsonName() {
    return jsonName;
  }

  /** This kernel for an experiment of this parallel bandwidth: {@link #AUTO} above the limit is the Matern-5/2. */
  public LocalKernel forBandwidth(int parallelBandwidth) {
    return this == AUTO && parallelBandwidth > TWO_SCALE_MAX_BANDWIDTH ? MATERN52 : this;
  }

  /** The shape for a space of this many encoded coordinates (see {@link #forBandwidth} first). */
  public KernelShape shape(int dimension) {
    return switch (this) {
      case AUTO -> dimension > LocalModelOptions.HIGH_DIMENSION ? KernelShape.MATERN52 : KernelShape.TWO_SCALE;
      case MATERN52 -> KernelShape.MATERN52;
      case TWO_SCALE -> KernelShape.TWO_SCALE;
    };
  }

  /**
   * @param field the option's name, for the error
   * @throws IllegalArgumentException naming the field, the value and the choices
   */
  public static LocalKernel named(String field, String name) {
    for (LocalKernel k : values()) {
      if (k.jsonName.equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException(field + ": must be auto, matern52 or two-scale, but got \"" + name + "\"");
  }
}
