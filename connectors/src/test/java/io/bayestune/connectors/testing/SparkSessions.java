package io.bayestune.connectors.testing;

import io.bayestune.connectors.s3.S3Settings;
import org.apache.spark.sql.SparkSession;

/** A small local SparkSession for tests ({@code local[2]}, no UI) whose Hadoop configuration reaches an S3Proxy server. */
public final class SparkSessions {
  private SparkSessions() {
  }

  /** A session with the server's S3A settings applied through {@link S3Settings#apply(SparkSession)}. */
  public static SparkSession withS3(S3ProxyServer s3, String appName) {
    SparkSession spark = SparkSession.builder()
        .master("local[2]")
        .appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    S3Settings.fromJob(s3.s3aSettings()).apply(spark);
    return spark;
  }
}
