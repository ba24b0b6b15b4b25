"""Nightly bayestune tuning of examples/credit-gbt.yaml, two ways: spark-submit and a Databricks run.

Each night tunes into ``<bayestune_output_base>/<ds>`` and warm-starts from the previous night's experiment; a
retried or cleared task resumes its night's experiment (same output path). Settings come from Airflow Variables,
read when a task renders its arguments (not while the scheduler parses this file):

- ``bayestune_jar``: the cluster jar (``mvn -B -DskipTests package`` -> jobs/target/bayestune-<version>.jar),
  e.g. ``/opt/bayestune/bayestune-0.1.0.jar`` for spark-submit, ``dbfs:/FileStore/jars/bayestune-0.1.0.jar``
  for Databricks.
- ``bayestune_job_file``: the job file, readable by the driver.
- ``bayestune_output_base``: e.g. ``s3a://my-bucket/tuning/credit-gbt``.
- ``bayestune_databricks_cluster_id``: an existing cluster for the Databricks variant.
- ``bayestune_extra_jars`` (optional): comma-separated jars for spark-submit's ``--jars``, e.g. the one holding a
  per-task objective class.

A missing Variable fails the task with a message naming it and the ``airflow variables set`` command that fixes it.
The argv and the run JSON are built by bayestune_commands (no Airflow needed there, so tests can check them).
Runs on Airflow 3 (``airflow.sdk``) and Airflow 2.7+ (``airflow.DAG``, ``airflow.models.Variable``).
"""
import os
import sys
from datetime import datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bayestune_commands as commands  # noqa: E402

try:
    from airflow.sdk import DAG, Variable
except ImportError:  # Airflow 2, or no Airflow at all
    try:
        from airflow import DAG
        from airflow.models import Variable
    except ImportError:  # no Airflow: CI byte-compiles this file and the tests import only the builder
        DAG = Variable = None

DEFAULT_ARGS = {
    "owner": "bayestune",
    "retries": 2,  # a retry resumes the night's experiment, it does not start over
    "retry_delay": timedelta(minutes=10),
}


def setting(name):
    """The Airflow Variable ``name`` (a template macro: ``{{ setting('bayestune_jar') }}``), or a clear error."""
    try:
        value = Variable.get(name, default=None)  # Airflow 3 (airflow.sdk)
    except TypeError:
        value = Variable.get(name, default_var=None)  # Airflow 2
    if value is None:
        # Outside a running task (`airflow tasks render`), Airflow 3's SDK Variable has no metadata database to ask.
        try:
            from airflow.models import Variable as StoredVariable
            value = StoredVariable.get(name, default_var=None)
        except Exception:  # noqa: BLE001 - inside a task the SDK's answer stands
            value = None
    if value is None or not str(value).strip():
        raise commands.MissingSetting(name)
    return value


def optional_setting(name):
    """The Airflow Variable ``name``, or an empty text when it is not set."""
    try:
        return setting(name)
    except commands.MissingSetting:
        return ""


if DAG is not None:
    jar = "{{ setting('bayestune_jar') }}"
    job_file = "{{ setting('bayestune_job_file') }}"
    output_base = "{{ setting('bayestune_output_base') }}"
    macros = {"setting": setting, "optional_setting": optional_setting}

    with DAG(dag_id="bayestune_nightly_spark_submit", schedule="@daily", start_date=datetime(2026, 12, 1),
             catchup=False, max_active_runs=1, default_args=DEFAULT_ARGS, user_defined_macros=macros,
             tags=["bayestune"]) as spark_submit_dag:
        from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

        SparkSubmitOperator(
            task_id="tune_credit_gbt",
            conn_id="spark_default",  # its host is the master: spark://..., yarn, k8s://..., local[2]
            **commands.spark_submit_operator_kwargs(
                jar, job_file, output_base, jars="{{ optional_setting('bayestune_extra_jars') }}",
                conf={"spark.hadoop.fs.s3a.aws.credentials.provider":
                      "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider"}),
        )

    try:  # the Databricks variant only where its provider is installed; the spark-submit DAG never depends on it
        from airflow.providers.databricks.operators.databricks import DatabricksSubmitRunOperator
    except ImportError:
        DatabricksSubmitRunOperator = None

    if DatabricksSubmitRunOperator is not None:
        with DAG(dag_id="bayestune_nightly_databricks", schedule="@daily", start_date=datetime(2026, 12, 1),
                 catchup=False, max_active_runs=1, default_args=DEFAULT_ARGS, user_defined_macros=macros,
                 tags=["bayestune"]) as databricks_dag:
            DatabricksSubmitRunOperator(
                task_id="tune_credit_gbt",
                databricks_conn_id="databricks_default",
                json=commands.databricks_submit_run_json(
                    jar, job_file, output_base, cluster="{{ setting('bayestune_databricks_cluster_id') }}"),
            )
