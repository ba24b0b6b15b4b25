package io.bayestune.connectors.storage;

import io.bayestune.connectors.s3.Redaction;
import io.bayestune.connectors.s3.S3Errors;
import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.optimizer.store.StateConflictException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An experiment's state document ({@code experiment.json} under the location) on any Hadoop file
 * system: S3 through S3A with conditional writes ({@link S3ConditionalWrites}), HDFS and the others
 * with a lease and write-then-rename ({@link LeasedRenameWrites}).
 *
 * <p>Every call is retried through transient failures (an outage of the store) with backoff; failures
 * a user must fix (403, 404, an unreachable endpoint) come out as {@link S3Errors} explains them.
 *
 * <pre>{@code
 * try (ExperimentStore store = HadoopFileSystemStore.open(URI.create("s3a://lab/experiments/credit"), conf)) {
 *   Optional<StoredState> state = store.load();
 *   String version = store.save(experiment.toJson(), state.map(StoredState::version).orElse(null));
 * }
 * }</pre>
 */
public final class HadoopFileSystemStore implements ExperimentStore {
  /** Seconds a store keeps retrying one call through transient failures (default 60). */
  public static final String RETRY_DEADLINE = "bayestune.store.retry.deadline.seconds";
  /** Seconds a lease lives unless renewed (file systems without conditional writes; default 120). */
  public static final String LEASE_TTL = "bayestune.store.lease.ttl.seconds";

  private final FileSystem fs;
  private final Configuration conf;
  private final String location;
  private final StateDocument.WriteProtocol protocol;
  private final TransientRetry retry;

  private HadoopFileSystemStore(FileSystem fs, Configuration conf, String location,
      StateDocument.WriteProtocol protocol) {
    this.fs = fs;
    this.conf = conf;
    this.location = location;
    this.protocol = protocol;
    this.retry = new TransientRetry(Duration.ofSeconds(conf.getLong(RETRY_DEADLINE, 60)), location);
  }

  /**
   * Opens the store at a directory URI ({@code s3a://bucket/prefix}, {@code hdfs://nn/path}, ...). The file
   * system is a private instance (not Hadoop's shared cache), closed with the store.
   */
  public static HadoopFileSystemStore open(URI location, Configuration conf) throws IOException {
    String text = stripSlash(location.toString());
    FileSystem fs;
    try {
      fs = FileSystem.newInstance(location, conf);
    } catch (IOException e) {
      throw S3Errors.explain(e, text, conf);
    }
    Path directory = fs.makeQualified(new Path(location));
    String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
    try {
      if (scheme.equals("s3a")) {
        return new HadoopFileSystemStore(fs, conf, text,
            new S3ConditionalWrites(fs, new Path(directory, StateDocument.FILE_NAME), text));
      }
      return withLease(fs, conf, directory, text, Clock.systemUTC());
    } catch (RuntimeException | IOException e) {
      fs.close();
      throw e;
    }
  }

  /** The lease protocol on {@code fs} (tests use it on the local file system). */
  static HadoopFileSystemStore withLease(FileSystem fs, Configuration conf, Path directory, String location,
      Clock clock) {
    FileSystem raw = fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
    Lease lease = new Lease(raw, directory, Duration.ofSeconds(conf.getLong(LEASE_TTL, 120)), clock, location);
    return new HadoopFileSystemStore(fs, conf, location, new LeasedRenameWrites(raw, conf, directory, lease, location));
  }

  @Override
  public Optional<StoredState> load() throws IOException {
    try {
      return retry.run("load", protocol::load);
    } catch (StateConflictException e) {
      throw e;
    } catch (IOException e) {
      throw S3Errors.explain(e, location + "/" + StateDocument.FILE_NAME, conf);
    }
  }

  @Override
  public String save(String json, String expectedVersion) throws IOException {
    try {
      return retry.run("save", () -> protocol.save(json, expectedVersion));
    } catch (StateConflictException e) {
      throw e;
    } catch (IOException e) {
      throw S3Errors.explain(e, location + "/" + StateDocument.FILE_NAME, conf);
    }
  }

  @Override
  public String location() {
    return Redaction.mask(location);
  }

  @Override
  public void close() throws IOException {
    try {
      protocol.close();
    } finally {
      fs.close();
    }
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
