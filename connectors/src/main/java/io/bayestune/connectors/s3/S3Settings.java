package io.bayestune.connectors.s3;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * S3 settings for S3A, gathered from the job file's {@code s3:} block, from Hadoop/Spark configuration
 * ({@code fs.s3a.*}, {@code spark.hadoop.fs.s3a.*}) or from the environment, and applied to a Hadoop
 * {@link Configuration} or a SparkSession's Hadoop configuration.
 *
 * <p>Held as Hadoop entries ({@code fs.s3a.endpoint} ...), so layering is a map merge and what reaches
 * S3A is exactly what {@link #toHadoop()} shows. Secrets are registered with {@link Redaction} on the way
 * in, and {@link #toString()} shows {@code secret_key=****}.
 *
 * <pre>{@code
 * S3Settings s3 = S3Settings.fromJob(Map.of("endpoint", "http://127.0.0.1:9000", "path_style_access", "true"));
 * s3.apply(spark);                       // Spark's readers and writers now reach that store
 * }</pre>
 */
public final class S3Settings {
  /** The job file's {@code s3:} keys and the S3A setting each one sets. */
  static final Map<String, String> JOB_KEYS = Map.of(
      "endpoint", "fs.s3a.endpoint",
      "region", "fs.s3a.endpoint.region",
      "path_style_access", "fs.s3a.path.style.access",
      "access_key", "fs.s3a.access.key",
      "secret_key", "fs.s3a.secret.key",
      "session_token", "fs.s3a.session.token",
      "credentials_provider", "fs.s3a.aws.credentials.provider");

  /**
   * Retries that ride out an outage of several seconds (S3A retries each call with exponential backoff;
   * the SDK's own attempts are kept few so that the two do not multiply into minutes: S3A's defaults kept
   * retrying a refused connection for nearly three minutes here). 15 s is the lowest connect timeout S3A accepts. Used only where the user set nothing.
   */
  static final Map<String, String> RETRY_DEFAULTS = Map.of(
      "fs.s3a.retry.limit", "6",
      "fs.s3a.retry.interval", "500ms",
      "fs.s3a.retry.throttle.limit", "10",
      "fs.s3a.retry.throttle.interval", "500ms",
      "fs.s3a.attempts.maximum", "2",
      "fs.s3a.connection.establish.timeout", "15s",
      "fs.s3a.connection.timeout", "60s");

  private final Map<String, String> entries;

  private S3Settings(Map<String, String> entries) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    entries.forEach((k, v) -> {
      if (Redaction.isSecretKey(k)) {
        Redaction.register(v);
      }
    });
  }

  /** No settings: S3A's defaults and its default credential chain. */
  public static S3Settings none() {
    return new S3Settings(Map.of());
  }

  /**
   * From a job file's {@code s3:} block (endpoint, region, path_style_access, access_key, secret_key,
   * session_token, credentials_provider); Hadoop keys ({@code fs.s3a.*}) and the store's own
   * ({@code bayestune.store.retry.deadline.seconds}, {@code bayestune.store.lease.ttl.seconds}) may stand beside them.
   *
   * @throws IllegalArgumentException naming an unknown key and the known ones
   */
  public static S3Settings fromJob(Map<String, ?> block) {
    Map<String, String> out = new LinkedHashMap<>();
    block.forEach((key, value) -> {
      if (value == null) {
        return;
      }
      String text = String.valueOf(value).trim();
      if (key.startsWith("fs.") || key.startsWith("spark.hadoop.fs.") || key.startsWith("bayestune.store.")) {
        out.put(key.startsWith("spark.hadoop.") ? key.substring("spark.hadoop.".length()) : key, text);
      } else if (JOB_KEYS.containsKey(key)) {
        out.put(JOB_KEYS.get(key), key.equals("credentials_provider") ? CredentialsProviders.className(text) : text);
      } else {
        throw new IllegalArgumentException("s3." + key + ": unknown S3 setting; use one of "
            + new TreeSet<>(JOB_KEYS.keySet()) + " or an fs.s3a.* Hadoop key (or bayestune.store.*)");
      }
    });
    if (out.containsKey("fs.s3a.path.style.access")) {
      String v = out.get("fs.s3a.path.style.access").toLowerCase(Locale.ROOT);
      if (!v.equals("true") && !v.equals("false")) {
        throw new IllegalArgumentException("s3.path_style_access: must be true or false, but got '" + v + "'");
      }
    }
    addSslFromEndpoint(out);
    return new S3Settings(out);
  }

  /**
   * The {@code fs.s3a.*} entries someone set in a Hadoop configuration (core-site.xml, Spark's
   * {@code spark.hadoop.*}, code). Values that only Hadoop's own {@code *-default.xml} gives are left
   * out: they are not a choice, and counting them would keep {@link #RETRY_DEFAULTS} from ever applying.
   */
  public static S3Settings fromHadoop(Configuration configuration) {
    List<Map.Entry<String, String>> set = new ArrayList<>();
    for (Map.Entry<String, String> e : configuration) {
      boolean s3a = e.getKey().startsWith("fs.s3a.") || e.getKey().startsWith("spark.hadoop.fs.s3a.");
      if (s3a && !onlyFromDefaults(configuration.getPropertySources(e.getKey()))) {
        set.add(e);
      }
    }
    return fromHadoop((Iterable<Map.Entry<String, String>>) set); // the prefix rules live there
  }

  private static boolean onlyFromDefaults(String[] sources) {
    if (sources == null || sources.length == 0) {
      return false;
    }
    for (String source : sources) {
      if (!source.endsWith("-default.xml")) {
        return false;
      }
    }
    return true;
  }

  /** The {@code fs.s3a.*} and {@code spark.hadoop.fs.s3a.*} entries of a Hadoop or Spark configuration. */
  public static S3Settings fromHadoop(Iterable<Map.Entry<String, String>> configuration) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : configuration) {
      String key = e.getKey();
      if (key.startsWith("spark.hadoop.fs.s3a.")) {
        out.put(key.substring("spark.hadoop.".length()), e.getValue());
      } else if (key.startsWith("fs.s3a.")) {
        out.putIfAbsent(key, e.getValue());
      }
    }
    return new S3Settings(out);
  }

  /**
   * For the CLI: {@code BAYESTUNE_S3_ENDPOINT}, {@code BAYESTUNE_S3_PATH_STYLE} (true/false, default true
   * when an endpoint is given, as S3-compatible servers expect), {@code AWS_REGION} or
   * {@code AWS_DEFAULT_REGION}. Keys stay with S3A's default chain, which reads {@code AWS_ACCESS_KEY_ID},
   * {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} itself; {@code AWS_PROFILE} (without keys)
   * selects the profile provider.
   */
  public static S3Settings fromEnvironment(Map<String, String> env) {
    Map<String, Object> block = new LinkedHashMap<>();
    String endpoint = env.get("BAYESTUNE_S3_ENDPOINT");
    if (endpoint != null && !endpoint.isBlank()) {
      block.put("endpoint", endpoint);
      block.put("path_style_access", env.getOrDefault("BAYESTUNE_S3_PATH_STYLE", "true"));
    } else if (env.get("BAYESTUNE_S3_PATH_STYLE") != null) {
      block.put("path_style_access", env.get("BAYESTUNE_S3_PATH_STYLE"));
    }
    String region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
    if (region != null && !region.isBlank()) {
      block.put("region", region);
    }
    if (env.get("AWS_PROFILE") != null && env.get("AWS_ACCESS_KEY_ID") == null) {
      block.put("credentials_provider", "profile");
    }
    return fromJob(block);
  }

  /** A plain http:// endpoint means no TLS; S3A would otherwise insist on https. */
  private static void addSslFromEndpoint(Map<String, String> out) {
    String endpoint = out.get("fs.s3a.endpoint");
    if (endpoint != null && !out.containsKey("fs.s3a.connection.ssl.enabled")) {
      out.put("fs.s3a.connection.ssl.enabled", String.valueOf(!endpoint.toLowerCase(Locale.ROOT).startsWith("http://")));
    }
  }

  /** These settings with {@code over}'s entries laid on top. */
  public S3Settings overlay(S3Settings over) {
    Map<String, String> merged = new LinkedHashMap<>(entries);
    merged.putAll(over.entries);
    return new S3Settings(merged);
  }

  /** The Hadoop entries to set, with the retry defaults where nothing was set. */
  public Map<String, String> toHadoop() {
    Map<String, String> out = new LinkedHashMap<>(entries);
    RETRY_DEFAULTS.forEach(out::putIfAbsent);
    return out;
  }

  /** Sets {@link #toHadoop()} on {@code conf} (entries already there and not named here are kept). */
  public Configuration apply(Configuration conf) {
    toHadoop().forEach((k, v) -> conf.set(k, v, "bayestune S3 settings"));
    return conf;
  }

  /**
   * Sets these settings on the session's Hadoop configuration, which Spark's readers and writers use.
   * S3A caches one file system per bucket: apply before the first s3a:// access of the session.
   */
  public SparkSession apply(SparkSession spark) {
    apply(spark.sparkContext().hadoopConfiguration());
    return spark;
  }

  /**
   * Closes the cached S3A file systems of these locations' buckets whose settings differ from these
   * settings' own entries (call it on the job's {@code s3:} block, {@link #fromJob}, not on the whole
   * layered configuration, whose per-bucket overrides would make every bucket look stale):
   * Hadoop caches one file system per scheme, bucket and user, built from the configuration of the
   * first use, so settings applied after a notebook (or an earlier job in the same driver) touched
   * the bucket would never reach S3A. The next access makes a new file system from {@code conf}.
   * Other locations and file systems, and buckets whose cached settings already agree, are left
   * alone.
   *
   * @param locations any strings; only {@code s3a://} ones are looked at (a glob is fine)
   * @return the buckets whose cached file system was closed
   */
  public List<String> refreshCachedFileSystems(Configuration conf, Collection<String> locations)
      throws IOException {
    List<String> refreshed = new ArrayList<>();
    Map<String, String> wanted = entries; // what was asked for, without the retry defaults
    if (wanted.isEmpty()) {
      return refreshed;
    }
    for (String location : new TreeSet<>(locations.stream().filter(Objects::nonNull).toList())) {
      if (!location.toLowerCase(Locale.ROOT).startsWith("s3a://")) {
        continue;
      }
      URI uri = new Path(location).toUri();
      String bucket = "s3a://" + uri.getAuthority() + "/";
      if (uri.getAuthority() == null || refreshed.contains(bucket)) {
        continue;
      }
      FileSystem fs = FileSystem.get(URI.create(bucket), conf);
      Configuration used = fs.getConf();
      boolean stale = used == null || wanted.entrySet().stream()
          .anyMatch(e -> !e.getValue().equals(used.get(e.getKey())));
      if (stale) {
        fs.close(); // also removes it from the cache
        refreshed.add(bucket);
      }
    }
    return refreshed;
  }

  public String endpoint() {
    return entries.get("fs.s3a.endpoint");
  }

  public String region() {
    return entries.get("fs.s3a.endpoint.region");
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The entries with secret values shown as {@code ****}, in the job file's words where there is one. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("S3Settings{");
    String sep = "";
    for (Map.Entry<String, String> e : entries.entrySet()) {
      String name = jobName(e.getKey());
      sb.append(sep).append(name).append('=')
          .append(Redaction.isSecretKey(e.getKey()) ? Redaction.MASK : Redaction.mask(e.getValue()));
      sep = ", ";
    }
    return sb.append('}').toString();
  }

  private static String jobName(String hadoopKey) {
    return JOB_KEYS.entrySet().stream().filter(e -> e.getValue().equals(hadoopKey)).map(Map.Entry::getKey)
        .findFirst().orElse(hadoopKey);
  }
}
