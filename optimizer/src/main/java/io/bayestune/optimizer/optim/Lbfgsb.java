package io.bayestune.optimizer.optim;

import java.util.Objects;

/**
 * Box-constrained limited-memory BFGS: minimizes f(x) subject to lower <= x <= upper.
 *
 * <p>A projected L-BFGS method. Each iteration
 * <ol>
 *   <li>stops when the projected gradient {@code P(x - g) - x} is small (the first-order optimality
 *       condition of a box-constrained problem);</li>
 *   <li>fixes the epsilon-active variables, those at a bound whose gradient pushes outward
 *       (Bertsekas 1982, "Projected Newton methods for optimization problems with simple
 *       constraints", SIAM J. Control Optim. 20(2));</li>
 *   <li>takes the L-BFGS direction {@code d = -P_F H P_F g} on the free variables, H from the usual
 *       two-loop recursion over the last m pairs (Nocedal 1980; Byrd, Lu, Nocedal and Zhu 1995,
 *       "A limited memory algorithm for bound constrained optimization", SIAM J. Sci. Comput.
 *       16(5)). Restricting H to the free variables keeps d a descent direction, which projecting
 *       an unrestricted quasi-Newton step would not;</li>
 *   <li>backtracks along the projected path {@code x(a) = P(x + a d)} until the Armijo condition
 *       {@code f(x(a)) <= f(x) + c1 g'(x(a) - x)} holds. Non-finite values count as failures and
 *       cut the step by 10 instead of 2.</li>
 * </ol>
 * Pairs with {@code s'y <= 1e-10 y'y} are skipped, which keeps H positive definite without a Wolfe
 * line search. Unlike the original L-BFGS-B, there is no generalized Cauchy point; on the smooth,
 * low-dimensional problems here (GP hyperparameters, acquisition functions) the active set settles
 * in a few iterations either way.
 *
 * <pre>{@code
 * Lbfgsb.Result r = Lbfgsb.minimize(f, x0, lower, upper, Lbfgsb.Options.defaults());
 * }</pre>
 */
public final class Lbfgsb {

  private static final double ARMIJO = 1e-4;

  /** Why the minimizer stopped. */
  public enum Status {
    /** The projected gradient is below tolerance. */
    CONVERGED_GRADIENT,
    /** The relative decrease of f in the last step is below tolerance. */
    CONVERGED_VALUE,
    MAX_ITERATIONS,
    /** No step along a steepest-descent direction decreased f: x is as good as the line search can tell. */
    LINE_SEARCH_FAILED,
    /** f or its gradient is not finite at the (projected) starting point. */
    NON_FINITE_START
  }

  /**
   * @param maxIterations iterations (one line search each) before stopping
   * @param memory number of stored correction pairs m
   * @param gradientTolerance stop when the infinity norm of the projected gradient is below this
   * @param valueTolerance stop when (f_k - f_k+1) <= valueTolerance * max(|f_k|, |f_k+1|, 1)
   * @param maxLineSearchSteps function evaluations per line search
   */
  public record Options(int maxIterations, int memory, double gradientTolerance, double valueTolerance,
      int maxLineSearchSteps) {
    public Options {
      if (maxIterations < 0 || memory < 1 || maxLineSearchSteps < 1) {
        throw new IllegalArgumentException("Lbfgsb.Options: maxIterations >= 0, memory >= 1 and "
            + "maxLineSearchSteps >= 1 required, got " + maxIterations + ", " + memory + ", " + maxLineSearchSteps);
      }
      if (!(gradientTolerance >= 0) || !(valueTolerance >= 0)) {
        throw new IllegalArgumentException("Lbfgsb.Options: tolerances must be >= 0, got "
            + gradientTolerance + ", " + valueTolerance);
      }
    }

    /** 200 iterations, m = 10, projected gradient 1e-6, relative decrease 1e-10, 30 line-search steps. */
    public static Options defaults() {
      return new Options(200, 10, 1e-6, 1e-10, 30);
    }

    public Options withMaxIterations(int n) {
      return new Options(n, memory, gradientTolerance, valueTolerance, maxLineSearchSteps);
    }

    public Options withTolerances(double gradient, double value) {
      return new Options(maxIterations, memory, gradient, value, maxLineSearchSteps);
    }
  }

  /** The best point found, f there, and how the search ended. */
  public record Result(double[] x, double value, double[] gradient, int iterations, int evaluations, Status status) {
    public Result {
      x = x.clone();
      gradient = gradient.clone();
    }

    @Override
    public double[] x() {
      return x.clone();
    }

    @Override
    public double[] gradient() {
      return gradient.clone();
    }
  }

  private Lbfgsb() {
  }

  /**
   * Minimizes {@code f} over the box from {@code x0} (projected into the box first).
   *
   * @param lower per-coordinate lower bounds (may be -infinity)
   * @param upper per-coordinate upper bounds (may be +infinity), {@code upper[i] >= lower[i]}
   * @throws IllegalArgumentException if lengths differ or a bound pair is inverted or NaN
   */
  public static Result minimize(DifferentiableFunction f, double[] x0, double[] lower, double[] upper, Options o) {
    Objects.requireNonNull(f, "f");
    int n = x0.length;
    if (lower.length != n || upper.length != n) {
      throw new IllegalArgumentException("x0, lower and upper must have equal lengths, got " + n + ", "
          + lower.length + ", " + upper.length);
    }
    for (int i = 0; i < n; i++) {
      if (!(lower[i] <= upper[i])) {
        throw new IllegalArgumentException("bounds[" + i + "]: lower <= upper required, got " + lower[i] + " > " + upper[i]);
      }
    }
    double[] x = new double[n];
    project(x0, lower, upper, x);
    double[] g = new double[n];
    double fx = f.valueAndGradient(x, g);
    if (!Double.isFinite(fx) || !allFinite(g)) {
      return new Result(x, fx, g, 0, 1, Status.NON_FINITE_START);
    }
    int evaluations = 1;
    int m = o.memory();
    double[][] s = new double[m][n];
    double[][] y = new double[m][n];
    double[] rho = new double[m];
    int stored = 0;
    int newest = -1;
    double[] d = new double[n];
    double[] xt = new double[n];
    double[] gt = new double[n];
    double[] alphaHistory = new double[m];
    boolean[] free = new boolean[n];

    for (int iteration = 0; iteration < o.maxIterations(); iteration++) {
      double pgNorm = projectedGradientNorm(x, g, lower, upper);
      if (pgNorm <= o.gradientTolerance()) {
        return new Result(x, fx, g, iteration, evaluations, Status.CONVERGED_GRADIENT);
      }
      for (int i = 0; i < n; i++) {
        // epsilon-active: close enough to a bound that the projected step would land on it anyway.
        double eps = Math.min(pgNorm, 1e-3 * (upper[i] - lower[i]));
        boolean atLower = x[i] <= lower[i] + eps && g[i] > 0;
        boolean atUpper = x[i] >= upper[i] - eps && g[i] < 0;
        free[i] = !(atLower || atUpper);
      }
      boolean steepest = stored == 0;
      if (!steepest) {
        twoLoop(g, free, s, y, rho, stored, newest, m, alphaHistory, d);
      }
      double slope = steepest ? 0 : dot(g, d);
      if (steepest || !(slope < 0)) {
        steepest = true;
        stored = 0;
        for (int i = 0; i < n; i++) {
          d[i] = free[i] ? -g[i] : 0.0;
        }
        slope = dot(g, d);
      }
      if (!(slope < 0)) {
        return new Result(x, fx, g, iteration, evaluations, Status.CONVERGED_GRADIENT);
      }
      // A steepest-descent step has no curvature information: move at most one unit per coordinate.
      double step = steepest ? Math.min(1.0, 1.0 / maxAbs(d)) : 1.0;
      double ft = Double.NaN;
      boolean accepted = false;
      for (int ls = 0; ls < o.maxLineSearchSteps() && !accepted; ls++) {
        for (int i = 0; i < n; i++) {
          xt[i] = Math.min(upper[i], Math.max(lower[i], x[i] + step * d[i]));
        }
        double decrease = 0;
        boolean moved = false;
        for (int i = 0; i < n; i++) {
          decrease += g[i] * (xt[i] - x[i]);
          moved |= xt[i] != x[i];
        }
        if (!moved) {
          break;
        }
        ft = f.valueAndGradient(xt, gt);
        evaluations++;
        if (Double.isFinite(ft) && allFinite(gt) && ft <= fx + ARMIJO * decrease) {
          accepted = true;
        } else if (!Double.isFinite(ft) || !allFinite(gt)) {
          step *= 0.1;
        } else {
          // Minimizer of the quadratic through f(0), f'(0) and f(step), kept within [0.1, 0.5] step.
          double q = -decrease / (2 * (ft - fx - decrease));
          step *= Math.min(0.5, Math.max(0.1, q));
        }
      }
      if (!accepted) {
        if (steepest) {
          return new Result(x, fx, g, iteration, evaluations, Status.LINE_SEARCH_FAILED);
        }
        stored = 0; // the curvature model misled the search; retry from steepest descent
        continue;
      }
      double sy = 0;
      double yy = 0;
      for (int i = 0; i < n; i++) {
        double si = xt[i] - x[i];
        double yi = gt[i] - g[i];
        sy += si * yi;
        yy += yi * yi;
      }
      // Only pairs with positive curvature along s keep H positive definite; skip the others.
      if (sy > 1e-10 * yy && sy > 0) {
        newest = (newest + 1) % m;
        for (int i = 0; i < n; i++) {
          s[newest][i] = xt[i] - x[i];
          y[newest][i] = gt[i] - g[i];
        }
        rho[newest] = 1.0 / sy;
        stored = Math.min(stored + 1, m);
      }
      double previous = fx;
      System.arraycopy(xt, 0, x, 0, n);
      System.arraycopy(gt, 0, g, 0, n);
      fx = ft;
      if (previous - fx <= o.valueTolerance() * Math.max(1.0, Math.max(Math.abs(previous), Math.abs(fx)))) {
        return new Result(x, fx, g, iteration + 1, evaluations, Status.CONVERGED_VALUE);
      }
    }
    return new Result(x, fx, g, o.maxIterations(), evaluations, Status.MAX_ITERATIONS);
  }

  /** d = -P_F H P_F g by the two-loop recursion with H0 = (s'y / y'y) I on the newest pair. */
  private static void twoLoop(double[] g, boolean[] free, double[][] s, double[][] y, double[] rho,
      int stored, int newest, int m, double[] alpha, double[] d) {
    int n = g.length;
    for (int i = 0; i < n; i++) {
      d[i] = free[i] ? g[i] : 0.0;
    }
    for (int k = 0, j = newest; k < stored; k++, j = (j - 1 + m) % m) {
      alpha[j] = rho[j] * dot(s[j], d);
      axpy(-alpha[j], y[j], d);
    }
    double gamma = 1.0 / (rho[newest] * dot(y[newest], y[newest]));
    for (int i = 0; i < n; i++) {
      d[i] *= gamma;
    }
    for (int k = 0, j = (newest - stored + 1 + m) % m; k < stored; k++, j = (j + 1) % m) {
      double beta = rho[j] * dot(y[j], d);
      axpy(alpha[j] - beta, s[j], d);
    }
    for (int i = 0; i < n; i++) {
      d[i] = free[i] ? -d[i] : 0.0;
    }
  }

  private static double projectedGradientNorm(double[] x, double[] g, double[] lower, double[] upper) {
    double norm = 0;
    for (int i = 0; i < x.length; i++) {
      double p = Math.min(upper[i], Math.max(lower[i], x[i] - g[i])) - x[i];
      norm = Math.max(norm, Math.abs(p));
    }
    return norm;
  }

  private static void project(double[] x, double[] lower, double[] upper, double[] out) {
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
    }
  }

  private static boolean allFinite(double[] v) {
    for (double e : v) {
      if (!Double.isFinite(e)) {
        return false;
      }
    }
    return true;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double e : v) {
      m = Math.max(m, Math.abs(e));
    }
    return m;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }
}
