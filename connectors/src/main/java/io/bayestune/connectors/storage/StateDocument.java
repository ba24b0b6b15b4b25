package io.bayestune.connectors.storage;

import io.bayestune.optimizer.store.ExperimentStore.StoredState;
import io.bayestune.optimizer.store.LocalDirectoryStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The state document's name, its content hash, and the operations every write protocol shares. */
final class StateDocument {
  static final String FILE_NAME = "experiment.json";

  private StateDocument() {
  }

  /** The content hash that versions a document where the store has no ETag (as the local store does). */
  static String digest(String json) {
    return LocalDirectoryStore.versionOf(json);
  }

  static String readUtf8(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** How a store reads and compare-and-sets its state document; one per kind of file system. */
  interface WriteProtocol extends AutoCloseable {
    Optional<StoredState> load() throws IOException;

    /** Writes if the stored version is {@code expectedVersion}; null: only if nothing is stored. */
    String save(String json, String expectedVersion) throws IOException;

    @Override
    default void close() throws IOException {
    }
  }
}
