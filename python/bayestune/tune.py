"""``bayestune.tune``: Bayesian optimization of a Python function whose trials run on Spark executors.

What people used Hyperopt's ``SparkTrials`` for, with the project's GP optimizer on the driver::

    import bayestune

    def objective(a):                       # runs on an executor's Python worker
        model = HistGradientBoostingClassifier(learning_rate=a["learning_rate"], max_depth=a["max_depth"])
        return cross_val_score(model, X, y, cv=3, scoring="roc_auc").mean()

    space = (bayestune.SearchSpace.builder().addDouble("learning_rate", 0.01, 0.3, log=True)
             .addInt("max_depth", 2, 8).build())
    result = bayestune.tune(objective, space, budget=40, parallelism=4, spark=spark, output="/dbfs/tune/credit")

The loop is the job's own (``io.bayestune.python.TuneSession`` over ``TuningLoop``): suggestions know the trials in
flight, a freed slot starts the next trial at once, every observation is saved before the next suggestion, and a
run started again on the same ``output`` resumes (trials that were in flight run again first, under their ids).
"""
from __future__ import annotations

import datetime
import json
import logging
import math
import numbers
import random
import re
import tempfile
from typing import Any, Callable, Optional, Union

from bayestune._java_errors import TuningStoppedError, java_error
from bayestune._tune_pickle import ObjectiveNotPicklableError, pickle_objective
from bayestune._tune_workers import TrialWorkers
from bayestune.result import TuningResult
from bayestune.space import as_search_space

__all__ = ["tune", "ObjectiveNotPicklableError", "TuningStoppedError"]

LOG = logging.getLogger("bayestune.tune")
METRIC = "value"


def tune(fn: Callable[[dict], Any], space: Any, budget: int, parallelism: Optional[int] = None, spark=None,
         output: Optional[str] = None, minimize: bool = False,
         trial_timeout: Union[None, float, datetime.timedelta] = None, seed: Optional[int] = None,
         name: Optional[str] = None, warm_start_from: Optional[str] = None, progress: bool = True,
         mlflow: Optional[dict] = None) -> TuningResult:
    """Tunes ``fn(assignments) -> value`` with each trial a Spark task on an executor.

    :param fn: takes a dict of assignments and returns a number or ``{"value": v, "value_stddev": s}``. It is pickled
        once and sent to the executors, so it must close over plain data only. An exception, a NaN or a wrong return
        type is observed as a failed trial with its reason; if this run's first ``min(5, budget)`` trials all fail,
        tune stops with the first cause (``TuningStoppedError``, or ``TypeError`` for a wrong return type).
    :param space: a :class:`bayestune.SearchSpace` or a SigOpt parameter list.
    :param budget: how many observations the experiment holds at the end (a resumed run counts earlier ones).
    :param parallelism: trials at a time (default: the cluster's default parallelism, its cores).
    :param spark: a classic SparkSession with the bayestune jar (default: the active one).
    :param output: where the experiment state, ``trials.parquet``, ``trials.csv``, ``best.json`` and ``report.html``
        go; a directory, ``file:``, ``s3a://`` or ``hdfs://``. Running again on the same output resumes. Default: a new
        temporary directory (local masters only).
    :param minimize: minimize the value instead of maximizing it.
    :param trial_timeout: seconds (or a timedelta) one trial may run; it is then cancelled and observed as failed.
    :param seed: the optimizer's seed (a resumed run keeps the stored one). Default: random.
    :param name: the experiment's name, shown in the Spark UI's job groups (default: fn's name).
    :param warm_start_from: an earlier experiment (or tune output) whose observations a new experiment starts from.
    :param progress: print one line per observed trial.
    :param mlflow: log to MLflow as a job's ``mlflow:`` block does (docs/mlflow.md): a dict with ``tracking_uri``
        (default: ``MLFLOW_TRACKING_URI``), ``experiment`` and ``run_name`` (default: the name); a parent run for
        the tuning, a child run per trial, from a background thread that never holds up a trial.
    """
    if not callable(fn):
        raise TypeError(f"bayestune.tune: fn={_short(fn)} is not callable; pass the objective function, "
                        "fn(assignments: dict) -> float")
    parameters = as_search_space(space)
    _positive_int("budget", budget, "the number of observations to make, e.g. budget=40")
    timeout_seconds = _timeout_seconds(trial_timeout)
    name = _experiment_name(fn, name)
    spark = _classic_session(spark)
    sc = spark.sparkContext
    if parallelism is None:
        parallelism = max(1, sc.defaultParallelism)
    _positive_int("parallelism", parallelism, "how many trials run at a time, e.g. the cluster's cores")
    if seed is None:
        seed = random.SystemRandom().randrange(2**62)
    elif isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"bayestune.tune: seed={seed!r} is not an int; pass an int or leave it out")
    output = _output(output, sc)
    pickled = pickle_objective(fn)  # before anything runs or is written

    spec = parameters.to_dict()
    spec.update({"name": name, "type": "offline", "observation_budget": int(budget),
                 "parallel_bandwidth": int(parallelism),
                 "metrics": [{"name": METRIC, "objective": "minimize" if minimize else "maximize"}]})
    session_class = _session_class(sc)
    try:
        session = session_class.open(spark._jsparkSession, json.dumps(spec), output, int(seed), int(parallelism),
                                     float(timeout_seconds or 0), warm_start_from, _mlflow_json(mlflow))
    except Exception as e:  # noqa: BLE001
        raise java_error(e, "bayestune.tune") from None
    broadcast = sc.broadcast(pickled)
    workers = TrialWorkers(session, sc, broadcast, int(parallelism))
    try:
        session.start()
        workers.start()
        _wait(session, progress)
    finally:
        workers.stop()
        broadcast.destroy()
    try:
        summary = json.loads(session.finish())
    except Exception as e:  # noqa: BLE001
        raise _stopped_error(java_error(e, "bayestune.tune")) from None
    if progress:
        print(summary["summary"], flush=True)
    return _result(summary, session, spark)


def _mlflow_json(mlflow: Optional[dict]) -> Optional[str]:
    """The mlflow settings as the JVM session reads them, checked for unknown keys."""
    if mlflow is None:
        return None
    known = {"tracking_uri", "experiment", "run_name"}
    if not isinstance(mlflow, dict) or not set(mlflow) <= known:
        raise ValueError(f"bayestune.tune: mlflow={mlflow!r} must be a dict with keys among {sorted(known)}, e.g. "
                         "mlflow={'tracking_uri': 'http://127.0.0.1:5000', 'experiment': 'credit'}")
    return json.dumps({k: str(v) for k, v in mlflow.items() if v is not None})


def _wait(session, progress: bool) -> None:
    """Prints progress until the loop ends; Ctrl-C stops it (in-flight trials stay open for a resume)."""
    try:
        while not session.waitFinished(250):
            _print(session.progress(), progress)
    except KeyboardInterrupt:
        session.stop()
        session.waitFinished(60_000)
        _print(session.progress(), progress)
        try:
            session.finish()  # closes the store; raises what stopped the loop (the interrupt)
        except Exception:  # noqa: BLE001
            pass
        raise
    _print(session.progress(), progress)


def _print(lines, progress: bool) -> None:
    for line in lines or ():
        if progress:
            print(line, flush=True)
        LOG.info("%s", line)


def _result(summary: dict, session, spark) -> TuningResult:
    from pyspark.sql import DataFrame

    best = summary.get("best") or {}
    extra = {k: summary[k] for k in ("summary", "written", "resumed", "metric")}
    if "value_estimate" in best:
        extra["best_value_estimate"] = best["value_estimate"]
    return TuningResult(best_assignments=dict(best.get("assignments", {})), best_value=best.get("value"),
                        best_value_stddev=best.get("value_stddev"), best_trial=best.get("suggestion"),
                        trials=DataFrame(session.trials(), spark), output=summary["output"],
                        observations=int(summary["observations"]), failed=int(summary["failed"]),
                        seconds=float(summary["seconds"]), extra=extra)


def _stopped_error(error: Exception) -> Exception:
    """A wrong return type that failed every first trial is a TypeError: the fix is in fn, not in the data."""
    if isinstance(error, TuningStoppedError) and "TypeError: fn returned" in str(error):
        typed = TypeError(str(error))
        typed.java_exception = getattr(error, "java_exception", None)
        return typed
    return error


def _classic_session(spark):
    from pyspark.sql import SparkSession

    if spark is None:
        spark = SparkSession.getActiveSession()
        if spark is None:
            spark = _active_connect_session()
        if spark is None:
            raise ValueError("bayestune.tune: no active SparkSession; pass spark=SparkSession.builder.config("
                             "'spark.jars', bayestune.jar_path()).getOrCreate()")
    if "connect" in type(spark).__module__.split("."):
        raise NotImplementedError(
            "bayestune.tune: spark is a Spark Connect session, and tune runs Python objectives on executors from a "
            "classic driver (py4j), which Spark Connect does not expose. Over Spark Connect, tune Spark ML models "
            "with bayestune.ml.BayesianTuner; for a Python objective, run tune on a classic driver (a single-user or "
            "dedicated cluster, spark-submit, or a local session).")
    if not hasattr(spark, "_jsparkSession"):
        raise TypeError(f"bayestune.tune: spark={_short(spark)} is not a SparkSession; pass the session, e.g. spark")
    return spark


def _active_connect_session():
    try:
        from pyspark.sql.utils import is_remote

        if is_remote():
            from pyspark.sql.connect.session import SparkSession as ConnectSession

            return ConnectSession.getActiveSession()
    except ImportError:
        pass
    return None


def _session_class(sc):
    cls = sc._jvm.io.bayestune.python.TuneSession
    from py4j.java_gateway import JavaClass

    if not isinstance(cls, JavaClass):
        raise RuntimeError("bayestune.tune: the bayestune jar is not on this Spark session's classpath; start the "
                           "session with .config('spark.jars', bayestune.jar_path()) (or spark-submit --jars), "
                           "and use a jar built from the same bayestune version")
    return cls


def _output(output: Optional[str], sc) -> str:
    if output is None:
        if not str(sc.master).startswith("local"):
            raise ValueError(f"bayestune.tune: output is required on a cluster (master {sc.master}); give a location "
                             "every node and a later run can reach, e.g. s3a://bucket/tune/credit or hdfs:///tune/x")
        output = tempfile.mkdtemp(prefix="bayestune-tune-")
        LOG.info("bayestune.tune: output in %s", output)
    if not isinstance(output, str) or not output.strip():
        raise TypeError(f"bayestune.tune: output={output!r} is not a location; give a directory or a URI "
                        "(file:, s3a://, hdfs://)")
    return output


def _positive_int(field: str, value: Any, meaning: str) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"bayestune.tune: {field}={value!r} is not an int; give {meaning}")
    if value < 1:
        raise ValueError(f"bayestune.tune: {field}={value!r} must be at least 1; give {meaning}")


def _timeout_seconds(trial_timeout) -> Optional[float]:
    if trial_timeout is None:
        return None
    if isinstance(trial_timeout, datetime.timedelta):
        seconds = trial_timeout.total_seconds()
    elif isinstance(trial_timeout, bool) or not isinstance(trial_timeout, numbers.Real):
        raise TypeError(f"bayestune.tune: trial_timeout={trial_timeout!r} is not a number of seconds; "
                        "give e.g. trial_timeout=600, or leave it out for no limit")
    else:
        seconds = float(trial_timeout)
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"bayestune.tune: trial_timeout={trial_timeout!r} must be a positive number of seconds; "
                         "leave it out for no limit")
    return seconds


def _experiment_name(fn: Callable, name: Optional[str]) -> str:
    if name is not None:
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"bayestune.tune: name={name!r} must be a non-empty string (it names the experiment "
                             "and the trials' Spark job groups)")
        return name.strip()
    fn_name = getattr(fn, "__name__", "") or ""
    return fn_name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", fn_name) else "tune"


def _short(v: Any) -> str:
    text = repr(v)
    return text if len(text) <= 60 else text[:57] + "..."
