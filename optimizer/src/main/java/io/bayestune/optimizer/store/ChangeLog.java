package io.bayestune.optimizer.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The change log beside a {@link LocalDirectoryStore}'s state document: one JSON line per change, each naming the
 * version it applies to ({@code base}) and the version it makes ({@code version}, a hash chained from the
 * snapshot's), so that a change costs one small append and one {@code fdatasync}, whatever the history's size.
 *
 * <pre>
 * {"snapshot":"H0","version":"H0","seq":0}                       the header: which snapshot the log extends
 * {"base":"H0","version":"H1","seq":1,"ops":[JSON Patch]}       a change
 * {"compacting":"H"}                                            a save of the snapshot with hash H began
 * </pre>
 *
 * <p>A line counts only when it is whole (ends with a newline and parses) and chains to the one before it; a torn
 * last line (a kill during an append that was never acknowledged) ends the log, and the next writer cuts it off.
 * A compaction marker tells readers whether the snapshot in place already holds the log's changes (its hash is
 * the marker's) or not (the save was killed before its rename).
 */
final class ChangeLog {
  static final String FILE_NAME = "experiment.changes";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path file;

  ChangeLog(Path directory) {
    this.file = directory.resolve(FILE_NAME);
  }

  /** A whole line of the log and where it starts. */
  record Line(JsonNode json, long offset) {
    boolean isMarker() {
      return json.has("compacting");
    }

    String version() {
      return json.path("version").asText(null);
    }

    long seq() {
      return json.path("seq").asLong();
    }
  }

  /** What a full read found: the changes that count, the version they make, and where the valid part ends. */
  record Scan(List<JsonNode> changes, String version, long seq, long validEnd, boolean stale, long size) {
  }

  boolean exists() {
    return Files.exists(file);
  }

  /**
   * The last line if the log ends with a whole one, else null (no log, an empty log, or a torn tail). Reads only
   * the end of the file.
   */
  Line lastLine() throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size == 0) {
        return null;
      }
      int chunk = 8192;
      while (true) {
        long from = Math.max(0, size - chunk);
        ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
        while (buf.hasRemaining() && ch.read(buf, from + buf.position()) >= 0) {
          // read until full
        }
        byte[] bytes = buf.array();
        if (bytes[bytes.length - 1] != '\n') {
          return null;
        }
        int start = bytes.length - 2;
        while (start >= 0 && bytes[start] != '\n') {
          start--;
        }
        if (start >= 0 || from == 0) {
          String text = new String(bytes, start + 1, bytes.length - start - 2, StandardCharsets.UTF_8);
          JsonNode json = parse(text);
          return json == null ? null : new Line(json, from + start + 1);
        }
        chunk *= 4;
      }
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Reads the whole log against the snapshot whose hash is {@code snapshotHash}: the chained changes up to the
   * first line that is torn, does not chain, or is a compaction marker. {@code stale} when the log does not
   * extend this snapshot (its header names another, or a finished compaction's marker names this one).
   */
  Scan scan(String snapshotHash) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Scan(List.of(), snapshotHash, 0, 0, false, -1);
    }
    List<JsonNode> changes = new ArrayList<>();
    String version = snapshotHash;
    long seq = 0;
    int start = 0;
    boolean first = true;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      JsonNode line = end < bytes.length ? parse(new String(bytes, start, end - start, StandardCharsets.UTF_8)) : null;
      if (line == null) {
        break;
      }
      if (first) {
        if (!snapshotHash.equals(line.path("snapshot").asText(null))) {
          return new Scan(List.of(), snapshotHash, 0, 0, true, bytes.length);
        }
        first = false;
      } else if (line.has("compacting")) {
        if (snapshotHash.equals(line.get("compacting").asText())) {
          return new Scan(List.of(), snapshotHash, 0, 0, true, bytes.length);
        }
        break;
      } else if (version.equals(line.path("base").asText(null)) && line.path("ops").isArray()) {
        changes.add(line.get("ops"));
        version = line.path("version").asText();
        seq = line.path("seq").asLong();
      } else {
        break;
      }
      start = end + 1;
    }
    if (first) {
      // Not even a whole header: a log whose creation was killed.
      return new Scan(List.of(), snapshotHash, 0, 0, true, bytes.length);
    }
    return new Scan(changes, version, seq, start, false, bytes.length);
  }

  /** Starts the log of the snapshot with hash {@code snapshotHash}, durably. */
  void create(String snapshotHash) throws IOException {
    ObjectNode header = MAPPER.createObjectNode().put("snapshot", snapshotHash).put("version", snapshotHash)
        .put("seq", 0);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      write(ch, header);
      ch.force(true);
    }
    LocalDirectoryStore.forceDirectory(file.getParent());
  }

  /** Appends a change to {@code base}; returns the version it makes. Durable when this returns. */
  String append(String base, long seq, String opsJson) throws IOException {
    String version = chain(base, opsJson);
    ObjectNode line = MAPPER.createObjectNode().put("base", base).put("version", version).put("seq", seq);
    line.set("ops", MAPPER.readTree(opsJson));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      write(ch, line);
      ch.force(false);
    }
    return version;
  }

  /** Records that a save of the snapshot with hash {@code snapshotHash} begins (see the class comment). */
  void markCompacting(String snapshotHash) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      write(ch, MAPPER.createObjectNode().put("compacting", snapshotHash));
      ch.force(false);
    }
  }

  /** Cuts the log back to its valid part (a torn line, or the marker of a save that never renamed). */
  void truncate(long validEnd) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(validEnd);
      ch.force(false);
    }
  }

  void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  /** The version a change makes: chained from its base, so equal versions mean equal histories. */
  static String chain(String base, String opsJson) {
    return LocalDirectoryStore.versionOf(base + "\n" + opsJson);
  }

  private static void write(FileChannel ch, JsonNode line) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap((MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      ch.write(bytes);
    }
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }
}
