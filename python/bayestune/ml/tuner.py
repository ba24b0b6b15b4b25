"""``BayesianTuner``: the pyspark.ml wrapper of the JVM ``io.bayestune.ml.BayesianTuner``."""
from __future__ import annotations

from typing import Any, Optional

from pyspark import keyword_only
from pyspark.ml.util import JavaMLReadable, JavaMLWritable
from pyspark.ml.wrapper import JavaEstimator, JavaParams
from pyspark.sql import DataFrame, is_remote

from bayestune.ml._jvm import JAVA_PACKAGE, jvm_errors
from bayestune.ml._params import DEFAULTS, TunerParams
from bayestune.ml.model import BayesianTunerModel

NESTED = ("estimator", "evaluator")


class BayesianTuner(JavaEstimator, TunerParams, JavaMLReadable, JavaMLWritable):
    """Tunes a Spark ML estimator by Bayesian optimization; the shape of pyspark's ``CrossValidator``.

    >>> tuner = BayesianTuner(estimator=GBTClassifier(), evaluator=BinaryClassificationEvaluator(),
    ...                       searchSpace=SearchSpace.builder().addInt("maxDepth", 2, 8).build(),
    ...                       maxTrials=30, parallelism=4, seed=7)
    >>> model = Pipeline(stages=[assembler, tuner]).fit(train)   # or tuner.fit(train)

    The search space is a :class:`bayestune.SearchSpace`, a SigOpt parameter list (dicts) or its JSON.
    Works on a classic session (py4j) and from a Spark Connect client (see docs/python.md).
    """

    # The JVM class (JavaMLReader and Spark Connect's reader derive it from __module__, set in __init__.py).
    _java_class = JAVA_PACKAGE + ".BayesianTuner"

    @keyword_only
    def __init__(self, *, estimator: Any = None, evaluator: Any = None, searchSpace: Any = None,
                 maxTrials: int = 20, parallelism: int = 1, numFolds: int = 3, trainRatio: float = 0.75,
                 seed: Optional[int] = None, extraMetrics: Any = None, mlflowTrackingUri: Optional[str] = None,
                 mlflowExperiment: Optional[str] = None, mlflowRunName: Optional[str] = None) -> None:
        super().__init__()
        self._java_obj = self._new_java_obj(self._java_class, self.uid)
        self._setDefault(**DEFAULTS)
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, estimator: Any = None, evaluator: Any = None, searchSpace: Any = None,
                  maxTrials: int = 20, parallelism: int = 1, numFolds: int = 3, trainRatio: float = 0.75,
                  seed: Optional[int] = None, extraMetrics: Any = None, mlflowTrackingUri: Optional[str] = None,
                  mlflowExperiment: Optional[str] = None, mlflowRunName: Optional[str] = None) -> "BayesianTuner":
        return self._set(**self._input_kwargs)

    def setEstimator(self, value: Any) -> "BayesianTuner":
        return self._set(estimator=value)

    def setEvaluator(self, value: Any) -> "BayesianTuner":
        return self._set(evaluator=value)

    def setSearchSpace(self, value: Any) -> "BayesianTuner":
        """A :class:`bayestune.SearchSpace`, a SigOpt parameter list or ``{"parameters": [...]}``, or its JSON."""
        return self._set(searchSpace=value)

    def setMaxTrials(self, value: int) -> "BayesianTuner":
        return self._set(maxTrials=value)

    def setParallelism(self, value: int) -> "BayesianTuner":
        return self._set(parallelism=value)

    def setNumFolds(self, value: int) -> "BayesianTuner":
        """Scores each trial by k-fold cross-validation (the default, with 3 folds)."""
        return self._set(numFolds=value)

    def setTrainRatio(self, value: float) -> "BayesianTuner":
        """Scores each trial on one split instead of folds: this fraction trains, the rest validates."""
        return self._set(trainRatio=value)

    def setSeed(self, value: int) -> "BayesianTuner":
        return self._set(seed=value)

    def setExtraMetrics(self, value: Any) -> "BayesianTuner":
        """Metrics measured beside the evaluator's (which stays the one optimized), in the job file's ``metrics:``
        schema: a list of dicts (or its JSON). A constraint (``"strategy": "constraint"`` with a ``threshold``) must
        hold on every fold for a trial to be chosen; a stored one (``"strategy": "store"``) is only recorded::

            tuner.setExtraMetrics([{"name": "recallByLabel", "label": 1, "strategy": "constraint", "threshold": 0.7},
                                   {"name": "training_seconds", "strategy": "store"}])
        """
        return self._set(extraMetrics=value)

    def setMlflowTrackingUri(self, value: str) -> "BayesianTuner":
        """Logs the fit to this MLflow tracking server (a parent run, a child run per trial, the best model), as a
        job's ``mlflow.tracking_uri``; without it ``MLFLOW_TRACKING_URI`` is used once another mlflow Param is set."""
        return self._set(mlflowTrackingUri=value)

    def setMlflowExperiment(self, value: str) -> "BayesianTuner":
        return self._set(mlflowExperiment=value)

    def setMlflowRunName(self, value: str) -> "BayesianTuner":
        return self._set(mlflowRunName=value)

    # --- fitting ---

    def _fit(self, dataset: DataFrame) -> BayesianTunerModel:
        self.check()
        if is_remote():
            from bayestune.ml._connect import fit_remote
            return fit_remote(self, dataset)
        with jvm_errors(f"fitting BayesianTuner {self.uid}"):
            java_model = self._fit_java(dataset)
        return self._copyValues(self._create_model(java_model))

    def _create_model(self, java_model: Any) -> BayesianTunerModel:
        return BayesianTunerModel(java_model)

    def check(self) -> None:
        """Checks in Python what a fit needs (also over Spark Connect, before anything is sent): the required
        Params, and every search-space name a Param of the estimator. The JVM checks types and bounds too."""
        for name in (*NESTED, "searchSpace"):
            if not self.isDefined(self.getParam(name)):
                raise ValueError(f"BayesianTuner {self.uid}: {name} is not set; call set{name[0].upper()}"
                                 f"{name[1:]}(...)")
        estimator = self.getEstimator()
        for name in self.getSearchSpace().names:
            if not estimator.hasParam(name):
                raise ValueError(
                    f"BayesianTuner searchSpace parameter {name!r}: {name!r} is not a Param of "
                    f"{type(estimator).__name__}; its Params: {', '.join(sorted(p.name for p in estimator.params))}."
                    " Fix the name in the search space")

    # --- nested stages: Python wrappers in Python, Java objects in the JVM (as pyspark's CrossValidator) ---

    def _make_java_param_pair(self, param: Any, value: Any) -> Any:
        param = self._resolveParam(param)
        if param.name in NESTED:
            return self._java_obj.getParam(param.name).w(value._to_java())
        return super()._make_java_param_pair(param, value)

    def _transfer_params_from_java(self) -> None:
        for name in NESTED:
            java_param = self._java_obj.getParam(name)
            if self._java_obj.isDefined(java_param):
                self._set(**{name: JavaParams._from_java(self._java_obj.getOrDefault(java_param))})
        simple = [p for p in self.params if p.name not in NESTED]
        for param in simple:
            java_param = self._java_obj.getParam(param.name)
            if self._java_obj.isSet(java_param):
                self._set(**{param.name: self._java_obj.getOrDefault(java_param)})

    def copy(self, extra: Optional[dict] = None) -> "BayesianTuner":
        """A copy with ``extra`` applied, its estimator and evaluator copied too (as CrossValidator does)."""
        extra = dict(extra or {})
        that = super().copy(extra)
        for name in NESTED:
            if self.isDefined(self.getParam(name)):
                that._set(**{name: self.getOrDefault(name).copy(extra)})
        return that

    def write(self):
        if is_remote():
            raise NotImplementedError(
                "bayestune: saving a BayesianTuner from a Spark Connect client is not supported (Connect sends "
                "Params as literals, not nested estimators); save the fitted BayesianTunerModel or PipelineModel, "
                "or save the tuner from a classic session")
        with jvm_errors("preparing BayesianTuner for saving"):
            return super().write()
