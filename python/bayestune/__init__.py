"""bayestune: Bayesian optimization for Apache Spark, from Python."""
from bayestune._jar import jar_path
from bayestune.result import TuningResult
from bayestune.space import SearchSpace

__all__ = ["SearchSpace", "TuningResult", "jar_path"]
__version__ = "0.1.0"
