package io.bayestune.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on 127.0.0.1 without a Spark distribution: a SPARK_HOME whose {@code jars/}
 * links every jar of the distribution classpath (plus the {@code RELEASE} marker that makes Spark take it for a
 * distribution), one Master and {@code n} Workers of 1 core and 1 GiB, each in its own JVM. Workers launch their
 * executors as JVMs of their own; {@link #killWorker} takes a worker and its executors down as a lost machine
 * would. Our code reaches the executors the way a user's does: through {@code spark.jars} of the submitted app.
 *
 * <pre>{@code
 * try (StandaloneCluster cluster = StandaloneCluster.start(dir, 2)) {
 *   SparkSubmitCommand.of(List.of("--master", cluster.masterUrl(), ...), log).run(120);
 * }
 * }</pre>
 */
public final class StandaloneCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Path sparkHome;
  private final int port = freePort();
  private final int webUiPort = freePort();
  private Process master;
  private final List<Process> workers = new ArrayList<>();

  private StandaloneCluster(Path dir) {
    this.dir = dir;
    this.sparkHome = dir.resolve("spark-home");
  }

  /** Starts a master and {@code workers} workers under {@code dir} and waits until all have registered. */
  public static StandaloneCluster start(Path dir, int workers) throws IOException, InterruptedException {
    StandaloneCluster cluster = new StandaloneCluster(dir);
    try {
      cluster.makeSparkHome();
      cluster.master = cluster.daemon("org.apache.spark.deploy.master.Master", dir.resolve("master.log"))
          .args("--host", "127.0.0.1", "--port", Integer.toString(cluster.port), "--webui-port",
              Integer.toString(cluster.webUiPort))
          .start();
      for (int i = 0; i < workers; i++) {
        Path workDir = Files.createDirectories(cluster.workDir(i));
        cluster.workers.add(cluster.daemon("org.apache.spark.deploy.worker.Worker", dir.resolve("worker-" + i + ".log"))
            .args("--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port",
                Integer.toString(freePort()), "--work-dir", workDir.toString(), cluster.masterUrl())
            .start());
      }
      cluster.awaitAliveWorkers(workers, 120);
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code spark://127.0.0.1:PORT}, for {@code --master}. */
  public String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  /** The SPARK_HOME the daemons run from. */
  public Path sparkHome() {
    return sparkHome;
  }

  /** Worker {@code i}'s {@code --work-dir}: executors of every application run in subdirectories of it. */
  public Path workDir(int i) {
    return dir.resolve("work-" + i);
  }

  /** The master's view ({@code /json} of its web UI): workers, their state, cores in use, applications. */
  public JsonNode masterState() throws IOException, InterruptedException {
    try (var in = URI.create("http://127.0.0.1:" + webUiPort + "/json").toURL().openStream()) {
      return JSON.readTree(in);
    }
  }

  /** How many workers the master counts as alive. */
  public int aliveWorkers() throws IOException, InterruptedException {
    int alive = 0;
    for (JsonNode w : masterState().path("workers")) {
      alive += "ALIVE".equals(w.path("state").asText()) ? 1 : 0;
    }
    return alive;
  }

  /**
   * Kills worker {@code i} and every process it started (its executor JVMs) at once, as a machine failing:
   * no shutdown hooks, no deregistration.
   */
  public void killWorker(int i) throws InterruptedException {
    Process worker = workers.get(i);
    List<ProcessHandle> tree = new ArrayList<>(worker.descendants().toList());
    tree.add(worker.toHandle());
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : tree) {
      p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> p).join();
    }
  }

  /** Stops every worker (with its executors) and the master. */
  @Override
  public void close() {
    try {
      for (int i = 0; i < workers.size(); i++) {
        killWorker(i);
      }
      if (master != null) {
        master.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private JavaProcess daemon(String mainClass, Path log) {
    return new JavaProcess(sparkHome.resolve("jars") + "/*", mainClass, log)
        // The daemons only route messages: the quick-start compiler and a small heap suit them on a busy CI box.
        .jvmOptions("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m")
        .env("SPARK_HOME", sparkHome.toString())
        .env("JAVA_HOME", System.getProperty("java.home"))
        // Without it executors fail with "Cannot find any build directories" (shared/notes/stack.md).
        .env("SPARK_SCALA_VERSION", "2.13");
  }

  private void makeSparkHome() throws IOException {
    Path jars = Files.createDirectories(sparkHome.resolve("jars"));
    for (Path jar : SparkDistribution.jars()) {
      Path link = jars.resolve(jar.getFileName());
      if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        // Two artifacts with one file name (different groups): keep both.
        link = jars.resolve(jar.getParent().getParent().getFileName() + "-" + jar.getFileName());
      }
      Files.createSymbolicLink(link, jar);
    }
    Files.writeString(sparkHome.resolve("RELEASE"), "Spark from the Maven classpath for bayestune's tests\n");
  }

  private void awaitAliveWorkers(int expected, int timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!master.isAlive()) {
        throw new IllegalStateException("the Spark master exited:\n" + JavaProcess.tail(dir.resolve("master.log"), 40));
      }
      try {
        int alive = aliveWorkers();
        if (alive == expected) {
          return;
        }
        last = alive + " alive";
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("after " + timeoutSeconds + " s the master had not registered " + expected
        + " workers (" + last + "); worker 0 log:\n" + JavaProcess.tail(dir.resolve("worker-0.log"), 40));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
