/**
 * Bayesian optimization as a Spark ML stage: {@link io.bayestune.ml.BayesianTuner}, an
 * {@code Estimator} shaped like Spark's {@code CrossValidator} (estimator, evaluator, a
 * {@link io.bayestune.ml.SearchSpace} of the estimator's Params, maxTrials, parallelism, numFolds or
 * trainRatio, seed), and {@link io.bayestune.ml.BayesianTunerModel}, the best model with the record
 * of every trial. Both are {@code MLWritable} and load inside a saved {@code Pipeline} or
 * {@code PipelineModel}; see docs/mllib.md for the layout on disk and how Spark finds a Java stage's
 * reader.
 *
 * <p>Inside: {@code EstimatorParams} applies assignments to Params by name, {@code ValidationSplits}
 * draws the seeded folds, {@code EstimatorTrialRunner} (a {@code io.bayestune.driver.TrialRunner})
 * fits and scores one trial through the job path's {@code FoldTrials}, folds in parallel, the driver's {@code TuningLoop} keeps
 * {@code parallelism} trials running and observes each as it ends (state in a
 * {@code MemoryExperimentStore}: the model is the record), {@code TrialHistory} turns the
 * experiment's observations into the trials DataFrame, and {@code StagePersistence} and
 * {@code TunerPersistence} write and read Spark ML's stage layout with public API only.
 */
package io.bayestune.ml;
