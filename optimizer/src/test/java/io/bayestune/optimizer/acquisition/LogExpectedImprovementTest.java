package io.bayestune.optimizer.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.model.FitOptions;
import io.bayestune.optimizer.model.GaussianProcess;
import io.bayestune.optimizer.model.GaussianProcessFitter;
import io.bayestune.optimizer.testing.ReferenceData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogExpectedImprovementTest {

  @Test
  void styleGuideReferenceValues() {
    // Within about two ulps of each value: in the erfcx branch 1 - |u| R(u) is formed by a
    // subtraction that costs a few bits (at u = -5 it is 0.035).
    assertEquals(-1.6205162643873199, LogExpectedImprovement.logH(-0.5), 5e-16);
    assertEquals(-16.744301162660990, LogExpectedImprovement.logH(-5), 8e-15);
    assertEquals(-808.29856835661996, LogExpectedImprovement.logH(-40), 3e-13);
    // EI with mean -0.5, variance 1, best 0.
    assertEquals(0.1977965574013060, ExpectedImprovement.of(-0.5, 1.0, 0.0), 1e-16);
    LinearPosterior posterior = new LinearPosterior(new double[] {-0.5}, 1.0, new double[] {0.0});
    assertEquals(0.1977965574013060, new ExpectedImprovement(posterior, 0.0).value(new double[] {1.0}), 1e-16);
    assertEquals(Math.log(0.1977965574013060), new LogExpectedImprovement(posterior, 0.0).value(new double[] {1.0}), 1e-15);
  }

  /** h and h' against mpmath at 60 digits (log_ei_reference.py), through every branch and far into the tail. */
  @Test
  void logHAndItsDerivativeMatchMpmath() {
    int checked = 0;
    for (String[] row : ReferenceData.rows("log_ei_reference.csv")) {
      if (!row[0].equals("h")) {
        continue;
      }
      double u = Double.parseDouble(row[1]);
      double h = Double.parseDouble(row[2]);
      double dh = Double.parseDouble(row[3]);
      // A few ulps of |h| (about 1e-16 relative each), plus an absolute 1e-15 near h = 0.
      double tolerance = 8e-16 * Math.abs(h) + 1e-15;
      assertEquals(h, LogExpectedImprovement.logH(u), tolerance, "h(" + u + "): mpmath " + h + ", ours "
          + LogExpectedImprovement.logH(u) + " (tolerance " + tolerance + ")");
      // For -25 <= u <= -1, h' divides by 1 - |u| R, which loses up to log10(u^2) digits to cancellation.
      double slopeTolerance = (u < -1 ? 2e-16 * u * u : 0) + 4e-15;
      assertEquals(1.0, LogExpectedImprovement.logHDerivative(u) / dh, slopeTolerance, "h'(" + u + "): mpmath " + dh
          + ", ours " + LogExpectedImprovement.logHDerivative(u) + " (relative tolerance " + slopeTolerance + ")");
      checked++;
    }
    assertEquals(30, checked, "rows of h references");
  }

  @Test
  void logHIsFiniteAndIncreasingWhereNaiveLogEiIsMinusInfinity() {
    double previous = Double.NEGATIVE_INFINITY;
    for (double u = -1e6; u <= 5; u = u < -100 ? u / 1.5 : u + 0.01) {
      double naive = Math.log(ExpectedImprovement.of(u, 1.0, 0.0));
      double h = LogExpectedImprovement.logH(u);
      assertTrue(Double.isFinite(h), "h(" + u + ") = " + h + " should be finite (naive log EI " + naive + ")");
      assertTrue(h > previous, "h must increase: h(" + u + ") = " + h + " after " + previous);
      assertTrue(LogExpectedImprovement.logHDerivative(u) > 0, "h'(" + u + ") must be positive");
      previous = h;
    }
    assertEquals(Double.NEGATIVE_INFINITY, Math.log(ExpectedImprovement.of(-40, 1.0, 0.0)),
        "the premise: naive log EI underflows at u = -40");
  }

  @Test
  void logEiAgreesWithLogOfEiWhereEiIsRepresentable() {
    for (double u = -20; u <= 6; u += 0.37) {
      double ei = ExpectedImprovement.of(u, 1.0, 0.0);
      assertEquals(Math.log(ei), LogExpectedImprovement.logH(u), 1e-13 * Math.max(1, Math.abs(Math.log(ei))),
          "u = " + u + ": log EI " + Math.log(ei) + " vs h " + LogExpectedImprovement.logH(u));
    }
  }

  @Test
  void gradientMatchesFiniteDifferencesOnAClosedFormPosterior() {
    LinearPosterior posterior = new LinearPosterior(new double[] {1.5, -2.0, 0.7}, 0.05, new double[] {0.3, 0.1, 0.8});
    // best values place u in the direct, erfcx and asymptotic branches
    for (double best : new double[] {0.0, 1.5, 6.0, 40.0}) {
      LogExpectedImprovement acq = new LogExpectedImprovement(posterior, best);
      ExpectedImprovement ei = new ExpectedImprovement(posterior, best);
      double[] x = {0.4, 0.3, 0.6};
      double[] g = new double[3];
      double[] gei = new double[3];
      acq.valueAndGradient(x, g);
      ei.valueAndGradient(x, gei);
      for (int i = 0; i < 3; i++) {
        double numeric = ReferenceData.centralDifference(acq::value, x, i, 1e-6);
        double tolerance = 1e-7 * Math.max(1, Math.abs(numeric));
        assertEquals(numeric, g[i], tolerance, "best " + best + ", d logEI / dx[" + i + "]: finite difference "
            + numeric + " vs analytic " + g[i] + " (tolerance " + tolerance + ")");
        if (best <= 1.5) {
          double numericEi = ReferenceData.centralDifference(ei::value, x, i, 1e-6);
          assertEquals(numericEi, gei[i], 1e-8, "best " + best + ", d EI / dx[" + i + "]: " + numericEi + " vs " + gei[i]);
        }
      }
    }
  }

  @Test
  void gradientMatchesFiniteDifferencesOnAFittedGaussianProcess() {
    SplittableRandom data = new SplittableRandom(5);
    double[][] x = new double[15][2];
    double[] y = new double[15];
    for (int i = 0; i < 15; i++) {
      x[i][0] = data.nextDouble();
      x[i][1] = data.nextDouble();
      y[i] = Math.sin(5 * x[i][0]) + x[i][1] * x[i][1];
    }
    GaussianProcess gp = GaussianProcessFitter.fit(x, y, null, FitOptions.defaults(), new SplittableRandom(1));
    double best = java.util.Arrays.stream(y).max().getAsDouble();
    LogExpectedImprovement acq = new LogExpectedImprovement(gp, best);
    for (double[] p : new double[][] {{0.13, 0.77}, {0.5, 0.5}, {0.91, 0.08}}) {
      double[] g = new double[2];
      acq.valueAndGradient(p, g);
      for (int i = 0; i < 2; i++) {
        double numeric = ReferenceData.centralDifference(acq::value, p, i, 1e-6);
        double tolerance = 1e-5 * Math.max(1, Math.abs(numeric));
        assertEquals(numeric, g[i], tolerance, "point (" + p[0] + ", " + p[1] + "), d logEI / dx[" + i
            + "]: finite difference " + numeric + " vs analytic " + g[i] + " (tolerance " + tolerance + ")");
      }
    }
  }

  @Test
  void vanishingVarianceGivesAFiniteValueAndGradient() {
    LinearPosterior exact = new LinearPosterior(new double[] {1.0, 1.0}, 0.0, new double[] {0.0, 0.0});
    LogExpectedImprovement acq = new LogExpectedImprovement(exact, 5.0);
    double[] g = new double[2];
    double v = acq.valueAndGradient(new double[] {0.5, 0.5}, g);
    assertTrue(Double.isFinite(v) && v < -1e10, "log EI with zero variance 4 below best should be finite and very "
        + "negative, got " + v);
    assertTrue(Double.isFinite(g[0]) && Double.isFinite(g[1]), "gradient must stay finite, got " + g[0] + ", " + g[1]);
  }
}
