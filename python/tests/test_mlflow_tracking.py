"""MLflow tracking of tuning jobs against a real tracking server (pip mlflow, SQLite, artifacts in a temp folder):
the job runs through spark-submit as on a cluster and logs with MLflow's Java client; the checks read back through
MLflow's Python search API. Budgets are small (4-8 trials); the credit-data job (logistic regression, 2 folds) is
the one that needs a model, the others use a per-task objective that sleeps 0.5-1.5 s per trial."""
from __future__ import annotations

import json
import os
import signal
import time

import pytest

from mlflow_harness import (MlflowServer, free_port, read_until, run_job, sleeping_job, start_job, trials_csv)

mlflow = pytest.importorskip("mlflow")
# Generous: a job takes about a minute on an idle 2-core machine, and over ten when the machine is shared and loaded.
pytestmark = pytest.mark.timeout(3600)
from mlflow import MlflowClient  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CREDIT = os.path.join(REPO, "examples", "data", "credit_data.csv")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = MlflowServer(str(tmp_path_factory.mktemp("mlflow-server"))).start()
    yield s
    s.stop()


def runs_of(client: MlflowClient, experiment: str):
    """(parents, children) of an experiment, through MLflow's search API."""
    e = client.get_experiment_by_name(experiment)
    assert e is not None, f"no MLflow experiment {experiment!r}"
    runs = client.search_runs([e.experiment_id], max_results=1000)
    parents = [r for r in runs if "mlflow.parentRunId" not in r.data.tags]
    children = [r for r in runs if "mlflow.parentRunId" in r.data.tags]
    return parents, children


def assert_children_match_trials(children, parent, trials, metric):
    assert all(c.data.tags["mlflow.parentRunId"] == parent.info.run_id for c in children)
    by_trial = {c.data.tags["bayestune.trial_id"]: c for c in children}
    assert len(by_trial) == len(children), "a trial was logged twice: " + str(
        sorted(c.data.tags["bayestune.trial_id"] for c in children))
    assert sorted(by_trial) == sorted(t["id"] for t in trials)
    for t in trials:
        c = by_trial[t["id"]]
        assert c.data.tags["bayestune.status"] == t["status"]
        for name, value in c.data.params.items():
            assert float(value) == pytest.approx(float(t[name]), rel=1e-12), (t["id"], name)
        if t["status"] == "completed":
            assert c.data.metrics[metric] == pytest.approx(float(t["value"]), rel=1e-12)
            assert c.info.status == "FINISHED"
        float(c.data.tags["bayestune.seconds"])


def test_credit_job_logs_a_parent_a_child_per_trial_artifacts_and_a_loadable_model(server, tmp_path, spark):
    output = str(tmp_path / "credit")
    job = tmp_path / "credit-lr.yaml"
    job.write_text("\n".join([
        "name: credit-lr",
        f"data: {{path: {CREDIT}, format: csv, options: {{header: \"true\"}}, label: Status, positive: bad}}",
        "model: {estimator: logistic_regression, params: {maxIter: 10}}",
        "parameters:",
        "  - {name: regParam, type: double, bounds: {min: 0.0001, max: 1}, transformation: log}",
        "  - {name: elasticNetParam, type: double, bounds: {min: 0, max: 1}}",
        "metric: {name: areaUnderROC}",
        "validation: {folds: 2}",
        "observation_budget: 4",
        "parallelism: 2",
        "seed: 3",
        f"output: {output}",
        f"mlflow: {{tracking_uri: \"{server.uri}\", experiment: credit-acceptance, run_name: nightly-credit}}", ""]))
    done = run_job(str(job))
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "mlflow: logged parent run" in done.stdout, done.stdout

    client = MlflowClient(server.uri)
    parents, children = runs_of(client, "credit-acceptance")
    assert len(parents) == 1
    parent = parents[0]
    assert parent.info.run_name == "nightly-credit" and parent.info.status == "FINISHED"
    trials = trials_csv(output)
    assert len(trials) == 4
    assert_children_match_trials(children, parent, trials, "areaUnderROC")
    for c in children:  # 2 folds: each fold's value, their mean is the value, their spread the stddev
        folds = [c.data.metrics["areaUnderROC_fold_1"], c.data.metrics["areaUnderROC_fold_2"]]
        assert sum(folds) / 2 == pytest.approx(c.data.metrics["areaUnderROC"], rel=1e-12)
        assert c.data.metrics["areaUnderROC_stddev"] == pytest.approx(abs(folds[0] - folds[1]) / 2 ** 0.5, rel=1e-9)

    with open(os.path.join(output, "best.json")) as f:
        best = json.load(f)
    assert parent.data.metrics["best_areaUnderROC"] == pytest.approx(best["value"], rel=1e-12)
    assert parent.data.tags["bayestune.best_trial"] == best["suggestion"]
    assert parent.data.params["observation_budget"] == "4" and parent.data.params["metric"] == "areaUnderROC"
    assert json.loads(parent.data.params["space.regParam"])["transformation"] == "log"
    names = {a.path for a in client.list_artifacts(parent.info.run_id)}
    assert {"best.json", "report.html", "trials.csv", "job.yaml", "search-space.json", "model"} <= names, names
    assert {a.path for a in client.list_artifacts(parent.info.run_id, "model")} >= {"model/MLmodel", "model/sparkml"}

    mlflow.set_tracking_uri(server.uri)
    model = mlflow.spark.load_model(f"runs:/{parent.info.run_id}/model")
    data = spark.read.option("header", "true").option("inferSchema", "true").csv(CREDIT)
    scored = model.transform(data)
    assert scored.count() == data.count()
    assert {"prediction", "probability"} <= set(scored.columns)


def test_kill_9_and_restart_logs_each_trial_once(server, tmp_path):
    job = sleeping_job(str(tmp_path), "killed", 12, f"{{tracking_uri: \"{server.uri}\", experiment: killed}}")
    process = start_job(job)
    try:
        read_until(process, "[3/12]")
        # Kill once the parent run exists (its id saved next to the state), so the restart must find and continue it.
        deadline = time.monotonic() + 300
        while not os.path.exists(tmp_path / "killed" / "mlflow-run.json") and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # spark-submit's JVM and all: no shutdown hook runs
        process.wait()
    done = run_job(job)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "resuming" in done.stdout and "mlflow: continued parent run" in done.stdout, done.stdout

    parents, children = runs_of(MlflowClient(server.uri), "killed")
    assert len(parents) == 1, [p.info.run_id for p in parents]
    trials = trials_csv(str(tmp_path / "killed"))
    assert len(trials) == 12
    assert_children_match_trials(children, parents[0], trials, "f")


def test_server_down_mid_run_the_job_completes_and_a_resumed_run_logs_what_was_missing(tmp_path):
    os.makedirs(tmp_path / "server")
    s = MlflowServer(str(tmp_path / "server")).start()
    try:
        job = sleeping_job(str(tmp_path), "outage", 6, f"{{tracking_uri: \"{s.uri}\", experiment: outage}}")
        process = start_job(job)
        lines = read_until(process, "[1/6]")
        s.stop()
        out, _ = process.communicate(timeout=2400)
        lines += out.splitlines()
        assert process.returncode == 0, "\n".join(lines)
        assert len(trials_csv(str(tmp_path / "outage"))) == 6, "every trial runs while MLflow is down"
        text = "\n".join(lines)
        assert sum(1 for l in lines if l.startswith("mlflow: cannot log to")) == 1, text  # warned once
        assert "check mlflow.tracking_uri" in text
        summary = next(l for l in lines if l.startswith("mlflow: not logged to"))
        assert "trial runs" in summary and "the artifacts" in summary and "run again on the same output" in summary, summary

        s.start()
        done = run_job(job)
        assert done.returncode == 0, done.stdout + done.stderr[-3000:]
        # "continued" when the first run had created the parent before the server went down, else "logged" (it
        # depends on how soon the server was stopped); either way one parent with every trial, checked below.
        assert "mlflow: continued parent run" in done.stdout or "mlflow: logged parent run" in done.stdout, done.stdout
        assert "not logged" not in done.stdout, done.stdout
        client = MlflowClient(s.uri)
        parents, children = runs_of(client, "outage")
        assert len(parents) == 1
        assert_children_match_trials(children, parents[0], trials_csv(str(tmp_path / "outage")), "f")
        names = {a.path for a in client.list_artifacts(parents[0].info.run_id)}
        assert {"best.json", "report.html", "trials.csv"} <= names, names
    finally:
        s.stop()


def test_bad_settings_name_the_setting_and_the_fix(server, tmp_path):
    closed = f"http://127.0.0.1:{free_port()}"
    unreachable = sleeping_job(str(tmp_path), "unreachable", 2, f"{{tracking_uri: \"{closed}\"}}")
    done = run_job(unreachable)
    assert done.returncode == 0, "an unreachable MLflow must not fail the tuning:\n" + done.stdout + done.stderr[-2000:]
    assert f"mlflow: cannot log to {closed}" in done.stdout and "check mlflow.tracking_uri" in done.stdout, done.stdout

    client = MlflowClient(server.uri)
    gone = client.create_experiment("deleted-one")
    client.delete_experiment(gone)
    deleted = sleeping_job(str(tmp_path), "deleted", 2, f"{{tracking_uri: \"{server.uri}\", experiment: deleted-one}}")
    done = run_job(deleted)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert "mlflow.experiment: 'deleted-one' is a deleted MLflow experiment" in done.stdout, done.stdout
    assert f"mlflow experiments restore --experiment-id {gone}" in done.stdout


def test_bayestune_tune_logs_the_same_structure(server, tmp_path, spark):
    import bayestune

    def _quadratic(a):  # defined here, so that cloudpickle sends it by value (executors cannot import this module)
        return -(a["x"] - 0.3) ** 2

    output = str(tmp_path / "tune")
    space = bayestune.SearchSpace.builder().addDouble("x", 0.0, 1.0).build()
    result = bayestune.tune(_quadratic, space, budget=3, parallelism=2, spark=spark, output=output, seed=4,
                            name="tune-quadratic", mlflow={"tracking_uri": server.uri, "experiment": "tune-structure"})
    assert result is not None
    parents, children = runs_of(MlflowClient(server.uri), "tune-structure")
    assert len(parents) == 1 and parents[0].info.run_name == "tune-quadratic"
    assert_children_match_trials(children, parents[0], trials_csv(output), "value")
    assert parents[0].data.params["observation_budget"] == "3"
    names = {a.path for a in MlflowClient(server.uri).list_artifacts(parents[0].info.run_id)}
    assert {"best.json", "report.html", "trials.csv", "search-space.json"} <= names, names


def test_bayesian_tuner_in_a_pipeline_logs_the_same_structure(server, spark):
    import _credit

    data = _credit.load(spark)
    pipeline = _credit.tuned_pipeline(max_trials=3, seed=5)
    tuner = pipeline.getStages()[-1]
    tuner.setMlflowTrackingUri(server.uri).setMlflowExperiment("tuner-structure").setMlflowRunName("tuner-credit")
    tuner.setExtraMetrics([{"name": "recallByLabel", "label": 1, "strategy": "store"}])  # logged like the metric
    fitted = pipeline.fit(data)
    tuned = fitted.stages[-1]

    client = MlflowClient(server.uri)
    parents, children = runs_of(client, "tuner-structure")
    assert len(parents) == 1
    parent = parents[0]
    assert parent.info.run_name == "tuner-credit" and parent.info.status == "FINISHED"
    trials = [{"id": str(t["id"]), "status": t["status"], "value": t["metric"], "regParam": t["regParam"],
               "elasticNetParam": t["elasticNetParam"]} for t in tuned.trials.collect()]
    assert len(trials) == 3
    recalls = {str(t["id"]): t["recallByLabel"] for t in tuned.trials.collect()}
    assert_children_match_trials(children, parent, trials, "areaUnderROC")
    for c in children:  # 2 folds, as a job's child runs: each fold's value, the mean, the spread
        folds = [c.data.metrics["areaUnderROC_fold_1"], c.data.metrics["areaUnderROC_fold_2"]]
        assert sum(folds) / 2 == pytest.approx(c.data.metrics["areaUnderROC"], rel=1e-12)
        assert c.data.metrics["areaUnderROC_stddev"] == pytest.approx(abs(folds[0] - folds[1]) / 2 ** 0.5, rel=1e-9)
        recall = [c.data.metrics["recallByLabel_fold_1"], c.data.metrics["recallByLabel_fold_2"]]
        assert sum(recall) / 2 == pytest.approx(recalls[c.data.tags["bayestune.trial_id"]], rel=1e-12)

    # The parent names the tuner's own choice (its best mean value), with the settings and the search space.
    assert parent.data.tags["bayestune.best_trial"] == str(tuned.bestTrialId)
    assert parent.data.metrics["best_areaUnderROC"] == pytest.approx(tuned.bestValue, rel=1e-12)
    assert parent.data.params["observation_budget"] == "3" and parent.data.params["metric"] == "areaUnderROC"
    assert parent.data.params["validation"] == "2 folds" and parent.data.params["tuner"] == tuner.uid
    assert json.loads(parent.data.params["space.regParam"])["transformation"] == "log"
    names = {a.path for a in client.list_artifacts(parent.info.run_id)}
    assert {"best.json", "report.html", "trials.csv", "search-space.json", "model"} <= names, names

    # The best model in the spark flavor scores what the tuner was fitted on (the features of the stages before it).
    mlflow.set_tracking_uri(server.uri)
    logged = mlflow.spark.load_model(f"runs:/{parent.info.run_id}/model")
    features = fitted.stages[1].transform(fitted.stages[0].transform(data))
    expected = [r["prediction"] for r in tuned.transform(features).select("prediction").collect()]
    assert [r["prediction"] for r in logged.transform(features).select("prediction").collect()] == expected
