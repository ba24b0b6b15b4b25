"""bayestune: Bayesian optimization for Apache Spark, from Python."""
from bayestune._jar import jar_path
from bayestune.experiment import Best, Experiment, Observation, Suggestion
from bayestune.jobs import run_job
from bayestune.result import TuningResult
from bayestune.space import SearchSpace
from bayestune.tune import ObjectiveNotPicklableError, TuningStoppedError, tune

__all__ = ["Best", "Experiment", "Observation", "ObjectiveNotPicklableError", "SearchSpace", "Suggestion",
           "TuningResult", "TuningStoppedError", "jar_path", "run_job", "tune"]
__version__ = "0.1.0"
