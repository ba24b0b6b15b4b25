"""Shared pytest fixtures: one local SparkSession per test session, with the bayestune jar."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
os.environ.setdefault("PYSPARK_PYTHON", __import__("sys").executable)
# MLflow's Java client uploads artifacts by running this Python's mlflow (test_mlflow_tracking); the JVM that the
# spark fixture starts inherits the environment as it is now.
os.environ.setdefault("MLFLOW_PYTHON_EXECUTABLE", __import__("sys").executable)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="session")
def repo_root() -> str:
    return REPO


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    import bayestune

    session = (SparkSession.builder.master("local[4]")
               .appName("bayestune-pytest")
               .config("spark.jars", bayestune.jar_path())
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .getOrCreate())
    yield session
    session.stop()


@pytest.fixture(scope="session")
def sigopt_service(tmp_path_factory):
    """One `bayestune serve` on 127.0.0.1 for the session, with tokens for two teams (chem, fraud)."""
    from bayestune.service import ServiceProcess, create_token

    root = tmp_path_factory.mktemp("service")
    tokens = root / "tokens.txt"
    made = {team: create_token(str(tokens), team) for team in ("chem", "fraud")}
    service = ServiceProcess(state=str(root / "state"), tokens=str(tokens), prepare=4).start()
    service.team_tokens = made
    service.tokens_file = str(tokens)
    yield service
    service.stop()
