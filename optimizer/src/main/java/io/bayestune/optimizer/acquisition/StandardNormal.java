package io.bayestune.optimizer.acquisition;

/**
 * The standard normal density, distribution function and the scaled complementary error function
 * {@code erfcx(x) = exp(x^2) erfc(x)}, accurate to a few ulps far into the tails.
 *
 * <p>{@link #erfc} and {@link #erfcx} use the rational Chebyshev approximations of W. J. Cody,
 * "Rational Chebyshev approximations for the error function", Math. Comp. 23(107):631-637, 1969
 * (the coefficients of his CALERF routine, maximal relative error about 1e-18 in each of the three
 * intervals |x| <= 0.46875, 0.46875 < |x| <= 4 and |x| > 4). In the upper tail erfc underflows but
 * erfcx does not, which is what keeps {@code log Phi(u)} and log expected improvement finite:
 * {@code Phi(u) = erfcx(-u / sqrt 2) exp(-u^2 / 2) / 2}.
 */
public final class StandardNormal {

  /** 1 / sqrt(2 pi). */
  public static final double INV_SQRT_2PI = 0.39894228040143267794;
  /** log(2 pi) / 2. */
  public static final double HALF_LOG_2PI = 0.91893853320467274178;
  private static final double INV_SQRT_PI = 0.56418958354775628695;
  private static final double SQRT_HALF = 0.70710678118654752440;

  private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02,
      3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1};
  private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02,
      1.28261652607737228e03, 2.84423683343917062e03};
  private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00,
      6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02,
      1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03,
      2.15311535474403846e-8};
  private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02,
      5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03,
      4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03};
  private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1,
      1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4,
      1.63153871373020978e-2};
  private static final double[] Q = {2.56852019228982242e00, 1.87295284992346725e00,
      5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3};

  private StandardNormal() {
  }

  /** The density phi(u). */
  public static double pdf(double u) {
    return INV_SQRT_2PI * Math.exp(-0.5 * u * u);
  }

  /** The distribution function Phi(u) = erfc(-u / sqrt 2) / 2, with full relative accuracy for u < 0. */
  public static double cdf(double u) {
    return 0.5 * erfc(-u * SQRT_HALF);
  }

  /** log Phi(u), finite for every finite u (about -u^2/2 - log(-u) - log(2 pi)/2 for u -> -inf). */
  public static double logCdf(double u) {
    if (u < -1.0) {
      // Phi(u) underflows below u ~ -38; its log does not, through erfcx.
      return Math.log(0.5 * erfcx(-u * SQRT_HALF)) - 0.5 * u * u;
    }
    // Phi(u) >= 0.158 here; log1p keeps the tiny upper-tail deficit 1 - Phi(u) accurate.
    return Math.log1p(-0.5 * erfc(u * SQRT_HALF));
  }

  /** The complementary error function erfc(x) = 1 - erf(x). */
  public static double erfc(double x) {
    double y = Math.abs(x);
    double result;
    if (y <= 0.46875) {
      result = 1.0 - erfSmall(x);
      return result;
    } else if (y <= 4.0) {
      result = expMinusSquare(y) * erfcxMiddle(y);
    } else {
      result = expMinusSquare(y) * erfcxLarge(y); // underflows gracefully past y ~ 26.6
    }
    return x < 0 ? 2.0 - result : result;
  }

  /**
   * The scaled complementary error function erfcx(x) = exp(x^2) erfc(x); about 1 / (x sqrt pi)
   * for large x, and it overflows to +infinity for x below about -26.6.
   */
  public static double erfcx(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    double y = Math.abs(x);
    double result;
    if (y <= 0.46875) {
      result = Math.exp(x * x) * (1.0 - erfSmall(x));
      return result;
    } else if (y <= 4.0) {
      result = erfcxMiddle(y);
    } else {
      result = erfcxLarge(y);
    }
    if (x < 0) {
      // erfcx(-y) = 2 exp(y^2) - erfcx(y); the first term dominates and overflows past y ~ 26.6.
      result = 2.0 * Math.exp(y * y) - result;
    }
    return result;
  }

  /** erf(x) for |x| <= 0.46875: x P(x^2) / Q(x^2). */
  private static double erfSmall(double x) {
    double ysq = x * x;
    double num = A[4] * ysq;
    double den = ysq;
    for (int i = 0; i < 3; i++) {
      num = (num + A[i]) * ysq;
      den = (den + B[i]) * ysq;
    }
    return x * (num + A[3]) / (den + B[3]);
  }

  /** erfcx(y) for 0.46875 < y <= 4: P(y) / Q(y). */
  private static double erfcxMiddle(double y) {
    double num = C[8] * y;
    double den = y;
    for (int i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    return (num + C[7]) / (den + D[7]);
  }

  /** erfcx(y) for y > 4: (1/sqrt(pi) + R(1/y^2) / y^2) / y. */
  private static double erfcxLarge(double y) {
    if (y >= 6.71e7) {
      return INV_SQRT_PI / y; // the correction is below one ulp
    }
    double ysq = 1.0 / (y * y);
    double num = P[5] * ysq;
    double den = ysq;
    for (int i = 0; i < 4; i++) {
      num = (num + P[i]) * ysq;
      den = (den + Q[i]) * ysq;
    }
    double r = ysq * (num + P[4]) / (den + Q[4]);
    return (INV_SQRT_PI - r) / y;
  }

  /**
   * exp(-y^2), splitting y^2 into an exactly representable part (y rounded down to a multiple of
   * 1/16) and a small remainder, as Cody does, so the rounding of y*y is not amplified by exp.
   */
  private static double expMinusSquare(double y) {
    double ysq = Math.floor(y * 16.0) / 16.0;
    double del = (y - ysq) * (y + ysq);
    return Math.exp(-ysq * ysq) * Math.exp(-del);
  }
}
