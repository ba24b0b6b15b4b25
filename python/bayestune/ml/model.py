"""``BayesianTunerModel``: the pyspark.ml wrapper of the JVM ``io.bayestune.ml.BayesianTunerModel``."""
from __future__ import annotations

import json
from typing import Any, Optional

from pyspark.ml.util import JavaMLReadable, JavaMLWritable
from pyspark.ml.wrapper import JavaModel, JavaParams
from pyspark.sql import DataFrame, SparkSession, is_remote

from bayestune.ml._jvm import JAVA_PACKAGE
from bayestune.space import SearchSpace, as_search_space


class BayesianTunerModel(JavaModel, JavaMLReadable, JavaMLWritable):
    """What a BayesianTuner found: the best model (refitted on all the data), to which ``transform``
    delegates, and every trial. The same attributes as the JVM model, as Python properties."""

    _java_class = JAVA_PACKAGE + ".BayesianTunerModel"

    def __init__(self, java_model: Optional[Any] = None) -> None:
        super().__init__(java_model)
        self._best_model = None

    @property
    def bestModel(self):
        """The best trial's model, refitted on the whole dataset, as a pyspark.ml model."""
        if self._best_model is None:
            self._remote_unavailable("bestModel")
            self._best_model = JavaParams._from_java(self._java_obj.bestModel())
        return self._best_model

    @property
    def bestParams(self) -> dict:
        """The best trial's Params by name (int, float or str)."""
        if is_remote():
            return dict(self._summary()["bestParams"])
        java = self._java_obj.bestParams()
        return {str(k): _plain(java.get(k)) for k in java.keySet()}

    @property
    def bestValue(self) -> float:
        """The best trial's metric, as the evaluator measured it (mean over folds)."""
        return float(self._summary()["bestValue"]) if is_remote() else float(self._java_obj.bestValue())

    @property
    def bestTrialId(self) -> int:
        return int(self._summary()["bestTrialId"]) if is_remote() else int(self._java_obj.bestTrialId())

    @property
    def metricName(self) -> str:
        """The evaluator's metric, e.g. ``areaUnderROC``."""
        return str(self._summary()["metricName"]) if is_remote() else str(self._java_obj.metricName())

    @property
    def isLargerBetter(self) -> bool:
        return bool(self._summary()["largerBetter"]) if is_remote() else bool(self._java_obj.isLargerBetter())

    def searchSpace(self) -> SearchSpace:
        """The space searched. A method, not a property: pyspark probes attribute names equal to Param names
        (``hasParam("searchSpace")`` when copying the tuner's Params to its model)."""
        self._remote_unavailable("searchSpace()")
        return as_search_space(self._java_obj.searchSpace().toJson())

    @property
    def trials(self) -> DataFrame:
        """One row per trial: id, one column per parameter, metric, stddev, status, seconds, error."""
        self._remote_unavailable("trials")
        spark = SparkSession.getActiveSession()
        return DataFrame(self._java_obj.trials(), spark)

    def experimentJson(self) -> str:
        """The tuning run as SigOpt-style experiment JSON (every observation), e.g. for ``bayestune.Experiment``."""
        self._remote_unavailable("experimentJson")
        return str(self._java_obj.experiment().toJson())

    def _summary(self) -> dict:
        # Over Spark Connect a third-party model answers only toString (Connect allows Spark's own model
        # attributes and toString); the JVM model's toString ends with a JSON summary of the best trial.
        text = self._call_java("toString")
        start = text.find("{")
        if start < 0:
            raise RuntimeError(f"bayestune: the model {self.uid} is empty ({text}); fit a BayesianTuner first")
        return json.loads(text[start:])

    def _remote_unavailable(self, name: str) -> None:
        if is_remote():
            raise NotImplementedError(
                f"bayestune: BayesianTunerModel.{name} is not available over Spark Connect (Connect lets a client "
                "call only Spark's own model attributes). bestParams, bestValue, bestTrialId and metricName are; for "
                f"{name}, save the model (model.write().save(path)) and read path + '/trials' with "
                "spark.read.parquet, or use a classic session")


def _plain(value: Any) -> Any:
    """A py4j-returned boxed Java value as a plain Python value (Long -> int, Double -> float)."""
    return value if isinstance(value, (int, float, str, bool)) or value is None else str(value)
