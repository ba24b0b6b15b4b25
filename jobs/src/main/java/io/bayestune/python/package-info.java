/**
 * The JVM side of the Python package's calls that need more than a py4j method or two: {@link
 * io.bayestune.python.TuneSession} runs {@code bayestune.tune}'s loop for Python objectives on executors.
 */
package io.bayestune.python;
