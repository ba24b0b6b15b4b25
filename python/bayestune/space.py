"""The search space: the Python mirror of the JVM ``io.bayestune.ml.SearchSpace`` builder.

A space is a list of SigOpt parameter dicts (``{"name", "type", "bounds", "transformation"}`` or
``{"name", "type": "categorical", "categorical_values"}``), optionally with ``conditionals``. Wherever
bayestune takes a space it takes either a :class:`SearchSpace` or such a list.
"""
from __future__ import annotations

import json
import math
from typing import Any, Iterable, Sequence


class SearchSpace:
    """An immutable search space; build one with :meth:`builder` or :meth:`from_parameters`."""

    def __init__(self, parameters: Sequence[dict], conditionals: Sequence[dict] = ()):
        self._parameters = [dict(p) for p in parameters]
        self._conditionals = [dict(c) for c in conditionals]

    @staticmethod
    def builder() -> "SearchSpaceBuilder":
        return SearchSpaceBuilder()

    @staticmethod
    def from_parameters(parameters: Any) -> "SearchSpace":
        """A space from SigOpt's JSON: a list of parameter dicts, or ``{"parameters": [...], "conditionals": [...]}``
        (as a dict or a JSON string)."""
        if isinstance(parameters, SearchSpace):
            return parameters
        if isinstance(parameters, str):
            try:
                parameters = json.loads(parameters)
            except ValueError as e:
                raise ValueError(f"bayestune: space is not valid JSON ({e}); give a list of SigOpt parameter "
                                 "dicts or SearchSpace.builder()...build()") from None
        conditionals: Sequence[dict] = ()
        if isinstance(parameters, dict):
            conditionals = parameters.get("conditionals", ())
            parameters = parameters.get("parameters")
        if not isinstance(parameters, (list, tuple)) or not parameters:
            raise ValueError(
                f"bayestune: space names no parameter (got {parameters!r}); give a non-empty list such as "
                "[{'name': 'x', 'type': 'double', 'bounds': {'min': 0, 'max': 1}}] or "
                "SearchSpace.builder().addDouble('x', 0, 1).build()")
        for i, p in enumerate(parameters):
            if not isinstance(p, dict) or not isinstance(p.get("name"), str) or not p.get("name"):
                raise ValueError(f"bayestune: space parameters[{i}] = {p!r} has no 'name'; each parameter is a dict "
                                 "with 'name' and 'type' ('double', 'int' or 'categorical')")
        return SearchSpace(parameters, conditionals)

    @property
    def parameters(self) -> list[dict]:
        return [dict(p) for p in self._parameters]

    @property
    def names(self) -> list[str]:
        return [p["name"] for p in self._parameters]

    def to_dict(self) -> dict:
        out: dict = {}
        if self._conditionals:
            out["conditionals"] = [dict(c) for c in self._conditionals]
        out["parameters"] = self.parameters
        return out

    def to_json(self) -> str:
        """SigOpt's JSON, the form the JVM ``SearchSpace.fromJson`` reads (the JVM checks it in full)."""
        return json.dumps(self.to_dict())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SearchSpace) and self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash(self.to_json())

    def __repr__(self) -> str:
        return f"SearchSpace({self.to_json()})"


class SearchSpaceBuilder:
    """Adds parameters in order, as the JVM builder does (``addInt``, ``addDouble``, ``addCategorical``)."""

    def __init__(self) -> None:
        self._parameters: list[dict] = []

    def addInt(self, name: str, min: int, max: int, log: bool = False) -> "SearchSpaceBuilder":  # noqa: A002
        for field, value in (("min", min), ("max", max)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"bayestune: addInt({name!r}) {field}={value!r} is not an int; "
                                "use addDouble for a real-valued parameter")
        return self._add(name, "int", min, max, log)

    def addDouble(self, name: str, min: float, max: float, log: bool = False) -> "SearchSpaceBuilder":  # noqa: A002
        for field, value in (("min", min), ("max", max)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise TypeError(f"bayestune: addDouble({name!r}) {field}={value!r} is not a finite number")
        return self._add(name, "double", float(min), float(max), log)

    def addCategorical(self, name: str, values: Iterable[Any]) -> "SearchSpaceBuilder":
        if isinstance(values, str):
            raise TypeError(f"bayestune: addCategorical({name!r}) values={values!r} is one string; "
                            f"give a list, e.g. [{values!r}]")
        labels = [str(v).lower() if isinstance(v, bool) else str(v) for v in values]
        if not labels:
            raise ValueError(f"bayestune: addCategorical({name!r}) has no values; give at least one")
        self._check_name(name)
        self._parameters.append({"name": name, "type": "categorical",
                                 "categorical_values": [{"name": v} for v in labels]})
        return self

    # snake_case aliases for Python users; the camelCase names mirror the JVM builder.
    add_int = addInt
    add_double = addDouble
    add_categorical = addCategorical

    def build(self) -> SearchSpace:
        return SearchSpace.from_parameters(self._parameters)

    def _add(self, name: str, kind: str, lo: float, hi: float, log: bool) -> "SearchSpaceBuilder":
        self._check_name(name)
        if not lo < hi if kind == "double" else not lo <= hi:
            raise ValueError(f"bayestune: parameter {name!r} bounds min={lo!r} max={hi!r}: min must be below max")
        if log and lo <= 0:
            raise ValueError(f"bayestune: parameter {name!r} has log=True but min={lo!r}; a log scale needs min > 0")
        p: dict = {"name": name, "type": kind, "bounds": {"min": lo, "max": hi}}
        if log:
            p["transformation"] = "log"
        self._parameters.append(p)
        return self

    def _check_name(self, name: str) -> None:
        if not isinstance(name, str) or not name:
            raise ValueError(f"bayestune: parameter name {name!r} must be a non-empty string")
        if any(p["name"] == name for p in self._parameters):
            raise ValueError(f"bayestune: parameter {name!r} is added twice; each name once")


def as_search_space(space: Any) -> SearchSpace:
    """A :class:`SearchSpace` from what a user passed: a space, a SigOpt list or dict, or their JSON."""
    return SearchSpace.from_parameters(space)
