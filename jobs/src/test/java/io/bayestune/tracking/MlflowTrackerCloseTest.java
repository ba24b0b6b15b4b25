package io.bayestune.tracking;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;

/**
 * close() returns once the background worker has given up, not after the whole drain period: the worker's last
 * notify used to come before it stopped being alive, so close() could see it alive, wait again, and hold a finished
 * job for the full five minutes (seen in CI: a 3-trial tune that took 5 min). The bound below is far above the few
 * seconds the worker's three retries take and far below the drain, so the test fails only when close() drains.
 */
class MlflowTrackerCloseTest {

  @RepeatedTest(3)
  void closeReturnsWhenTheWorkerGivesUpAndSaysWhatWasNotLogged() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort(); // nothing listens there once the socket is closed: connection refused at once
    }
    MlflowSettings settings = new MlflowSettings("http://127.0.0.1:" + closedPort, "nowhere", "run");
    ParentRun parent = new ParentRun(null, Map.of("metric", "f"), Map.of(), null, "run again later");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    MlflowTracker tracker = MlflowTracker.start(settings, "f", parent, List.of(), out);
    tracker.finish(new ParentResults(Map.of("observations", 0.0), 0, Map.of(), (folder, runId) -> { }, true));

    String summary = assertTimeoutPreemptively(Duration.ofSeconds(90), tracker::close);

    assertTrue(summary.startsWith("mlflow: not logged to experiment 'nowhere' at http://127.0.0.1:" + closedPort),
        summary);
    assertTrue(summary.contains("the parent run") && summary.contains("the final results")
        && summary.endsWith("run again later"), summary);
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("check mlflow.tracking_uri"), printed.toString());
  }
}
