package io.bayestune.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.mlflow.tracking.MlflowClientException;

/**
 * What the server holds of one tuning, as far as the tracker's thread knows: the parent run, the trials logged, the
 * results and artifacts. Written by the tracker's thread only; read by {@link #summary} from the job's thread.
 */
final class SyncState {
  private static final Logger LOG = LogManager.getLogger(SyncState.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private volatile String experimentId;
  private volatile String parentRunId;
  private volatile boolean resumed;
  private Map<String, MlflowRuns.ChildRun> children;
  private final Set<String> loggedTrials = ConcurrentHashMap.newKeySet();
  private volatile boolean resultsLogged;
  private volatile boolean artifactsLogged;
  private volatile String artifactsProblem;
  private volatile String lastFailure;

  /** Finds the tuning's parent run (saved id, else the output's tag) or creates it; no-op once done. */
  void openParent(MlflowRuns runs, MlflowSettings settings, ParentRun parent) throws IOException {
    if (parentRunId != null) {
      return;
    }
    String exp = runs.experimentId(settings.experiment());
    String id = saved(parent, settings, exp).filter(r -> runs.activeRun(r).isPresent()).orElse(null);
    if (id == null && parent.output() != null) {
      id = runs.findParent(exp, parent.output()).orElse(null);
    }
    boolean found = id != null;
    if (id == null) {
      Map<String, String> tags = parent.output() == null ? Map.of() : Map.of(MlflowRuns.OUTPUT, parent.output());
      id = runs.createParent(exp, settings.runName(), tags, parent.params());
    }
    if (parent.runIdStore() != null) {
      parent.runIdStore().write(JSON.createObjectNode().put("tracking_uri", settings.trackingUri())
          .put("experiment_id", exp).put("run_id", id).toPrettyString());
    }
    children = new ConcurrentHashMap<>(runs.children(exp, id));
    experimentId = exp;
    resumed = found;
    parentRunId = id;
    LOG.info("mlflow: {} parent run {} in experiment '{}' ({}) at {}, {} trial run(s) there already",
        found ? "continuing" : "created", id, settings.experiment(), exp, settings.trackingUri(), children.size());
  }

  private static Optional<String> saved(ParentRun parent, MlflowSettings settings, String experimentId)
      throws IOException {
    if (parent.runIdStore() == null) {
      return Optional.empty();
    }
    Optional<String> text = parent.runIdStore().read();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    JsonNode saved = JSON.readTree(text.get());
    boolean same = settings.trackingUri().equals(saved.path("tracking_uri").asText())
        && experimentId.equals(saved.path("experiment_id").asText());
    return same ? Optional.of(saved.path("run_id").asText()) : Optional.empty();
  }

  void logTrial(MlflowRuns runs, TrialRunContent trial) {
    if (loggedTrials.contains(trial.trialId())) {
      return;
    }
    MlflowRuns.ChildRun there = children.get(trial.trialId());
    if (there == null || !there.logged() || !there.ended()) {
      children.put(trial.trialId(), runs.logTrial(experimentId, parentRunId, trial, there));
    }
    loggedTrials.add(trial.trialId());
  }

  /** Artifacts (once), then the results and the parent's end (once). */
  void finishParent(MlflowRuns runs, ParentRun parent, ParentResults r) throws IOException {
    if (!artifactsLogged && artifactsProblem == null && r.artifacts() != null) {
      Path folder = Files.createTempDirectory("bayestune-mlflow-");
      try {
        MlflowTracker.writeTexts(folder, parent.texts());
        r.artifacts().stage(folder, parentRunId);
        runs.logArtifacts(parentRunId, folder.toFile());
        artifactsLogged = true;
      } catch (MlflowClientException e) {
        if (!String.valueOf(e.getMessage()).contains("Failed to exec")) {
          throw e;
        }
        // The Java client uploads artifacts by running Python's mlflow; without it retrying cannot help.
        artifactsProblem = "MLflow's Java client uploads artifacts with the Python mlflow package, which it could"
            + " not run (" + MlflowTracker.describe(e) + "); pip install mlflow, or set MLFLOW_PYTHON_EXECUTABLE to a"
            + " python that has it";
        LOG.warn("mlflow: artifacts not logged: {}", artifactsProblem);
      } finally {
        delete(folder);
      }
    }
    if (!resultsLogged) {
      runs.finishParent(parentRunId, r.metrics(), r.step(), r.tags(), r.ok());
      resultsLogged = true;
    }
  }

  void failed(String why) {
    lastFailure = why;
  }

  /** One line for the run summary. */
  String summary(MlflowSettings settings, int observedTrials, boolean stillWorking, boolean finished,
      String resumeHint) {
    List<String> missing = new ArrayList<>();
    if (parentRunId == null) {
      missing.add("the parent run");
    }
    int logged = loggedTrials.size();
    if (logged < observedTrials) {
      missing.add((observedTrials - logged) + " of " + observedTrials + " trial runs");
    }
    if (finished && !resultsLogged) {
      missing.add("the final results");
    }
    if (finished && !artifactsLogged) {
      missing.add("the artifacts (report.html, trials.csv, best.json, model)"
          + (artifactsProblem == null ? "" : ": " + artifactsProblem));
    }
    String where = "experiment '" + settings.experiment() + "' at " + settings.trackingUri();
    if (missing.isEmpty()) {
      return "mlflow: " + (resumed ? "continued" : "logged") + " parent run " + parentRunId + " in " + where + ": "
          + observedTrials + " trial runs" + (finished ? ", the results and the artifacts" : "");
    }
    return "mlflow: not logged to " + where + (lastFailure == null ? "" : " (" + lastFailure + ")")
        + (stillWorking ? " (still trying when the job ended)" : "") + ": " + String.join(", ", missing)
        + "; " + resumeHint;
  }

  private static void delete(Path folder) {
    try (Stream<Path> all = Files.walk(folder)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("could not delete {}", folder, e);
    }
  }
}
