"""bayestune.ml.BayesianTuner on a classic PySpark session: a Pipeline fits, the model answers like the JVM
one, and saved stages load in Python and on the JVM (both ways) with the same predictions."""
from __future__ import annotations

import os

import pytest
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.classification import LogisticRegression

import _credit
from bayestune.ml import BayesianTuner, BayesianTunerModel


@pytest.fixture(scope="module")
def data(spark):
    return _credit.load(spark).cache()


@pytest.fixture(scope="module")
def fitted(data):
    pipeline = _credit.tuned_pipeline()
    return pipeline, pipeline.fit(data)


def _predictions(df):
    return [(r["probability"][1], r["prediction"]) for r in df.orderBy(*_credit.NUMERIC).collect()]


def test_pipeline_fit_gives_the_best_trial(fitted):
    _, model = fitted
    tuned = model.stages[-1]
    assert isinstance(tuned, BayesianTunerModel)
    trials = tuned.trials.collect()
    assert len(trials) == 4 and all(t["status"] == "completed" for t in trials)
    best = max(trials, key=lambda t: t["metric"])
    assert tuned.bestTrialId == best["id"]
    assert tuned.bestValue == pytest.approx(best["metric"])
    assert tuned.bestParams == pytest.approx({"regParam": best["regParam"], "elasticNetParam": best["elasticNetParam"]})
    assert tuned.metricName == "areaUnderROC" and tuned.isLargerBetter
    assert tuned.searchSpace().names == ["regParam", "elasticNetParam"]
    best_model = tuned.bestModel
    assert type(best_model).__name__ == "LogisticRegressionModel"
    assert best_model.getRegParam() == pytest.approx(best["regParam"])
    assert f'"bestTrialId":{best["id"]}' in repr(tuned)


def test_pipeline_model_round_trips_python_and_jvm(fitted, data, spark, tmp_path):
    _, model = fitted
    expected = _predictions(model.transform(data))
    saved_in_python = str(tmp_path / "python-saved")
    model.write().save(saved_in_python)
    assert _predictions(PipelineModel.load(saved_in_python).transform(data)) == expected

    # Loaded on the JVM (the class a Scala or Java user calls), then saved there and loaded back in Python.
    jvm = spark.sparkContext._jvm
    on_jvm = jvm.org.apache.spark.ml.PipelineModel.load(saved_in_python)
    stage = on_jvm.stages()[2]
    assert stage.getClass().getName() == "io.bayestune.ml.BayesianTunerModel"
    assert stage.bestTrialId() == model.stages[-1].bestTrialId
    from pyspark.sql import DataFrame
    assert _predictions(DataFrame(on_jvm.transform(data._jdf), spark)) == expected
    saved_on_jvm = str(tmp_path / "jvm-saved")
    on_jvm.write().save(saved_on_jvm)
    back = PipelineModel.load(saved_on_jvm)
    assert isinstance(back.stages[-1], BayesianTunerModel)
    assert _predictions(back.transform(data)) == expected

    # The tuner's model alone, saved by Python, loads with the JVM class's load and with the Python class.
    alone = str(tmp_path / "model")
    model.stages[-1].save(alone)
    assert jvm.io.bayestune.ml.BayesianTunerModel.load(alone).bestValue() == model.stages[-1].bestValue
    assert BayesianTunerModel.load(alone).bestParams == model.stages[-1].bestParams
    assert spark.read.parquet(os.path.join(alone, "trials")).count() == 4


def test_tuner_and_pipeline_round_trip(fitted, spark, tmp_path):
    pipeline, _ = fitted
    path = str(tmp_path / "pipeline")
    pipeline.write().save(path)
    tuner = Pipeline.load(path).getStages()[-1]
    original = pipeline.getStages()[-1]
    assert isinstance(tuner, BayesianTuner) and tuner.uid == original.uid
    for name in ("maxTrials", "parallelism", "numFolds", "seed"):
        assert tuner.getOrDefault(name) == original.getOrDefault(name), name
    assert tuner.getSearchSpace() == original.getSearchSpace()
    assert isinstance(tuner.getEstimator(), LogisticRegression) and tuner.getEstimator().getMaxIter() == 20
    assert tuner.getEvaluator().getMetricName() == "areaUnderROC"
    assert not tuner.isSet(tuner.trainRatio)

    alone = str(tmp_path / "tuner")
    original.save(alone)
    on_jvm = spark.sparkContext._jvm.io.bayestune.ml.BayesianTuner.load(alone)
    assert on_jvm.getMaxTrials() == 4 and on_jvm.getNumFolds() == 2 and on_jvm.getSeed() == 7
    assert on_jvm.getEstimator().getClass().getSimpleName() == "LogisticRegression"
    assert BayesianTuner.load(alone).getSearchSpace() == original.getSearchSpace()


def test_defaults_are_the_jvm_defaults(spark):
    tuner = BayesianTuner()
    java = tuner._java_obj
    for name in ("maxTrials", "parallelism", "numFolds", "trainRatio", "seed"):
        assert tuner.getOrDefault(name) == java.getDefault(java.getParam(name)).get(), name
    assert sorted(p.name for p in tuner.params) == sorted(
        p.name() for p in java.params() if not p.name().endswith("Json"))


def test_copy_copies_the_nested_stages():
    tuner = _credit.tuned_pipeline().getStages()[-1]
    copied = tuner.copy({tuner.maxTrials: 9})
    assert copied.getMaxTrials() == 9 and tuner.getMaxTrials() == 4
    assert copied.getEstimator() is not tuner.getEstimator()
    assert copied.getEstimator().getMaxIter() == 20


def test_mlflow_params_survive_save_and_load(spark, tmp_path):
    tuner = _credit.tuned_pipeline().getStages()[-1]
    tuner.setMlflowTrackingUri("http://127.0.0.1:5000").setMlflowExperiment("credit").setMlflowRunName("nightly")
    path = str(tmp_path / "tuner-mlflow")
    tuner.save(path)
    back = BayesianTuner.load(path)
    on_jvm = spark.sparkContext._jvm.io.bayestune.ml.BayesianTuner.load(path)
    for name, value in (("mlflowTrackingUri", "http://127.0.0.1:5000"), ("mlflowExperiment", "credit"),
                        ("mlflowRunName", "nightly")):
        assert back.getOrDefault(name) == value, name
        assert on_jvm.getOrDefault(on_jvm.getParam(name)) == value, name
    assert not BayesianTuner().isDefined("mlflowTrackingUri")  # tracking is off unless asked for


MIN_RECALL = 0.7
CONSTRAINED_SEED = 3


@pytest.fixture(scope="module")
def constrained(data):
    """maximize areaUnderROC subject to the recall of "bad" (label 1) >= 0.7 on every fold, searching the decision
    threshold (recall depends on it, AUC does not): 4 trials, 2 folds."""
    from pyspark.ml.evaluation import BinaryClassificationEvaluator
    from pyspark.ml.feature import StringIndexer, VectorAssembler

    from bayestune import SearchSpace

    tuner = BayesianTuner(
        estimator=LogisticRegression(maxIter=20), evaluator=BinaryClassificationEvaluator(),
        searchSpace=SearchSpace.builder().addDouble("regParam", 1e-4, 0.1, log=True)
        .addDouble("threshold", 0.05, 0.9).build(),
        extraMetrics=[{"name": "recallByLabel", "label": 1, "strategy": "constraint", "threshold": MIN_RECALL}],
        maxTrials=4, parallelism=1, numFolds=2, seed=CONSTRAINED_SEED)
    pipeline = Pipeline(stages=[StringIndexer(inputCol="Status", outputCol="label"),
                                VectorAssembler(inputCols=_credit.NUMERIC, outputCol="features"), tuner])
    return pipeline, pipeline.fit(data)


def test_constrained_tuner_chooses_the_best_trial_that_meets_the_constraint_on_every_fold(constrained, data):
    from pyspark.ml.evaluation import MulticlassClassificationEvaluator

    _, model = constrained
    tuned = model.stages[-1]
    trials = tuned.trials.collect()
    assert len(trials) == 4 and all(t["status"] == "completed" for t in trials)
    # The threshold bites: a trial that misses it exists, and is not chosen however high its AUC.
    assert any(not t["feasible"] for t in trials), [(t["threshold"], t["recallByLabel"]) for t in trials]
    feasible = [t for t in trials if t["feasible"]]
    best = max(feasible, key=lambda t: t["metric"])
    assert tuned.bestTrialId == best["id"] and tuned.bestValue == pytest.approx(best["metric"])
    assert all(t["feasible"] == (t["recallByLabel"] >= MIN_RECALL) for t in trials)

    # Recomputed on the tuner's folds (the same seeded randomSplit of the same input): the best Params' recall of
    # "bad" on each validation fold meets the threshold; the trial's recallByLabel is the worst fold.
    prepared = model.stages[1].transform(model.stages[0].transform(data))
    folds = prepared.randomSplit([1.0, 1.0], CONSTRAINED_SEED)
    recall = MulticlassClassificationEvaluator(metricName="recallByLabel", metricLabel=1.0)
    recalls = []
    for i in range(2):
        fitted = LogisticRegression(maxIter=20, regParam=tuned.bestParams["regParam"],
                                    threshold=tuned.bestParams["threshold"]).fit(folds[1 - i])
        recalls.append(recall.evaluate(fitted.transform(folds[i])))
    assert min(recalls) == pytest.approx(best["recallByLabel"], rel=1e-9)
    assert all(r >= MIN_RECALL for r in recalls), recalls


def test_constrained_tuner_saves_and_loads_its_constraints(constrained, spark, tmp_path):
    import json

    pipeline, model = constrained
    tuner = pipeline.getStages()[-1]
    tuner.save(str(tmp_path / "tuner"))
    expected = [{"name": "recallByLabel", "label": 1, "strategy": "constraint", "threshold": MIN_RECALL}]
    assert BayesianTuner.load(str(tmp_path / "tuner")).getExtraMetrics() == expected
    on_jvm = spark.sparkContext._jvm.io.bayestune.ml.BayesianTuner.load(str(tmp_path / "tuner"))
    assert json.loads(on_jvm.getExtraMetrics()) == expected

    model.write().save(str(tmp_path / "model"))
    back = PipelineModel.load(str(tmp_path / "model")).stages[-1]
    metrics = json.loads(back.experimentJson())["experiment"]["metrics"]
    assert {"name": "recallByLabel", "strategy": "constraint", "threshold": MIN_RECALL}.items() <= metrics[1].items()
    assert back.bestTrialId == model.stages[-1].bestTrialId
