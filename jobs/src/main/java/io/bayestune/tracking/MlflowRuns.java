package io.bayestune.tracking;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.Page;

/**
 * The MLflow calls of tracking, through MLflow's own Java client: the experiment, the parent run of a tuning (found
 * again by its output's tag on resume), and its child runs, one per trial (found by the trial id tag, so that a
 * restarted job never logs a trial twice). Every call may throw {@link org.mlflow.tracking.MlflowClientException};
 * {@link MlflowTracker} calls them from its background thread only.
 */
final class MlflowRuns implements AutoCloseable {
  static final String PARENT = "mlflow.parentRunId";
  static final String RUN_NAME = "mlflow.runName";
  static final String OUTPUT = "bayestune.output";
  /** Set in the same batch as a child's data: a child without it was created by a job killed halfway. */
  static final String LOGGED = "bayestune.logged";
  private static final int PAGE = 1000;

  /** A child run already on the server: its id, whether its batch arrived, whether it was ended. */
  record ChildRun(String runId, boolean logged, boolean ended) {
  }

  private final MlflowClient client;

  MlflowRuns(String trackingUri) {
    this.client = new MlflowClient(trackingUri);
  }

  /** The experiment's id, created when missing; a deleted experiment of that name is a settings error. */
  String experimentId(String name) {
    // A search rather than getExperimentByName: the Java client retries that one's 404 for a new name as if it were
    // rate limited (seconds of sleep), and a search sees deleted experiments too.
    Optional<Experiment> found = name.contains("'") ? client.getExperimentByName(name)
        : client.searchExperiments("name = '" + name + "'", ViewType.ALL, 10, List.of()).getItems().stream()
            .filter(e -> e.getName().equals(name)).findFirst();
    if (found.isEmpty()) {
      return client.createExperiment(name);
    }
    Experiment e = found.get();
    if ("deleted".equals(e.getLifecycleStage())) {
      throw new TrackingSettingsException("mlflow.experiment: '" + name + "' is a deleted MLflow experiment (id "
          + e.getExperimentId() + "); restore it (mlflow experiments restore --experiment-id " + e.getExperimentId()
          + ") or set mlflow.experiment to another name");
    }
    return e.getExperimentId();
  }

  /** The run, unless it is gone or deleted. */
  Optional<Run> activeRun(String runId) {
    try {
      Run r = client.getRun(runId);
      return "deleted".equals(r.getInfo().getLifecycleStage()) ? Optional.empty() : Optional.of(r);
    } catch (org.mlflow.tracking.MlflowHttpException e) {
      if (e.getStatusCode() == 404 || e.getStatusCode() == 400) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The active top-level run tagged with this output, if a job on the same output created one before. */
  Optional<String> findParent(String experimentId, String output) {
    if (output.contains("'")) {
      return Optional.empty(); // cannot be quoted in a search filter; the saved run id still finds it
    }
    for (Run r : search(experimentId, "tags.`" + OUTPUT + "` = '" + output + "'")) {
      if (!tags(r).containsKey(PARENT)) {
        return Optional.of(r.getInfo().getRunId());
      }
    }
    return Optional.empty();
  }

  String createParent(String experimentId, String runName, Map<String, String> tags, Map<String, String> params) {
    String runId = create(experimentId, runName, tags);
    client.logBatch(runId, List.of(), params(params), List.of());
    return runId;
  }

  /** The parent's child runs by trial id. */
  Map<String, ChildRun> children(String experimentId, String parentRunId) {
    Map<String, ChildRun> out = new HashMap<>();
    for (Run r : search(experimentId, "tags.`" + PARENT + "` = '" + parentRunId + "'")) {
      Map<String, String> tags = tags(r);
      String trial = tags.get(TrialRunContent.TRIAL_ID);
      if (trial != null) {
        out.put(trial, new ChildRun(r.getInfo().getRunId(), tags.containsKey(LOGGED),
            r.getInfo().getStatus() != RunStatus.RUNNING));
      }
    }
    return out;
  }

  /** Logs one trial as a child run (or completes {@code existing}, left halfway by a killed job): its run. */
  ChildRun logTrial(String experimentId, String parentRunId, TrialRunContent trial, ChildRun existing) {
    String runId;
    if (existing == null) {
      Map<String, String> tags = Map.of(PARENT, parentRunId, TrialRunContent.TRIAL_ID, trial.trialId());
      runId = create(experimentId, "trial " + trial.trialId(), tags);
    } else {
      runId = existing.runId();
    }
    if (existing == null || !existing.logged()) {
      Map<String, String> tags = new java.util.LinkedHashMap<>(trial.tags());
      tags.put(LOGGED, "true");
      client.logBatch(runId, metrics(trial.metrics(), 0), params(trial.params()), tags(tags));
    }
    client.setTerminated(runId, trial.failed() ? RunStatus.FAILED : RunStatus.FINISHED, System.currentTimeMillis());
    return new ChildRun(runId, true, true);
  }

  /** The parent's final results (metrics at {@code step}, tags replace earlier ones) and its end. */
  void finishParent(String runId, Map<String, Double> metrics, long step, Map<String, String> tags, boolean ok) {
    client.logBatch(runId, metrics(metrics, step), List.of(), tags(tags));
    client.setTerminated(runId, ok ? RunStatus.FINISHED : RunStatus.FAILED, System.currentTimeMillis());
  }

  /** Uploads a local folder's files to the run's artifact root (the client shells out to Python's mlflow). */
  void logArtifacts(String runId, File folder) {
    client.logArtifacts(runId, folder);
  }

  private String create(String experimentId, String runName, Map<String, String> tags) {
    CreateRun.Builder request = CreateRun.newBuilder().setExperimentId(experimentId).setRunName(runName)
        .setStartTime(System.currentTimeMillis());
    tags(tags).forEach(request::addTags);
    request.addTags(RunTag.newBuilder().setKey(RUN_NAME).setValue(runName));
    return client.createRun(request.build()).getRunId();
  }

  private List<Run> search(String experimentId, String filter) {
    List<Run> out = new ArrayList<>();
    Page<Run> page = client.searchRuns(List.of(experimentId), filter, ViewType.ACTIVE_ONLY, PAGE);
    while (true) {
      page.getItems().forEach(out::add);
      if (!page.hasNextPage()) {
        return out;
      }
      page = page.getNextPage();
    }
  }

  static Map<String, String> tags(Run r) {
    Map<String, String> out = new HashMap<>();
    r.getData().getTagsList().forEach(t -> out.put(t.getKey(), t.getValue()));
    return out;
  }

  private static List<RunTag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> RunTag.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build())
        .toList();
  }

  private static List<Param> params(Map<String, String> params) {
    return params.entrySet().stream().map(e -> Param.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build())
        .toList();
  }

  private static List<Metric> metrics(Map<String, Double> metrics, long step) {
    long now = System.currentTimeMillis();
    return metrics.entrySet().stream().map(e -> Metric.newBuilder().setKey(e.getKey()).setValue(e.getValue())
        .setTimestamp(now).setStep(step).build()).toList();
  }

  @Override
  public void close() {
    client.close();
  }
}
