package io.bayestune.connectors.s3;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that masks secrets in text: every message, log line or document this project builds
 * from S3 settings goes through {@link #mask(String)}.
 *
 * <p>Two nets: the values of secrets seen by {@link S3Settings} (the secret key, the session token),
 * replaced wherever they occur; and anything shaped like a secret setting
 * ({@code fs.s3a.secret.key=...}, {@code fs.s3a.bucket.b.session.token: ...}, {@code AWS_SECRET_ACCESS_KEY=...},
 * {@code secret_key=...}), whose value is replaced even when the value was never registered.
 */
public final class Redaction {
  /** What a masked value reads as. */
  public static final String MASK = "****";

  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
  private static final Pattern SECRET_SETTING = Pattern.compile(
      "((?:spark\\.hadoop\\.)?fs\\.s3a\\.[\\w.-]*(?:secret|session\\.token|password|encryption\\.key)[\\w.-]*"
          + "|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|secret_key|session_token)"
          + "(\"?\\s*[=:]\\s*\"?)([^\\s\",;}&]+)",
      Pattern.CASE_INSENSITIVE);

  private Redaction() {
  }

  /** Remembers a secret value so that {@link #mask} hides it anywhere; short values are ignored (too common). */
  public static void register(String secret) {
    if (secret != null && secret.length() >= 4) {
      SECRETS.add(secret);
    }
  }

  /** {@code text} with every registered secret and every secret-shaped setting value replaced by {@value #MASK}. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : SECRETS) {
      out = out.replace(secret, MASK);
    }
    Matcher m = SECRET_SETTING.matcher(out);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Whether a Hadoop or job setting name holds a secret (its value must never be shown). */
  public static boolean isSecretKey(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return n.contains("secret") || n.contains("session.token") || n.contains("session_token")
        || n.contains("password") || n.contains("encryption.key");
  }
}
