package io.bayestune.optimizer.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelShapeTest {

  /**
   * Reference values of 0.9 c(r) + 0.1 c(10 r) and 0.9 q(r) + 0.1 * 100 q(10 r), from this Python:
   *
   * <pre>
   * import math
   * def c(r): a = math.sqrt(5) * r; return (1 + a + a * a / 3) * math.exp(-a)
   * def q(r): a = math.sqrt(5) * r; return 5 / 3 * (1 + a) * math.exp(-a)
   * for r in [0, 0.05, 0.3, 1.2]: print(r, 0.9 * c(r) + 0.1 * c(10 * r), 0.9 * q(r) + 0.1 * 100 * q(10 * r))
   * </pre>
   */
  @Test
  void twoScaleCorrelationAndSlopeMatchReferenceValues() {
    double[][] reference = {{0, 1.0, 18.166666666666668}, {0.05, 0.980995436132522, 13.031823428229968},
        {0.3, 0.840641150688967, 1.4382513092388245}, {1.2, 0.3741502569414011, 0.37756506197363743}};
    for (double[] row : reference) {
      assertEquals(row[1], KernelShape.TWO_SCALE.correlation(row[0]), 1e-15, "correlation at r = " + row[0]);
      assertEquals(row[2], KernelShape.TWO_SCALE.slope(row[0]), 1e-13, "slope at r = " + row[0]);
    }
  }

  @Test
  void slopeIsMinusTwiceTheDerivativeInSquaredDistance() {
    for (KernelShape shape : new KernelShape[] {KernelShape.MATERN52, KernelShape.TWO_SCALE}) {
      for (double r : new double[] {0.01, 0.08, 0.4, 1.5}) {
        double h = 1e-7;
        double dcds = (shape.correlation(Math.sqrt(r * r + h)) - shape.correlation(Math.sqrt(r * r - h))) / (2 * h);
        assertEquals(-2 * dcds, shape.slope(r), 1e-6 * Math.max(1, shape.slope(r)), shape.name() + " at r = " + r);
      }
    }
  }

  @Test
  void theMaternShapeIsTheMaternKernel() {
    for (double r : new double[] {0, 0.2, 0.9, 3}) {
      assertEquals(Matern52Kernel.correlation(r), KernelShape.MATERN52.correlation(r), 0.0);
      assertEquals(Matern52Kernel.slope(r), KernelShape.MATERN52.slope(r), 0.0);
    }
    // The fine term decays ten times faster: beyond the fine scale the two-scale shape is 0.9 of the Matern.
    assertEquals(0.9 * Matern52Kernel.correlation(3), KernelShape.TWO_SCALE.correlation(3), 1e-12);
  }

  @Test
  void badShapesAreRefused() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new KernelShape(1.0, 10, "all-fine")).getMessage()
        .contains("fineWeight must be in [0, 1)"));
    assertThrows(IllegalArgumentException.class, () -> new KernelShape(0.1, 0.5, "wider"));
  }
}
