package io.bayestune.optimizer.store;

import java.io.IOException;
import java.util.Optional;

/**
 * Where an experiment's state document lives: a directory, an S3 prefix, an HDFS path.
 *
 * <p>The state is one JSON document holding every suggestion and observation. Each save replaces
 * it whole and atomically: a crash at any point leaves the old document or the new one, never a
 * torn one. Saves are compare-and-set on the version a caller last loaded, so a second writer on
 * the same location (an Airflow retry while the first run still lives) is refused instead of
 * overwriting what the first one observed.
 *
 * <p>Implementations: {@link LocalDirectoryStore} here; the connectors module adds Hadoop file
 * systems (file://, s3a://, hdfs://).
 */
public interface ExperimentStore extends AutoCloseable {

  /** The state document and its version, or empty when no experiment has been saved here. */
  Optional<StoredState> load() throws IOException;

  /**
   * Replaces the state document if the stored version still equals {@code expectedVersion}
   * ({@code null}: only if nothing is stored yet).
   *
   * @return the new version
   * @throws StateConflictException when another writer changed the state since it was loaded
   */
  String save(String json, String expectedVersion) throws IOException;

  /**
   * Stores a change to the state document, a JSON Patch (RFC 6902; see {@link JsonPatch}) against the document of
   * {@code expectedVersion}, if this store keeps a change log and the log has room: at a cost that does not grow
   * with the document. A later {@link #load} returns the document with the change applied.
   *
   * @return the new version; empty when the caller must {@link #save} the whole document instead (this store
   *     keeps no log, or its log is due to be folded into the document)
   * @throws StateConflictException when another writer changed the state since it was loaded
   */
  default Optional<String> appendChange(String patch, String expectedVersion) throws IOException {
    return Optional.empty();
  }

  /** A human-readable location for messages, e.g. {@code s3a://bucket/experiments/credit}; never a secret. */
  String location();

  @Override
  default void close() throws IOException {
  }

  /** A loaded document with the opaque version token that a later {@link #save} must name. */
  record StoredState(String json, String version) {
  }
}
