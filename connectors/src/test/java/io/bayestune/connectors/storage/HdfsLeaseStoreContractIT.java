package io.bayestune.connectors.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.connectors.testing.HdfsCluster;
import io.bayestune.optimizer.store.ExperimentStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real HDFS (MiniDFSCluster): the lease-and-rename protocol through
 * {@link ExperimentStores#open(String)} with an {@code hdfs://} location, as a job file names it. Each
 * store is its own DFS client and its own lease owner, as separate drivers would be.
 */
class HdfsLeaseStoreContractIT implements ExperimentStoreContract {
  private static HdfsCluster hdfs;

  @BeforeAll
  static void startCluster() throws Exception {
    hdfs = HdfsCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    hdfs.close();
  }

  @Override
  public String freshLocation() {
    return hdfs.uri("/experiments/contract/" + UUID.randomUUID());
  }

  @Override
  public ExperimentStore open(String location) {
    return ExperimentStores.open(location);
  }

  @Test
  void stateAndLeaseLiveOnHdfsWithNoTemporaryFilesLeft() throws Exception {
    String location = freshLocation();
    String json = "{\"name\":\"on-hdfs\",\"observations\":2}";
    try (ExperimentStore store = open(location)) {
      assertInstanceOf(HadoopFileSystemStore.class, store);
      String v1 = store.save("{\"name\":\"on-hdfs\",\"observations\":1}", null);
      store.save(json, v1);
    }
    FileSystem fs = hdfs.fileSystem();
    assertInstanceOf(DistributedFileSystem.class, fs);
    Path directory = new Path(location);
    Set<String> names = names(fs.listStatus(directory));
    assertEquals(new TreeSet<>(Set.of(StateDocument.FILE_NAME, Lease.DIRECTORY)), names,
        "entries of " + directory + " (a .tmp left behind means a save did not rename it over)");
    try (FSDataInputStream in = fs.open(new Path(directory, StateDocument.FILE_NAME))) {
      assertEquals(json, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    // Acquire, renewals and the release each add the next entry and delete the older ones: one or two remain.
    Set<String> leaseEntries = names(fs.listStatus(new Path(directory, Lease.DIRECTORY)));
    assertTrue(!leaseEntries.isEmpty() && leaseEntries.size() <= 2
        && leaseEntries.stream().allMatch(n -> n.matches("lease-\\d{6,}\\.json")), "lease entries: " + leaseEntries);
  }

  @Test
  void closedDriverReleasesTheLeaseSoTheNextSavesAtOnce() throws Exception {
    String location = freshLocation();
    String v1;
    try (ExperimentStore first = open(location)) {
      v1 = first.save("{\"run\":1}", null);
    }
    // The default lease lives two minutes: a save here succeeds only because close() released it.
    try (ExperimentStore next = open(location)) {
      String v2 = next.save("{\"run\":2}", v1);
      assertEquals(v2, next.load().orElseThrow().version());
    }
  }

  private static Set<String> names(FileStatus[] statuses) {
    return Arrays.stream(statuses).map(s -> s.getPath().getName()).collect(Collectors.toCollection(TreeSet::new));
  }
}
