package io.bayestune.connectors.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.connectors.testing.S3ProxyServer;
import io.bayestune.connectors.testing.SparkSessions;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Spark reads and writes every supported format and path form on s3a:// (S3Proxy) through the real S3A client. */
class S3DatasetsIT {
  static final int CREDIT_ROWS = 4454;
  private static S3ProxyServer s3;
  private static SparkSession spark;
  private static List<String> creditLines;
  private static Dataset<Row> credit;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyServer.start();
    s3.createBucket("data");
    creditLines = Files.readAllLines(creditCsv(), StandardCharsets.UTF_8);
    String header = creditLines.get(0);
    int half = 1 + (creditLines.size() - 1) / 2;
    try (S3Client client = s3.client()) {
      put(client, "credit/credit_data.csv", String.join("\n", creditLines) + "\n");
      put(client, "parts/part-1.csv", String.join("\n", creditLines.subList(0, half)) + "\n");
      put(client, "parts/part-2.csv", header + "\n" + String.join("\n", creditLines.subList(half, creditLines.size()))
          + "\n");
      put(client, "parts/notes.txt", "not data\n");
      put(client, "svm/small.libsvm", "1 1:0.5 3:2.0\n0 2:1.5\n1 1:1.0 2:1.0 3:1.0\n");
    }
    spark = SparkSessions.withS3(s3, "S3DatasetsIT");
    credit = Datasets.read(spark, "s3a://data/credit/credit_data.csv", null, Map.of()).cache();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    s3.close();
  }

  private static void put(S3Client client, String key, String text) {
    client.putObject(b -> b.bucket("data").key(key), RequestBody.fromString(text, StandardCharsets.UTF_8));
  }

  static Path creditCsv() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("examples/data/credit_data.csv");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("examples/data/credit_data.csv not found above " + Path.of("").toAbsolutePath());
  }

  @Test
  void csvSingleObjectThenParquetRoundTrip() throws Exception {
    assertEquals(CREDIT_ROWS, credit.count());
    assertEquals(14, credit.columns().length);
    assertEquals("Status", credit.columns()[0]);
    long bad = credit.filter("Status = 'bad'").count();
    assertEquals(creditLines.stream().skip(1).filter(l -> l.startsWith("bad,")).count(), bad);

    credit.write().mode(SaveMode.Overwrite).parquet("s3a://data/credit-parquet");
    Dataset<Row> back = Datasets.read(spark, "s3a://data/credit-parquet", "parquet", Map.of());
    assertEquals(CREDIT_ROWS, back.count());
    assertEquals(credit.schema(), back.schema());
    assertEquals(sumOf(credit, "Amount"), sumOf(back, "Amount"));
  }

  @Test
  void jsonLinesWrittenAndReadBack() throws Exception {
    credit.select("Status", "Age", "Income").write().mode(SaveMode.Overwrite).json("s3a://data/credit-json");
    Dataset<Row> back = Datasets.read(spark, "s3a://data/credit-json", "json", Map.of());
    assertEquals(CREDIT_ROWS, back.count());
    assertEquals(sumOf(credit, "Age"), sumOf(back, "Age"));
  }

  private static long sumOf(Dataset<Row> df, String column) {
    return df.agg(org.apache.spark.sql.functions.sum(column)).first().getLong(0);
  }

  @Test
  void libsvmObject() throws Exception {
    List<Row> rows = Datasets.read(spark, "s3a://data/svm/small.libsvm", null, Map.of("numFeatures", "3"))
        .orderBy("label").collectAsList();
    assertEquals(3, rows.size());
    assertEquals(0.0, rows.get(0).getDouble(0));
    Vector v = (Vector) rows.get(0).get(1);
    assertEquals(1.5, v.apply(1));
    assertEquals(3, v.size());
  }

  @Test
  void prefixAndGlobReadEveryPart() throws Exception {
    // Counting needs no column types: skip inferSchema's extra pass over the data.
    Map<String, String> untyped = Map.of("inferSchema", "false");
    Map<String, String> csvUnder = Map.of("inferSchema", "false", "pathGlobFilter", "*.csv");
    assertEquals(CREDIT_ROWS, Datasets.read(spark, "s3a://data/parts/", "csv", csvUnder).count());
    assertEquals(CREDIT_ROWS, Datasets.read(spark, "s3a://data/parts/part-*.csv", null, untyped).count());
    assertEquals((creditLines.size() - 1) / 2,
        Datasets.read(spark, "s3a://data/parts/part-[1].csv", null, untyped).count());
  }

  @Test
  void missingKeyNamesTheUri() {
    FileNotFoundException e = assertThrows(FileNotFoundException.class,
        () -> Datasets.read(spark, "s3a://data/credit/nothing-here.csv", null, Map.of()));
    assertTrue(e.getMessage().startsWith("s3a://data/credit/nothing-here.csv: 404"), e.getMessage());
  }
}
