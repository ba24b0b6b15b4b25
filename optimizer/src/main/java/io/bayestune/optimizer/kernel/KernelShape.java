package io.bayestune.optimizer.kernel;

/**
 * The correlation a Gaussian process uses as a function of the scaled distance r: the Matern-5/2 correlation
 * {@code c(r)} alone, or a sum of it at two scales,
 *
 * <pre>
 *   c_w,a(r) = (1 - w) c(r) + w c(a r)          q_w,a(r) = (1 - w) q(r) + w a^2 q(a r)
 * </pre>
 *
 * with the slope {@code q = -2 dc / d(r^2)} that every gradient uses (see {@link Matern52Kernel}). Both terms share the
 * fitted length scales, so the sum adds no hyperparameter: a fraction {@code w} of the prior variance varies
 * {@code a} times faster than the rest. A sum of kernels at several scales is again a kernel (Rasmussen and Williams
 * 2006, "Gaussian Processes for Machine Learning", section 5.4.3); mixing a global and a local kernel for Bayesian
 * optimization is Wabersich and Toussaint's idea (2016, "Advancing Bayesian optimization: the mixed-global-local
 * kernel and length-scale cool down").
 *
 * <p>Why: a function with a smooth trend and a fine ripple (Ackley's cosine term: about 65 local minima per
 * coordinate) is fitted by one Matern-5/2 either as the ripple, which needs far more points than a batch can give, or
 * as the trend, which then calls every local minimum a plateau to refine. The fine term keeps a little prior
 * variance at the ripple's scale, so the acquisition still sees gain one ripple away. Measured in
 * docs/benchmarks.md ("Quality at scale").
 *
 * @param fineWeight w in [0, 1): the share of the prior variance at the fine scale; 0 is the plain Matern-5/2
 * @param fineRatio a >= 1: how many times shorter the fine scale's length scales are
 * @param name the shape's name in messages (experiment states name the local model's kernel by
 *     {@code LocalKernel})
 */
public record KernelShape(double fineWeight, double fineRatio, String name) {

  /** The Matern-5/2 correlation alone. */
  public static final KernelShape MATERN52 = new KernelShape(0.0, 1.0, "matern52");

  /**
   * 0.9 c(r) + 0.1 c(10 r). Measured on Ackley-12 and Hartmann6-in-12 (simulator, P = 64, budget 2,000, seeds 1-3):
   * 0.1 at a ratio of 10 reached Ackley's global basin on all three seeds; docs/benchmarks.md gives the weights tried.
   */
  public static final KernelShape TWO_SCALE = new KernelShape(0.1, 10.0, "two-scale");

  public KernelShape {
    if (!(fineWeight >= 0 && fineWeight < 1) || !(fineRatio >= 1) || Double.isInfinite(fineRatio)) {
      throw new IllegalArgumentException("KernelShape: fineWeight must be in [0, 1) and fineRatio finite and >= 1, but"
          + " got " + fineWeight + " and " + fineRatio);
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("KernelShape: a name is required");
    }
  }

  /** The correlation at scaled distance r >= 0; 1 at r = 0. */
  public double correlation(double r) {
    double coarse = Matern52Kernel.correlation(r);
    return fineWeight == 0 ? coarse
        : (1 - fineWeight) * coarse + fineWeight * Matern52Kernel.correlation(fineRatio * r);
  }

  /** q(r) = -2 d correlation / d(r^2), finite at r = 0. */
  public double slope(double r) {
    double coarse = Matern52Kernel.slope(r);
    return fineWeight == 0 ? coarse
        : (1 - fineWeight) * coarse + fineWeight * fineRatio * fineRatio * Matern52Kernel.slope(fineRatio * r);
  }
}
