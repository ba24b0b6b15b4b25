"""Shared pytest fixtures: one local SparkSession per test session, with the bayestune jar."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
os.environ.setdefault("PYSPARK_PYTHON", __import__("sys").executable)

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
