package io.bayestune.cli;

import io.bayestune.connectors.s3.S3Settings;
import io.bayestune.connectors.storage.ExperimentStores;
import io.bayestune.optimizer.store.ExperimentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Opens the experiment store named by an {@code --at} location: a directory, {@code file://},
 * {@code s3a://bucket/prefix} or {@code hdfs://...}.
 *
 * <p>S3 settings come from the environment, as with the AWS CLI: {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}, {@code AWS_PROFILE} (S3A's default credential
 * chain, then the instance or container role), {@code AWS_REGION}; plus {@code BAYESTUNE_S3_ENDPOINT} for an
 * S3-compatible store (path-style access unless {@code BAYESTUNE_S3_PATH_STYLE=false}). Anything else comes
 * from Hadoop's {@code core-site.xml} on the classpath ({@code fs.s3a.*}).
 */
final class Stores {
  private Stores() {
  }

  static ExperimentStore open(String location) throws IOException {
    return open(location, System.getenv());
  }

  static ExperimentStore open(String location, Map<String, String> environment) throws IOException {
    try {
      return ExperimentStores.open(location, S3Settings.fromEnvironment(environment));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
