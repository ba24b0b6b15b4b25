package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.kernel.KernelShape;

/**
 * The kernel shape of a large experiment's local model (see {@link LocalModelOptions}); the global model always uses
 * the Matern-5/2.
 *
 * <p>Why {@link #AUTO} picks by dimension (docs/benchmarks.md, "Quality at scale"): in 12 dimensions the two-scale
 * shape took Ackley-12 from a median regret of 2.08 to 0.0036 after 2,000 trials (simulator, P = 64, seeds 1-3) and
 * Hartmann6-in-12 from 5.45e-12 to 1.2e-12; on the high-dimensional suite, whose local model starts right after the
 * initial design, it made Levy-50 worse (seeds 1-3 after 500: 82-89 against 56-60) and Ackley-50 no better (15.0-15.9
 * against 12.6-15.9).
 */
public enum LocalKernel {
  /** Two-scale up to {@link LocalModelOptions#HIGH_DIMENSION} encoded coordinates, Matern-5/2 above. */
  AUTO("auto"),
  /** The Matern-5/2 in every dimension (every experiment before this option existed). */
  MATERN52("matern52"),
  /** The two-scale shape in every dimension. */
  TWO_SCALE("two-scale");

  private final String jsonName;

  LocalKernel(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name experiment states and command lines use. */
  public String jsonName() {
    return jsonName;
  }

  /** The shape for a space of this many encoded coordinates. */
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
