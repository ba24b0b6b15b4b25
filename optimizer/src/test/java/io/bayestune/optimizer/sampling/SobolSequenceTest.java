package io.bayestune.optimizer.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.testing.ReferenceData;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SobolSequenceTest {

  @Test
  void unscrambledFirstPointsAreTheKnownDyadicValues() {
    SobolSequence sobol = SobolSequence.unscrambled(2);
    double[][] expected = {{0, 0}, {0.5, 0.5}, {0.75, 0.25}, {0.25, 0.75}, {0.375, 0.375},
        {0.875, 0.875}, {0.625, 0.125}, {0.125, 0.625}};
    for (int i = 0; i < expected.length; i++) {
      double[] p = sobol.next();
      assertArrayEquals(expected[i], p, 0.0, "point " + i + ": expected " + Arrays.toString(expected[i])
          + " but got " + Arrays.toString(p));
    }
  }

  /** Reference from sobol_reference.py (SciPy, same Joe-Kuo direction numbers): exact, dyadic values. */
  @Test
  void unscrambledMatchesScipyInLowAndHighDimensions() {
    List<String[]> rows = ReferenceData.rows("sobol_reference.csv");
    int[] dims = {0, 1, 2, 3, 4, 5, 6, 7, 4088, 4089, 4090, 4091, 4092, 4093, 4094, 4095};
    SobolSequence sobol = SobolSequence.unscrambled(SobolSequence.MAX_DIMENSION);
    for (String[] row : rows) {
      int i = Integer.parseInt(row[0]);
      double[] p = sobol.next();
      for (int c = 0; c < dims.length; c++) {
        double expected = Double.parseDouble(row[c + 1]);
        assertEquals(expected, p[dims[c]], 0.0, "point " + i + ", dimension " + dims[c] + ": scipy " + expected
            + ", ours " + p[dims[c]]);
      }
    }
    assertEquals(64, rows.size());
  }

  @Test
  void everyBlockOfTwoToTheMPointsStratifiesEachDimension() {
    for (long seed : new long[] {-1, 0, 12345}) {
      SobolSequence sobol = new SobolSequence(20, seed);
      int m = 7;
      for (int block = 0; block < 3; block++) {
        double[][] points = sobol.next(1 << m);
        for (int j = 0; j < 20; j++) {
          int[] counts = new int[1 << m];
          for (double[] p : points) {
            counts[(int) (p[j] * (1 << m))]++;
          }
          for (int k = 0; k < counts.length; k++) {
            assertEquals(1, counts[k], "seed " + seed + ", block " + block + ", dimension " + j + ": interval " + k
                + " should hold exactly 1 of " + (1 << m) + " points, holds " + counts[k]);
          }
        }
      }
    }
  }

  /** The first two Sobol dimensions form a (0, m, 2)-net: every 2^-a x 2^-(m-a) box holds one point. */
  @Test
  void firstTwoDimensionsFormANetForEveryBoxShape() {
    for (long seed : new long[] {-1, 7}) {
      int m = 8;
      double[][] points = new SobolSequence(2, seed).next(1 << m);
      for (int a = 0; a <= m; a++) {
        int[][] counts = new int[1 << a][1 << (m - a)];
        for (double[] p : points) {
          counts[(int) (p[0] * (1 << a))][(int) (p[1] * (1 << (m - a)))]++;
        }
        for (int[] row : counts) {
          for (int c : row) {
            assertEquals(1, c, "seed " + seed + ": box shape 2^-" + a + " x 2^-" + (m - a) + " holds " + c + " points, not 1");
          }
        }
      }
    }
  }

  @Test
  void scrambledPointsLieInTheHalfOpenUnitCubeAndDependOnlyOnTheSeed() {
    double[][] a = new SobolSequence(64, 99).next(256);
    double[][] b = new SobolSequence(64, 99).next(256);
    double[][] c = new SobolSequence(64, 100).next(256);
    int differing = 0;
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], 0.0, "point " + i + " differs between two sequences with seed 99");
      for (int j = 0; j < 64; j++) {
        assertTrue(a[i][j] >= 0 && a[i][j] < 1, "point " + i + ", dimension " + j + " = " + a[i][j] + " is outside [0, 1)");
        differing += a[i][j] != c[i][j] ? 1 : 0;
      }
    }
    assertTrue(differing > 0.99 * 256 * 64, "seeds 99 and 100 should give different points, but only "
        + differing + " of " + 256 * 64 + " coordinates differ");
    assertFalse(Arrays.equals(a[0], new double[64]), "a scrambled sequence should not start at the origin");
  }

  @Test
  void dimensionOutsideTheTableFailsWithTheLimit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SobolSequence(SobolSequence.MAX_DIMENSION + 1, 1));
    assertTrue(e.getMessage().contains("[1, 4096]") && e.getMessage().contains("4097"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SobolSequence.unscrambled(0));
  }
}
