"""Fitting a BayesianTuner from a Spark Connect client.

Spark Connect (4.1 "ML on Connect") builds a third-party estimator on the server by class name (found
through META-INF/services) and sets its Params from literals: numbers, strings, arrays, vectors. An
estimator-typed Param (the tuner's ``estimator`` and ``evaluator``) cannot travel that way, so this
client sends them as JSON in the JVM tuner's ``estimatorJson`` / ``evaluatorJson`` Params, in the shape of
Spark's stage metadata (``{"class", "uid", "paramMap"}``); the server builds them (io.bayestune.ml.StageJson)
and the whole search runs on the server, next to the data, as on a classic cluster.
"""
from __future__ import annotations

import json
from typing import Any

from pyspark.ml.linalg import DenseVector, SparseVector

from bayestune.ml._jvm import jvm_errors


def stage_json(stage: Any, role: str) -> str:
    """A pyspark.ml stage of a Connect client (its ``_java_obj`` is the JVM class name) as the JSON the
    server's StageJson reads: its set Params only (the JVM defaults are the Python ones)."""
    java_class = getattr(stage, "_java_obj", None)
    if not isinstance(java_class, str):
        raise TypeError(f"bayestune: {role} {type(stage).__name__} is not a Spark ML stage with a JVM class, so "
                        "it cannot be sent over Spark Connect; use a pyspark.ml estimator such as "
                        "LogisticRegression or GBTClassifier (put feature stages before the tuner in the Pipeline)")
    params = {p.name: _json_value(stage, p.name, v) for p, v in stage._paramMap.items()}
    return json.dumps({"class": java_class, "uid": stage.uid, "paramMap": params})


def _json_value(stage: Any, name: str, value: Any) -> Any:
    # Spark's Param.jsonDecode forms: plain JSON for numbers, strings, booleans and arrays; vectors as
    # {"type": 0 sparse | 1 dense, ...} (org.apache.spark.ml.linalg.JsonVectorConverter).
    if isinstance(value, DenseVector):
        return {"type": 1, "values": value.values.tolist()}
    if isinstance(value, SparseVector):
        return {"type": 0, "size": value.size, "indices": value.indices.tolist(), "values": value.values.tolist()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, (bool, int, float, str, list)) for v in value):
        return list(value)
    raise TypeError(f"bayestune: {type(stage).__name__}.{name}={value!r} cannot be sent over Spark Connect inside "
                    "a BayesianTuner; leave it unset or fit from a classic session")


def fit_remote(tuner: Any, dataset: Any) -> Any:
    """Fits on the Connect server: one ML ``fit`` command for the whole search. Returns the Python model,
    holding a reference to the server's model (transform, write and the best trial's summary work)."""
    import pyspark.sql.connect.proto as pb2
    from pyspark.ml.connect.serialize import deserialize, serialize_ml_params_values
    from pyspark.ml.util import RemoteModelRef

    from bayestune.ml.tuner import NESTED

    values = {p.name: v for p, v in tuner._paramMap.items() if p.name not in NESTED}
    for name in NESTED:
        values[name + "Json"] = stage_json(tuner.getOrDefault(name), name)
    client = dataset.sparkSession.client
    command = pb2.Command()
    command.ml_command.fit.CopyFrom(pb2.MlCommand.Fit(
        estimator=pb2.MlOperator(name=tuner._java_class, uid=tuner.uid,
                                 type=pb2.MlOperator.OPERATOR_TYPE_ESTIMATOR),
        params=serialize_ml_params_values(values, client),
        dataset=dataset._plan.plan(client)))
    with jvm_errors(f"fitting BayesianTuner {tuner.uid} over Spark Connect"):
        _, properties, _ = client.execute_command(command)
    model = tuner._create_model(RemoteModelRef(deserialize(properties).obj_ref.id))
    model._resetUid(tuner.uid)
    return tuner._copyValues(model)
