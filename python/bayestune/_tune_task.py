"""What one ``bayestune.tune`` trial runs on an executor's Python worker.

This module uses the standard library only and is pickled by value (``register_pickle_by_value``), so the
executors need pyspark but not bayestune itself. The objective's exceptions and wrong return values are
caught here and sent back as a failure reason: a Spark task failure would be retried (``spark.task.maxFailures``)
and would bury the user's message in a remote stack trace.
"""
from __future__ import annotations

import os
import time
import traceback

_MAX_REASON = 300
_RESULT_KEYS = ("value", "value_stddev")
RETURN_HINT = "return a number, or a dict {'value': number, 'value_stddev': number}"


def run_trial(objective_broadcast, assignments: dict) -> dict:
    """Runs the objective once; returns ``{"value", "value_stddev"}`` or ``{"error", "traceback"}``, with
    ``started``/``ended`` (epoch seconds), ``pid`` and ``task`` (Spark's task attempt id) either way."""
    import pickle

    from pyspark import TaskContext

    started = time.time()
    context = TaskContext.get()
    out: dict = {"started": started, "pid": os.getpid(),
                 "task": context.taskAttemptId() if context is not None else None}
    try:
        # A fresh objective per trial, unpickled from the executor's cached broadcast: no state leaks between trials.
        try:
            fn = pickle.loads(objective_broadcast.value)
        except ModuleNotFoundError as e:
            raise ModuleNotFoundError(
                f"{e} on the executor; install it in the executors' Python (PYSPARK_PYTHON; the driver's packages), "
                "or for a module of your own call pyspark.cloudpickle.register_pickle_by_value(module) before tune"
            ) from e
        returned = fn(dict(assignments))
        out.update(as_result(returned))
    except Exception as e:  # noqa: BLE001 - any failure of the user's objective is a failed trial
        out["error"] = describe(e)
        out["traceback"] = traceback.format_exc(limit=20)
    out["ended"] = time.time()
    return out


def as_result(returned) -> dict:
    """The value (and stddev) of what fn returned, or ``{"error": ...}`` naming the fix for a wrong type."""
    stddev = None
    if isinstance(returned, dict):
        unknown = sorted(str(k) for k in returned if k not in _RESULT_KEYS)
        if "value" not in returned or unknown:
            what = f"keys {unknown} are not known" if unknown else "it has no 'value'"
            return {"error": f"TypeError: fn returned a dict whose {what}; {RETURN_HINT}"}
        value, stddev = returned["value"], returned.get("value_stddev")
    else:
        value = returned
    for field, v in (("value", value), ("value_stddev", stddev)):
        if v is None and field == "value_stddev":
            continue
        if isinstance(v, (str, bytes, bool)) or v is None or not hasattr(type(v), "__float__"):
            where = "" if field == "value" and not isinstance(returned, dict) else f" as {field!r}"
            return {"error": f"TypeError: fn returned {_short(v)} ({type(v).__name__}){where}; {RETURN_HINT}"}
    # NaN and infinities go to the driver as they are: the loop observes them as failed, as a job does.
    return {"value": float(value), "value_stddev": None if stddev is None else float(stddev)}


def describe(e: BaseException) -> str:
    """``ValueError: first line of the message``, at most 300 characters, as the job describes failures."""
    message = str(e).strip().splitlines()
    text = type(e).__name__ + (f": {message[0]}" if message else "")
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 3] + "..."


def _short(v) -> str:
    text = repr(v)
    return text if len(text) <= 60 else text[:57] + "..."
