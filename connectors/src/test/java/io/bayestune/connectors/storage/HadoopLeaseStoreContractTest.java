package io.bayestune.connectors.storage;

import io.bayestune.optimizer.store.ExperimentStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract against the lease-and-rename protocol (the one hdfs:// uses) on Hadoop's local file system:
 * each store is its own FileSystem instance and its own lease owner, as separate drivers would be.
 */
class HadoopLeaseStoreContractTest implements ExperimentStoreContract {
  @TempDir
  Path root;

  @Override
  public String freshLocation() {
    return root.resolve(UUID.randomUUID().toString()).toUri().toString();
  }

  @Override
  public ExperimentStore open(String location) throws Exception {
    Configuration conf = new Configuration();
    FileSystem fs = FileSystem.newInstance(URI.create(location), conf);
    return HadoopFileSystemStore.withLease(fs, conf, fs.makeQualified(new org.apache.hadoop.fs.Path(location)),
        location, Clock.systemUTC());
  }
}
