"""The Params of BayesianTuner: the JVM tuner's names and defaults, with converters that say what to give."""
from __future__ import annotations

import json
from typing import Any, Callable, Optional

from pyspark.ml import Estimator
from pyspark.ml.evaluation import Evaluator
from pyspark.ml.param import Param, Params

from bayestune.ml._jvm import JAVA_PACKAGE, java_string_hash
from bayestune.space import as_search_space

# The JVM default seed: BayesianTuner.class.getName().hashCode().
DEFAULT_SEED = java_string_hash(JAVA_PACKAGE + ".BayesianTuner")
DEFAULTS = {"maxTrials": 20, "parallelism": 1, "numFolds": 3, "trainRatio": 0.75, "seed": DEFAULT_SEED}


def _setter(name: str) -> str:
    return "set" + name[0].upper() + name[1:]


def _integer(name: str, minimum: int | None) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        if isinstance(value, bool) or not (isinstance(value, int) or (isinstance(value, float) and value.is_integer())):
            example = f"{_setter(name)}({minimum if minimum is not None else 7})"
            raise TypeError(f"BayesianTuner {name}={value!r} is not an integer; give an int"
                            + (f" >= {minimum}" if minimum is not None else "") + f", e.g. {example}")
        if minimum is not None and int(value) < minimum:
            raise ValueError(f"BayesianTuner {name}={value!r} is below {minimum}; give an int >= {minimum}")
        return int(value)
    return convert


def _ratio(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
        raise TypeError(f"BayesianTuner trainRatio={value!r} is not a number in (0, 1); give the training fraction "
                        "of one split, e.g. setTrainRatio(0.75)")
    return float(value)


def _stage(name: str, kind: type, example: str) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if not isinstance(value, kind):
            raise TypeError(f"BayesianTuner {name}={value!r} is not a pyspark.ml {kind.__name__}; give one, "
                            f"e.g. {_setter(name)}({example})")
        return value
    return convert


def _text(name: str, example: str) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise TypeError(f"BayesianTuner {name}={value!r} is not a non-empty string; give one, e.g. "
                            f"{_setter(name)}({example!r})")
        return value
    return convert


_EXTRA_EXAMPLE = '[{"name": "recallByLabel", "label": 1, "strategy": "constraint", "threshold": 0.7}]'


def _extra_metrics(value: Any) -> str:
    """A list of metric dicts (the job file's ``metrics:`` schema), or its JSON, as the JSON the JVM tuner reads;
    the JVM checks each entry (known metric, strategy, threshold) and names the one at fault."""
    entries = value
    if isinstance(value, str):
        try:
            entries = json.loads(value)
        except ValueError as e:
            raise ValueError(f"BayesianTuner extraMetrics={value!r} is not valid JSON ({e}); give a list such as "
                             f"{_EXTRA_EXAMPLE}") from None
    if not isinstance(entries, (list, tuple)) or not all(isinstance(e, dict) for e in entries):
        raise TypeError(f"BayesianTuner extraMetrics={value!r} is not a list of metric dicts; give one, e.g. "
                        f"setExtraMetrics({_EXTRA_EXAMPLE})")
    return json.dumps(list(entries))


def _space(value: Any) -> str:
    return as_search_space(value).to_json()


class TunerParams(Params):
    """The Params of the JVM ``io.bayestune.ml.BayesianTuner`` (same names, same defaults)."""

    estimator: Param = Param(Params._dummy(), "estimator", "the estimator to tune",
                             typeConverter=_stage("estimator", Estimator, "GBTClassifier()"))
    evaluator: Param = Param(Params._dummy(), "evaluator", "scores a trial's model on its validation set",
                             typeConverter=_stage("evaluator", Evaluator, "BinaryClassificationEvaluator()"))
    searchSpace: Param = Param(Params._dummy(), "searchSpace", "the estimator Params to search, as SigOpt JSON",
                               typeConverter=_space)
    maxTrials: Param = Param(Params._dummy(), "maxTrials", "number of trials (>= 1)",
                             typeConverter=_integer("maxTrials", 1))
    parallelism: Param = Param(Params._dummy(), "parallelism", "trials in flight at once (>= 1)",
                               typeConverter=_integer("parallelism", 1))
    numFolds: Param = Param(Params._dummy(), "numFolds", "folds each trial is scored on (>= 2)",
                            typeConverter=_integer("numFolds", 2))
    trainRatio: Param = Param(Params._dummy(), "trainRatio", "training fraction of a single split, instead of "
                              "folds, in (0, 1)", typeConverter=_ratio)
    seed: Param = Param(Params._dummy(), "seed", "seeds the splits and the optimizer",
                        typeConverter=_integer("seed", None))

    extraMetrics: Param = Param(Params._dummy(), "extraMetrics", "metrics measured beside the evaluator's, from the "
                                "same predictions, as JSON in the job file's metrics: schema: constraints (with a "
                                "threshold) that the best model must meet on every fold, and stored metrics, e.g. "
                                + _EXTRA_EXAMPLE, typeConverter=_extra_metrics)
    # The job file's mlflow: block as Params (docs/mlflow.md); setting any of them logs the fit to MLflow.
    mlflowTrackingUri: Param = Param(Params._dummy(), "mlflowTrackingUri", "the MLflow tracking server's URL "
                                     "(http(s)://...) or databricks; default: MLFLOW_TRACKING_URI. Setting any mlflow "
                                     "Param logs the fit to MLflow",
                                     typeConverter=_text("mlflowTrackingUri", "http://127.0.0.1:5000"))
    mlflowExperiment: Param = Param(Params._dummy(), "mlflowExperiment", "the MLflow experiment's name, created when "
                                    "missing; default: 'bayestune <estimator class>'",
                                    typeConverter=_text("mlflowExperiment", "credit"))
    mlflowRunName: Param = Param(Params._dummy(), "mlflowRunName", "the MLflow parent run's name; default: "
                                 "'bayestune <estimator class>'", typeConverter=_text("mlflowRunName", "nightly"))

    def getParam(self, paramName: str) -> Param:
        """The Param by name; an unknown name raises ValueError listing the Params there are."""
        param = getattr(self, paramName, None) if isinstance(paramName, str) else None
        if not isinstance(param, Param):
            raise ValueError(f"{type(self).__name__} has no Param {paramName!r}; its Params: "
                             + ", ".join(sorted(p.name for p in self.params)))
        return param

    def getEstimator(self) -> Estimator:
        return self.getOrDefault(self.estimator)

    def getEvaluator(self) -> Evaluator:
        return self.getOrDefault(self.evaluator)

    def getSearchSpace(self):
        """The search space as a :class:`bayestune.SearchSpace`."""
        return as_search_space(self.getOrDefault(self.searchSpace))

    def getMaxTrials(self) -> int:
        return self.getOrDefault(self.maxTrials)

    def getParallelism(self) -> int:
        return self.getOrDefault(self.parallelism)

    def getNumFolds(self) -> int:
        return self.getOrDefault(self.numFolds)

    def getTrainRatio(self) -> float:
        return self.getOrDefault(self.trainRatio)

    def getSeed(self) -> int:
        return self.getOrDefault(self.seed)

    def getMlflowTrackingUri(self) -> Optional[str]:
        return self.getOrDefault(self.mlflowTrackingUri) if self.isDefined(self.mlflowTrackingUri) else None

    def getMlflowExperiment(self) -> Optional[str]:
        return self.getOrDefault(self.mlflowExperiment) if self.isDefined(self.mlflowExperiment) else None

    def getMlflowRunName(self) -> Optional[str]:
        return self.getOrDefault(self.mlflowRunName) if self.isDefined(self.mlflowRunName) else None

    def getExtraMetrics(self) -> list:
        """The extra metrics as a list of dicts (empty when none are set)."""
        return json.loads(self.getOrDefault(self.extraMetrics)) if self.isDefined(self.extraMetrics) else []
