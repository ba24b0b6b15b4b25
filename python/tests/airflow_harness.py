"""A standalone Airflow 3 for tests: its own virtual environment (.ci/airflow-env), AIRFLOW_HOME in a temporary
folder with a SQLite metadata database, the DAG files of airflow/ copied into its DAGs folder, and the `airflow`
command run as a child process. Spark runs through the pip pyspark distribution's spark-submit in that environment."""
from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VENV = os.path.join(REPO, ".venv-airflow")


def ensure_environment() -> str:
    """Creates .venv-airflow when missing or stale (idempotent, seconds when up to date); its bin folder."""
    subprocess.run(["bash", os.path.join(REPO, ".ci", "airflow-env")], check=True)
    return os.path.join(VENV, "bin")


class Airflow:
    def __init__(self, home: str):
        self.home = home
        self.dags = os.path.join(home, "dags")
        os.makedirs(self.dags, exist_ok=True)
        for name in os.listdir(os.path.join(REPO, "airflow")):
            if name.endswith(".py"):
                shutil.copy(os.path.join(REPO, "airflow", name), self.dags)
        bin_dir = ensure_environment()
        self.env = dict(os.environ)
        self.env.update({
            "AIRFLOW_HOME": home,
            "AIRFLOW__CORE__DAGS_FOLDER": self.dags,
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
            # The operator's master: spark-submit --master local[2] (conn host), from the pip pyspark in bin_dir.
            "AIRFLOW_CONN_SPARK_DEFAULT": json.dumps({"conn_type": "spark", "host": "local[2]"}),
            "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
            "SPARK_LOCAL_IP": "127.0.0.1",
        })
        for key in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON", "SPARK_HOME", "VIRTUAL_ENV"):
            self.env.pop(key, None)  # the pytest venv's settings would point spark-submit at the other pyspark
        self.run("db", "migrate")

    def run(self, *args: str, timeout: float = 2400, check: bool = True) -> subprocess.CompletedProcess:
        start = time.monotonic()
        done = subprocess.run(["airflow", *args], env=self.env, cwd=self.home, capture_output=True, text=True,
                              timeout=timeout)
        print(f"airflow {' '.join(args)}: exit {done.returncode} in {time.monotonic() - start:.1f} s")
        if check and done.returncode != 0:
            raise AssertionError(f"airflow {' '.join(args)} exited {done.returncode}:\n{tail(done)}")
        return done

    def set_variable(self, name: str, value: str) -> None:
        """An Airflow Variable from the environment (AIRFLOW_VAR_<NAME>), as deployments often set them: no CLI call
        (each `airflow` command imports all of Airflow, tens of seconds on a loaded machine)."""
        self.env["AIRFLOW_VAR_" + name.upper()] = value

    def unset_variable(self, name: str) -> None:
        self.env.pop("AIRFLOW_VAR_" + name.upper(), None)

    def import_errors(self) -> list:
        """Parses every DAG file once (as the DAG processor does) and returns the recorded import errors."""
        self.run("dag-processor", "--num-runs", "1")
        out = self.run("dags", "list-import-errors", "--output", "json", check=False).stdout  # exit 1 when any
        arrays = [line for line in out.splitlines() if line.startswith("[")]
        assert arrays, f"no JSON list in the output of list-import-errors:\n{out}"
        return json.loads(arrays[-1])

    def rendered(self, dag_id: str, task_id: str, ds: str, field: str):
        """A task's templated field as `airflow tasks render` shows it (a Python literal)."""
        out = self.run("tasks", "render", dag_id, task_id, ds).stdout.splitlines()
        marker = f"# property: {field}"
        i = next(i for i, line in enumerate(out) if line.strip() == marker)
        return ast.literal_eval(out[i + 2].strip())


def tail(done: subprocess.CompletedProcess, lines: int = 60) -> str:
    text = (done.stdout or "") + (done.stderr or "")
    return "\n".join(text.splitlines()[-lines:])
