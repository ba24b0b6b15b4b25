package io.bayestune.connectors.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.connectors.testing.CapturedLogs;
import io.bayestune.connectors.testing.S3ProxyServer;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.optimizer.store.ExperimentStore.StoredState;
import io.bayestune.optimizer.store.StateConflictException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two drivers on one experiment, bad credentials, a missing bucket, an unreachable endpoint and an outage, on S3Proxy. */
class S3StoreFailuresIT {
  static final String SPEC = "{\"name\":\"outage\",\"parameters\":[{\"name\":\"x\",\"type\":\"double\","
      + "\"bounds\":{\"min\":0,\"max\":1}}],\"metrics\":[{\"name\":\"f\",\"objective\":\"maximize\"}],"
      + "\"type\":\"random\",\"observation_budget\":50}";
  private static S3ProxyServer s3;

  @BeforeAll
  static void startServer() throws Exception {
    s3 = S3ProxyServer.start();
    s3.createBucket("state");
  }

  @AfterAll
  static void stopServer() {
    s3.close();
  }

  private static String location() {
    return "s3a://state/experiments/" + UUID.randomUUID();
  }

  @Test
  void secondDriverIsRefusedAndTheStateStaysIntact() throws Exception {
    String at = location();
    try (ExperimentStore first = ExperimentStores.open(at, s3.s3aSettings());
        ExperimentStore second = ExperimentStores.open(at, s3.s3aSettings())) {
      Experiment e = Experiment.create(SpecJson.parse(SPEC), 1);
      String v1 = first.save(e.toJson(), null);
      StoredState seenBySecond = second.load().orElseThrow();
      Suggestion s = e.suggest();
      e.observe(s.id(), 0.5, null);
      String v2 = first.save(e.toJson(), v1);

      Experiment retry = Experiment.fromJson(seenBySecond.json());
      retry.observe(retry.suggest().id(), 0.1, null);
      StateConflictException refused = assertThrows(StateConflictException.class,
          () -> second.save(retry.toJson(), seenBySecond.version()));
      assertTrue(refused.getMessage().startsWith(at + ": the experiment was changed by another writer"),
          refused.getMessage());
      assertTrue(refused.getMessage().contains("another driver"), refused.getMessage());
      StoredState stored = first.load().orElseThrow();
      assertEquals(v2, stored.version());
      assertEquals(e.toJson(), stored.json());
      assertThrows(StateConflictException.class, () -> second.save(retry.toJson(), null));
    }
  }

  @Test
  void wrongSecretNamesTheBucketAndTheSettingAndIsNeverShown() throws Exception {
    String wrongSecret = "wrong-Secret-" + UUID.randomUUID();
    Map<String, String> settings = new HashMap<>(s3.s3aSettings());
    settings.put("fs.s3a.secret.key", wrongSecret);
    settings.put(HadoopFileSystemStore.RETRY_DEADLINE, "0");
    String at = location();
    IOException failure;
    String logs;
    try (CapturedLogs captured = new CapturedLogs()) {
      try (ExperimentStore store = ExperimentStores.open(at, settings)) {
        failure = assertThrows(AccessDeniedException.class, () -> store.save("{}", null));
        System.err.println("settings " + io.bayestune.connectors.s3.S3Settings.fromJob(settings) + " at " + store.location());
      }
      // the good key in the same run, so the written document and its logs are checked too
      try (ExperimentStore good = ExperimentStores.open(at, s3.s3aSettings())) {
        good.save("{\"ok\":true}", null);
      }
      logs = captured.text();
    }
    String message = failure.getMessage();
    assertTrue(message.contains("bucket 'state'"), message);
    assertTrue(message.contains("fs.s3a.secret.key"), message);
    assertTrue(message.contains("AWS_ACCESS_KEY_ID"), message);
    assertTrue(message.startsWith(at + "/experiment.json: 403"), message);
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    for (String secret : List.of(wrongSecret, S3ProxyServer.SECRET_KEY)) {
      assertFalse(trace.toString().contains(secret), "secret in the exception:\n" + trace);
      assertFalse(logs.contains(secret), "secret in the logs");
      assertFalse(storedBytesContain(secret), "secret in a stored object");
    }
    assertTrue(logs.contains("DEBUG org.apache.hadoop.fs.s3a"), "the capture saw S3A's debug logging");
  }

  private static boolean storedBytesContain(String secret) throws IOException {
    try (Stream<Path> files = Files.walk(s3.dataDirectory())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret)) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void missingBucketIsNamed() throws Exception {
    Map<String, String> settings = new HashMap<>(s3.s3aSettings());
    settings.put(HadoopFileSystemStore.RETRY_DEADLINE, "0");
    try (ExperimentStore store = ExperimentStores.open("s3a://no-such-bucket/exp", settings)) {
      FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> store.save("{}", null));
      assertTrue(e.getMessage().contains("no bucket 'no-such-bucket' at " + s3.endpoint()), e.getMessage());
    }
  }

  @Test
  void unreachableEndpointNamesTheSettingAndItsValue() throws Exception {
    Map<String, String> settings = new HashMap<>(s3.s3aSettings());
    String closed = "http://127.0.0.1:" + freePort();
    settings.put("fs.s3a.endpoint", closed);
    settings.put("fs.s3a.retry.limit", "1");
    settings.put("fs.s3a.attempts.maximum", "1");
    settings.put(HadoopFileSystemStore.RETRY_DEADLINE, "0");
    long start = System.nanoTime();
    try (ExperimentStore store = ExperimentStores.open("s3a://state/exp", settings)) {
      IOException e = assertThrows(IOException.class, store::load);
      assertTrue(e.getMessage().contains("cannot reach the S3 endpoint " + closed), e.getMessage());
      assertTrue(e.getMessage().contains("check fs.s3a.endpoint=" + closed), e.getMessage());
      assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    assertTrue((System.nanoTime() - start) / 1e9 < 30, "failed within 30 s");
  }

  @Test
  void outageOfFiveSecondsIsRiddenOutAndEveryObservationKeptOnce() throws Exception {
    String at = location();
    Experiment e = Experiment.create(SpecJson.parse(SPEC), 3);
    int total = 12;
    Thread outage = null;
    long outageStarted = 0;
    try (ExperimentStore store = ExperimentStores.open(at, s3.s3aSettings())) {
      String version = store.save(e.toJson(), null);
      for (int i = 0; i < total; i++) {
        Suggestion s = e.suggest();
        e.observe(s.id(), i / 10.0, null);
        if (i == 3) {
          // Wait until the server is down, not a fixed 300 ms: stopping its JVM can take longer on a busy
          // machine, and saves that went through before it stopped would not show the outage.
          CountDownLatch down = new CountDownLatch(1);
          outage = new Thread(() -> {
            s3.stop();
            down.countDown();
            try {
              Thread.sleep(5000);
              s3.restart();
            } catch (InterruptedException | IOException ex) {
              throw new IllegalStateException(ex);
            }
          });
          outage.start();
          assertTrue(down.await(60, TimeUnit.SECONDS), "S3Proxy did not stop");
          outageStarted = System.nanoTime();
        }
        version = store.save(e.toJson(), version);
      }
      double blockedSeconds = (System.nanoTime() - outageStarted) / 1e9;
      assertTrue(blockedSeconds > 4.5, "the saves after the stop waited for the server: " + blockedSeconds + " s");
      outage.join();
      Experiment stored = Experiment.fromJson(store.load().orElseThrow().json());
      List<Observation> observations = stored.observations();
      assertEquals(total, observations.size());
      Set<String> ids = new HashSet<>();
      observations.forEach(o -> assertTrue(ids.add(o.suggestionId()), "observed twice: " + o.suggestionId()));
      for (int i = 0; i < total; i++) {
        assertEquals(i / 10.0, observations.get(i).value(), 0.0, "observation " + i);
      }
    } finally {
      if (outage != null) {
        outage.join();
      }
    }
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
