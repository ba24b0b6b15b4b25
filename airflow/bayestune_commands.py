"""How a nightly bayestune tuning is submitted: pure Python, no Airflow needed.

The DAGs in bayestune_nightly.py hand these values to Airflow's operators; print_command.py prints the same
spark-submit argv for a given date, and the Java integration test runs exactly that argv on Spark.

Each night writes to its own output, ``<base>/<ds>``, and warm-starts from the night before,
``<base>/<ds - 1 day>/experiment``. Re-running a night's task reuses its output, so the job resumes what is
stored there instead of starting over (``bayestune run`` resumes an experiment it finds at its output).
"""

MAIN_CLASS = "io.bayestune.cli.Main"

# Jinja templates Airflow renders at run time: the run's logical date and the day before. ds_add instead of
# prev_ds, which Airflow 2.2 deprecated and Airflow 3 removed.
DS = "{{ ds }}"
PREVIOUS_DS = "{{ macros.ds_add(ds, -1) }}"


# What each Airflow Variable holds, for the message when one is missing.
SETTINGS = {
    "bayestune_jar": "the cluster jar built by `mvn -B -DskipTests package`, e.g. /opt/bayestune/bayestune-0.1.0.jar",
    "bayestune_job_file": "the job file, readable by the driver, e.g. /opt/bayestune/credit-gbt.yaml",
    "bayestune_output_base": "where each night's output goes (<base>/<ds>), e.g. s3a://my-bucket/tuning/credit-gbt",
    "bayestune_databricks_cluster_id": "the Databricks cluster that runs the jar task, e.g. 1201-123456-abcdefgh",
}


class MissingSetting(KeyError):
    """An Airflow Variable the nightly DAG needs is not set; the message names it and the command that sets it."""

    def __init__(self, name):
        super().__init__(name)
        self.name = name

    def __str__(self):
        what = SETTINGS.get(self.name, "")
        return (f"Airflow Variable '{self.name}' is not set ({what}); set it with: "
                f"airflow variables set {self.name} VALUE (or in the UI: Admin > Variables)")


def nightly_paths(output_base, ds=DS, previous_ds=PREVIOUS_DS):
    """The night's output and the previous night's experiment: (output, warm_start_from)."""
    base = output_base.rstrip("/")
    return f"{base}/{ds}", f"{base}/{previous_ds}/experiment"


def run_arguments(job_file, output_base, ds=DS, previous_ds=PREVIOUS_DS, budget=None, warm_start=True):
    """The arguments of io.bayestune.cli.Main: ``run JOB --output OUT [--warm-start-from PREV] [--budget N]``."""
    output, previous = nightly_paths(output_base, ds, previous_ds)
    args = ["run", job_file, "--output", output]
    if warm_start:
        args += ["--warm-start-from", previous]
    if budget is not None:
        args += ["--budget", str(int(budget))]
    return args


def spark_submit_operator_kwargs(jar, job_file, output_base, conf=None, name="bayestune", jars=None,
                                 **run_options):
    """Keyword arguments for SparkSubmitOperator (apache-airflow-providers-apache-spark).

    The master comes from the operator's Spark connection (conn_id), as usual with that operator. ``jars``:
    comma-separated extra jars, e.g. the one holding a per-task objective class.
    """
    kwargs = {
        "application": jar,
        "java_class": MAIN_CLASS,
        "name": name,
        "conf": dict(conf or {}),
        "application_args": run_arguments(job_file, output_base, **run_options),
    }
    if jars:
        kwargs["jars"] = jars
    return kwargs


def spark_submit_argv(master, jar, job_file, output_base, conf=None, name="bayestune", jars=None,
                      spark_submit="spark-submit", **run_options):
    """The spark-submit command line that SparkSubmitOperator runs for these values.

    Same order as the provider's SparkSubmitHook: --master, --conf pairs, --jars, --name, --class, application,
    application args.
    """
    kwargs = spark_submit_operator_kwargs(jar, job_file, output_base, conf, name, jars, **run_options)
    argv = [spark_submit, "--master", master]
    for key, value in kwargs["conf"].items():
        argv += ["--conf", f"{key}={value}"]
    if "jars" in kwargs:
        argv += ["--jars", kwargs["jars"]]
    argv += ["--name", kwargs["name"], "--class", kwargs["java_class"], kwargs["application"]]
    return argv + kwargs["application_args"]


def databricks_submit_run_json(jar, job_file, output_base, cluster, run_name="bayestune", **run_options):
    """The ``json`` of DatabricksSubmitRunOperator: a one-time run of a spark_jar_task with the jar as its library.

    ``jar`` is where the jar is uploaded (``dbfs:/...`` or a Unity Catalog volume path); ``job_file`` must be
    readable by the driver (``/dbfs/...`` or a workspace path). ``cluster`` is either an existing cluster id
    (a string) or a new_cluster specification (a dict).
    """
    spec = {
        "run_name": run_name,
        "libraries": [{"jar": jar}],
        "spark_jar_task": {"main_class_name": MAIN_CLASS,
                           "parameters": run_arguments(job_file, output_base, **run_options)},
    }
    if isinstance(cluster, str):
        spec["existing_cluster_id"] = cluster
    else:
        spec["new_cluster"] = dict(cluster)
    return spec
