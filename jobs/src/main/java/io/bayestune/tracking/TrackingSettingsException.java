package io.bayestune.tracking;

/**
 * A tracking setting the server refused for good (e.g. an experiment name that is a deleted experiment): retrying
 * cannot help, so tracking stops with this message, which names the setting and the fix. The tuning goes on.
 */
final class TrackingSettingsException extends RuntimeException {
  TrackingSettingsException(String message) {
    super(message);
  }
}
