package io.bayestune.optimizer.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * An experiment kept in a local directory as {@code experiment.json}, plus, when a caller logs changes
 * ({@link #appendChange}), a change log {@code experiment.changes} ({@link ChangeLog}) that extends it.
 *
 * <p>A save writes a temporary file, forces it to disk, renames it over the old document (an atomic
 * rename on POSIX file systems) and forces the directory, so a kill -9 between any two calls leaves
 * a whole document; a log is marked before the rename and deleted after it, so the state is the old
 * snapshot with its log or the new snapshot, never a mix. A logged change is one appended line and one
 * {@code fdatasync}, whatever the size of the document. The compare-and-set runs under an exclusive
 * lock on {@code .lock}, so two processes on one directory cannot both win. The version is the SHA-256
 * of the document, or after logged changes, a hash chained from it through each change.
 */
public final class LocalDirectoryStore implements ExperimentStore {

  static final String STATE_FILE = "experiment.json";
  private static final String LOCK_FILE = ".lock";

  private static final java.util.concurrent.ConcurrentMap<Path, Object> IN_PROCESS_LOCKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A save rewrites the document (and drops the log) once the log holds this many changes... */
  static final int COMPACT_AFTER_CHANGES = 500;
  /** ... or this many bytes, so that a load replays a bounded log. */
  static final long COMPACT_AFTER_BYTES = 4L << 20;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path directory;
  private final ChangeLog log;
  private final int compactAfterChanges;

  public LocalDirectoryStore(Path directory) {
    this(directory, COMPACT_AFTER_CHANGES);
  }

  /** With a log folded into the document after {@code compactAfterChanges} changes (tests use few). */
  LocalDirectoryStore(Path directory, int compactAfterChanges) {
    this.directory = directory.toAbsolutePath().normalize();
    this.log = new ChangeLog(this.directory);
    this.compactAfterChanges = compactAfterChanges;
  }

  @Override
  public Optional<StoredState> load() throws IOException {
    Optional<StoredState> snapshot = loadSnapshot();
    if (snapshot.isEmpty()) {
      return snapshot;
    }
    ChangeLog.Scan scan = log.scan(snapshot.get().version());
    if (scan.changes().isEmpty()) {
      return snapshot;
    }
    try {
      JsonNode document = MAPPER.readTree(snapshot.get().json());
      for (JsonNode ops : scan.changes()) {
        JsonPatch.apply(document, ops);
      }
      return Optional.of(new StoredState(MAPPER.writeValueAsString(document), scan.version()));
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(location() + ": the change log " + ChangeLog.FILE_NAME + " does not apply to "
          + STATE_FILE + " (" + e.getMessage() + "); the state was changed by something other than bayestune", e);
    }
  }

  private Optional<StoredState> loadSnapshot() throws IOException {
    try {
      String json = Files.readString(directory.resolve(STATE_FILE), StandardCharsets.UTF_8);
      return Optional.of(new StoredState(json, versionOf(json)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public String save(String json, String expectedVersion) throws IOException {
    return underLock(() -> {
      Optional<StoredState> snapshot = loadSnapshot();
      ChangeLog.Scan scan = snapshot.isPresent() ? log.scan(snapshot.get().version()) : null;
      String currentVersion = scan == null ? null : scan.version();
      checkExpected(expectedVersion, currentVersion);
      String version = versionOf(json);
      if (scan == null) {
        log.delete();
      } else if (scan.size() >= 0) {
        if (version.equals(snapshot.get().version())) {
          // The document in place is the new state already; only the log's changes must go.
          log.delete();
          return version;
        }
        if (!scan.stale()) {
          // Appenders trust the log's last line; this one sends them to check the snapshot if we die midway.
          if (scan.validEnd() < scan.size()) {
            log.truncate(scan.validEnd());
          }
          log.markCompacting(version);
        }
        writeAtomically(json);
        log.delete();
        return version;
      }
      writeAtomically(json);
      return version;
    });
  }

  /**
   * Logs a change instead of rewriting the document: one appended line and one {@code fdatasync}. Empty once the
   * log holds {@link #COMPACT_AFTER_CHANGES} changes or {@link #COMPACT_AFTER_BYTES} bytes: the caller then saves
   * the whole document, which starts a new log.
   */
  @Override
  public Optional<String> appendChange(String patch, String expectedVersion) throws IOException {
    if (expectedVersion == null) {
      throw new IllegalArgumentException("appendChange: a change needs the version it applies to; create the"
          + " experiment with save");
    }
    return underLock(() -> {
      ChangeLog.Line last = log.lastLine();
      if (last == null || last.isMarker() || last.version() == null) {
        // No log yet, or a torn tail, or a save killed midway: settle it against the snapshot (reads it once).
        Optional<StoredState> snapshot = loadSnapshot();
        ChangeLog.Scan scan = snapshot.isPresent() ? log.scan(snapshot.get().version()) : null;
        checkExpected(expectedVersion, scan == null ? null : scan.version());
        if (scan.stale() || scan.size() < 0) {
          log.delete();
          log.create(snapshot.get().version());
        } else if (scan.validEnd() < scan.size()) {
          log.truncate(scan.validEnd());
        }
        last = log.lastLine();
      }
      checkExpected(expectedVersion, last.version());
      if (last.seq() >= compactAfterChanges || last.offset() >= COMPACT_AFTER_BYTES) {
        return Optional.empty();
      }
      return Optional.of(log.append(last.version(), last.seq() + 1, patch));
    });
  }

  private interface Locked<T> {
    T run() throws IOException;
  }

  private <T> T underLock(Locked<T> action) throws IOException {
    Files.createDirectories(directory);
    // A JVM holds one file lock per file: a second store on this directory in the same process would get
    // OverlappingFileLockException from lock(), so threads of one process queue on a monitor first.
    synchronized (IN_PROCESS_LOCKS.computeIfAbsent(directory, d -> new Object())) {
      try (FileChannel lockChannel = FileChannel.open(directory.resolve(LOCK_FILE),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = lockChannel.lock()) {
        return action.run();
      }
    }
  }

  private void checkExpected(String expectedVersion, String currentVersion) throws StateConflictException {
    if (expectedVersion == null ? currentVersion != null : !expectedVersion.equals(currentVersion)) {
      throw new StateConflictException(location() + ": the experiment was changed by another writer"
          + " since it was loaded (expected version " + expectedVersion + ", found " + currentVersion
          + "); reload it and try again, or make sure only one process drives this experiment");
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
      forceDirectory(directory);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Makes the rename durable; some platforms cannot open a directory, which only weakens durability. */
  static void forceDirectory(Path directory) {
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
