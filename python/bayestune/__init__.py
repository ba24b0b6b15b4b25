"""bayestune: Bayesian optimization for Apache Spark, from Python."""
from bayestune._jar import jar_path
from bayestune.result import TuningResult
from bayestune.space import SearchSpace
from bayestune.tune import ObjectiveNotPicklableError, TuningStoppedError, tune

__all__ = ["ObjectiveNotPicklableError", "SearchSpace", "TuningResult", "TuningStoppedError", "jar_path", "tune"]
__version__ = "0.1.0"
