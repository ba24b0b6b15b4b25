package io.bayestune.driver;

/**
 * The tuning loop stopped before its budget: the first trials all failed, or another driver took over
 * the experiment. Everything observed until then is saved.
 */
public class TuningStoppedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public TuningStoppedException(String message, Throwable cause) {
    super(message, cause);
  }
}
