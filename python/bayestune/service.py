"""Start and stop ``bayestune serve`` (the SigOpt-compatible HTTP service) from Python.

The service runs in its own JVM on the cluster jar, with the Spark jars of the installed ``pyspark`` on its class
path (the cluster jar leaves Jackson to Spark's copy), so a ``pip install`` of this package and of ``pyspark`` is all it
needs::

    from bayestune.service import ServiceProcess, create_token
    token = create_token("tokens.txt", team="chemistry")
    with ServiceProcess(state="state", tokens="tokens.txt") as service:
        conn = sigopt.Connection(client_token=token)
        conn.set_api_url(service.url)
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from typing import IO, Optional

from bayestune._jar import jar_path


def _classpath() -> str:
    import pyspark

    return os.pathsep.join([jar_path(), os.path.join(os.path.dirname(pyspark.__file__), "jars", "*")])


def _java() -> str:
    home = os.environ.get("JAVA_HOME")
    return os.path.join(home, "bin", "java") if home else "java"


def create_token(tokens: str, team: str) -> str:
    """A new API token for ``team``; its hash is appended to the file ``tokens`` (``bayestune tokens create``)."""
    done = subprocess.run([_java(), "-cp", _classpath(), "io.bayestune.cli.Main", "tokens", "create", "--team", team,
                           "--tokens", str(tokens)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bayestune tokens create failed: {done.stderr.strip()}")
    return done.stdout.strip()


class ServiceProcess:
    """``bayestune serve`` as a child process; ``url`` once started. ``port=0`` picks a free port."""

    def __init__(self, state: str, tokens: str, port: int = 0, prepare: int = 16, log: Optional[IO[str]] = None):
        self.state, self.tokens, self.port, self.prepare = str(state), str(tokens), port, prepare
        self.log = log
        self.process: Optional[subprocess.Popen] = None
        self.url: Optional[str] = None
        self.stderr_lines: list[str] = []

    def start(self) -> "ServiceProcess":
        self.process = subprocess.Popen(
            [_java(), "-Xmx1g", "-cp", _classpath(), "io.bayestune.cli.Main", "serve", "--port", str(self.port),
             "--state", self.state, "--tokens", self.tokens, "--prepare", str(self.prepare)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        line = self.process.stdout.readline()
        if not line:
            self.process.wait(timeout=30)
            raise RuntimeError("bayestune serve exited: " + "".join(self.stderr_lines))
        self.url = json.loads(line)["url"]
        # A restart on the same state keeps its port, so that clients can retry the same URL.
        self.port = int(self.url.rsplit(":", 1)[1])
        return self

    def _drain_stderr(self) -> None:
        for line in self.process.stderr:
            self.stderr_lines.append(line)
            if self.log is not None:
                self.log.write(line)

    def kill(self) -> None:
        """kill -9: no shutdown hook runs, as in a crash."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> "ServiceProcess":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


if __name__ == "__main__":  # python -m bayestune.service STATE TOKENS [PORT]
    with ServiceProcess(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 8080) as s:
        print(s.url, flush=True)
        s.process.wait()
