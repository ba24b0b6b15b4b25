package io.bayestune.service;

/**
 * A request the API refuses, answered in SigOpt's error shape
 * {@code {"object": "error", "message": "...", "status": 400}}. The message names the field, the value and the fix.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }
}
