"""Spark ML stages: ``BayesianTuner`` and ``BayesianTunerModel``, wrappers of the JVM ``io.bayestune.ml`` classes."""
import sys

from bayestune.ml.model import BayesianTunerModel
from bayestune.ml.tuner import BayesianTuner

# pyspark maps a Java stage to its Python wrapper by class name (JavaParams._from_java, JavaMLReader, the Spark
# Connect reader): "org.apache.spark.X" becomes "pyspark.X", and any other name is imported as it is. Naming
# the wrappers' module "io.bayestune.ml" and registering this module under that name lets pyspark load a saved
# Pipeline, PipelineModel, tuner or model holding bayestune stages, with no change to pyspark.
sys.modules.setdefault("io.bayestune.ml", sys.modules[__name__])
for _cls in (BayesianTuner, BayesianTunerModel):
    _cls.__module__ = "io.bayestune.ml"

__all__ = ["BayesianTuner", "BayesianTunerModel"]
