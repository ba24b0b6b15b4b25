package io.bayestune.connectors.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests: S3Proxy as a child JVM on a free 127.0.0.1 port, storing
 * objects in a temporary directory (jclouds' filesystem backend), so data survives {@link #restart()}.
 *
 * <p>The server jar is copied to {@code target/s3proxy/s3proxy.jar} by maven-dependency-plugin; the
 * {@code s3proxy.jar} system property (set by Surefire and Failsafe) names it. A child process keeps
 * S3Proxy's Jetty, Jackson and SLF4J apart from Spark's (shared/notes/stack.md).
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start()) {
 *   s3.createBucket("data");
 *   Configuration conf = new Configuration();
 *   s3.s3aSettings().forEach(conf::set);
 * }
 * }</pre>
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "bayestune-test-access";
  public static final String SECRET_KEY = "bayestune-test-secret-Zq8uS7vN";

  private final Path baseDirectory;
  private final Path dataDirectory;
  private final int port;
  private Process process;

  private S3ProxyServer(Path baseDirectory, int port) {
    this.baseDirectory = baseDirectory;
    this.dataDirectory = baseDirectory.resolve("data");
    this.port = port;
  }

  /** Starts a server on a free loopback port with an empty store. */
  public static S3ProxyServer start() throws IOException {
    Path base = Files.createTempDirectory("s3proxy-");
    Files.createDirectories(base.resolve("data"));
    S3ProxyServer server = new S3ProxyServer(base, freePort());
    server.launch();
    // A test JVM that is stopped (Ctrl-C, a build timeout) must not leave the server running.
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "s3proxy-stop"));
    return server;
  }

  /** The S3Proxy jar: the {@code s3proxy.jar} system property, else this module's target folder. */
  public static Path serverJar() {
    String property = System.getProperty("s3proxy.jar");
    Path jar = property != null ? Path.of(property) : Path.of("target", "s3proxy", "s3proxy.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("S3Proxy jar not found at " + jar.toAbsolutePath()
          + "; run the build through Maven (maven-dependency-plugin copies it in generate-test-resources)");
    }
    return jar;
  }

  private synchronized void launch() throws IOException {
    Path properties = baseDirectory.resolve("s3proxy.properties");
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + dataDirectory,
        "jclouds.identity=unused",
        "jclouds.credential=unused", ""), StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-jar", serverJar().toString(), "--properties", properties.toString()));
    process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDirectory.resolve("s3proxy.log").toFile()))
        .start();
    awaitListening(Duration.ofSeconds(60));
  }

  private void awaitListening(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("S3Proxy exited with " + process.exitValue() + ": " + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    throw new IOException("S3Proxy did not listen on 127.0.0.1:" + port + " within " + timeout + ": " + log());
  }

  /** Stops the server (data stays on disk); S3 calls then fail with connection refused. */
  public synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts the server again (stopping it first if it runs) on the same port with the same data. */
  public void restart() throws IOException {
    stop();
    launch();
  }

  /** The directory holding the objects (bucket/key files), to check what was stored byte for byte. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Creates a bucket through the S3 API (CreateBucket), as a user would. */
  public void createBucket(String bucket) {
    try (S3Client client = client()) {
      client.createBucket(b -> b.bucket(bucket));
    }
  }

  /** A plain AWS SDK client for this server, for test setup (uploads, listings) beside S3A. */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  /** The S3A settings that reach this server: endpoint, path-style, no TLS, region, the keys. */
  public Map<String, String> s3aSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("fs.s3a.endpoint", endpoint());
    settings.put("fs.s3a.endpoint.region", "us-east-1");
    settings.put("fs.s3a.path.style.access", "true");
    settings.put("fs.s3a.connection.ssl.enabled", "false");
    settings.put("fs.s3a.access.key", ACCESS_KEY);
    settings.put("fs.s3a.secret.key", SECRET_KEY);
    settings.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    return settings;
  }

  /** The server's output so far, for failure messages. */
  public String log() {
    try {
      return Files.readString(baseDirectory.resolve("s3proxy.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(baseDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for S3Proxy", e);
    }
  }
}
