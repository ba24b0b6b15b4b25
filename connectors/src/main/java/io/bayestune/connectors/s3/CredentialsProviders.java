package io.bayestune.connectors.s3;

import java.util.Locale;
import java.util.Map;

/**
 * Short names for the job file's {@code credentials_provider}, mapped to the AWS SDK v2 / S3A provider
 * classes that {@code fs.s3a.aws.credentials.provider} takes; anything else is taken as a class name.
 */
final class CredentialsProviders {
  private static final Map<String, String> SHORT_NAMES = Map.of(
      "default", "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider",
      "environment", "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider",
      "profile", "software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider",
      "instance", "org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider",
      "container", "software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider",
      "keys", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
      "session", "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider",
      "anonymous", "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider");

  private CredentialsProviders() {
  }

  static String className(String name) {
    String mapped = SHORT_NAMES.get(name.toLowerCase(Locale.ROOT));
    if (mapped != null) {
      return mapped;
    }
    if (!name.contains(".")) {
      throw new IllegalArgumentException("s3.credentials_provider: unknown provider '" + name + "'; use one of "
          + new java.util.TreeSet<>(SHORT_NAMES.keySet()) + " or a provider class name");
    }
    return name;
  }
}
