package io.bayestune.connectors.storage;

import io.bayestune.optimizer.store.StateConflictException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.ipc.RemoteException;

/**
 * A lease with an expiry for file systems without conditional writes (HDFS and the like): who may
 * write an experiment's state until when.
 *
 * <p>The lease is a sequence of small files {@code _lease/lease-000001.json}, {@code ...02.json}, each
 * {@code {"owner":..., "holder":"host/pid", "expires_at": epoch millis}}; the highest number rules.
 * Every change, acquiring, renewing, taking over an expired lease, releasing, is the exclusive creation
 * of the next number ({@code create(overwrite=false)}, atomic on HDFS; O_EXCL on a local disk), so two
 * drivers racing for it cannot both win and no file is ever rewritten in place. Older entries are
 * deleted as new ones appear.
 *
 * <p>Leases compare the holder's clock with the reader's: keep the time to live well above the clock
 * skew between machines (default two minutes; the holder renews every third of it).
 */
final class Lease {
  static final String DIRECTORY = "_lease";
  private static final Pattern ENTRY = Pattern.compile("lease-(\\d{6,})\\.json");
  private static final Pattern FIELD = Pattern.compile("\"(owner|holder|expires_at)\"\\s*:\\s*\"?([^\",}]*)\"?");

  private final FileSystem fs;
  private final Path directory;
  private final Duration ttl;
  private final Clock clock;
  private final String owner = UUID.randomUUID().toString();
  private final String holder = holderName();
  private final String location;

  Lease(FileSystem fs, Path experimentDirectory, Duration ttl, Clock clock, String location) {
    this.fs = fs;
    this.directory = new Path(experimentDirectory, DIRECTORY);
    this.ttl = ttl;
    this.clock = clock;
    this.location = location;
  }

  record Entry(long sequence, String owner, String holder, long expiresAt) {
  }

  /**
   * Makes sure this process holds the lease with at least a fifth of its time to live left, acquiring
   * or renewing it as needed.
   *
   * @throws StateConflictException when another driver holds an unexpired lease, or took this one over
   */
  synchronized void ensureHeld() throws IOException {
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<Entry> top = current();
      long now = clock.millis();
      if (top.isPresent() && !top.get().owner().equals(owner) && top.get().expiresAt() > now) {
        throw heldByOther(top.get());
      }
      if (top.isPresent() && top.get().owner().equals(owner) && top.get().expiresAt() - now > ttl.toMillis() / 5) {
        return;
      }
      long next = top.map(e -> e.sequence() + 1).orElse(1L);
      if (append(next, now + ttl.toMillis())) {
        return;
      }
    }
    throw new StateConflictException(location + ": could not take the experiment's lease (" + directory
        + ") after three tries; another driver keeps taking it");
  }

  /** Renews if this process holds the lease; false when it no longer does (expired and taken over). */
  synchronized boolean renew() throws IOException {
    Optional<Entry> top = current();
    if (top.isEmpty() || !top.get().owner().equals(owner)) {
      return false;
    }
    return append(top.get().sequence() + 1, clock.millis() + ttl.toMillis());
  }

  /** Gives the lease up (an entry that expires now), so the next driver need not wait for the expiry. */
  synchronized void release() throws IOException {
    Optional<Entry> top = current();
    if (top.isPresent() && top.get().owner().equals(owner) && top.get().expiresAt() > clock.millis()) {
      append(top.get().sequence() + 1, clock.millis());
    }
  }

  boolean heldByMe() throws IOException {
    Optional<Entry> top = current();
    return top.isPresent() && top.get().owner().equals(owner) && top.get().expiresAt() > clock.millis();
  }

  private StateConflictException heldByOther(Entry e) {
    return new StateConflictException(location + ": another driver (" + e.holder() + ", lease " + e.owner()
        + ") is working on this experiment and holds its lease until " + Instant.ofEpochMilli(e.expiresAt())
        + "; wait for it to finish (or for the lease to expire), or use another location");
  }

  /** The ruling entry: the highest-numbered one. */
  Optional<Entry> current() throws IOException {
    FileStatus[] files;
    try {
      files = fs.listStatus(directory);
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
    Optional<FileStatus> top = Arrays.stream(files).filter(f -> ENTRY.matcher(f.getPath().getName()).matches())
        .max(Comparator.comparingLong(Lease::sequenceOf));
    if (top.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(read(top.get()));
  }

  private Entry read(FileStatus file) throws IOException {
    long sequence = sequenceOf(file);
    String text;
    try (FSDataInputStream in = fs.open(file.getPath())) {
      text = StateDocument.readUtf8(in);
    } catch (FileNotFoundException cleanedUp) {
      text = "";
    }
    String entryOwner = null;
    String entryHolder = "unknown";
    Long expiresAt = null;
    Matcher m = FIELD.matcher(text);
    while (m.find()) {
      switch (m.group(1)) {
        case "owner" -> entryOwner = m.group(2);
        case "holder" -> entryHolder = m.group(2);
        default -> expiresAt = parseLong(m.group(2));
      }
    }
    if (entryOwner == null || expiresAt == null) {
      // Being written by its creator right now: treat it as a fresh lease of someone else's.
      return new Entry(sequence, "(being written)", "unknown", file.getModificationTime() + ttl.toMillis());
    }
    return new Entry(sequence, entryOwner, entryHolder, expiresAt);
  }

  /** Creates entry {@code sequence} exclusively; false when another process created it first. */
  private boolean append(long sequence, long expiresAt) throws IOException {
    Path file = new Path(directory, String.format("lease-%06d.json", sequence));
    byte[] body = ("{\"owner\":\"" + owner + "\",\"holder\":\"" + holder + "\",\"expires_at\":" + expiresAt + "}\n")
        .getBytes(StandardCharsets.UTF_8);
    fs.mkdirs(directory);
    try {
      if (fs instanceof RawLocalFileSystem local) {
        // Hadoop's local create(overwrite=false) checks and then creates; O_EXCL is the atomic test.
        Files.write(local.pathToFile(file).toPath(), body, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } else {
        try (OutputStream out = fs.create(file, false)) {
          out.write(body);
        }
      }
    } catch (FileAlreadyExistsException | org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("already exists") || isBeingCreatedByAnother(e)) {
        return false;
      }
      throw e;
    }
    deleteOlderThan(sequence - 1);
    return true;
  }

  /**
   * HDFS refuses {@code create(overwrite=false)} of a file that another client still has open with
   * AlreadyBeingCreatedException, not FileAlreadyExistsException, and the DFS client leaves it wrapped in a
   * RemoteException: two drivers racing for the same entry see this while the winner writes it (found by
   * HdfsLeaseStoreContractIT#concurrentCreatorsExactlyOneWins). It is a lost race like any other. Matched by
   * name, as the DFS client reports it, so this class needs no HDFS classes.
   */
  private static boolean isBeingCreatedByAnother(IOException e) {
    return e instanceof RemoteException remote
        && "org.apache.hadoop.hdfs.protocol.AlreadyBeingCreatedException".equals(remote.getClassName());
  }

  private void deleteOlderThan(long keepFrom) {
    try {
      for (FileStatus f : fs.listStatus(directory)) {
        if (ENTRY.matcher(f.getPath().getName()).matches() && sequenceOf(f) < keepFrom) {
          fs.delete(f.getPath(), false);
        }
      }
    } catch (IOException e) {
      // Old entries only take space; the highest one rules either way.
    }
  }

  private static long sequenceOf(FileStatus f) {
    Matcher m = ENTRY.matcher(f.getPath().getName());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private static Long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String holderName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown-host";
    }
    return host + "/" + ManagementFactory.getRuntimeMXBean().getPid();
  }

  Duration ttl() {
    return ttl;
  }
}
