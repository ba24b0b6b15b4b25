"""A driver process for test_tune_resume.py: runs bayestune.tune until the test kills it with SIGKILL.

Usage: python tune_resume_child.py OUTPUT CALLS_DIR
"""
from __future__ import annotations

import os
import sys
import time

BUDGET = 8
PARALLELISM = 2
NAME = "resume"
SEED = 11


def space():
    import bayestune

    return bayestune.SearchSpace.builder().addDouble("x", -2.0, 2.0).addCategorical("kind", ["a", "b"]).build()


def make_objective(calls_dir: str):
    """An objective that leaves one file per call (named by its assignments), so the test can count runs."""

    def objective(a):
        name = f"{a['x']!r}-{a['kind']}"
        with open(os.path.join(calls_dir, f"{name}-{time.time_ns()}"), "w"):
            pass
        time.sleep(1.5)
        return -(a["x"] - 0.5) ** 2 + (0.1 if a["kind"] == "b" else 0.0)

    return objective


def run(spark, output: str, calls_dir: str):
    import bayestune

    return bayestune.tune(make_objective(calls_dir), space(), budget=BUDGET, parallelism=PARALLELISM, spark=spark,
                          output=output, name=NAME, seed=SEED, progress=False)


if __name__ == "__main__":
    from pyspark.sql import SparkSession

    import bayestune

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (SparkSession.builder.master("local[2]").appName("bayestune-resume-child")
               .config("spark.jars", bayestune.jar_path()).config("spark.driver.host", "127.0.0.1")
               .config("spark.ui.enabled", "false").getOrCreate())
    run(session, sys.argv[1], sys.argv[2])
    sys.exit(3)  # the test kills this process before the budget is spent; getting here means it did not
