package io.bayestune.connectors.storage;

import io.bayestune.optimizer.store.ExperimentStore.StoredState;
import io.bayestune.optimizer.store.StateConflictException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compare-and-set for file systems without conditional writes (HDFS and others): the writer holds a
 * {@link Lease}, writes the new document to a temporary file beside the old one and renames it over
 * (atomic on HDFS and on a POSIX disk), so a crash leaves the old document or the new one. The
 * version is the document's SHA-256.
 *
 * <p>The lease is taken at the first save and renewed in the background every third of its time to
 * live while the store is open; {@link #close()} releases it. A second driver's save is refused while
 * the lease is held; the version check under the lease refuses a writer whose state is stale.
 */
final class LeasedRenameWrites implements StateDocument.WriteProtocol {
  private static final Logger LOG = LoggerFactory.getLogger(LeasedRenameWrites.class);

  private final FileSystem fs;
  private final Configuration conf;
  private final Path directory;
  private final Path state;
  private final Lease lease;
  private final String location;
  private ScheduledExecutorService renewer;
  /** Made on the first save and kept: each FileContext of an hdfs:// URI opens a DFS client of its own. */
  private FileContext renames;

  LeasedRenameWrites(FileSystem fs, Configuration conf, Path directory, Lease lease, String location) {
    this.fs = fs;
    this.conf = conf;
    this.directory = directory;
    this.state = new Path(directory, StateDocument.FILE_NAME);
    this.lease = lease;
    this.location = location;
  }

  @Override
  public Optional<StoredState> load() throws IOException {
    try (FSDataInputStream in = fs.open(state)) {
      String json = StateDocument.readUtf8(in);
      return Optional.of(new StoredState(json, StateDocument.digest(json)));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public synchronized String save(String json, String expectedVersion) throws IOException {
    lease.ensureHeld();
    startRenewing();
    String currentVersion = load().map(StoredState::version).orElse(null);
    String newVersion = StateDocument.digest(json);
    if (newVersion.equals(currentVersion)) {
      return newVersion;  // already stored (a retried save whose first attempt landed)
    }
    if (expectedVersion == null ? currentVersion != null : !expectedVersion.equals(currentVersion)) {
      throw new StateConflictException(location + ": the experiment was changed by another writer since it was"
          + " loaded (expected " + (expectedVersion == null ? "no experiment yet" : "version " + expectedVersion)
          + ", found " + (currentVersion == null ? "none" : "version " + currentVersion) + "); reload it and try"
          + " again, or make sure only one driver works on this experiment");
    }
    Path temporary = new Path(directory, "." + StateDocument.FILE_NAME + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FSDataOutputStream out = fs.create(temporary, false)) {
        out.write(json.getBytes(StandardCharsets.UTF_8));
        out.hsync();
      }
      if (!lease.heldByMe()) {
        throw new StateConflictException(location + ": this driver's lease on the experiment expired while it was"
            + " saving and another driver may have taken over; nothing was written");
      }
      renameOver(temporary);
    } finally {
      fs.delete(temporary, false);
    }
    return newVersion;
  }

  /** Replaces the document in one step: POSIX rename on a local disk, rename-with-overwrite elsewhere (HDFS rename2). */
  private void renameOver(Path temporary) throws IOException {
    if (fs instanceof RawLocalFileSystem) {
      if (!fs.rename(temporary, state)) {
        throw new IOException(location + ": could not rename " + temporary + " over " + state);
      }
      return;
    }
    if (renames == null) {
      renames = FileContext.getFileContext(fs.getUri(), conf);
    }
    renames.rename(temporary, state, Options.Rename.OVERWRITE);
  }

  private void startRenewing() {
    if (renewer != null) {
      return;
    }
    renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bayestune-lease-renewer");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(1, lease.ttl().toMillis() / 3);
    renewer.scheduleAtFixedRate(() -> {
      try {
        if (!lease.renew()) {
          LOG.warn("{}: the experiment's lease was taken over by another driver; this driver's saves will be refused",
              location);
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("{}: could not renew the experiment's lease ({}); retrying in {} ms", location,
            e.getClass().getSimpleName(), period);
      }
    }, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() throws IOException {
    if (renewer != null) {
      renewer.shutdownNow();
      renewer = null;
      lease.release();
    }
  }
}
