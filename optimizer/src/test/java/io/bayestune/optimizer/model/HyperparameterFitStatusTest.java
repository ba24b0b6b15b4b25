package io.bayestune.optimizer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the hyperparameter fit says when L-BFGS-B cannot fit: never a silent fall back to the prior. */
class HyperparameterFitStatusTest {
  private static final Logger LOG = Logger.getLogger(GaussianProcessFitter.class.getName());
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @BeforeEach
  void listen() {
    LOG.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    LOG.removeHandler(capture);
  }

  @Test
  void whenNoRestartReachesAFinitePosteriorTheFallBackToThePriorIsLoggedWithTheStatuses() {
    // One point observed 11 times with different values and zero known noise: K is singular at every theta (up to
    // rounding, which 11 copies never survive), so no L-BFGS-B restart can start from a finite log posterior.
    int n = 12;
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i == n - 1 ? new double[] {0.1, 0.9} : new double[] {0.5, 0.5};
      y[i] = i % 3;
    }
    GaussianProcess gp = GaussianProcessFitter.fit(x, y, new double[n], FitOptions.defaults(), new SplittableRandom(3));
    assertTrue(Double.isFinite(gp.predict(new double[] {0.3, 0.3}).mean()), "the model still predicts");
    List<LogRecord> warnings = records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
        .toList();
    assertEquals(1, warnings.size(), "one warning for the fall back: " + messages());
    String m = warnings.get(0).getMessage();
    assertTrue(m.contains("L-BFGS-B") && m.contains("NON_FINITE_START") && m.contains("prior"), m);
    assertTrue(m.contains("n=12") && m.contains("duplicate"), m);
  }

  @Test
  void aHealthyFitLogsNoWarning() {
    SplittableRandom r = new SplittableRandom(5);
    double[][] x = new double[12][];
    double[] y = new double[12];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {r.nextDouble(), r.nextDouble()};
      y[i] = Math.sin(5 * x[i][0]) + x[i][1];
    }
    GaussianProcessFitter.fit(x, y, null, FitOptions.defaults(), new SplittableRandom(3));
    assertTrue(records.stream().noneMatch(rec -> rec.getLevel().intValue() >= Level.WARNING.intValue()), messages());
  }

  private String messages() {
    return records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList().toString();
  }
}
