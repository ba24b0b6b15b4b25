package io.bayestune.driver;

/**
 * One trial's identity while it runs.
 *
 * @param suggestionId the experiment's suggestion id (the trial id in outputs)
 * @param jobGroup the Spark job group its jobs run in, visible in the Spark UI, e.g. {@code bayestune-credit-gbt-trial-12}
 * @param description a human description for the Spark UI, e.g. {@code trial 12: maxDepth=6 stepSize=0.12}
 */
public record TrialContext(String suggestionId, String jobGroup, String description) {
}
