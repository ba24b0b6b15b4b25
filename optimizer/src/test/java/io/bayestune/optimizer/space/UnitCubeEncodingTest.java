package io.bayestune.optimizer.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.optim.MixedDomain;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnitCubeEncodingTest {
  static final SearchSpace CONDITIONAL = new SearchSpace(List.of(
      new DoubleParameter("eta", 1e-3, 1.0, true, List.of(), Map.of()),
      new IntParameter("depth", 2, 10, false, List.of(), Map.of("booster", List.of("tree"))),
      new IntParameter("trees", 1, 1000, true, List.of(), Map.of()),
      new DoubleParameter("alpha", 0, 1, false, List.of(0.0, 0.25, 1.0), Map.of()),
      new CategoricalParameter("loss", List.of("log", "hinge", "huber"), Map.of("booster", List.of("linear")))),
      List.of(new Conditional("booster", List.of("tree", "linear"))));

  private final UnitCubeEncoding encoding = new UnitCubeEncoding(CONDITIONAL);

  @Test
  void layoutIsOneHotForCategoriesAndOneCoordinateOtherwise() {
    // booster(2) + eta + depth + trees + alpha + loss(3)
    assertEquals(9, encoding.dimension());
    MixedDomain d = encoding.domain();
    assertEquals(MixedDomain.Kind.CATEGORICAL, d.kind(0));
    assertEquals(MixedDomain.Kind.CONTINUOUS, d.kind(2));
    assertEquals(MixedDomain.Kind.INTEGER, d.kind(3));
    assertEquals(9, d.levels(3));
    assertEquals(MixedDomain.Kind.CONTINUOUS, d.kind(4), "a log int is searched on a continuous log scale");
    assertEquals(MixedDomain.Kind.INTEGER, d.kind(5));
    assertEquals(3, d.levels(5));
    assertEquals(2, d.categoricalGroups().size());
  }

  @Test
  void decodeOfEncodeIsIdentityForRandomConfigurations() {
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < 500; i++) {
      double[] u = new double[encoding.designDimension()];
      for (int k = 0; k < u.length; k++) {
        u[k] = rng.nextDouble();
      }
      Assignments a = encoding.fromDesign(u);
      assertEquals(a, encoding.decode(encoding.encode(a)), "round trip of " + a);
    }
  }

  @Test
  void inactiveParametersAreDroppedAndEncodedAtFixedValues() {
    Assignments linear = CONDITIONAL.validate(Map.of("booster", "linear", "eta", 0.01, "trees", 10L, "alpha", 0.25,
        "loss", "huber"));
    assertFalse(linear.contains("depth"));
    double[] x = encoding.encode(linear);
    assertEquals(0.5, x[3], "inactive int coordinate");
    Assignments tree = CONDITIONAL.validate(Map.of("booster", "tree", "eta", 0.01, "depth", 4L, "trees", 10L,
        "alpha", 0.25));
    double[] y = encoding.encode(tree);
    assertArrayEquals(new double[] {0, 0, 0}, new double[] {y[6], y[7], y[8]}, "inactive one-hot group is all zero");
  }

  @Test
  void canonicalizeSnapsAndIsIdempotent() {
    SplittableRandom rng = new SplittableRandom(9);
    for (int i = 0; i < 200; i++) {
      double[] x = new double[encoding.dimension()];
      for (int k = 0; k < x.length; k++) {
        x[k] = rng.nextDouble();
      }
      double[] c = encoding.domain().canonicalize(x);
      assertArrayEquals(c, encoding.domain().canonicalize(c), 1e-12);
      assertEquals(encoding.decode(x), encoding.decode(c));
    }
  }

  @Test
  void logScaleSpreadsDecadesEvenly() {
    DoubleParameter eta = (DoubleParameter) CONDITIONAL.parameter("eta");
    assertEquals(0.5, eta.toUnit(Math.sqrt(1e-3)), 1e-12);
    assertEquals(1e-3, eta.fromUnit(0), 0);
    assertEquals(1.0, eta.fromUnit(1), 0);
  }

  @Test
  void designMapGivesEndIntegersAnEqualShare() {
    IntParameter k = IntParameter.of("k", 1, 3);
    int[] counts = new int[4];
    for (int i = 0; i < 3000; i++) {
      counts[(int) k.fromUnit((i + 0.5) / 3000)]++;
    }
    assertEquals(1000, counts[1]);
    assertEquals(1000, counts[2]);
    assertEquals(1000, counts[3]);
  }

  @Test
  void validateAcceptsWholeDoublesForIntsAndRejectsOthers() {
    SearchSpace s = new SearchSpace(List.of(IntParameter.of("k", 1, 5)));
    assertEquals(3L, s.validate(Map.of("k", 3.0)).get("k"));
    assertTrue(assertThrowsMessage(() -> s.validate(Map.of("k", "3"))).contains("needs an integer"));
  }

  private static String assertThrowsMessage(Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected an IllegalArgumentException");
  }
}
