"""Experiment: the three calls from Python over the CLI's own experiment state, with no SparkSession.

The CLI is the real one (io.bayestune.cli.Main in a child JVM, as bin/bayestune runs it); the S3 test runs against a
real S3Proxy server on 127.0.0.1 (the jar the Maven build copies to jobs/target/s3proxy/), started and stopped here.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import time

import pytest

from bayestune import Experiment, Suggestion, _cli

PARAMETERS = [{"name": "water", "type": "double", "bounds": {"min": 0.3, "max": 0.6}},
              {"name": "cement", "type": "int", "bounds": {"min": 200, "max": 500}}]


def strength(a: dict) -> float:
    """A smooth made-up response with its peak inside the box."""
    return 50.0 - 200.0 * (a["water"] - 0.42) ** 2 - ((a["cement"] - 380) / 60.0) ** 2


def cli(*args: str, env=None) -> dict:
    """The CLI as a person runs it (its text errors, no JSON error switch), returning its JSON output."""
    command = [_cli.java(), *[o for o in _cli.JAVA_OPTIONS if not o.startswith("-Dbayestune.errors")], "-cp",
               os.pathsep.join([_cli.jar_path(), os.path.join(_cli.spark_jars(), "*")]), "io.bayestune.cli.Main",
               *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_round_trip_python_and_cli_share_one_experiment(tmp_path):
    at = str(tmp_path / "lab")
    exp = Experiment.create(name="concrete", parameters=PARAMETERS, metric="strength", budget=6, at=at, seed=7)
    assert exp.name == "concrete" and exp.progress["observation_count"] == 0

    first = exp.suggest()
    exp.observe(first, strength(first.assignments), value_stddev=0.5)
    from_cli = cli("suggest", "--at", at)  # the CLI sees the Python call's state and adds to it
    assert from_cli["id"] == "2" and set(from_cli["assignments"]) == {"water", "cement"}
    observed = exp.observe(from_cli["id"], strength(from_cli["assignments"]))
    assert observed.suggestion == "2" and not observed.failed
    batch = exp.suggest(count=2)
    assert [s.id for s in batch] == ["3", "4"]
    exp.observe(batch[0], failed=True, reason="the mould cracked")
    exp.observe(batch[1], strength(batch[1].assignments))

    again = Experiment(at=at)  # opened afresh: everything above was saved
    assert again.progress["observation_count"] == 4 and again.progress["open_suggestion_count"] == 0
    best, best_cli = again.best(), cli("best", "--at", at)["data"][0]
    assert best.assignments == best_cli["assignments"] and best.value == best_cli["value"]
    assert best.suggestion == best_cli["suggestion"] and best.suggestion in {"1", "2", "4"}


def test_bad_input_names_the_field_and_the_fix(tmp_path):
    at = str(tmp_path / "lab")
    with pytest.raises(ValueError, match=r"bounds.*min"):
        Experiment.create(name="x", parameters=[{"name": "w", "type": "double", "bounds": {"min": 1, "max": 0}}],
                          metric="y", budget=3, at=at)
    with pytest.raises(ValueError, match="transformation"):
        Experiment.create(name="x", parameters=[{"name": "w", "type": "double", "bounds": {"min": 1, "max": 2},
                                                 "transformation": "sqrt"}], metric="y", budget=3, at=at)
    with pytest.raises(FileNotFoundError, match="no experiment here"):
        Experiment(at=str(tmp_path / "nothing"))

    exp = Experiment.create(name="x", parameters=PARAMETERS[:1], metric="y", budget=3, at=at, seed=1)
    with pytest.raises(RuntimeError, match="already exists"):
        Experiment.create(name="x", parameters=PARAMETERS[:1], metric="y", budget=3, at=at)
    s = exp.suggest()
    with pytest.raises(ValueError, match="finite.*failed=True"):
        exp.observe(s, float("nan"))
    with pytest.raises(TypeError, match="value must be a number"):
        exp.observe(s, "high")
    with pytest.raises(ValueError, match="suggestion 99"):
        exp.observe("99", 1.0)
    exp.observe(s, 1.0)
    with pytest.raises(ValueError, match="already observed") as raised:
        exp.observe(s, 2.0)
    assert "\tat " not in str(raised.value), "a message, not a Java stack trace"
    assert exp.progress["observation_count"] == 1, "a refused call changes nothing"


def test_two_metrics_and_a_constraint_from_python(tmp_path):
    at = str(tmp_path / "mix")
    metrics = [{"name": "strength", "objective": "maximize"}, {"name": "cost", "objective": "minimize"},
               {"name": "slump", "objective": "maximize", "strategy": "constraint", "threshold": 0.3}]
    exp = Experiment.create(name="mix", parameters=PARAMETERS, metrics=metrics, budget=8, at=at, seed=3)
    reported = {}
    for i, s in enumerate(exp.suggest(count=4)):
        w = s.assignments["water"]
        # the last one violates the slump constraint (0.1 < 0.3) yet would dominate on both objectives
        values = {"strength": 100.0 if i == 3 else strength(s.assignments), "cost": 1.0 if i == 3 else 50 + 10 * i,
                  "slump": 0.1 if i == 3 else (w, 0.01)}
        o = exp.observe(s, values=values)
        assert o.values["strength"] == values["strength"] and o.values["cost"] == values["cost"]
        reported[s.id] = values

    front = exp.best_assignments()
    infeasible = [sid for sid, v in reported.items() if v["slump"] == 0.1]
    assert front and all(b.suggestion not in infeasible for b in front), "a constraint violation is never best"
    feasible = {sid: v for sid, v in reported.items() if sid not in infeasible}
    for b in front:  # every point of the front is a feasible observation that no other feasible one dominates
        mine = feasible[b.suggestion]
        assert b.values["strength"] == mine["strength"] and b.values["cost"] == mine["cost"]
        assert not any(v["strength"] >= mine["strength"] and v["cost"] <= mine["cost"] and v != mine
                       for v in feasible.values())
    if len(front) > 1:
        with pytest.raises(ValueError, match="best_assignments"):
            exp.best()

    s = exp.suggest()
    with pytest.raises(ValueError, match="not both"):
        exp.observe(s, 1.0, values={"strength": 1.0})
    with pytest.raises(TypeError, match="values must be a dict"):
        exp.observe(s, values=[1.0, 2.0])
    with pytest.raises(ValueError, match="finite"):
        exp.observe(s, values={"strength": float("nan"), "cost": 1.0, "slump": 1.0})
    with pytest.raises(ValueError, match="slump"):  # a constraint metric's value is missing: the CLI names it
        exp.observe(s, values={"strength": 1.0, "cost": 1.0})
    assert exp.progress["observation_count"] == 4, "refused observations change nothing"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def s3proxy(repo_root, tmp_path):
    jar = os.path.join(repo_root, "jobs", "target", "s3proxy", "s3proxy.jar")
    if not os.path.isfile(jar):
        pytest.fail(f"{jar} is missing; the Maven build copies it (mvn -pl jobs generate-test-resources)")
    data = tmp_path / "s3data"
    (data / "lab").mkdir(parents=True)  # the filesystem backend's bucket "lab"
    port = _free_port()
    properties = tmp_path / "s3proxy.properties"
    properties.write_text("\n".join([
        f"s3proxy.endpoint=http://127.0.0.1:{port}", "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=lab-key", "s3proxy.credential=lab-secret-7Qx", "jclouds.provider=filesystem",
        f"jclouds.filesystem.basedir={data}", "jclouds.identity=x", "jclouds.credential=y", ""]))
    with open(tmp_path / "s3proxy.log", "w") as log:
        server = subprocess.Popen([_cli.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
                                   "--properties", str(properties)], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (tmp_path / "s3proxy.log").read_text()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "S3Proxy did not listen within 60 s"
                time.sleep(0.1)
        yield {"endpoint": f"http://127.0.0.1:{port}", "data": data}
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_experiment_in_an_s3_bucket(s3proxy, monkeypatch):
    for name, value in {"AWS_ACCESS_KEY_ID": "lab-key", "AWS_SECRET_ACCESS_KEY": "lab-secret-7Qx",
                        "AWS_REGION": "us-east-1", "BAYESTUNE_S3_ENDPOINT": s3proxy["endpoint"]}.items():
        monkeypatch.setenv(name, value)
    at = "s3a://lab/experiments/concrete"
    exp = Experiment.create(name="concrete", parameters=PARAMETERS, metric="strength", budget=4, at=at, seed=3)
    s = exp.suggest()
    exp.observe(s, strength(s.assignments))
    best = Experiment(at=at).best()
    assert isinstance(s, Suggestion) and best.suggestion == s.id and best.assignments == s.assignments
    stored = list((s3proxy["data"] / "lab").rglob("experiment.json"))
    assert len(stored) == 1, "the state is an object in the bucket"
    assert len(json.loads(stored[0].read_text())["observations"]) == 1
