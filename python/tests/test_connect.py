"""BayesianTuner from a Spark Connect client: a real Connect server (pip pyspark's jars, SparkSubmit, the
bayestune jar with --jars) on 127.0.0.1, and a Python client in its own process fitting a Pipeline."""
from __future__ import annotations

import glob
import json
import os
import socket
import subprocess
import sys
import time

import pytest
import pyspark

import bayestune

HERE = os.path.dirname(os.path.abspath(__file__))
# Spark 4 on Java 17 (docs: /work/shared/notes/stack.md; the list Spark gives its own JVMs).
JAVA_OPTIONS = (
    "-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector --add-opens=java.base/java.lang=ALL-UNNAMED "
    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED "
    "--add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED "
    "--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED "
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED "
    "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED "
    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED "
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED "
    "-Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true "
    "--enable-native-access=ALL-UNNAMED").split()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, server: subprocess.Popen, log: str, seconds: float = 180) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the Spark Connect server exited ({server.returncode}); its log:\n"
                               + open(log).read()[-4000:])
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise TimeoutError(f"no Spark Connect server on 127.0.0.1:{port} after {seconds} s; log: {log}")


@pytest.fixture(scope="module")
def connect_url(tmp_path_factory):
    spark_jars = os.path.join(os.path.dirname(pyspark.__file__), "jars")
    assert glob.glob(os.path.join(spark_jars, "spark-connect_*.jar")), "pip pyspark carries the Connect server"
    port = _free_port()
    log = str(tmp_path_factory.mktemp("connect") / "server.log")
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", SPARK_HOME=os.path.dirname(pyspark.__file__))
    command = ["java", *JAVA_OPTIONS, "-cp", os.path.join(spark_jars, "*"), "org.apache.spark.deploy.SparkSubmit",
               "--master", "local[4]", "--class", "org.apache.spark.sql.connect.service.SparkConnectServer",
               "--jars", bayestune.jar_path(),
               "--conf", f"spark.connect.grpc.binding.port={port}",
               "--conf", "spark.connect.grpc.binding.address=127.0.0.1",
               "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false",
               "--conf", "spark.sql.shuffle.partitions=4",
               "--conf", f"spark.driver.extraJavaOptions={' '.join(JAVA_OPTIONS)}",
               "spark-internal"]
    with open(log, "w") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        _wait_for(port, server, log)
        yield f"sc://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_pipeline_with_bayesian_tuner_fits_over_connect(connect_url, tmp_path):
    env = dict(os.environ, PYTHONPATH=HERE + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("SPARK_CONNECT_MODE_ENABLED", None)
    done = subprocess.run([sys.executable, os.path.join(HERE, "connect_client.py"), connect_url, str(tmp_path)],
                          capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stderr[-4000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])

    assert result["isBayesianTunerModel"], result["modelClass"]
    assert set(result["bestParams"]) == {"regParam", "elasticNetParam"}
    assert 1e-4 <= result["bestParams"]["regParam"] <= 1.0
    assert result["metricName"] == "areaUnderROC" and 0.6 < result["bestValue"] < 1.0
    assert 1 <= result["bestTrialId"] <= 4
    assert result["rows"] > 3000 and 0.6 < result["auc"] < 1.0
    assert result["reloadedAuc"] == pytest.approx(result["auc"])
    assert result["reloadedBestParams"] == result["bestParams"]
    # What Connect cannot give says so and what to do instead.
    assert result["trialsError"].startswith("NotImplementedError") and "spark.read.parquet" in result["trialsError"]
    # Bad input over Connect: Python exceptions naming the field, the estimator and the fix.
    assert result["unknownParamError"].startswith("ValueError")
    assert "'maxDepht' is not a Param of LogisticRegression" in result["unknownParamError"]
    assert "regParam" in result["unknownParamError"].split("its Params:")[1]
    assert result["jvmCheckError"].startswith("ValueError") and "regParam" in result["jvmCheckError"]
    assert "JVM stacktrace" not in result["jvmCheckError"]
    assert result["extraMetricsError"].startswith("ValueError"), result["extraMetricsError"]
    assert "extraMetrics[0]" in result["extraMetricsError"] and "needs a threshold" in result["extraMetricsError"]
    assert "mlflowTrackingUri: must be an MLflow tracking server" in result["mlflowError"], result["mlflowError"]
