package io.bayestune.connectors.s3;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * Turns S3A's failures into messages a user can act on: which URI, what went wrong, which setting to
 * check. Never includes a secret (every message goes through {@link Redaction}).
 *
 * <ul>
 *   <li>403 (bad keys, signature mismatch, missing permission): names the bucket and the credential settings;
 *   <li>404 bucket ({@code NoSuchBucket}, S3A's {@code UnknownStoreException}): names the bucket and endpoint;
 *   <li>404 key ({@link FileNotFoundException}): names the URI;
 *   <li>unreachable endpoint (connection refused, unknown host, connect timeout): names {@code fs.s3a.endpoint}
 *       and its value.
 * </ul>
 * Anything else is returned as it was.
 */
public final class S3Errors {
  private S3Errors() {
  }

  /** The kinds of failure this class explains. */
  public enum Kind { ACCESS_DENIED, NO_SUCH_BUCKET, NOT_FOUND, UNREACHABLE, OTHER }

  /** Classifies a failure by walking its cause chain (S3A, Spark and the SDK wrap each other). */
  public static Kind classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String name = t.getClass().getSimpleName();
      String message = String.valueOf(t.getMessage());
      if (t instanceof AccessDeniedException || message.contains("Status Code: 403")
          || message.contains("403 Forbidden") || name.equals("AccessDeniedException")) {
        return Kind.ACCESS_DENIED;
      }
      if (name.equals("UnknownStoreException") || name.equals("NoSuchBucketException")
          || message.contains("NoSuchBucket")) {
        return Kind.NO_SUCH_BUCKET;
      }
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
          || name.equals("ConnectTimeoutException") || message.contains("Connection refused")
          || (t instanceof SocketTimeoutException && message.toLowerCase(Locale.ROOT).contains("connect"))) {
        return Kind.UNREACHABLE;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof FileNotFoundException || String.valueOf(t.getMessage()).contains("PATH_NOT_FOUND")) {
        return Kind.NOT_FOUND;
      }
    }
    return Kind.OTHER;
  }

  /**
   * An actionable exception for {@code failure} on {@code uri}, or {@code failure} itself (as an
   * IOException) when it is none of the explained kinds.
   */
  public static IOException explain(Throwable failure, String uri, Configuration conf) {
    Kind kind = classify(failure);
    String message = message(kind, uri, conf, failure);
    if (message == null) {
      return failure instanceof IOException io ? io : new IOException(Redaction.mask(String.valueOf(failure)), failure);
    }
    return switch (kind) {
      case ACCESS_DENIED -> chain(new AccessDeniedException(Redaction.mask(message)), failure);
      case NO_SUCH_BUCKET, NOT_FOUND -> chain(new FileNotFoundException(Redaction.mask(message)), failure);
      case UNREACHABLE -> new IOException(Redaction.mask(message), failure);
      case OTHER -> throw new IllegalStateException("unreachable");
    };
  }

  /** The explanation for a kind, or null for {@link Kind#OTHER}. */
  static String message(Kind kind, String uri, Configuration conf, Throwable failure) {
    String bucket = bucketOf(uri);
    String endpoint = endpointOf(conf, bucket);
    return switch (kind) {
      case ACCESS_DENIED -> uri + ": 403 Forbidden from bucket '" + bucket + "' (wrong keys, a signature mismatch or"
          + " no permission); check fs.s3a.access.key / fs.s3a.secret.key (job file s3.access_key / s3.secret_key),"
          + " or the credentials provider chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE, the instance"
          + " or container role; fs.s3a.aws.credentials.provider=" + valueOr(conf, "fs.s3a.aws.credentials.provider",
          "S3A's default chain") + ")";
      case NO_SUCH_BUCKET -> uri + ": 404 no bucket '" + bucket + "' at " + endpoint
          + "; check the bucket name, fs.s3a.endpoint (job file s3.endpoint) and fs.s3a.endpoint.region";
      case NOT_FOUND -> uri + ": 404 no such object or prefix in bucket '" + bucket + "'; check the path (and, for a"
          + " glob, that it matches something)";
      case UNREACHABLE -> uri + ": cannot reach the S3 endpoint " + endpoint + " (" + rootMessage(failure)
          + "); check fs.s3a.endpoint=" + endpoint + " (job file s3.endpoint, or BAYESTUNE_S3_ENDPOINT for the CLI),"
          + " that the server is up, and fs.s3a.connection.ssl.enabled";
      case OTHER -> null;
    };
  }

  /** The endpoint S3A will use for a bucket: its per-bucket setting, the global one, or AWS's default. */
  static String endpointOf(Configuration conf, String bucket) {
    String perBucket = bucket == null ? null : conf.getTrimmed("fs.s3a.bucket." + bucket + ".endpoint");
    String endpoint = perBucket != null ? perBucket : conf.getTrimmed("fs.s3a.endpoint");
    return endpoint == null || endpoint.isEmpty() ? "(AWS default for region "
        + valueOr(conf, "fs.s3a.endpoint.region", "from the environment") + ")" : endpoint;
  }

  private static String valueOr(Configuration conf, String key, String absent) {
    String v = conf.getTrimmed(key);
    return v == null || v.isEmpty() ? absent : v;
  }

  static String bucketOf(String uri) {
    try {
      String host = URI.create(uri.replace(" ", "%20")).getHost();
      return host != null ? host : URI.create(uri.replace(" ", "%20")).getAuthority();
    } catch (IllegalArgumentException e) {
      return "?";
    }
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static <T extends IOException> T chain(T e, Throwable cause) {
    e.initCause(cause);
    return e;
  }

  /** Whether a failure is worth retrying (the store or network may come back); never for 403/404/conflicts. */
  public static boolean isTransient(Throwable failure) {
    if (failure instanceof InterruptedIOException && !(failure instanceof SocketTimeoutException)) {
      return false;
    }
    Kind kind = classify(failure);
    if (kind == Kind.UNREACHABLE) {
      return !(rootIs(failure, UnknownHostException.class));
    }
    if (kind != Kind.OTHER) {
      return false;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String name = t.getClass().getSimpleName();
      String m = String.valueOf(t.getMessage());
      if (t instanceof SocketTimeoutException || name.equals("AWSStatus500Exception")
          || name.equals("AWSServiceThrottledException") || name.equals("AWSClientIOException")
          || name.equals("NoHttpResponseException") || m.contains("Status Code: 503") || m.contains("Status Code: 500")
          || m.contains("Connection reset") || m.contains("Premature end")) {
        return true;
      }
    }
    return false;
  }

  private static boolean rootIs(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
