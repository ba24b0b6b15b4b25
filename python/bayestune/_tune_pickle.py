"""Pickles the objective on the driver, before any trial runs, and explains a failure.

Hyperopt's SparkTrials users met "cannot pickle '_thread.lock' object" from deep inside Spark, with no hint of which
variable was at fault. Here a failure names the variable (closure cell, global, default argument or attribute) that
cannot be pickled, why, and what to do instead.
"""
from __future__ import annotations

import functools
import pickle
import types
from typing import Any, Callable, Iterator

_SPARK_TYPES = ("SparkSession", "SparkContext", "DataFrame", "RDD", "Broadcast", "Column", "JavaObject")
_MAX_DEPTH = 3


class ObjectiveNotPicklableError(pickle.PicklingError, TypeError):
    """The objective passed to ``bayestune.tune`` cannot be pickled, so it cannot run on the executors."""


def pickle_objective(fn: Callable) -> bytes:
    """``fn`` pickled with PySpark's cloudpickle, or ObjectiveNotPicklableError saying which object is at fault."""
    from pyspark import cloudpickle

    try:
        return cloudpickle.dumps(fn)
    except Exception as e:  # noqa: BLE001 - any pickling failure gets the same explanation
        cause = e
    culprit = _find_culprit(fn, f"fn ({_name(fn)})", 0)
    where = ""
    if culprit is not None:
        path, obj, error = culprit
        cause = error
        where = f" {path} is {_type_name(obj)}, which cannot be pickled;"
    spark_hint = ""
    if culprit is not None and type(culprit[1]).__name__ in _SPARK_TYPES:
        spark_hint = (" A SparkSession, SparkContext, DataFrame or RDD exists only on the driver, and each trial runs "
                      "on an executor: collect the data to plain Python first (e.g. df.toPandas()) and use that.")
    raise ObjectiveNotPicklableError(
        f"bayestune.tune: the objective cannot be pickled, so it cannot be sent to the executors:{where} "
        f"{type(cause).__name__}: {_first_line(cause)}. Create such objects inside fn (open files, locks, clients "
        f"and sessions there), and let fn close over plain data only (numbers, strings, lists, dicts, numpy arrays, "
        f"pandas DataFrames).{spark_hint}") from None


def _find_culprit(obj: Any, path: str, depth: int):
    """The innermost (path, object, error) that fails to pickle among what ``obj`` refers to, or None."""
    from pyspark import cloudpickle

    for child_path, child in _references(obj, path):
        try:
            cloudpickle.dumps(child)
        except Exception as e:  # noqa: BLE001
            deeper = _find_culprit(child, child_path, depth + 1) if depth < _MAX_DEPTH else None
            return deeper if deeper is not None else (child_path, child, e)
    return None


def _references(obj: Any, path: str) -> Iterator[tuple[str, Any]]:
    """What pickling ``obj`` by value pickles too: closure cells, globals, defaults, a bound self, attributes."""
    if isinstance(obj, functools.partial):
        yield f"{path}'s partial function", obj.func
        for i, a in enumerate(obj.args):
            yield f"{path}'s partial argument {i}", a
        for k, v in (obj.keywords or {}).items():
            yield f"{path}'s partial argument {k!r}", v
    elif isinstance(obj, types.MethodType):
        yield f"{path}'s self", obj.__self__
        yield path, obj.__func__
    elif isinstance(obj, types.FunctionType):
        code = obj.__code__
        for name, cell in zip(code.co_freevars, obj.__closure__ or ()):
            try:
                yield f"closure variable {name!r} of {_name(obj)}", cell.cell_contents
            except ValueError:  # an empty cell
                continue
        for name in sorted(_global_names(code)):
            if name in obj.__globals__:
                yield f"global {name!r} used by {_name(obj)}", obj.__globals__[name]
        for i, d in enumerate(obj.__defaults__ or ()):
            yield f"default argument {i} of {_name(obj)}", d
        for k, d in (obj.__kwdefaults__ or {}).items():
            yield f"default argument {k!r} of {_name(obj)}", d
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for i, item in enumerate(obj):
            yield f"{path}[{i}]", item
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield f"{path}[{k!r}]", v
    elif hasattr(obj, "__dict__") and not isinstance(obj, (type, types.ModuleType)):
        for k, v in vars(obj).items():
            yield f"{path}.{k}", v


def _global_names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _global_names(const)
    return names


def _name(fn: Any) -> str:
    return getattr(fn, "__qualname__", None) or type(fn).__name__


def _type_name(obj: Any) -> str:
    t = type(obj)
    module = "" if t.__module__ == "builtins" else t.__module__ + "."
    return f"a {module}{t.__qualname__}"


def _first_line(e: BaseException) -> str:
    lines = str(e).strip().splitlines()
    return lines[0] if lines else ""
