"""The bundled credit data (examples/data/credit_data.csv) and a small tuner over it, for the ML tests."""
from __future__ import annotations

import os

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CSV = os.path.join(REPO, "examples", "data", "credit_data.csv")
NUMERIC = ["Seniority", "Time", "Age", "Expenses", "Income", "Assets", "Debt", "Amount", "Price"]


def load(spark):
    """The complete rows ("NA" marks a missing field)."""
    return spark.read.csv(CSV, header=True, inferSchema=True, nullValue="NA").dropna()


def tuned_pipeline(max_trials: int = 4, seed: int = 7, **split):
    """StringIndexer (label: bad = 1) + VectorAssembler + BayesianTuner over a LogisticRegression:
    a small budget (2 folds, or ``trainRatio=r`` for one split), so that a test fit stays short."""
    from pyspark.ml import Pipeline
    from pyspark.ml.classification import LogisticRegression
    from pyspark.ml.evaluation import BinaryClassificationEvaluator
    from pyspark.ml.feature import StringIndexer, VectorAssembler

    from bayestune import SearchSpace
    from bayestune.ml import BayesianTuner

    tuner = BayesianTuner(
        estimator=LogisticRegression(maxIter=20), evaluator=BinaryClassificationEvaluator(),
        searchSpace=SearchSpace.builder().addDouble("regParam", 1e-4, 1.0, log=True)
        .addDouble("elasticNetParam", 0.0, 1.0).build(),
        maxTrials=max_trials, parallelism=2, seed=seed, **(split or {"numFolds": 2}))
    return Pipeline(stages=[StringIndexer(inputCol="Status", outputCol="label"),
                            VectorAssembler(inputCols=NUMERIC, outputCol="features"), tuner])
