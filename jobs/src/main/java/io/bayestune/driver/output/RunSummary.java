package io.bayestune.driver.output;

import io.bayestune.driver.ProgressPrinter;
import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lines printed when a job ends:
 * <pre>
 * credit-gbt: 30 observations (28 completed, 2 failed), 3m12s, 2 trials at a time
 * best areaUnderROC=0.8812 (trial 17): maxDepth=6 stepSize=0.12
 *   the model's pick (estimate 0.8806): the highest single value, 0.8831 (trial 22), rates lower once each trial's fold spread is counted
 * outputs in file:/home/me/out/credit: trials.parquet trials.csv best.json report.html best-model
 * </pre>
 * The second line appears only when noisy values made the model choose a trial other than the highest one.
 */
public final class RunSummary {
  private RunSummary() {
  }

  public static String render(String jobName, Experiment e, double seconds, int parallelism, OutputLocation output,
      List<String> written) {
    List<Observation> all = e.observations();
    long failed = all.stream().filter(Observation::failed).count();
    StringBuilder sb = new StringBuilder();
    sb.append(jobName).append(": ").append(all.size()).append(" observations (").append(all.size() - failed)
        .append(" completed, ").append(failed).append(" failed), ").append(duration(seconds)).append(", ")
        .append(parallelism).append(parallelism == 1 ? " trial" : " trials").append(" at a time\n");
    e.best().ifPresentOrElse(
        b -> {
          sb.append("best ").append(e.spec().metric().name()).append('=').append(ProgressPrinter.number(b.value()))
              .append(" (").append(source(b.suggestionId())).append("): ").append(b.assignments()).append('\n');
          highestOtherThan(e, b).ifPresent(top -> sb.append("  the model's pick (estimate ")
              .append(ProgressPrinter.number(b.estimatedValue())).append("): the highest single value, ")
              .append(ProgressPrinter.number(top.value())).append(" (").append(source(top.suggestionId()))
              .append("), rates lower once each trial's fold spread is counted\n"));
        },
        () -> sb.append("no trial completed, so there is no best configuration\n"));
    sb.append("outputs in ").append(output).append(": ").append(String.join(" ", written));
    return sb.toString();
  }

  /** The observation with the best single value, when the model's choice of best (noisy values) scored lower. */
  private static Optional<Observation> highestOtherThan(Experiment e, Best chosen) {
    if (chosen.estimatedValue() == null) {
      return Optional.empty();
    }
    return e.bestObserved().filter(top -> e.spec().metric().isBetter(top.value(), chosen.value()));
  }

  /** Where an observation came from: a trial, or (no suggestion id) a warm start's imported observation. */
  private static String source(String suggestionId) {
    return suggestionId == null ? "warm start" : "trial " + suggestionId;
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1fs", seconds);
    }
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
