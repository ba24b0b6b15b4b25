"""The bayestune command line (``io.bayestune.cli.Main``) in a child JVM, for callers without a SparkSession.

Each call is one ``java -cp <bayestune jar>:<Spark's jars> io.bayestune.cli.Main COMMAND ...`` whose stdout is JSON;
the CLI writes its errors as one JSON line (``-Dbayestune.errors=json``), raised here as the matching Python exception
with the CLI's message. The experiment state is the CLI's own, so Python and ``bin/bayestune`` share experiments.

The bayestune jar leaves out what every Spark installation has (Hadoop, Jackson, logging): those come from Spark's
jars, ``$SPARK_HOME/jars`` or the ``pyspark`` package's ``jars/`` folder.
"""
from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
from typing import Any, Optional, Sequence

from bayestune._jar import jar_path

# Spark 4 on Java 17 opens these modules (the list Spark passes to its executors); Hadoop's S3A needs some of them.
JAVA_OPTIONS = [
    "-XX:+IgnoreUnrecognizedVMOptions", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
    "-Dbayestune.errors=json",
]

# The CLI's error families (Main.family): bad input, lifecycle misuse, a missing file, other I/O.
_BY_TYPE = {"usage": ValueError, "invalid": ValueError, "state": RuntimeError, "not_found": FileNotFoundError,
            "io": OSError}


def location(path: Optional[str]) -> Optional[str]:
    """A local path made absolute here, where the user wrote it (a JVM may run elsewhere); URIs (s3a://, hdfs://,
    file:) as they are."""
    if path is None or "://" in path or path.startswith("file:"):
        return path
    return os.path.abspath(os.path.expanduser(path))


class CliError(RuntimeError):
    """The CLI stopped without saying why in its JSON (a crash of the JVM itself)."""


def spark_jars() -> str:
    """The folder of Spark's jars: $SPARK_HOME/jars, else the installed pyspark package's."""
    home = os.environ.get("SPARK_HOME")
    if home and glob.glob(os.path.join(home, "jars", "hadoop-client-api-*.jar")):
        return os.path.join(home, "jars")
    try:
        import pyspark
        folder = os.path.join(os.path.dirname(pyspark.__file__), "jars")
        if glob.glob(os.path.join(folder, "hadoop-client-api-*.jar")):
            return folder
    except ImportError:
        pass
    raise FileNotFoundError(
        "bayestune: Experiment runs the bayestune command line in a Java process, which needs Spark's jars; "
        "pip install pyspark==4.1.0 (its jars/ folder serves), or set SPARK_HOME to a Spark 4.1 installation")


def java() -> str:
    home = os.environ.get("JAVA_HOME")
    if home and os.access(os.path.join(home, "bin", "java"), os.X_OK):
        return os.path.join(home, "bin", "java")
    found = shutil.which("java")
    if not found:
        raise FileNotFoundError("bayestune: no java found (JAVA_HOME or PATH); install a JDK 17, e.g. "
                                "apt-get install openjdk-17-jre-headless, or set JAVA_HOME")
    return found


def run(args: Sequence[str], jar: Optional[str] = None, env: Optional[dict] = None) -> Any:
    """Runs ``bayestune ARGS...`` and returns its parsed JSON output; raises the CLI's error as a Python exception."""
    classpath = os.pathsep.join([jar or jar_path(), os.path.join(spark_jars(), "*")])
    extra = os.environ.get("BAYESTUNE_JAVA_OPTS", "").split()
    command = [java(), *JAVA_OPTIONS, *extra, "-cp", classpath, "io.bayestune.cli.Main", *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    if done.returncode == 0:
        try:
            return json.loads(done.stdout)
        except ValueError:
            raise CliError(f"bayestune {args[0]}: the command line printed no JSON: {done.stdout[:500]!r}") from None
    raise error(args[0], done.stderr, done.returncode)


def error(command: str, stderr: str, status: int) -> BaseException:
    """The Python exception for a failed CLI call, from its JSON error line (or the JVM's last words)."""
    for line in reversed(stderr.splitlines()):
        if line.startswith('{"object":"error"'):
            e = json.loads(line)
            kind = _BY_TYPE.get(e["type"], RuntimeError)
            message = e["message"]
            exc = kind(message if message.startswith("bayestune") else f"bayestune: {message}")
            exc.java_class = e.get("class")
            return exc
    # No JSON line: the JVM failed before or outside the CLI's own handling; its first exception line says why.
    cause = next((l.strip() for l in stderr.splitlines() if "Exception" in l or "Error" in l), stderr.strip()[-500:])
    return CliError(f"bayestune {command} failed (exit status {status}): {cause}")
