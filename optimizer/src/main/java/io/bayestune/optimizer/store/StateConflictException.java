package io.bayestune.optimizer.store;

import java.io.IOException;

/** Another writer changed an experiment's state since this one loaded it. */
public class StateConflictException extends IOException {
  private static final long serialVersionUID = 1L;

  public StateConflictException(String message) {
    super(message);
  }

  public StateConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
