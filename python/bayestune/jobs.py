"""``run_job``: a job file (the YAML of ``bin/bayestune run``) run on the caller's PySpark session."""
from __future__ import annotations

import json
import os
import sys
from typing import Any, Optional

from bayestune import _cli, _java
from bayestune.result import TuningResult

_INSTEAD = ("submit the job to a classic cluster instead (spark-submit --class io.bayestune.cli.Main "
            "bayestune.jar run JOB.yaml, or bin/bayestune run JOB.yaml), or tune a Pipeline with "
            "bayestune.ml.BayesianTuner, which works over Spark Connect")


def run_job(spark: Any, job_file: str, output: Optional[str] = None, budget: Optional[int] = None,
            warm_start_from: Optional[str] = None, progress: bool = True) -> TuningResult:
    """Runs a job file on ``spark`` (a classic PySpark session with the bayestune jar) and returns its result.

    The same job as ``bin/bayestune run JOB.yaml``: ``parallelism`` trials in flight, each observed and saved as it
    ends; the outputs (trials.parquet, trials.csv, best.json, report.html, best-model/, experiment/) go to
    ``output`` (default: the job file's ``output``), and running again with the same output resumes. ``budget``
    overrides ``observation_budget``; ``warm_start_from`` starts a new experiment from an earlier one's observations.
    Progress lines are printed as trials end unless ``progress=False``. The job file's ``spark:`` block is not applied
    (the session exists already); set ``spark.scheduler.mode=FAIR`` on the session, as ``bin/bayestune run`` does,
    so one trial's tasks do not queue the others'.

    Raises FileNotFoundError for a missing job file, ValueError for an invalid one (naming the field and the fix),
    NotImplementedError (a RuntimeError) over Spark Connect, which has no driver JVM to run the job on.
    """
    spark = _java.classic_session(spark, "run_job", _INSTEAD)
    if not isinstance(job_file, (str, os.PathLike)):
        raise TypeError(f"bayestune: run_job job_file must be the path of a job YAML file, but got {job_file!r}")
    path = os.path.abspath(os.fspath(job_file))
    if not os.path.isfile(path):
        raise FileNotFoundError(f"bayestune: job file {job_file}: no such file (looked at {path}); give the path of "
                                "a job YAML file such as examples/credit-gbt.yaml")
    if budget is not None and (isinstance(budget, bool) or not isinstance(budget, int)):
        raise TypeError(f"bayestune: run_job budget must be an int (how many trials in all), but got {budget!r}")
    for name, value in (("output", output), ("warm_start_from", warm_start_from)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"bayestune: run_job {name} must be a path or URI string, but got {value!r}")

    jvm = spark.sparkContext._jvm
    run = _java.call(lambda: jvm.io.bayestune.python.JobRun.start(
        spark._jsparkSession, path, _cli.location(output), budget, _cli.location(warm_start_from)))
    try:
        while True:
            done = run.isDone()
            text = run.poll(500)
            if text and progress:
                print(text, file=sys.stdout, flush=True)
            if done:
                break
    except KeyboardInterrupt:
        run.cancel()  # the trials in flight stop; everything observed is saved, and a later run resumes
        raise
    summary = json.loads(_java.call(run.result))
    return _result(spark, summary)


def _result(spark: Any, s: dict) -> TuningResult:
    best = s.get("best") or {}
    trials = spark.read.parquet(s["output"] + "/trials.parquet") if "trials.parquet" in s["written"] else None
    return TuningResult(
        best_assignments=best.get("assignments", {}),
        best_value=best.get("value"),
        best_value_stddev=best.get("value_stddev"),
        best_trial=best.get("suggestion"),
        trials=trials,
        output=s["output"],
        observations=s["observations"],
        failed=s["failed"],
        seconds=s["seconds"],
        extra={k: s[k] for k in ("name", "metric", "parallelism", "written")}
              | ({"value_estimate": best["value_estimate"]} if "value_estimate" in best else {}),
    )
