package io.bayestune.optimizer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.acquisition.AcquisitionFunction;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SubspaceDrawsTest {

  private static final double[] CENTER_100 = filled(100, 0.5);

  @Test
  void eachDrawChangesAboutTenOfAHundredCoordinatesAndAtLeastOne() {
    SearchBox box = SearchBox.unitCube(100);
    List<double[]> draws = SubspaceDraws.around(CENTER_100, 2000, MixedDomain.continuous(100), box,
        new SplittableRandom(7));
    assertEquals(2000, draws.size());
    double changedTotal = 0;
    for (double[] y : draws) {
      int changed = 0;
      for (int k = 0; k < 100; k++) {
        changed += y[k] != 0.5 ? 1 : 0;
      }
      assertTrue(changed >= 1, "every draw differs from the centre");
      changedTotal += changed;
    }
    // Binomial(100, 0.1), at least one: mean 10.0, standard error of the mean over 2,000 draws 0.07.
    assertEquals(10.0, changedTotal / draws.size(), 0.4);
  }

  @Test
  void changedCoordinatesStayInsideTheBox() {
    double[] lower = filled(30, 0.4);
    double[] upper = filled(30, 0.6);
    SearchBox box = new SearchBox(lower, upper);
    for (double[] y : SubspaceDraws.around(filled(30, 0.5), 500, MixedDomain.continuous(30), box,
        new SplittableRandom(3))) {
      for (double v : y) {
        assertTrue(v >= 0.4 && v <= 0.6, "coordinate " + v + " outside [0.4, 0.6]");
      }
    }
  }

  @Test
  void aCategoricalGroupIsRedrawnWholeAndStaysOneHot() {
    // 24 continuous coordinates and one categorical parameter of three values (coordinates 24-26).
    MixedDomain.Kind[] kinds = new MixedDomain.Kind[27];
    Arrays.fill(kinds, MixedDomain.Kind.CONTINUOUS);
    kinds[24] = kinds[25] = kinds[26] = MixedDomain.Kind.CATEGORICAL;
    MixedDomain domain = new MixedDomain(kinds, new int[27], List.of(new int[] {24, 25, 26}), null);
    double[] center = filled(27, 0.5);
    center[24] = 1;
    center[25] = 0;
    center[26] = 0;
    int moved = 0;
    for (double[] y : SubspaceDraws.around(center, 400, domain, SearchBox.unitCube(27), new SplittableRandom(11))) {
      assertEquals(1.0, y[24] + y[25] + y[26], 0.0, "one-hot");
      moved += y[24] == 1 ? 0 : 1;
    }
    // The group is one of 25 units, redrawn with probability 10 / 25 to one of its 3 values: 2 of 3 of those move.
    assertEquals(400 * 0.4 * 2 / 3, moved, 30);
  }

  @Test
  void noDrawsInTwentyOrFewerUnitsWhereTheyWouldBeUniformDraws() {
    assertEquals(List.of(), SubspaceDraws.around(filled(20, 0.5), 100, MixedDomain.continuous(20),
        SearchBox.unitCube(20), new SplittableRandom(1)));
  }

  @Test
  void theMaximizerFindsAPeakInAFewOfFiftyCoordinatesWithoutGradients() {
    // A function of 3 of the 50 coordinates, peaked 0.3 from the seed in each of them.
    int d = 50;
    int[] relevant = {3, 17, 41};
    double[] seed = filled(d, 0.5);
    AcquisitionFunction sharpPeak = new AcquisitionFunction() {
      @Override
      public double value(double[] x) {
        double s = 0;
        for (int k : relevant) {
          s += (x[k] - 0.8) * (x[k] - 0.8);
        }
        return -s;
      }

      @Override
      public double valueAndGradient(double[] x, double[] gradient) {
        Arrays.fill(gradient, 0.0);
        for (int k : relevant) {
          gradient[k] = -2 * (x[k] - 0.8);
        }
        return value(x);
      }
    };
    // One uniform draw and the seed alone, without gradients: what the subspace draws add is all there is.
    AcquisitionMaximizer.Options noGradient = new AcquisitionMaximizer.Options(1, 2, 0, 0, 0, 0.05);
    double with = sharpPeak.value(new AcquisitionMaximizer(MixedDomain.continuous(d), noGradient.withSubspaceDraws(4096))
        .maximize(sharpPeak, new SplittableRandom(5), x -> true, 1, List.of(seed)).get(0));
    double without = sharpPeak.value(new AcquisitionMaximizer(MixedDomain.continuous(d), noGradient)
        .maximize(sharpPeak, new SplittableRandom(5), x -> true, 1, List.of(seed)).get(0));
    assertTrue(with > -0.05, "the subspace draws come close to the peak: " + with);
    assertTrue(with > without, "closer than the seed and uniform draws alone: " + with + " vs " + without);
  }

  private static double[] filled(int d, double v) {
    double[] x = new double[d];
    Arrays.fill(x, v);
    return x;
  }
}
