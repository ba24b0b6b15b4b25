package io.bayestune.optimizer.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An experiment kept in a local directory as {@code experiment.json}.
 *
 * <p>A save writes a temporary file, forces it to disk, renames it over the old document (an atomic
 * rename on POSIX file systems) and forces the directory, so a kill -9 between any two calls leaves
 * a whole document. The compare-and-set runs under an exclusive lock on {@code .lock}, so two
 * processes on one directory cannot both win. The version is the SHA-256 of the document.
 */
public final class LocalDirectoryStore implements ExperimentStore {

  static final String STATE_FILE = "experiment.json";
  private static final String LOCK_FILE = ".lock";

  private static final java.util.concurrent.ConcurrentMap<Path, Object> IN_PROCESS_LOCKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Path directory;

  public LocalDirectoryStore(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
  }

  @Override
  public Optional<StoredState> load() throws IOException {
    try {
      String json = Files.readString(directory.resolve(STATE_FILE), StandardCharsets.UTF_8);
      return Optional.of(new StoredState(json, versionOf(json)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public String save(String json, String expectedVersion) throws IOException {
    Files.createDirectories(directory);
    // A JVM holds one file lock per file: a second store on this directory in the same process would get
    // OverlappingFileLockException from lock(), so threads of one process queue on a monitor first.
    synchronized (IN_PROCESS_LOCKS.computeIfAbsent(directory, d -> new Object())) {
      return saveUnderFileLock(json, expectedVersion);
    }
  }

  private String saveUnderFileLock(String json, String expectedVersion) throws IOException {
    try (FileChannel lockChannel = FileChannel.open(directory.resolve(LOCK_FILE),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = lockChannel.lock()) {
      Optional<StoredState> current = load();
      String currentVersion = current.map(StoredState::version).orElse(null);
      if (expectedVersion == null ? currentVersion != null : !expectedVersion.equals(currentVersion)) {
        throw new StateConflictException(location() + ": the experiment was changed by another writer"
            + " since it was loaded (expected version " + expectedVersion + ", found " + currentVersion
            + "); reload it and try again, or make sure only one process drives this experiment");
      }
      writeAtomically(json);
      return versionOf(json);
    }
  }

  private void writeAtomically(String json) throws IOException {
    Path target = directory.resolve(STATE_FILE);
    Path temporary = Files.createTempFile(directory, ".experiment-", ".json.tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException(location() + ": this file system cannot rename atomically, so state"
            + " could be torn by a crash; keep experiments on a local POSIX file system", e);
      }
      forceDirectory();
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Makes the rename durable; some platforms cannot open a directory, which only weakens durability. */
  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // The rename itself is atomic; only durability across a power loss is weaker here.
    }
  }

  @Override
  public String location() {
    return directory.toString();
  }

  /** The version of a document: the first 128 bits of its SHA-256, hex (other content-hashed stores use it too). */
  public static String versionOf(String json) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
