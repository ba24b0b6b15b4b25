package io.bayestune.driver;

/**
 * A trial failure reported by a runner that already describes it in full, such as a Python objective's
 * {@code ValueError: alpha must be positive}: the loop observes its message as is, without the Java
 * class name it puts before other exceptions' messages.
 */
public class TrialFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public TrialFailedException(String message) {
    super(message);
  }
}
