"""The Params of BayesianTuner: the JVM tuner's names and defaults, with converters that say what to give."""
from __future__ import annotations

from typing import Any, Callable

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
