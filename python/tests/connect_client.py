"""A Spark Connect client run by test_connect.py in its own process (a classic and a Connect session do not
mix in one Python process). Usage: connect_client.py sc://127.0.0.1:PORT OUTPUT_DIR. Prints one JSON object."""
from __future__ import annotations

import json
import sys


def _error(call) -> str:
    try:
        call()
    except Exception as e:  # noqa: BLE001 - the test asserts on the type and the message
        return f"{type(e).__name__}: {e}"
    return "no error"


def main(url: str, out: str) -> None:
    from pyspark.ml import PipelineModel
    from pyspark.ml.evaluation import BinaryClassificationEvaluator
    from pyspark.sql import SparkSession

    import _credit
    from bayestune import SearchSpace
    from bayestune.ml import BayesianTunerModel

    spark = SparkSession.builder.remote(url).getOrCreate()
    data = _credit.load(spark)
    pipeline = _credit.tuned_pipeline(trainRatio=0.7)  # one split per trial: a short test
    model = pipeline.fit(data)
    tuned = model.stages[-1]
    predicted = model.transform(data)
    auc = BinaryClassificationEvaluator().evaluate(predicted)
    model.write().overwrite().save(out + "/pipeline-model")
    reloaded = PipelineModel.load(out + "/pipeline-model")
    tuner = pipeline.getStages()[-1]
    result = {
        "modelClass": type(tuned).__name__,
        "isBayesianTunerModel": isinstance(tuned, BayesianTunerModel),
        "bestParams": tuned.bestParams, "bestValue": tuned.bestValue, "bestTrialId": tuned.bestTrialId,
        "metricName": tuned.metricName, "rows": predicted.count(), "auc": auc,
        "reloadedAuc": BinaryClassificationEvaluator().evaluate(reloaded.transform(data)),
        "reloadedBestParams": reloaded.stages[-1].bestParams,
        "trialsError": _error(lambda: tuned.trials),
        "unknownParamError": _error(lambda: tuner.copy().setSearchSpace(
            SearchSpace.builder().addInt("maxDepht", 2, 8).build()).fit(data)),
        "jvmCheckError": _error(lambda: tuner.copy().setSearchSpace(
            SearchSpace.builder().addDouble("regParam", -1.0, 1.0).build()).fit(data)),
        # String Params travel as literals: the server checks them before any trial and names them.
        "extraMetricsError": _error(lambda: tuner.copy().setExtraMetrics(
            [{"name": "recallByLabel", "label": 1, "strategy": "constraint"}]).fit(data)),
        "mlflowError": _error(lambda: tuner.copy().setMlflowTrackingUri("file:///tmp/mlruns").fit(data)),
    }
    print(json.dumps(result))
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
