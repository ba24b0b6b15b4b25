package io.bayestune.optimizer.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FantasyLogExpectedImprovementTest {

  private static final LinearPosterior FIRST = new LinearPosterior(-0.2, new double[] {0.7, -0.3}, 0.4,
      new double[] {0.5, 1.5});
  private static final LinearPosterior SECOND = new LinearPosterior(0.3, new double[] {-1.1, 0.2}, 0.1,
      new double[] {2.0, 0.25});

  @Test
  void oneFantasyIsPlainLogExpectedImprovement() {
    double[] x = {0.3, 0.8};
    var single = new FantasyLogExpectedImprovement(List.of(FIRST), new double[] {0.1});
    assertEquals(new LogExpectedImprovement(FIRST, 0.1).value(x), single.value(x), 1e-15);
  }

  @Test
  void valueIsTheLogOfTheMeanImprovement() {
    double[] x = {0.6, 0.1};
    var averaged = new FantasyLogExpectedImprovement(List.of(FIRST, SECOND), new double[] {0.1, 0.4});
    double expected = Math.log(0.5 * (new ExpectedImprovement(FIRST, 0.1).value(x)
        + new ExpectedImprovement(SECOND, 0.4).value(x)));
    assertEquals(expected, averaged.value(x), 1e-12);
    assertEquals(expected, averaged.values(new double[][] {x})[0], 1e-12);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    var averaged = new FantasyLogExpectedImprovement(List.of(FIRST, SECOND), new double[] {0.1, 0.4});
    for (double[] x : new double[][] {{0.6, 0.1}, {0.05, 0.95}, {0.9, 0.5}}) {
      GradientCheck.assertGradientMatches(averaged, x, 1e-6);
    }
  }

  @Test
  void farTailStaysFiniteWhereTheNaiveAverageUnderflows() {
    // u around -60 for both fantasies: EI underflows to 0 in double, the log-mean-exp does not.
    var far = new FantasyLogExpectedImprovement(List.of(FIRST, SECOND), new double[] {40, 45});
    double[] x = {0.5, 0.5};
    assertEquals(0.0, new ExpectedImprovement(FIRST, 40).value(x));
    double a = new LogExpectedImprovement(FIRST, 40).value(x);
    double b = new LogExpectedImprovement(SECOND, 45).value(x);
    double expected = Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b))) - Math.log(2);
    assertEquals(expected, far.value(x), 1e-9 * Math.abs(expected));
    assertEquals(true, expected < -500, "both fantasies are far in the tail: " + expected);
  }

  @Test
  void mismatchedIncumbentsAreRejected() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new FantasyLogExpectedImprovement(List.of(FIRST, SECOND), new double[] {0.1}));
    assertEquals(true, e.getMessage().contains("2 models and 1 incumbents"), e.getMessage());
  }
}
