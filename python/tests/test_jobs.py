"""run_job: the credit job of examples/ run on the test session, its result against its own outputs.

One small run serves every check of this module. The job file is the example's (data, estimator, search space,
metric, 3 folds, parallelism 4, seed), kept short: budget 3 instead of 30, maxIter 5 instead of 20, and the data path
made absolute so that the test does not depend on the working directory.
"""
from __future__ import annotations

import json
import os

import pandas
import pytest

import bayestune

BUDGET = 3


def _job_file(repo_root: str, directory, text: str) -> str:
    path = os.path.join(str(directory), "job.yaml")
    with open(path, "w") as out:
        out.write(text)
    return path


@pytest.fixture(scope="module")
def credit(spark, repo_root, tmp_path_factory):
    with open(os.path.join(repo_root, "examples", "credit-gbt.yaml")) as f:
        text = f.read().replace("examples/data/credit_data.csv",
                                os.path.join(repo_root, "examples", "data", "credit_data.csv"))
    assert "params: {maxIter: 20}" in text, "the example changed: update this test's shortening"
    text = text.replace("params: {maxIter: 20}", "params: {maxIter: 5}")
    directory = tmp_path_factory.mktemp("credit")
    output = str(directory / "out")
    result = bayestune.run_job(spark, _job_file(repo_root, directory, text), output=output, budget=BUDGET)
    return result, output


def test_result_agrees_with_best_json_and_the_trials(credit):
    result, output = credit
    with open(os.path.join(output, "best.json")) as f:
        best = json.load(f)
    assert result.best_assignments == best["assignments"]
    assert set(result.best_assignments) == {"maxDepth", "stepSize"}
    assert result.best_value == pytest.approx(best["value"])
    assert result.best_value_stddev == pytest.approx(best["value_stddev"])
    assert result.best_trial == best["suggestion"]
    assert result.observations == BUDGET and result.failed == 0
    assert 0.6 < result.best_value <= 1.0, "AUC of a GBT on the credit data"
    assert result.output.startswith("file:") and result.output.endswith("/out")
    assert result.extra["metric"] == "areaUnderROC" and result.seconds > 0

    rows = {r["id"]: r for r in result.trials.collect()}
    assert sorted(rows) == list(range(1, BUDGET + 1))
    chosen = rows[int(result.best_trial)]
    assert chosen["maxDepth"] == best["assignments"]["maxDepth"]
    assert chosen["value"] == pytest.approx(best["value"])
    assert all(r["status"] == "completed" for r in rows.values())


def test_trials_csv_is_one_file_that_pandas_reads(credit):
    result, output = credit
    csv = os.path.join(output, "trials.csv")
    assert os.path.isfile(csv), "trials.csv is one file, not a directory of Spark part files"
    table = pandas.read_csv(csv)
    assert list(table.columns) == ["id", "maxDepth", "stepSize", "value", "value_stddev", "status", "seconds",
                                   "error"]
    assert sorted(table["id"]) == list(range(1, BUDGET + 1))
    parquet = result.trials.toPandas().sort_values("id").reset_index(drop=True)
    table = table.sort_values("id").reset_index(drop=True)
    assert list(table["value"]) == pytest.approx(list(parquet["value"]), rel=1e-12)
    assert list(table["maxDepth"]) == list(parquet["maxDepth"])


def test_a_second_run_on_the_same_output_resumes_without_rerunning(spark, credit, repo_root, tmp_path):
    result, output = credit
    # Same output, same budget: everything is observed already, so nothing runs and the best is the same.
    with open(os.path.join(output, "experiment", "experiment.json")) as f:
        before = json.load(f)
    job = os.path.join(os.path.dirname(output), "job.yaml")
    again = bayestune.run_job(spark, job, output=output, budget=BUDGET, progress=False)
    assert again.observations == BUDGET
    assert again.best_assignments == result.best_assignments
    with open(os.path.join(output, "experiment", "experiment.json")) as f:
        assert len(json.load(f)["observations"]) == len(before["observations"])


def test_unknown_field_names_the_field(spark, repo_root, tmp_path):
    job = _job_file(repo_root, tmp_path, "name: x\ncolour: red\nmodel: {estimator: gbt_classifier}\n")
    with pytest.raises(ValueError, match="colour") as raised:
        bayestune.run_job(spark, job)
    assert "Exception" not in str(raised.value).split(":")[0]


def test_wrong_type_names_the_field_and_the_value(spark, repo_root, tmp_path):
    with open(os.path.join(repo_root, "examples", "credit-gbt.yaml")) as f:
        text = f.read().replace("observation_budget: 30", "observation_budget: lots")
    with pytest.raises(ValueError, match="observation_budget.*lots"):
        bayestune.run_job(spark, _job_file(repo_root, tmp_path, text))


def test_missing_file_and_bad_arguments(spark, tmp_path):
    with pytest.raises(FileNotFoundError, match="no-such.yaml.*job YAML"):
        bayestune.run_job(spark, str(tmp_path / "no-such.yaml"))
    with pytest.raises(TypeError, match="budget must be an int"):
        bayestune.run_job(spark, __file__, budget="5")


def test_a_spark_connect_session_gets_a_clear_error_saying_what_to_use():
    from pyspark.sql.connect.session import SparkSession as ConnectSession

    # The check needs only the session's type; a connected client would need a Connect server (test_connect*.py).
    remote = object.__new__(ConnectSession)
    with pytest.raises(NotImplementedError, match="Spark Connect.*spark-submit.*bin/bayestune run.*BayesianTuner"):
        bayestune.run_job(remote, "examples/credit-gbt.yaml")
