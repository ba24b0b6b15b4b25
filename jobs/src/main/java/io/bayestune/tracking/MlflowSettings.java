package io.bayestune.tracking;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Where a tuning job or a {@code BayesianTuner} logs to MLflow: the job file's {@code mlflow:} block, the tuner's
 * {@code mlflowTrackingUri / mlflowExperiment / mlflowRunName} Params, or {@code bayestune.tune(mlflow=...)}.
 *
 * <pre>{@code
 * mlflow: {tracking_uri: http://mlflow.internal:5000, experiment: credit-gbt, run_name: nightly}
 * }</pre>
 *
 * @param trackingUri an MLflow tracking server ({@code http(s)://...}) or {@code databricks} / {@code
 *     databricks://PROFILE}; null takes {@code MLFLOW_TRACKING_URI} from the environment
 * @param experiment the MLflow experiment's name (created when missing); null: the job's name
 * @param runName the parent run's name; null: the job's name
 */
public record MlflowSettings(String trackingUri, String experiment, String runName) {
  /** The environment variable MLflow's own clients read. */
  public static final String TRACKING_URI_ENV = "MLFLOW_TRACKING_URI";

  public MlflowSettings {
    trackingUri = blankToNull(trackingUri);
    experiment = blankToNull(experiment);
    runName = blankToNull(runName);
    if (trackingUri != null) {
      checkTrackingUri(trackingUri);
    }
  }

  /**
   * These settings with the environment's {@code MLFLOW_TRACKING_URI} when none was given and {@code defaultName}
   * for a missing experiment or run name.
   *
   * @throws IllegalArgumentException when there is no tracking URI at all, naming both places to set one
   */
  public MlflowSettings resolve(Map<String, String> env, String defaultName) {
    String uri = trackingUri != null ? trackingUri : blankToNull(env.get(TRACKING_URI_ENV));
    if (uri == null) {
      throw new IllegalArgumentException("mlflow.tracking_uri: is not set and neither is " + TRACKING_URI_ENV
          + "; set one to the tracking server, e.g. mlflow: {tracking_uri: http://127.0.0.1:5000}");
    }
    return new MlflowSettings(uri, experiment != null ? experiment : defaultName,
        runName != null ? runName : defaultName);
  }

  /**
   * The Java client talks to a tracking server only: a local {@code mlruns} folder ({@code file:} or a plain path)
   * is refused here rather than failing later in the background.
   */
  static void checkTrackingUri(String uri) {
    String scheme;
    try {
      scheme = new URI(uri).getScheme();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("mlflow.tracking_uri: not a URI (" + e.getMessage() + "), but got \"" + uri
          + "\"; use the tracking server's URL, e.g. http://127.0.0.1:5000");
    }
    boolean server = "http".equals(scheme) || "https".equals(scheme);
    boolean databricks = "databricks".equals(uri) || "databricks".equals(scheme);
    if (!server && !databricks) {
      throw new IllegalArgumentException("mlflow.tracking_uri: must be an MLflow tracking server's http(s):// URL"
          + " or databricks, but got \"" + uri + "\"; MLflow's Java client cannot write a local mlruns folder:"
          + " start a server (mlflow server --backend-store-uri sqlite:///mlflow.db --host 127.0.0.1 --port 5000)"
          + " and use its URL");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
