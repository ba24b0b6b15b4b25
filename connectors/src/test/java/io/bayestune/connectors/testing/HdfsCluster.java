package io.bayestune.connectors.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS for tests: Hadoop's MiniDFSCluster (one NameNode, one DataNode) in the test JVM, from the
 * shaded {@code hadoop-client-minicluster} that matches Spark's {@code hadoop-client-api/runtime}. Its
 * name and data directories live in a temporary directory removed by {@link #close()}.
 *
 * <p>MiniDFSCluster binds the NameNode's RPC and HTTP servers and the DataNode's data, IPC and HTTP
 * servers to 127.0.0.1 on free ports and registers the DataNode as 127.0.0.1, so all traffic stays on
 * loopback.
 *
 * <pre>{@code
 * try (HdfsCluster hdfs = HdfsCluster.start()) {
 *   String location = hdfs.uri("/experiments/credit");   // hdfs://127.0.0.1:PORT/experiments/credit
 *   FileSystem fs = hdfs.fileSystem();                    // to check what landed there
 * }
 * }</pre>
 */
public final class HdfsCluster implements AutoCloseable {
  private final MiniDFSCluster cluster;
  private boolean closed;

  private HdfsCluster(MiniDFSCluster cluster) {
    this.cluster = cluster;
  }

  /**
   * Formats and starts a one-DataNode cluster in a fresh temporary directory and waits until it serves.
   *
   * <p>MiniDFSCluster's shutdown clears every hook registered with Hadoop's ShutdownHookManager in this
   * JVM, Spark's among them: stop a SparkSession before closing the cluster.
   */
  public static HdfsCluster start() throws IOException {
    Path base = Files.createTempDirectory("minidfs-");
    Configuration conf = new Configuration();
    // Everything under one directory, which shutdown(true) deletes whole.
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
    // Hadoop's scratch space would otherwise be /tmp/hadoop-$USER, shared with whatever else runs here.
    conf.set("hadoop.tmp.dir", base.resolve("tmp").toString());
    // One DataNode holds one copy; the default of three would log under-replication warnings all along.
    conf.setInt("dfs.replication", 1);
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
    try {
      cluster.waitActive();
    } catch (IOException | RuntimeException e) {
      cluster.shutdown(true);
      throw e;
    }
    HdfsCluster hdfs = new HdfsCluster(cluster);
    // A test JVM that is stopped early must not leave the cluster's directories behind.
    Runtime.getRuntime().addShutdownHook(new Thread(hdfs::close, "minidfs-stop"));
    return hdfs;
  }

  /** The NameNode's URI, {@code hdfs://127.0.0.1:PORT}. */
  public URI nameNodeUri() {
    return URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort());
  }

  /** An hdfs:// URI for an absolute path on this cluster, as a user would write it in a job file. */
  public String uri(String absolutePath) {
    if (!absolutePath.startsWith("/")) {
      throw new IllegalArgumentException("path must be absolute (start with /), but got '" + absolutePath + "'");
    }
    return nameNodeUri() + absolutePath;
  }

  /** A client of this cluster for test setup and checks (uploads, listings), apart from the code under test. */
  public FileSystem fileSystem() throws IOException {
    return cluster.getFileSystem();
  }

  /** Stops the NameNode and the DataNode and deletes their directories. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      cluster.shutdown(true);
    }
  }
}
