"""``Experiment``: SigOpt's three calls (create, suggest, observe) from Python, over the CLI's experiment state.

For lab users (a chemist's batch, a wind-tunnel run) and hand-written loops: no SparkSession is needed. Each call runs
``bayestune create/suggest/observe/best --at LOCATION`` in a child JVM, so the experiment at ``LOCATION`` (a directory,
``s3a://bucket/prefix``, ``hdfs://...``) is the very one ``bin/bayestune`` works on, saved after every call with
compare-and-set: a kill -9 between calls loses nothing, and two people on one experiment never overwrite each other.
S3 settings come from the environment as for the CLI (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, ...,
BAYESTUNE_S3_ENDPOINT for an S3-compatible store).

    exp = Experiment.create(name="concrete", parameters=[{"name": "water", "type": "double",
                            "bounds": {"min": 0.3, "max": 0.6}}], metric="strength", budget=20, at="lab/")
    s = exp.suggest()                  # Suggestion(id='1', assignments={'water': 0.41})
    exp.observe(s, 41.3)               # or exp.observe(s, failed=True, reason="cracked")
    exp.best()                         # Best(assignments=..., value=41.3, suggestion='1', ...)

With several metrics (``metrics=[{"name": "strength", "objective": "maximize"}, {"name": "cost", "objective":
"minimize"}, {"name": "slump", "strategy": "constraint", "threshold": 10}]``) an observation reports each one:
``exp.observe(s, values={"strength": 41.3, "cost": 88.0, "slump": 12.5})``, and :meth:`Experiment.best_assignments`
gives SigOpt's list: the Pareto frontier of the feasible observations when two metrics are optimized.
"""
from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import dataclass
from typing import Any, Optional, Union

from bayestune import _cli
from bayestune.space import SearchSpace


@dataclass(frozen=True)
class Suggestion:
    """A configuration to try: report it back with :meth:`Experiment.observe`."""
    id: str
    assignments: dict


@dataclass(frozen=True)
class Observation:
    """A stored observation; ``value`` is the first metric's, ``values`` maps every reported metric to its value."""
    suggestion: Optional[str]
    assignments: dict
    failed: bool
    value: Optional[float] = None
    value_stddev: Optional[float] = None
    values: Optional[dict] = None


@dataclass(frozen=True)
class Best:
    """SigOpt's best_assignments: with noisy values, the trial a model of all trials rates highest (value_estimate).
    ``values`` maps each metric to its value when the experiment has several."""
    assignments: dict
    value: float
    suggestion: Optional[str] = None
    value_stddev: Optional[float] = None
    value_estimate: Optional[float] = None
    values: Optional[dict] = None


class Experiment:
    """An experiment stored at ``at``; ``Experiment(at=...)`` opens one, :meth:`create` makes one."""

    def __init__(self, at: str):
        if not isinstance(at, str) or not at.strip():
            raise ValueError(f"bayestune: at must be the experiment's location (a directory, s3a://bucket/prefix), "
                             f"but got {at!r}")
        self.at = _cli.location(at)
        self._shown = self.show()

    @classmethod
    def create(cls, spec: Union[dict, str, None] = None, *, at: str, name: Optional[str] = None,
               parameters: Any = None, metric: Union[str, dict, None] = None, metrics: Optional[list] = None,
               budget: Optional[int] = None, parallel_bandwidth: Optional[int] = None, type: Optional[str] = None,
               seed: Optional[int] = None) -> "Experiment":
        """Creates an experiment at ``at`` (refused if one exists there) and returns it.

        ``spec`` is SigOpt's experiment JSON (a dict, a JSON string, or the path of a .json file, as
        ``bayestune create`` takes); or give its parts: ``name``, ``parameters`` (a list of SigOpt parameter dicts or a
        :class:`SearchSpace`), ``metric`` (a name, maximized, or ``{"name":..., "objective": "minimize"}``) or
        ``metrics``, ``budget`` (observation_budget), ``parallel_bandwidth``, ``type`` (offline, random, sobol, grid).
        ``seed`` makes the suggestions repeatable.
        """
        parts = {"name": name, "parameters": parameters, "metric": metric, "metrics": metrics, "budget": budget,
                 "parallel_bandwidth": parallel_bandwidth, "type": type}
        if spec is not None:
            given = [k for k, v in parts.items() if v is not None]
            if given:
                raise ValueError(f"bayestune: create takes a spec or its parts, not both (got spec and {given}); "
                                 "put them in the spec")
            spec = _load_spec(spec)
        else:
            spec = _spec_from_parts(**parts)
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise TypeError(f"bayestune: seed must be an int, but got {seed!r}")
        experiment = cls.__new__(cls)
        if not isinstance(at, str) or not at.strip():
            raise ValueError(f"bayestune: create at must be the experiment's location (a directory, "
                             f"s3a://bucket/prefix), but got {at!r}")
        experiment.at = _cli.location(at)
        with tempfile.TemporaryDirectory(prefix="bayestune-spec-") as tmp:
            path = os.path.join(tmp, "spec.json")
            with open(path, "w") as out:
                json.dump(spec, out)
            args = ["create", path, "--at", experiment.at] + (["--seed", str(seed)] if seed is not None else [])
            experiment._shown = _cli.run(args)
        return experiment

    def suggest(self, count: Optional[int] = None) -> Union[Suggestion, list[Suggestion]]:
        """The next configuration to try (saved as open until observed); with ``count``, a list of that many, made
        knowing each other (for a batch run in parallel)."""
        if count is None:
            return _suggestion(_cli.run(["suggest", "--at", self.at]))
        if isinstance(count, bool) or not isinstance(count, int):
            raise TypeError(f"bayestune: suggest count must be an int from 1 to 1000, but got {count!r}")
        page = _cli.run(["suggest", "--at", self.at, "--count", str(count)])
        return [_suggestion(s) for s in page["data"]]

    def observe(self, suggestion: Union[Suggestion, str, int], value: Optional[float] = None,
                value_stddev: Optional[float] = None, failed: bool = False,
                reason: Optional[str] = None, values: Union[dict, list, None] = None) -> Observation:
        """Reports what ``suggestion`` gave: its ``value`` (and ``value_stddev`` when it is noisy), or ``failed=True``
        with a ``reason``. Observations are final: a second report of the same suggestion is refused.

        An experiment with several metrics takes ``values`` instead of ``value``: a dict from each metric's name to
        its value (or to ``(value, value_stddev)``), or SigOpt's list ``[{"name": ..., "value": ...,
        "value_stddev": ...}]``; every optimized and constraint metric needs one.
        """
        sid = suggestion.id if isinstance(suggestion, Suggestion) else suggestion
        if isinstance(sid, bool) or not isinstance(sid, (str, int)):
            raise TypeError(f"bayestune: observe suggestion must be a Suggestion or its id, but got {suggestion!r}")
        args = ["observe", "--at", self.at, "--suggestion", str(sid)]
        if failed:
            if value is not None or values is not None:
                raise ValueError(f"bayestune: suggestion {sid}: give a value (or values) or failed=True, not both")
            args += ["--failed"] + (["--reason", str(reason)] if reason else [])
        elif values is not None:
            if value is not None or value_stddev is not None:
                raise ValueError(f"bayestune: suggestion {sid}: give value (one metric) or values (several), not both; "
                                 "put each metric's stddev in values, e.g. values={'auc': (0.91, 0.01)}")
            args += ["--values", json.dumps(_metric_values(sid, values))]
        else:
            if value is None:
                raise ValueError(f"bayestune: suggestion {sid}: observe needs a value, or failed=True (with a reason) "
                                 "when the trial gave none")
            args += ["--value", _number(sid, "value", value)]
            if value_stddev is not None:
                args += ["--stddev", _number(sid, "value_stddev", value_stddev)]
        o = _cli.run(args)
        reported = o.get("values") or []
        first = reported[0] if reported else {}
        return Observation(o.get("suggestion"), o.get("assignments", {}), o["failed"], first.get("value"),
                           first.get("value_stddev"), {v["name"]: v["value"] for v in reported} or None)

    def best(self) -> Optional[Best]:
        """The best assignments so far (the best feasible one when there are constraints), or None before the first
        successful (feasible) observation. Two optimized metrics have no single best: use :meth:`best_assignments`."""
        front = self.best_assignments()
        if len(front) > 1:
            raise ValueError(f"bayestune: experiment {self.name!r} optimizes two metrics, so it has no single best: "
                             "best_assignments() gives the Pareto frontier (a list)")
        return front[0] if front else None

    def best_assignments(self) -> list[Best]:
        """SigOpt's best_assignments list: the Pareto frontier of the feasible observations when two metrics are
        optimized, else the one best (an empty list before the first successful, feasible observation)."""
        return [_best(b) for b in _cli.run(["best", "--at", self.at])["data"]]

    def show(self) -> dict:
        """The experiment as the CLI shows it: its spec, location, seed and ``progress``."""
        self._shown = _cli.run(["show", "--at", self.at])
        return self._shown

    @property
    def progress(self) -> dict:
        """``observation_count``, ``open_suggestion_count`` and ``best_observation``, as of now."""
        return self.show()["progress"]

    @property
    def name(self) -> str:
        return self._shown.get("name", "")

    def __repr__(self) -> str:
        return f"Experiment(name={self.name!r}, at={self.at!r})"


def _number(sid: Any, field: str, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"bayestune: suggestion {sid}: {field} must be a number, but got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"bayestune: suggestion {sid}: {field} must be finite, but got {value!r}; "
                         "report a trial that gave no number with failed=True")
    return repr(float(value))


def _suggestion(s: dict) -> Suggestion:
    return Suggestion(str(s["id"]), s["assignments"])


def _best(b: dict) -> Best:
    values = {v["name"]: v["value"] for v in b.get("values", [])} or None
    return Best(b["assignments"], b["value"], b.get("suggestion"), b.get("value_stddev"), b.get("value_estimate"),
                values)


def _metric_values(sid: Any, values: Union[dict, list]) -> list[dict]:
    """SigOpt's values list from a dict ``{name: value | (value, stddev)}`` or the list itself, numbers checked."""
    if isinstance(values, dict):
        items = []
        for name, v in values.items():
            if isinstance(v, (tuple, list)):
                if len(v) != 2:
                    raise ValueError(f"bayestune: suggestion {sid}: values[{name!r}] must be a value or "
                                     f"(value, value_stddev), but got {v!r}")
                items.append({"name": name, "value": v[0], "value_stddev": v[1]})
            else:
                items.append({"name": name, "value": v})
    elif isinstance(values, list) and all(isinstance(v, dict) and "name" in v for v in values):
        items = [dict(v) for v in values]
    else:
        raise TypeError(f"bayestune: suggestion {sid}: values must be a dict such as {{'auc': 0.91, 'recall': 0.7}} "
                        f"or a list of {{'name': ..., 'value': ...}}, but got {values!r}")
    if not items:
        raise ValueError(f"bayestune: suggestion {sid}: values is empty; give each metric's value")
    out = []
    for item in items:
        name = item["name"]
        if not isinstance(name, str) or not name:
            raise TypeError(f"bayestune: suggestion {sid}: a metric name in values must be a string, but got {name!r}")
        entry = {"name": name, "value": float(_number(sid, f"values[{name!r}]", item.get("value")))}
        if item.get("value_stddev") is not None:
            entry["value_stddev"] = float(_number(sid, f"values[{name!r}] stddev", item["value_stddev"]))
        out.append(entry)
    return out


def _load_spec(spec: Union[dict, str]) -> dict:
    if isinstance(spec, dict):
        return spec
    if not isinstance(spec, str):
        raise TypeError(f"bayestune: spec must be a dict, a JSON string or a .json file's path, but got {spec!r}")
    if spec.lstrip().startswith("{"):
        try:
            return json.loads(spec)
        except ValueError as e:
            raise ValueError(f"bayestune: spec is not valid JSON ({e})") from None
    if not os.path.isfile(spec):
        raise FileNotFoundError(f"bayestune: spec {spec}: no such file; give the path of an experiment spec (JSON), "
                                "a dict, or name=..., parameters=..., metric=...")
    with open(spec) as f:
        try:
            return json.load(f)
        except ValueError as e:
            raise ValueError(f"bayestune: spec {spec}: not valid JSON ({e})") from None


def _spec_from_parts(name, parameters, metric, metrics, budget, parallel_bandwidth, type) -> dict:
    if parameters is None:
        raise ValueError("bayestune: create needs parameters (a list of SigOpt parameter dicts or a SearchSpace), "
                         "e.g. parameters=[{'name': 'x', 'type': 'double', 'bounds': {'min': 0, 'max': 1}}]")
    if (metric is None) == (metrics is None):
        raise ValueError("bayestune: create needs exactly one of metric='name' (maximized) or "
                         "metric={'name': ..., 'objective': 'minimize'}, or metrics=[...]")
    spec: dict = SearchSpace.from_parameters(parameters).to_dict()
    if name is not None:
        spec["name"] = name
    if metric is not None:
        metrics = [metric]
    spec["metrics"] = [{"name": m, "objective": "maximize"} if isinstance(m, str) else m for m in metrics]
    if budget is not None:
        spec["observation_budget"] = budget
    if parallel_bandwidth is not None:
        spec["parallel_bandwidth"] = parallel_bandwidth
    if type is not None:
        spec["type"] = type
    return spec
