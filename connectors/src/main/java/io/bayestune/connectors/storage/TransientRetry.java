package io.bayestune.connectors.storage;

import io.bayestune.connectors.s3.S3Errors;
import io.bayestune.optimizer.store.StateConflictException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import io.bayestune.connectors.s3.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a store call through transient failures (connection refused, timeouts, 5xx, throttling)
 * with exponential backoff up to a deadline, on top of S3A's own per-request retries, so that a store
 * outage of several seconds delays a save instead of failing the experiment. Conflicts, 403 and 404
 * are never retried.
 */
final class TransientRetry {
  private static final Logger LOG = LoggerFactory.getLogger(TransientRetry.class);

  private final Duration deadline;
  private final String location;

  TransientRetry(Duration deadline, String location) {
    this.deadline = deadline;
    this.location = location;
  }

  interface Call<T> {
    T run() throws IOException;
  }

  <T> T run(String what, Call<T> call) throws IOException {
    long end = System.nanoTime() + deadline.toNanos();
    long backoffMillis = 250;
    int attempt = 1;
    while (true) {
      try {
        return call.run();
      } catch (StateConflictException e) {
        throw e;
      } catch (IOException e) {
        if (!S3Errors.isTransient(e) || System.nanoTime() + backoffMillis * 1_000_000L > end) {
          throw e;
        }
        LOG.warn(Redaction.mask(location + ": " + what + " attempt " + attempt + " failed transiently ("
            + e.getClass().getSimpleName() + "); retrying in " + backoffMillis + " ms"));
        sleep(backoffMillis);
        backoffMillis = Math.min(backoffMillis * 2, 4000);
        attempt++;
      }
    }
  }

  private static void sleep(long millis) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }
}
