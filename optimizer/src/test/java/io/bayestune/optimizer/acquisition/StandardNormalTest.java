package io.bayestune.optimizer.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bayestune.optimizer.testing.ReferenceData;
import org.junit.jupiter.api.Test;

class StandardNormalTest {

  /** mpmath references (log_ei_reference.py). */
  @Test
  void erfcxAndLogCdfMatchMpmath() {
    int checked = 0;
    for (String[] row : ReferenceData.rows("log_ei_reference.csv")) {
      if (!row[0].equals("erfcx")) {
        continue;
      }
      double x = Double.parseDouble(row[1]);
      double erfcx = Double.parseDouble(row[2]);
      double logCdf = Double.parseDouble(row[3]);
      // Cody's approximations are good to ~1e-16 relative; for x < 0, exp(x^2) amplifies the rounding
      // of x^2 by 2x^2, hence the looser bound there.
      double tolerance = x < -1 ? 4e-16 * 2 * x * x : 2e-15;
      assertEquals(1.0, StandardNormal.erfcx(x) / erfcx, tolerance, "erfcx(" + x + "): mpmath " + erfcx + ", ours "
          + StandardNormal.erfcx(x) + " (relative tolerance " + tolerance + ")");
      if (x <= 10) {
        double absolute = 1e-15 * Math.max(1, Math.abs(logCdf)) + (x > 0 ? 1e-15 * x * x * Math.abs(logCdf) : 0);
        assertEquals(logCdf, StandardNormal.logCdf(x), absolute, "log Phi(" + x + "): mpmath " + logCdf + ", ours "
            + StandardNormal.logCdf(x));
      }
      checked++;
    }
    assertEquals(23, checked, "rows of erfcx references");
  }

  @Test
  void erfcIsComplementaryAcrossTheBranchBoundaries() {
    for (double x : new double[] {-5, -4, -0.46875, -0.1, 0, 0.1, 0.46875, 2, 4, 5}) {
      assertEquals(2.0, StandardNormal.erfc(x) + StandardNormal.erfc(-x), 4e-16, "erfc(" + x + ") + erfc(" + -x + ")");
    }
    assertEquals(0.5, StandardNormal.cdf(0), 0.0);
  }
}
