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
    chain = _find_culprit(fn, 0)
    where = ""
    if chain:
        top, top_obj = chain[0][:2]
        bad_obj, cause = chain[-1][1:]
        where = f" {top} is {_type_name(top_obj)}"
        path = "".join(link[0] for link in chain[1:])
        if path:
            where += f", whose {path.lstrip('.')} ({_type_name(bad_obj)[2:]}) cannot be pickled;"
        else:
            where += ", which cannot be pickled;"
    spark_hint = ""
    if any(type(link[1]).__name__ in _SPARK_TYPES for link in chain):
        spark_hint = (" A SparkSession, SparkContext, DataFrame or RDD exists only on the driver, and each trial runs "
                      "on an executor: collect the data to plain Python first (e.g. df.toPandas()) and use that.")
    raise ObjectiveNotPicklableError(
        f"bayestune.tune: the objective cannot be pickled, so it cannot be sent to the executors:{where} "
        f"{type(cause).__name__}: {_first_line(cause)}. Create such objects inside fn (open files, locks, clients "
        f"and sessions there), and let fn close over plain data only (numbers, strings, lists, dicts, numpy arrays, "
        f"pandas DataFrames).{spark_hint}") from None


def _find_culprit(obj: Any, depth: int) -> list:
    """The chain of references from fn down to the innermost object that fails to pickle, as
    ``[(step, object), ..., (step, object, error)]``, or an empty list when every reference pickles alone."""
    from pyspark import cloudpickle

    for step, child in _references(obj, top=depth == 0):
        try:
            cloudpickle.dumps(child)
        except Exception as e:  # noqa: BLE001
            deeper = _find_culprit(child, depth + 1) if depth < _MAX_DEPTH else []
            return [(step, child)] + deeper if deeper else [(step, child, e)]
    return []


def _references(obj: Any, top: bool) -> Iterator[tuple[str, Any]]:
    """What pickling ``obj`` by value pickles too, each with the step that reaches it: closure cells, globals,
    defaults, a bound self, items and attributes."""
    fn_step = (lambda what: f"{what} used by {_name(obj)}") if top else (lambda what: f" -> {what}")
    if top and not isinstance(obj, (functools.partial, types.MethodType, types.FunctionType)):
        yield "the callable object fn", obj
    elif isinstance(obj, functools.partial):
        yield fn_step("the partial's function"), obj.func
        for i, a in enumerate(obj.args):
            yield fn_step(f"partial argument {i}"), a
        for k, v in (obj.keywords or {}).items():
            yield fn_step(f"partial argument {k!r}"), v
    elif isinstance(obj, types.MethodType):
        yield fn_step("self"), obj.__self__
        yield fn_step("the method's function"), obj.__func__
    elif isinstance(obj, types.FunctionType):
        code = obj.__code__
        for name, cell in zip(code.co_freevars, obj.__closure__ or ()):
            try:
                yield fn_step(f"closure variable {name!r}"), cell.cell_contents
            except ValueError:  # an empty cell
                continue
        for name in sorted(_global_names(code)):
            if name in obj.__globals__:
                yield fn_step(f"global {name!r}"), obj.__globals__[name]
        for i, d in enumerate(obj.__defaults__ or ()):
            yield fn_step(f"default argument {i}"), d
        for k, d in (obj.__kwdefaults__ or {}).items():
            yield fn_step(f"default argument {k!r}"), d
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for i, item in enumerate(obj):
            yield f"[{i}]", item
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield f"[{k!r}]", v
    elif hasattr(obj, "__dict__") and not isinstance(obj, (type, types.ModuleType)):
        for k, v in vars(obj).items():
            yield f".{k}", v


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
