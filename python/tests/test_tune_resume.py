"""bayestune.tune resumes after its driver process is killed with SIGKILL: nothing observed is lost or run again,
and the trials that were in flight run again first, under their ids."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import tune_resume_child as child


def _state(output: str) -> dict:
    with open(os.path.join(output, "experiment", "experiment.json")) as f:
        return json.load(f)


def _observation_count(output: str) -> int:
    try:
        return len(_state(output)["observations"])
    except (OSError, ValueError, KeyError):
        return 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _wait_gone(pid: int, seconds: float) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except OSError:
            return True
        time.sleep(0.1)
    return False


def test_tune_resumes_after_the_driver_is_killed_with_no_observation_lost_or_repeated(spark, tmp_path):
    output, calls = str(tmp_path / "out"), str(tmp_path / "calls")
    os.makedirs(calls)
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tune_resume_child.py")
    process = subprocess.Popen([sys.executable, script, output, calls], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env={**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"})
    try:
        deadline = time.time() + 150
        while _observation_count(output) < 3 and process.poll() is None and time.time() < deadline:
            time.sleep(0.05)
        assert process.poll() is None, "the child driver ended before it was killed"
        assert _observation_count(output) >= 3, "the child driver made no 3 observations in 150 s"
        jvms = _children(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    for jvm in jvms:  # its JVM sees its parent's pipe close and exits; a second driver must not race it
        if not _wait_gone(jvm, 60):
            os.kill(jvm, signal.SIGKILL)
    before = _state(output)
    observed_before = {o["suggestion"]: o for o in before["observations"]}
    open_before = {s["id"]: s["assignments"] for s in before["suggestions"] if s["id"] not in observed_before}
    assert open_before, "no trial was in flight when the driver was killed"

    # The second driver's calls are the ones after this point, not after the kill: the killed driver's JVM lives on
    # until it sees its parent's pipe close, and a trial it was dispatching at the kill may still start meanwhile.
    second_driver_from = time.time_ns()
    result = child.run(spark, output, calls)

    after = _state(output)
    ids = [o["suggestion"] for o in after["observations"]]
    assert len(ids) == len(set(ids)) == child.BUDGET == result.observations  # none repeated, budget reached
    observed_after = {o["suggestion"]: o for o in after["observations"]}
    for sid, o in observed_before.items():  # none lost or changed
        assert observed_after[sid] == o
    for sid, assignments in open_before.items():  # in flight when killed: run again under the same id
        assert observed_after[sid]["assignments"] == assignments
    # The second driver ran the trials that were in flight before any new one. Start times stand in for the order
    # of dispatch, and two trials dispatched when both slots free at once (the objective sleeps 1.5 s in each) may
    # start in either order, so a re-run may start up to half a trial after a new one; one held back until a later
    # slot would start a whole trial (1.5 s) later.
    second = sorted((int(name.rsplit("-", 1)[1]), name.rsplit("-", 1)[0]) for name in os.listdir(calls)
                    if int(name.rsplit("-", 1)[1]) > second_driver_from)
    rerun = {f"{a['x']!r}-{a['kind']}" for a in open_before.values()}
    assert sum(name in rerun for _, name in second) == len(rerun), "every in-flight trial ran again once"
    new_starts = [t for t, name in second if name not in rerun]
    # Killed just after its 3rd result with at most 2 (the parallelism) in flight, so new trials remain of the 8.
    assert new_starts, "the second driver ran no new trial"
    late = [(name, (t - min(new_starts)) / 1e9) for t, name in second
            if name in rerun and t > min(new_starts) + 750_000_000]
    assert not late, f"in-flight trials started after a new one (name, seconds after it): {late}"
    # An observed trial's objective ran once in all (the second driver did not run it again).
    runs = os.listdir(calls)
    for o in observed_before.values():
        prefix = f"{o['assignments']['x']!r}-{o['assignments']['kind']}-"
        assert sum(name.startswith(prefix) for name in runs) == 1, o
