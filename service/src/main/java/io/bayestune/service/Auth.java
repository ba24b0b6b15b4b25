package io.bayestune.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The caller's team from the {@code Authorization} header: HTTP basic auth with the API token as the user name
 * (how SigOpt's clients send it, e.g. {@code curl -u TOKEN:}), or {@code Bearer TOKEN}. No message ever
 * contains the header or the token.
 */
final class Auth {
  private final TokenFile tokens;

  Auth(TokenFile tokens) {
    this.tokens = tokens;
  }

  /** The team, or a 401 with a message that says what to send. */
  String team(String authorization) {
    Optional<String> token = tokenOf(authorization);
    if (token.isEmpty()) {
      throw new ApiException(401, "Authorization: no API token sent; send it as the basic-auth user name"
          + " (curl -u TOKEN: ..., SIGOPT_API_TOKEN for SigOpt's clients)");
    }
    return tokens.teamOf(token.get()).orElseThrow(() -> new ApiException(401,
        "Authorization: this API token is not valid; create one with bayestune tokens create --team TEAM"));
  }

  static Optional<String> tokenOf(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String h = authorization.strip();
    if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String t = h.substring(7).strip();
      return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }
    if (!h.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    String user = colon < 0 ? decoded : decoded.substring(0, colon);
    String password = colon < 0 ? "" : decoded.substring(colon + 1);
    // SigOpt's clients put the token in the user name; some tools put it in the password instead.
    String t = user.isEmpty() ? password : user;
    return t.isEmpty() ? Optional.empty() : Optional.of(t);
  }
}
