"""bayestune: Bayesian optimization for Apache Spark, from Python."""
from bayestune._jar import jar_path

__all__ = ["jar_path"]
__version__ = "0.1.0"
