package io.bayestune.optimizer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.kernel.KernelShape;
import io.bayestune.optimizer.testing.ReferenceData;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GaussianProcessTest {

  // The data and hyperparameters of gp_reference.py.
  private static final double[][] X = {{0.10, 0.20}, {0.40, 0.90}, {0.75, 0.35}, {0.95, 0.80}, {0.50, 0.50},
      {0.20, 0.65}};
  private static final double[] Y = {1.3, -0.4, 2.1, 0.7, 1.9, 0.2};
  private static final double[] KNOWN_NOISE = {Double.NaN, 0.05, Double.NaN, Double.NaN, 0.2, Double.NaN};
  private static final Hyperparameters HYPER = new Hyperparameters(new double[] {0.3, 0.7}, 1.5, 0.01, 0.8, 1.7);
  /** Every kernel shape the models use. */
  static List<KernelShape> shapes() {
    return List.of(KernelShape.MATERN52, KernelShape.TWO_SCALE);
  }

  private static final double[][] PROBES = {{0.10, 0.20}, {0.30, 0.30}, {0.60, 0.70}, {0.00, 1.00}, {0.85, 0.55}};

  @Test
  void posteriorMatchesNumpyReference() {
    GaussianProcess gp = GaussianProcessFitter.condition(X, Y, KNOWN_NOISE, HYPER);
    List<String[]> rows = ReferenceData.rows("gp_reference.csv");
    int checked = 0;
    for (String[] row : rows) {
      if (row[0].equals("predict")) {
        int i = Integer.parseInt(row[1]);
        double mean = Double.parseDouble(row[2]);
        double variance = Double.parseDouble(row[3]);
        Prediction p = gp.predict(PROBES[i]);
        // Same algorithm in a different order of operations: agreement to ~1e-14 relative.
        assertEquals(mean, p.mean(), 1e-12, "probe " + i + ": numpy mean " + mean + ", ours " + p.mean());
        assertEquals(variance, p.variance(), 1e-12, "probe " + i + ": numpy variance " + variance + ", ours " + p.variance());
        checked++;
      } else if (row[0].equals("lml")) {
        double lml = Double.parseDouble(row[2]);
        assertEquals(lml, gp.logMarginalLikelihood(), 1e-11, "log marginal likelihood: numpy " + lml + ", ours "
            + gp.logMarginalLikelihood());
        checked++;
      }
    }
    assertEquals(PROBES.length + 1, checked, "reference rows used");
    assertEquals(1.5 * 1.7 * 1.7, gp.signalVariance(), 1e-14);
    assertEquals(0.01 * 1.7 * 1.7, gp.noiseVariance(), 1e-15);
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void predictBatchMatchesPredict(KernelShape shape) {
    GaussianProcess gp = GaussianProcessFitter.condition(X, Y, KNOWN_NOISE,
        HYPER.withShape(shape));
    double[][] points = new double[700][]; // more than one block of 512 columns
    SplittableRandom rng = new SplittableRandom(2);
    for (int i = 0; i < points.length; i++) {
      points[i] = new double[] {rng.nextDouble(), rng.nextDouble()};
    }
    double[][] batch = gp.predictBatch(points);
    for (int i = 0; i < points.length; i++) {
      Prediction p = gp.predict(points[i]);
      assertEquals(p.mean(), batch[i][0], 1e-13, "point " + i + ": mean " + p.mean() + " vs batch " + batch[i][0]);
      assertEquals(p.variance(), batch[i][1], 1e-13, "point " + i + ": variance " + p.variance() + " vs batch " + batch[i][1]);
    }
  }

  /** Every kernel shape's gradients: the two-scale shape's slope carries the a^2 of its fine term. */
  @ParameterizedTest
  @MethodSource("shapes")
  void predictGradientMatchesFiniteDifferences(KernelShape shape) {
    GaussianProcess gp = GaussianProcessFitter.condition(X, Y, KNOWN_NOISE,
        HYPER.withShape(shape));
    for (double[] x : new double[][] {{0.33, 0.41}, {0.9, 0.1}, {0.12, 0.22}}) {
      double[] meanGradient = new double[2];
      double[] varianceGradient = new double[2];
      gp.predictGradient(x, meanGradient, varianceGradient);
      for (int k = 0; k < 2; k++) {
        double numericMean = ReferenceData.centralDifference(p -> gp.predict(p).mean(), x, k, 1e-6);
        double numericVariance = ReferenceData.centralDifference(p -> gp.predict(p).variance(), x, k, 1e-6);
        assertEquals(numericMean, meanGradient[k], 1e-7, "x = (" + x[0] + ", " + x[1] + "), d mean / dx[" + k
            + "]: finite difference " + numericMean + " vs analytic " + meanGradient[k] + " (tolerance 1e-7)");
        assertEquals(numericVariance, varianceGradient[k], 1e-7, "x = (" + x[0] + ", " + x[1] + "), d var / dx[" + k
            + "]: finite difference " + numericVariance + " vs analytic " + varianceGradient[k] + " (tolerance 1e-7)");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void logMarginalLikelihoodGradientMatchesFiniteDifferences(KernelShape shape) {
    SplittableRandom rng = new SplittableRandom(4);
    double[][] x = new double[12][3];
    double[] y = new double[12];
    double[] knownNoise = new double[12];
    for (int i = 0; i < 12; i++) {
      for (int k = 0; k < 3; k++) {
        x[i][k] = rng.nextDouble();
      }
      y[i] = rng.nextGaussian();
      knownNoise[i] = i % 3 == 0 ? 0.05 : Double.NaN; // some known, the rest fitted
    }
    MarginalLikelihood ml = new MarginalLikelihood(x, y, knownNoise, shape);
    for (double[] theta : new double[][] {{-1.0, 0.0, 0.5, 0.2, -3.0, 0.0}, {0.3, -0.7, -1.5, -0.5, -1.0, -1.2}}) {
      double[] gradient = new double[6];
      double value = ml.valueAndGradient(theta, gradient);
      assertEquals(value, ml.value(theta), 1e-12, "value with and without gradient");
      for (int j = 0; j < 6; j++) {
        double numeric = ReferenceData.centralDifference(ml::value, theta, j, 1e-6);
        double tolerance = 1e-6 * Math.max(1, Math.abs(numeric));
        assertEquals(numeric, gradient[j], tolerance, "d lml / d theta[" + j + "] at theta[0] = " + theta[0]
            + ": finite difference " + numeric + " vs analytic " + gradient[j] + " (tolerance " + tolerance + ")");
      }
    }
  }

  @Test
  void varianceIsNonNegativeEverywhereIncludingTrainingPoints() {
    double[][] x = new double[30][2];
    double[] y = new double[30];
    SplittableRandom rng = new SplittableRandom(8);
    for (int i = 0; i < 30; i++) {
      x[i] = new double[] {rng.nextDouble(), rng.nextDouble()};
      y[i] = Math.cos(4 * x[i][0]) * x[i][1];
    }
    // Near-noiseless, long length scales: K is as ill-conditioned as the bounds allow.
    GaussianProcess gp = GaussianProcessFitter.condition(x, y, null,
        new Hyperparameters(new double[] {2.0, 2.0}, 1.0, 1e-6, 0.0, 1.0));
    for (int i = 0; i < 30; i++) {
      double v = gp.predict(x[i]).variance();
      assertTrue(v >= 0 && v < 1e-5, "training point " + i + ": variance " + v + " should be in [0, 1e-5]");
    }
    for (double[] row : gp.predictBatch(x)) {
      assertTrue(row[1] >= 0, "batch variance " + row[1] + " < 0");
    }
  }

  @Test
  void fittedModelInterpolatesNoiselessData() {
    double[][] x = new double[25][2];
    double[] y = new double[25];
    SplittableRandom rng = new SplittableRandom(21);
    for (int i = 0; i < 25; i++) {
      x[i] = new double[] {rng.nextDouble(), rng.nextDouble()};
      y[i] = 3 * Math.sin(3 * x[i][0]) + x[i][1] - 5;
    }
    GaussianProcess gp = GaussianProcessFitter.fit(x, y, null, FitOptions.defaults(), new SplittableRandom(1));
    double range = 3 + 1;
    for (int i = 0; i < 25; i++) {
      double mean = gp.predict(x[i]).mean();
      assertEquals(y[i], mean, 1e-3 * range, "training point " + i + ": observed " + y[i] + ", posterior mean " + mean
          + " (tolerance 1e-3 of the range)");
    }
    assertTrue(gp.noiseVariance() < 1e-3, "noise fitted to noiseless data should be small, got " + gp.noiseVariance());
    // Away from the data the model generalizes: a point inside the hull is predicted within 5%.
    double[] probe = {0.5, 0.5};
    double truth = 3 * Math.sin(1.5) + 0.5 - 5;
    assertEquals(truth, gp.predict(probe).mean(), 0.05 * range, "prediction at (0.5, 0.5)");
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void withObservationsEqualsConditioningOnTheUnion(KernelShape shape) {
    Hyperparameters hyper = HYPER.withShape(shape);
    GaussianProcess gp = GaussianProcessFitter.condition(X, Y, KNOWN_NOISE, hyper);
    double[][] xMore = {{0.3, 0.3}, {0.66, 0.12}, {0.05, 0.95}};
    double[] yMore = {1.0, 2.5, -0.3};
    GaussianProcess extended = gp.withObservations(xMore, yMore);

    double[][] xAll = new double[9][];
    double[] yAll = new double[9];
    double[] noiseAll = new double[9];
    for (int i = 0; i < 9; i++) {
      xAll[i] = i < 6 ? X[i] : xMore[i - 6];
      yAll[i] = i < 6 ? Y[i] : yMore[i - 6];
      noiseAll[i] = i < 6 ? KNOWN_NOISE[i] : Double.NaN; // fantasies use the fitted noise
    }
    GaussianProcess refit = GaussianProcessFitter.condition(xAll, yAll, noiseAll, hyper);
    assertEquals(9, extended.size());
    for (double[] p : PROBES) {
      Prediction a = extended.predict(p);
      Prediction b = refit.predict(p);
      assertEquals(b.mean(), a.mean(), 1e-12, "mean at (" + p[0] + ", " + p[1] + "): refit " + b.mean() + ", extended " + a.mean());
      assertEquals(b.variance(), a.variance(), 1e-12, "variance at (" + p[0] + ", " + p[1] + "): refit " + b.variance()
          + ", extended " + a.variance());
    }
    assertEquals(refit.logMarginalLikelihood(), extended.logMarginalLikelihood(), 1e-11);
    assertTrue(extended.predict(xMore[1]).variance() < gp.predict(xMore[1]).variance(),
        "conditioning on a point must shrink the variance there");
  }

  @Test
  void aFitWithTheTwoScaleShapeKeepsItAndDiffersFromTheMatern() {
    double[][] x = new double[30][2];
    double[] y = new double[30];
    SplittableRandom rng = new SplittableRandom(17);
    for (int i = 0; i < 30; i++) {
      x[i] = new double[] {rng.nextDouble(), rng.nextDouble()};
      y[i] = Math.cos(20 * x[i][0]) + 3 * x[i][1]; // a ripple on a trend
    }
    FitOptions twoScale = FitOptions.defaults().withShape(KernelShape.TWO_SCALE);
    GaussianProcess mixed = GaussianProcessFitter.fit(x, y, null, twoScale, new SplittableRandom(5));
    GaussianProcess plain = GaussianProcessFitter.fit(x, y, null, FitOptions.defaults(), new SplittableRandom(5));
    assertEquals(KernelShape.TWO_SCALE, mixed.hyperparameters().shape());
    assertEquals(KernelShape.MATERN52, plain.hyperparameters().shape());
    // Conditioning again with the fitted hyperparameters (as the refit schedule does) gives the same model.
    GaussianProcess again = GaussianProcessFitter.conditionWithKernel(x, y, null, mixed.hyperparameters());
    double[] probe = {0.37, 0.61};
    assertEquals(mixed.predict(probe).mean(), again.predict(probe).mean(), 1e-12);
    assertTrue(Math.abs(mixed.predict(probe).variance() - plain.predict(probe).variance()) > 1e-6,
        "the shape must change the model: variance " + mixed.predict(probe).variance() + " vs "
            + plain.predict(probe).variance());
  }

  @Test
  void fitIsDeterministicPerSeed() {
    double[][] x = new double[40][3];
    double[] y = new double[40];
    SplittableRandom rng = new SplittableRandom(13);
    for (int i = 0; i < 40; i++) {
      x[i] = new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
      y[i] = x[i][0] - 2 * x[i][1] * x[i][2] + 0.1 * rng.nextGaussian();
    }
    GaussianProcess a = GaussianProcessFitter.fit(x, y, null, FitOptions.defaults(), new SplittableRandom(5));
    GaussianProcess b = GaussianProcessFitter.fit(x, y, null, FitOptions.defaults(), new SplittableRandom(5));
    assertEquals(a.hyperparameters(), b.hyperparameters(), "same data and seed must give identical hyperparameters");
    double[] probe = {0.2, 0.4, 0.6};
    assertEquals(a.predict(probe), b.predict(probe));
  }

  @Test
  void largeDataFitsOnASubsetAndConditionsOnAll() {
    int n = 300;
    double[][] x = new double[n][2];
    double[] y = new double[n];
    SplittableRandom rng = new SplittableRandom(17);
    for (int i = 0; i < n; i++) {
      x[i] = new double[] {rng.nextDouble(), rng.nextDouble()};
      y[i] = Math.sin(6 * x[i][0]) + 0.01 * rng.nextGaussian();
    }
    FitOptions options = FitOptions.defaults().withMaxFitPoints(60);
    GaussianProcess a = GaussianProcessFitter.fit(x, y, null, options, new SplittableRandom(3));
    GaussianProcess b = GaussianProcessFitter.fit(x, y, null, options, new SplittableRandom(3));
    assertEquals(n, a.size());
    assertEquals(a.hyperparameters(), b.hyperparameters(), "the subset must be drawn from the rng");
    // Conditioning on all 300 points: the posterior at a training point is close to its value.
    assertEquals(y[123], a.predict(x[123]).mean(), 0.05, "posterior mean at training point 123");
    assertTrue(a.lengthScales()[1] > 3 * a.lengthScales()[0], "y does not depend on x[1], so its length scale "
        + a.lengthScales()[1] + " should be much longer than that of x[0], " + a.lengthScales()[0]);
  }

  @Test
  void singleAndConstantObservationsAreModelled() {
    GaussianProcess one = GaussianProcessFitter.fit(new double[][] {{0.5, 0.5}}, new double[] {3.0}, null,
        FitOptions.defaults(), new SplittableRandom(1));
    assertEquals(3.0, one.predict(new double[] {0.5, 0.5}).mean(), 0.05);
    GaussianProcess flat = GaussianProcessFitter.fit(new double[][] {{0.1}, {0.5}, {0.9}}, new double[] {2, 2, 2},
        null, FitOptions.defaults(), new SplittableRandom(1));
    assertEquals(2.0, flat.predict(new double[] {0.3}).mean(), 1e-6);
  }

  @Test
  void duplicatePointsWithZeroKnownNoiseAreHandledByJitter() {
    double[][] x = {{0.2, 0.2}, {0.2, 0.2}, {0.7, 0.4}};
    double[] y = {1.0, 1.0, 0.0};
    GaussianProcess gp = GaussianProcessFitter.condition(x, y, new double[] {0, 0, 0},
        new Hyperparameters(new double[] {0.5, 0.5}, 1.0, 1e-6, 0.5, 1.0));
    assertEquals(1.0, gp.predict(new double[] {0.2, 0.2}).mean(), 1e-6);
  }

  @Test
  void indefiniteKernelMatrixFailsWithAnActionableMessage() {
    double[] notPositiveDefinite = {1, 2, 2, 1}; // eigenvalues 3 and -1
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Cholesky.decomposeWithJitter(notPositiveDefinite, 2, new double[1]));
    assertTrue(e.getMessage().startsWith("kernel matrix not positive definite after jitter up to 0.01")
        && e.getMessage().contains("(n=2)") && e.getMessage().contains("duplicate points"), e.getMessage());
  }

  @Test
  void invalidInputIsRejectedWithItsIndex() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GaussianProcessFitter.fit(
        new double[][] {{0.1}, {0.2}}, new double[] {1, Double.NaN}, null, FitOptions.defaults(), new SplittableRandom(1)));
    assertTrue(e.getMessage().startsWith("y[1] must be finite"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GaussianProcessFitter.fit(new double[0][], new double[0], null,
        FitOptions.defaults(), new SplittableRandom(1)));
  }

  @Test
  void choleskyInverseIsTheInverse() {
    double[] k = {4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2};
    double[] l = k.clone();
    assertTrue(Cholesky.decomposeInPlace(l, 3));
    double[] inverse = Cholesky.inverse(l, 3);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double sum = 0;
        for (int t = 0; t < 3; t++) {
          double inv = t <= j ? inverse[j * 3 + t] : inverse[t * 3 + j]; // lower triangle stored
          sum += k[i * 3 + t] * inv;
        }
        assertEquals(i == j ? 1.0 : 0.0, sum, 1e-15, "(K K^-1)[" + i + "][" + j + "]");
      }
    }
    assertArrayEquals(new double[] {2, 0, 0}, java.util.Arrays.copyOf(l, 3), 0.0);
  }
}
