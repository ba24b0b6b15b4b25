package io.bayestune.driver;

import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Metric;
import io.bayestune.optimizer.experiment.Observation;
import java.util.Optional;

/**
 * One trial just observed by the {@link TuningLoop}, for progress lines.
 *
 * @param observation what was recorded (failed ones carry the reason)
 * @param observationCount how many observations the experiment holds now, this one included
 * @param observationBudget the job's budget
 * @param seconds wall-clock seconds the trial took
 * @param best the experiment's best so far
 * @param metric the metric's name and direction
 */
public record ObservedTrial(Observation observation, int observationCount, int observationBudget, double seconds,
    Optional<Best> best, Metric metric) {
}
