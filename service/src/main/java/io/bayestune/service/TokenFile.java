package io.bayestune.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API tokens and the teams they belong to, kept hashed in a text file, one token a line:
 * <pre>
 * # bayestune API tokens: sha256 of the token, then its team
 * sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 chemistry
 * </pre>
 * A token is 32 random bytes (base64url); only its SHA-256 is ever stored, so the file is no secret
 * of the tokens it holds. The server re-reads the file when it changes, so a token created while it runs
 * works at once. A fast hash suffices here (unlike for passwords): tokens are random, not guessable words.
 */
public final class TokenFile {
  private static final Pattern TEAM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private volatile Map<String, String> teamByHash = Map.of();
  private volatile FileTime loadedAt;

  private TokenFile(Path file) {
    this.file = file;
  }

  /** Reads the file (it must exist: {@code bayestune tokens create} makes it). */
  public static TokenFile load(Path file) throws IOException {
    TokenFile tokens = new TokenFile(file);
    tokens.reload();
    if (tokens.teamByHash.isEmpty()) {
      throw new IllegalArgumentException("--tokens " + file + ": holds no token; create one with"
          + " bayestune tokens create --team TEAM --tokens " + file);
    }
    return tokens;
  }

  /** A new token for {@code team}, its hash appended to {@code file} (created, owner-only, when missing). */
  public static String create(Path file, String team) throws IOException {
    if (team == null || !TEAM.matcher(team).matches()) {
      throw new IllegalArgumentException("--team: must be 1-64 letters, digits, '_', '.' or '-', starting with a"
          + " letter or digit, but got " + (team == null ? "nothing" : "\"" + team + "\""));
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    if (!Files.exists(file)) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, "# bayestune API tokens: sha256 of the token, then its team\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW);
      try {
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the file holds hashes only, so its permissions protect no secret.
      }
    }
    Files.writeString(file, "sha256:" + hash(token) + " " + team + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    return token;
  }

  /** The team of a token, or empty for an unknown one. */
  public Optional<String> teamOf(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    reloadIfChanged();
    return Optional.ofNullable(teamByHash.get(hash(token)));
  }

  private void reloadIfChanged() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (!modified.equals(loadedAt)) {
        reload();
      }
    } catch (IOException e) {
      // Keep serving the tokens last read; a file being replaced is briefly missing.
    }
  }

  private synchronized void reload() throws IOException {
    FileTime modified;
    List<String> lines;
    try {
      modified = Files.getLastModifiedTime(file);
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--tokens " + file + ": no such file; create it with bayestune tokens"
          + " create --team TEAM --tokens " + file, e);
    }
    Map<String, String> read = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 2 || !parts[0].matches("sha256:[0-9a-f]{64}") || !TEAM.matcher(parts[1]).matches()) {
        // The line number only: a mistaken line may be a pasted token, which must not reach a log.
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": must be \"sha256:<64 hex digits> TEAM\";"
            + " make lines with bayestune tokens create");
      }
      read.put(parts[0].substring("sha256:".length()), parts[1]);
    }
    teamByHash = Map.copyOf(read);
    loadedAt = modified;
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
