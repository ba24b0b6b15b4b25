package io.bayestune.driver;

import io.bayestune.optimizer.experiment.Observation;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * One line per finished trial, on stdout (logs go to stderr through log4j):
 * <pre>
 * [12/30] areaUnderROC=0.873 best=0.881 maxDepth=6 stepSize=0.12 (4.1 s)
 * [13/30] failed: IllegalArgumentException: maxBins must be at least 2 maxDepth=4 stepSize=0.3 (0.8 s)
 * [24/30] areaUnderROC=0.8389 best=0.8368 (est. 0.8376) maxDepth=2 stepSize=0.36 (46.6 s)
 * </pre>
 * With noisy values (k folds give each a spread), the best is the trial the model rates highest, not
 * the highest single value, and its estimate is shown: a trial can then score above {@code best}.
 */
public final class ProgressPrinter implements TrialListener {
  private final PrintStream out;

  public ProgressPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void observed(ObservedTrial t) {
    out.println(line(t));
    out.flush();
  }

  /** The line for one trial, without the newline. */
  public static String line(ObservedTrial t) {
    Observation o = t.observation();
    StringBuilder sb = new StringBuilder();
    sb.append('[').append(t.observationCount()).append('/').append(t.observationBudget()).append("] ");
    if (o.failed()) {
      sb.append("failed: ").append(o.failureReason());
    } else {
      sb.append(t.metric().name()).append('=').append(number(o.value()));
    }
    t.best().ifPresent(b -> {
      sb.append(" best=").append(number(b.value()));
      if (b.estimatedValue() != null) {
        sb.append(" (est. ").append(number(b.estimatedValue())).append(')');
      }
    });
    sb.append(' ').append(o.assignments());
    sb.append(String.format(Locale.ROOT, " (%.1f s)", t.seconds()));
    return sb.toString();
  }

  /** Four significant digits: enough to tell AUCs apart, short enough to scan. */
  public static String number(double v) {
    if (!Double.isFinite(v) || v == 0) {
      return String.valueOf(v == 0 ? 0 : v);
    }
    double abs = Math.abs(v);
    if (abs < 1e-3 || abs >= 1e6) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
