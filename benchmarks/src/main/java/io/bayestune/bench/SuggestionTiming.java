package io.bayestune.bench;

import io.bayestune.optimizer.acquisition.LogExpectedImprovement;
import io.bayestune.optimizer.model.FitOptions;
import io.bayestune.optimizer.model.GaussianProcess;
import io.bayestune.optimizer.model.GaussianProcessFitter;
import io.bayestune.optimizer.optim.AcquisitionMaximizer;
import io.bayestune.optimizer.optim.MixedDomain;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Rough wall-clock timings of fitting and predicting at the sizes of the performance targets
 * (n = 100 and 1000, d = 12). A main, not a test: timings belong in a report, not in assertions.
 * Run: java -cp optimizer/target/classes:optimizer/target/test-classes:$EJML io.bayestune.optimizer.bench.SuggestionTiming
 */
public final class SuggestionTiming {

  private SuggestionTiming() {
  }

  /** A smooth 12-d test function with noise: a sum of sines and a quadratic bowl. */
  static double objective(double[] x, SplittableRandom noise) {
    double v = 0;
    for (int k = 0; k < x.length; k++) {
      v += Math.sin(3 * x[k] + k) - (x[k] - 0.3) * (x[k] - 0.3) * (k % 3 + 1);
    }
    return v + 0.05 * noise.nextGaussian();
  }

  public static void main(String[] args) {
    int d = 12;
    for (int n : new int[] {100, 1000}) {
      SplittableRandom data = new SplittableRandom(n);
      double[][] x = new double[n][d];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < d; k++) {
          x[i][k] = data.nextDouble();
        }
        y[i] = objective(x[i], data);
      }
      double[][] probes = new double[1024][d];
      for (double[] p : probes) {
        for (int k = 0; k < d; k++) {
          p[k] = data.nextDouble();
        }
      }
      int reps = n <= 100 ? 10 : 3;
      for (int rep = 0; rep < reps; rep++) {
        long t0 = System.nanoTime();
        GaussianProcess gp = GaussianProcessFitter.fit(x, y, null, FitOptions.defaults(), new SplittableRandom(7));
        long t1 = System.nanoTime();
        gp.predictBatch(probes);
        long t2 = System.nanoTime();
        double[] mg = new double[d];
        double[] vg = new double[d];
        for (double[] p : probes) {
          gp.predict(p, mg, vg);
        }
        long t3 = System.nanoTime();
        int bestIndex = 0;
        for (int i = 1; i < n; i++) {
          bestIndex = y[i] > y[bestIndex] ? i : bestIndex;
        }
        AcquisitionMaximizer maximizer = new AcquisitionMaximizer(MixedDomain.continuous(d),
            AcquisitionMaximizer.Options.defaults());
        double[] next = maximizer.maximize(new LogExpectedImprovement(gp, y[bestIndex]), new SplittableRandom(rep),
            p -> true, 1, List.of(x[bestIndex])).get(0);
        long t4 = System.nanoTime();
        System.out.printf("n=%d d=%d fit %.1f ms, maximize LogEI %.1f ms (suggestion total %.1f ms);"
            + " predictBatch(1024) %.1f ms, 1024 x predict+gradient %.1f ms; lml %.3f, noise %.3g, ell[0] %.3f,"
            + " next[0] %.3f%n", n, d, (t1 - t0) / 1e6, (t4 - t3) / 1e6, ((t1 - t0) + (t4 - t3)) / 1e6,
            (t2 - t1) / 1e6, (t3 - t2) / 1e6, gp.logMarginalLikelihood(), gp.noiseVariance(), gp.lengthScales()[0],
            next[0]);
      }
    }
  }
}
