"""A real MLflow tracking server for tests (`mlflow server`, SQLite backend, proxied artifacts in a temp folder, on
127.0.0.1), and the bayestune job run as a child process through spark-submit of the pip pyspark distribution, as a
cluster runs it. The job's artifact uploads go through MLflow's Java client, which runs this Python's `mlflow`."""
from __future__ import annotations

import csv
import glob
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import bayestune

BIN = os.path.dirname(sys.executable)
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MlflowServer:
    """Starts and stops `mlflow server`; a restart keeps the same database, artifacts and port."""

    def __init__(self, folder: str):
        self.folder = folder
        self.port = free_port()
        self.uri = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self, timeout: float = 180) -> "MlflowServer":
        log = open(os.path.join(self.folder, "server.log"), "ab")
        self.process = subprocess.Popen(
            [os.path.join(BIN, "mlflow"), "server", "--backend-store-uri",
             f"sqlite:///{os.path.join(self.folder, 'mlflow.db')}", "--artifacts-destination",
             os.path.join(self.folder, "artifacts"), "--host", "127.0.0.1", "--port", str(self.port),
             "--workers", "1"], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"mlflow server exited {self.process.returncode}; see {self.folder}/server.log")
            try:
                with urllib.request.urlopen(self.uri + "/health", timeout=5) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(1)
        self.stop()
        raise AssertionError(f"mlflow server did not answer on {self.uri} within {timeout} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                pass
            # The server's job runner and huey consumers shut down slower than the server itself and outlived it
            # when only SIGTERM was sent: whatever is left of the group goes now.
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        self.process = None


def job_env() -> dict:
    env = dict(os.environ)
    env.update({"PATH": BIN + os.pathsep + env.get("PATH", ""), "SPARK_LOCAL_IP": "127.0.0.1",
                "MLFLOW_PYTHON_EXECUTABLE": sys.executable})
    for key in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON", "SPARK_HOME", "MLFLOW_TRACKING_URI"):
        env.pop(key, None)
    return env


def objectives_jar() -> str:
    """jobs/target/test-jobs/*-test-jobs.jar (built with the cluster jar): SleepingTrial, a per-task objective."""
    found = glob.glob(os.path.join(REPO, "jobs", "target", "test-jobs", "*-test-jobs.jar"))
    assert found, "no test-jobs jar in jobs/target/test-jobs; build it with mvn -B -DskipTests package"
    return found[0]


def submit_argv(job_file: str, *args: str) -> list:
    return [os.path.join(BIN, "spark-submit"), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
            "--jars", objectives_jar(), "--class", "io.bayestune.cli.Main", bayestune.jar_path(), "run", job_file,
            *args]


def run_job(job_file: str, *args: str, timeout: float = 2400) -> subprocess.CompletedProcess:
    start = time.monotonic()
    done = subprocess.run(submit_argv(job_file, *args), env=job_env(), capture_output=True, text=True,
                          timeout=timeout)
    print(f"job {os.path.basename(job_file)}: exit {done.returncode} in {time.monotonic() - start:.1f} s")
    return done


def start_job(job_file: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(submit_argv(job_file, *args), env=job_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, start_new_session=True)


def read_until(process: subprocess.Popen, prefix: str, timeout: float = 2400) -> list:
    """The job's stdout lines up to the first one starting with ``prefix``."""
    lines, deadline = [], time.monotonic() + timeout
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith(prefix) or time.monotonic() > deadline:
            return lines
    raise AssertionError(f"the job ended before printing a line starting with {prefix!r}:\n" + "\n".join(lines))


def trials_csv(output: str) -> list:
    with open(os.path.join(output, "trials.csv")) as f:  # one CSV file (TrialsCsv), not Spark's part folder
        return list(csv.DictReader(f))


def sleeping_job(folder: str, name: str, budget: int, mlflow_block: str) -> str:
    """A per-task job (SleepingTrial of the test-jobs jar, 0.5-1.5 s a trial): tracking without model training."""
    path = os.path.join(folder, name + ".yaml")
    with open(path, "w") as f:
        f.write("\n".join([
            f"name: {name}",
            "model: {objective: io.bayestune.cluster.job.SleepingTrial}",
            "parameters:",
            "  - {name: x, type: double, bounds: {min: 0, max: 1}}",
            "  - {name: y, type: double, bounds: {min: 0, max: 1}}",
            "metric: {name: f, objective: maximize}",
            f"observation_budget: {budget}",
            "parallelism: 2",
            "seed: 11",
            f"output: {os.path.join(folder, name)}",
            f"mlflow: {mlflow_block}", ""]))
    return path
