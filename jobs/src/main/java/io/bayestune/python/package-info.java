/**
 * The JVM side of the Python package's calls, through py4j from a classic PySpark driver. They take and return plain
 * values (strings, boxed numbers, JSON text), so the Python side needs no knowledge of the JVM's types:
 * {@link io.bayestune.python.JobRun} runs a job file on the caller's SparkSession ({@code bayestune.run_job}), and
 * {@link io.bayestune.python.TuneSession} runs {@code bayestune.tune}'s loop for Python objectives on executors.
 */
package io.bayestune.python;
