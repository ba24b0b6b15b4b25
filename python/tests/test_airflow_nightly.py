"""The nightly DAG (airflow/bayestune_nightly.py) run by a real Airflow 3 (standalone, SQLite) with `airflow dags
test`, its SparkSubmitOperator running the pip pyspark's spark-submit with master local[2]: night D, night D+1
warm-started from D's experiment, and D+1 again (a retried task), which resumes and runs no trial twice.

The job is a per-task one (SleepingTrial from the test-jobs jar, passed through the optional Variable
bayestune_extra_jars as a user ships their own objective: 0.5-1.5 s per trial) so that the test measures the DAG's
plumbing, not model training. Airflow lives in its own virtual environment, .venv-airflow (.ci/airflow-env).
"""
from __future__ import annotations

import json
import os

import pytest

import bayestune
from airflow_harness import Airflow
from mlflow_harness import objectives_jar

SPARK_DAG = "bayestune_nightly_spark_submit"
DATABRICKS_DAG = "bayestune_nightly_databricks"
TASK = "tune_credit_gbt"
BUDGET = 4
# Generous: each `airflow` command imports all of Airflow (seconds when idle, a minute on a loaded shared machine).
pytestmark = pytest.mark.timeout(3600)


@pytest.fixture(scope="module")
def airflow(tmp_path_factory):
    home = tmp_path_factory.mktemp("airflow-home")
    af = Airflow(str(home))
    base = home / "tuning"
    job = home / "nightly.yaml"
    job.write_text("\n".join([
        "name: nightly-sleeping",
        "model: {objective: io.bayestune.cluster.job.SleepingTrial}",
        "parameters:",
        "  - {name: x, type: double, bounds: {min: 0, max: 1}}",
        "  - {name: y, type: double, bounds: {min: 0, max: 1}}",
        "metric: {name: f, objective: maximize}",
        f"observation_budget: {BUDGET}",
        "parallelism: 2",
        "seed: 5",
        f"output: {home / 'overridden-by-the-dag'}", ""]))
    af.set_variable("bayestune_jar", bayestune.jar_path())
    af.set_variable("bayestune_job_file", str(job))
    af.job_file = str(job)
    af.set_variable("bayestune_output_base", str(base))
    af.set_variable("bayestune_extra_jars", objectives_jar())
    af.set_variable("bayestune_databricks_cluster_id", "1201-000000-nightly")
    af.base = base
    return af


def state(output) -> dict:
    with open(os.path.join(output, "experiment", "experiment.json")) as f:
        return json.load(f)


def test_every_dag_file_imports_and_a_broken_one_is_reported(airflow):
    control = os.path.join(airflow.dags, "broken_control.py")
    with open(control, "w") as f:  # proves the check sees import errors at all ("dag" and "airflow" in the text)
        f.write("from airflow.sdk import DAG\nimport no_such_module_for_the_control\n")
    try:
        errors = airflow.import_errors()
    finally:
        os.remove(control)
    assert [os.path.basename(e["filepath"]) for e in errors] == ["broken_control.py"], errors
    listed = airflow.run("dags", "list", "--output", "json").stdout
    assert SPARK_DAG in listed and DATABRICKS_DAG in listed, listed


def test_three_nights_warm_start_and_a_retried_night_resumes(airflow):
    night1, night2 = str(airflow.base / "2026-12-01"), str(airflow.base / "2026-12-02")

    first = airflow.run("dags", "test", SPARK_DAG, "2026-12-01")
    s1 = state(night1)
    assert len(s1["observations"]) == BUDGET, first.stdout[-3000:]
    assert all(o.get("suggestion") for o in s1["observations"])
    with open(os.path.join(night1, "best.json")) as f:
        assert "assignments" in json.load(f)

    # The budget counts the imported observations (docs: Resume), so night D+1's job file allows BUDGET more: the
    # Variable is read when the task renders, as a changed Variable would be in a deployment.
    with open(airflow.job_file) as f:
        bigger = f.read().replace(f"observation_budget: {BUDGET}", f"observation_budget: {2 * BUDGET}")
    next_job = os.path.join(airflow.home, "nightly-2.yaml")
    with open(next_job, "w") as f:
        f.write(bigger)
    airflow.set_variable("bayestune_job_file", next_job)
    airflow.run("dags", "test", SPARK_DAG, "2026-12-02")
    s2 = state(night2)
    imported = [o for o in s2["observations"] if not o.get("suggestion")]
    # Night D+1 starts from night D's observations: the same assignments and values, before any trial of its own.
    assert sorted((json.dumps(o["assignments"], sort_keys=True), o["value"]) for o in imported) == \
        sorted((json.dumps(o["assignments"], sort_keys=True), o["value"]) for o in s1["observations"])
    assert s2["observations"][:len(imported)] == imported
    own = [o for o in s2["observations"] if o.get("suggestion")]
    assert len(imported) == BUDGET and len(own) == BUDGET, (len(imported), len(own))
    with open(os.path.join(night2, "best.json")) as f:
        assert "assignments" in json.load(f)

    again = airflow.run("dags", "test", SPARK_DAG, "2026-12-02")
    assert state(night2)["observations"] == s2["observations"], "the retried night must add no trial"
    assert "resuming" in again.stdout + again.stderr


def test_a_missing_variable_names_itself_and_the_fix(airflow):
    airflow.unset_variable("bayestune_job_file")
    try:
        done = airflow.run("tasks", "render", SPARK_DAG, TASK, "2026-12-03", check=False)
    finally:
        airflow.set_variable("bayestune_job_file", airflow.job_file)
    text = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Airflow Variable 'bayestune_job_file' is not set" in text, text[-2000:]
    assert "airflow variables set bayestune_job_file" in text


def test_the_databricks_variant_renders_its_run(airflow):
    spec = airflow.rendered(DATABRICKS_DAG, TASK, "2026-12-02", "json")
    assert spec["existing_cluster_id"] == "1201-000000-nightly"
    assert spec["libraries"] == [{"jar": bayestune.jar_path()}]
    assert spec["spark_jar_task"] == {
        "main_class_name": "io.bayestune.cli.Main",
        "parameters": ["run", airflow.job_file, "--output", str(airflow.base / "2026-12-02"),
                       "--warm-start-from", str(airflow.base / "2026-12-01" / "experiment")]}
