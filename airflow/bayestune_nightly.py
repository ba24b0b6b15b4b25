"""Nightly bayestune tuning of examples/credit-gbt.yaml, two ways: spark-submit and a Databricks run.

Each night tunes into ``s3a://<bucket>/tuning/credit-gbt/<ds>`` and warm-starts from the previous night's
experiment; a retried or cleared task resumes its night's experiment (same output path). Settings come from
Airflow Variables, read through templates at run time (not while the scheduler parses this file):

- ``bayestune_jar``: the cluster jar (``mvn -B -DskipTests package`` -> jobs/target/bayestune-<version>.jar),
  e.g. ``/opt/bayestune/bayestune-0.1.0.jar`` for spark-submit, ``dbfs:/FileStore/jars/bayestune-0.1.0.jar``
  for Databricks.
- ``bayestune_job_file``: the job file, readable by the driver.
- ``bayestune_output_base``: e.g. ``s3a://my-bucket/tuning/credit-gbt``.
- ``bayestune_databricks_cluster_id``: an existing cluster for the Databricks variant.

The argv and the run JSON are built by bayestune_commands (no Airflow needed there, so tests can check them).
"""
import os
import sys
from datetime import datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bayestune_commands as commands  # noqa: E402

try:
    from airflow import DAG
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
    from airflow.providers.databricks.operators.databricks import DatabricksSubmitRunOperator
except ImportError:  # Airflow is not installed (CI byte-compiles this file and imports only the builder).
    DAG = None

DEFAULT_ARGS = {
    "owner": "bayestune",
    "retries": 2,  # a retry resumes the night's experiment, it does not start over
    "retry_delay": timedelta(minutes=10),
}

if DAG is not None:
    jar = "{{ var.value.bayestune_jar }}"
    job_file = "{{ var.value.bayestune_job_file }}"
    output_base = "{{ var.value.bayestune_output_base }}"

    with DAG(dag_id="bayestune_nightly_spark_submit", schedule="@daily", start_date=datetime(2026, 12, 1),
             catchup=False, max_active_runs=1, default_args=DEFAULT_ARGS,
             tags=["bayestune"]) as spark_submit_dag:
        SparkSubmitOperator(
            task_id="tune_credit_gbt",
            conn_id="spark_default",  # its host is the master: spark://..., yarn, k8s://...
            **commands.spark_submit_operator_kwargs(
                jar, job_file, output_base,
                conf={"spark.hadoop.fs.s3a.aws.credentials.provider":
                      "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider"}),
        )

    with DAG(dag_id="bayestune_nightly_databricks", schedule="@daily", start_date=datetime(2026, 12, 1),
             catchup=False, max_active_runs=1, default_args=DEFAULT_ARGS,
             tags=["bayestune"]) as databricks_dag:
        DatabricksSubmitRunOperator(
            task_id="tune_credit_gbt",
            databricks_conn_id="databricks_default",
            json=commands.databricks_submit_run_json(
                jar, job_file, output_base, cluster="{{ var.value.bayestune_databricks_cluster_id }}"),
        )
