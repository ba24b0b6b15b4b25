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
