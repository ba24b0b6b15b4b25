package io.bayestune.connectors.storage;

import io.bayestune.optimizer.store.ExperimentStore.StoredState;
import io.bayestune.optimizer.store.StateConflictException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSDataOutputStreamBuilder;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.RemoteFileChangedException;
import org.apache.hadoop.fs.s3a.S3AFileStatus;
import org.apache.hadoop.util.functional.FutureIO;

/**
 * Compare-and-set of the state document on S3 with conditional PUTs through S3A's {@code createFile()}
 * builder (HADOOP-19256, in Hadoop 3.4.2): {@code fs.option.create.conditional.overwrite} sends
 * {@code If-None-Match: *} (first save), {@code fs.option.create.conditional.overwrite.etag} sends
 * {@code If-Match: <etag>} (every later save). S3 answers 412 when the precondition fails, which S3A
 * raises as {@link RemoteFileChangedException}. The version is the object's ETag.
 *
 * <p>A PUT replaces an object whole, so a reader sees the old document or the new one, never a torn one.
 *
 * <p>S3A does not hand back the ETag of the PUT it made, so each document carries its own SHA-256 as
 * user metadata ({@code x-amz-meta-bayestune-sha256}, through {@code fs.s3a.create.header.*}); the HEAD
 * after a write (S3A's {@code getXAttrs}) shows the ETag and that digest together, which proves whose
 * object the ETag belongs to. The same check settles a retried PUT that S3 answers with 412 because the
 * first attempt had landed after all.
 *
 * <p>Loads read with the ETag of the preceding HEAD: S3A's change detection (default
 * {@code fs.s3a.change.detection.mode=server}, source etag) sends it as {@code If-Match} on the GET, so
 * the returned version always belongs to the returned text.
 */
final class S3ConditionalWrites implements StateDocument.WriteProtocol {
  static final String DIGEST_HEADER = "bayestune-sha256";
  private static final String CREATE_IF_ABSENT = "fs.option.create.conditional.overwrite";
  private static final String CREATE_IF_ETAG = "fs.option.create.conditional.overwrite.etag";

  private final FileSystem fs;
  private final Path state;
  private final String location;

  S3ConditionalWrites(FileSystem fs, Path state, String location) throws IOException {
    this.fs = fs;
    this.state = state;
    this.location = location;
    if (!fs.hasPathCapability(state, CREATE_IF_ETAG)) {
      throw new IllegalArgumentException(location + ": this S3A file system does not offer conditional writes,"
          + " which the experiment store needs to refuse a second driver; set fs.s3a.create.conditional.enabled=true"
          + " (the default) on a store that supports If-None-Match / If-Match");
    }
  }

  @Override
  public Optional<StoredState> load() throws IOException {
    for (int attempt = 0; ; attempt++) {
      S3AFileStatus status;
      try {
        status = (S3AFileStatus) fs.getFileStatus(state);
      } catch (FileNotFoundException e) {
        return Optional.empty();
      }
      try (FSDataInputStream in = FutureIO.awaitFuture(fs.openFile(state).withFileStatus(status).build())) {
        return Optional.of(new StoredState(StateDocument.readUtf8(in), status.getEtag()));
      } catch (RemoteFileChangedException | FileNotFoundException changedSinceHead) {
        if (attempt >= 5) {
          throw changedSinceHead;
        }
      }
    }
  }

  @Override
  public String save(String json, String expectedVersion) throws IOException {
    String digest = StateDocument.digest(json);
    try {
      put(json, digest, expectedVersion);
    } catch (RemoteFileChangedException preconditionFailed) {
      Head current = head();
      if (current != null && digest.equals(current.digest())) {
        return current.etag();
      }
      throw new StateConflictException(location + ": the experiment was changed by another writer since it was"
          + " loaded (expected " + (expectedVersion == null ? "no experiment yet" : "version " + expectedVersion)
          + ", found " + (current == null ? "none" : "version " + current.etag()) + "); another driver is working on"
          + " this experiment: stop it, or reload and continue from its state", preconditionFailed);
    }
    Head written = head();
    if (written != null && digest.equals(written.digest())) {
      return written.etag();
    }
    // Another writer replaced our object between our PUT and our HEAD: hand back a version that no ETag
    // equals, so that our next save is refused rather than overwriting theirs.
    return "superseded-" + digest;
  }

  private void put(String json, String digest, String expectedVersion) throws IOException {
    @SuppressWarnings("rawtypes")
    FSDataOutputStreamBuilder builder = fs.createFile(state).overwrite(true);
    builder.opt("fs.s3a.create.performance", true);
    builder.must("fs.s3a.create.header." + DIGEST_HEADER, digest);
    if (expectedVersion == null) {
      builder.must(CREATE_IF_ABSENT, true);
    } else {
      builder.must(CREATE_IF_ETAG, expectedVersion);
    }
    try (FSDataOutputStream out = builder.build()) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private record Head(String etag, String digest) {
  }

  /** The ETag and digest of the stored object, or null when there is none. */
  private Head head() throws IOException {
    try {
      Map<String, byte[]> headers = fs.getXAttrs(state);
      return new Head(text(headers.get("header.ETag")), text(headers.get("header." + DIGEST_HEADER)));
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private static String text(byte[] value) {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }
}
