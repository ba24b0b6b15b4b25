"""Bad input to bayestune.ml.BayesianTuner from Python: a Python exception that names the field and the fix,
raised before any trial runs; JVM checks arrive with the JVM's message, not as a bare Java stack trace."""
from __future__ import annotations

import pytest
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator

import _credit
from bayestune import SearchSpace
from bayestune.ml import BayesianTuner

# A BayesianTuner on a classic session holds its JVM twin, so every test needs the session.
pytestmark = pytest.mark.usefixtures("spark")

@pytest.fixture(scope="module")
def data(spark):
    from pyspark.ml.feature import StringIndexer, VectorAssembler
    raw = _credit.load(spark).limit(200)
    indexed = StringIndexer(inputCol="Status", outputCol="label").fit(raw).transform(raw)
    return VectorAssembler(inputCols=_credit.NUMERIC, outputCol="features").transform(indexed).cache()


def _tuner(**space):
    return BayesianTuner(estimator=LogisticRegression(), evaluator=BinaryClassificationEvaluator(),
                         searchSpace=SearchSpace.builder().addDouble("regParam", 0.01, 1.0).build(), maxTrials=2)


def test_unknown_tuner_param_lists_the_params():
    tuner = BayesianTuner()
    with pytest.raises(ValueError, match=r"BayesianTuner has no Param 'maxTrails'; its Params: .*maxTrials"):
        tuner.set(tuner.getParam("maxTrails"), 3)
    with pytest.raises(TypeError, match="maxTrails"):
        BayesianTuner(maxTrails=3)


@pytest.mark.parametrize("call, error, words", [
    (lambda t: t.setMaxTrials("ten"), TypeError, ["maxTrials='ten' is not an integer", "setMaxTrials("]),
    (lambda t: t.setMaxTrials(0), ValueError, ["maxTrials=0 is below 1", "int >= 1"]),
    (lambda t: t.setNumFolds(1), ValueError, ["numFolds=1 is below 2"]),
    (lambda t: t.setTrainRatio(1.5), TypeError, ["trainRatio=1.5", "(0, 1)"]),
    (lambda t: t.setEstimator("lr"), TypeError, ["estimator='lr' is not a pyspark.ml Estimator"]),
    (lambda t: t.setEvaluator(LogisticRegression()), TypeError, ["evaluator=", "not a pyspark.ml Evaluator"]),
    (lambda t: t.setSearchSpace([]), ValueError, ["space names no parameter", "addDouble"]),
    (lambda t: t.setSearchSpace("{not json"), ValueError, ["not valid JSON"]),
])
def test_wrong_values_name_the_field_and_the_fix(call, error, words):
    with pytest.raises(error) as raised:
        call(_tuner())
    for w in words:
        assert w in str(raised.value)


def test_search_space_naming_a_param_the_estimator_lacks(data):
    tuner = _tuner().setSearchSpace([{"name": "maxDepht", "type": "int", "bounds": {"min": 2, "max": 8}}])
    with pytest.raises(ValueError) as raised:
        tuner.fit(data)
    message = str(raised.value)
    assert "'maxDepht' is not a Param of LogisticRegression" in message
    assert "regParam" in message.split("its Params:")[1] and "Fix the name" in message


def test_jvm_checks_arrive_as_python_errors_with_the_jvm_message(data):
    # Bounds the Param's own validator refuses: checked on the JVM (EstimatorCatalog), before any trial.
    tuner = _tuner().setSearchSpace(SearchSpace.builder().addDouble("regParam", -1.0, 1.0).build())
    with pytest.raises(ValueError) as raised:
        tuner.fit(data)
    message = str(raised.value)
    assert "regParam" in message and "-1.0" in message and "Py4JJavaError" not in message
    with pytest.raises(ValueError, match="both numFolds .* and trainRatio .* are set; set one"):
        _tuner().setNumFolds(2).setTrainRatio(0.5).fit(data)


def test_missing_estimator_says_which_setter(data):
    tuner = BayesianTuner(evaluator=BinaryClassificationEvaluator(), searchSpace=[
        {"name": "regParam", "type": "double", "bounds": {"min": 0.01, "max": 1.0}}])
    with pytest.raises(ValueError, match=r"estimator is not set; call setEstimator\(\.\.\.\)"):
        tuner.fit(data)


def test_mlflow_tracking_uri_must_be_a_server(data):
    tuner = _tuner().setMlflowTrackingUri("file:///tmp/mlruns")
    with pytest.raises(ValueError) as raised:
        tuner.fit(data)
    message = str(raised.value)
    assert "mlflowTrackingUri: must be an MLflow tracking server's http(s):// URL" in message
    assert "file:///tmp/mlruns" in message and "mlflow server --backend-store-uri" in message
    with pytest.raises(TypeError, match=r"mlflowExperiment=3 is not a non-empty string"):
        _tuner().setMlflowExperiment(3)


@pytest.mark.parametrize("extra, words", [
    ([{"name": "recallByLabel", "label": 1, "strategy": "constraint"}],
     ['extraMetrics[0] {"name":"recallByLabel","label":1,"strategy":"constraint"}', "a constraint needs a threshold",
      'add "threshold"']),
    ([{"name": "recal", "strategy": "constraint", "threshold": 0.7}],
     ['extraMetrics[0]', 'unknown metric name "recal"', "known metrics:", "recallByLabel"]),
    ([{"name": n, "strategy": "constraint", "threshold": 0.5}
      for n in ("areaUnderPR", "f1", "accuracy", "recallByLabel", "precisionByLabel")],
     ["extraMetrics: at most 4 constraint metrics, but got 5", '"strategy": "store"']),
])
def test_bad_extra_metrics_name_the_entry_the_value_and_the_fix(data, extra, words):
    with pytest.raises(ValueError) as raised:  # checked on the JVM before any trial, arriving as a Python error
        _tuner().setExtraMetrics(extra).fit(data)
    for w in words:
        assert w in str(raised.value)
    assert "Py4JJavaError" not in str(raised.value)


def test_extra_metrics_must_be_a_list_of_dicts():
    with pytest.raises(TypeError, match=r"extraMetrics=.* is not a list of metric dicts; give one, e.g. setExtraMetrics"):
        _tuner().setExtraMetrics({"name": "f1"})
    with pytest.raises(ValueError, match="extraMetrics='\\[oops' is not valid JSON"):
        _tuner().setExtraMetrics("[oops")


def test_no_trial_meeting_the_constraints_fails_the_fit_naming_them(data):
    # Recall is at most 1, so no configuration meets 1.01: no model that breaks the requirement is returned.
    tuner = _tuner().setExtraMetrics([{"name": "recallByLabel", "label": 1, "strategy": "constraint",
                                       "threshold": 1.01}])
    with pytest.raises(RuntimeError) as raised:
        tuner.fit(data)
    message = str(raised.value)
    assert "none of the 2 completed trials met the constraints of extraMetrics on every fold" in message
    assert "recallByLabel >= 1.01" in message and "loosen the threshold" in message
