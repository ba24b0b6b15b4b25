package io.bayestune.connectors.storage;

import io.bayestune.connectors.testing.S3ProxyServer;
import io.bayestune.optimizer.store.ExperimentStore;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on S3 (S3Proxy) through the real S3A client and its conditional writes. */
class S3StoreContractIT implements ExperimentStoreContract {
  private static S3ProxyServer s3;

  @BeforeAll
  static void startServer() throws Exception {
    s3 = S3ProxyServer.start();
    s3.createBucket("experiments");
  }

  @AfterAll
  static void stopServer() {
    s3.close();
  }

  @Override
  public String freshLocation() {
    return "s3a://experiments/contract/" + UUID.randomUUID();
  }

  @Override
  public ExperimentStore open(String location) {
    return ExperimentStores.open(location, s3.s3aSettings());
  }
}
