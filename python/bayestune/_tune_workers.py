"""The driver threads of ``bayestune.tune``: one per slot, each runs the trials the JVM loop hands out.

A thread takes a trial from the JVM ``TuneSession`` (which suggested it knowing every trial in flight), runs it as a
one-task Spark job in the trial's job group (so a timeout can cancel it), reports the result, and at once takes the
next: a slow trial holds one slot, never the others.
"""
from __future__ import annotations

import functools
import json
import logging
import threading

from bayestune import _tune_task

LOG = logging.getLogger("bayestune.tune")
_POLL_MILLIS = 250


class TrialWorkers:
    """``count`` threads that run trials until the session's loop finishes."""

    def __init__(self, session, sc, objective_broadcast, count: int):
        from pyspark import InheritableThread, cloudpickle

        # Trials ship _tune_task's code itself, so executors need pyspark but not bayestune installed.
        cloudpickle.register_pickle_by_value(_tune_task)
        self._session = session
        self._sc = sc
        self._run = functools.partial(_tune_task.run_trial, objective_broadcast)
        self._stopping = threading.Event()
        # InheritableThread pins each Python thread to a JVM thread (job groups are per thread) and passes on the
        # caller's local properties, such as a FAIR scheduler pool.
        self._threads = [InheritableThread(target=self._work, name=f"bayestune-tune-slot-{i + 1}", daemon=True)
                         for i in range(count)]

    def start(self) -> None:
        for t in self._threads:
            t.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Lets the threads end (the loop has ended, and cancelled what was still running)."""
        self._stopping.set()
        for t in self._threads:
            t.join(timeout)

    def _work(self) -> None:
        while not self._stopping.is_set():
            raw = self._session.nextTrial(_POLL_MILLIS)
            if raw is None:
                if self._session.isFinished():
                    return
                continue
            trial = json.loads(raw)
            try:
                self._run_one(trial)
            except Exception as e:  # noqa: BLE001 - the loop waits for every trial it handed out: always report
                LOG.warning("trial %s: unexpected error on the driver", trial["id"], exc_info=True)
                self._session.fail(trial["id"], f"the driver could not run the trial: {_tune_task.describe(e)}")

    def _run_one(self, trial: dict) -> None:
        trial_id = trial["id"]
        self._sc.setJobGroup(trial["job_group"], trial["description"], interruptOnCancel=True)
        if not self._session.isOpen(trial_id):
            return  # timed out (or the loop stopped) before this thread took it: nothing to run
        try:
            out = self._sc.parallelize([trial["assignments"]], 1).map(self._run).collect()[0]
        except Exception as e:  # noqa: BLE001 - a cancelled job (timeout), a lost executor, a crashed worker
            reason = _spark_failure(e)
            if self._session.isOpen(trial_id):
                LOG.warning("trial %s: the Spark job failed: %s", trial_id, reason)
            self._session.fail(trial_id, reason)
            return
        if "error" in out:
            if out.get("traceback"):
                LOG.warning("trial %s failed: %s\n%s", trial_id, out["error"], out["traceback"])
            self._session.fail(trial_id, out["error"])
        else:
            self._session.complete(trial_id, out["value"], out["value_stddev"])


def _spark_failure(e: Exception) -> str:
    """A one-line reason for a trial whose Spark job failed (the job's failure, not the objective's)."""
    java = getattr(e, "java_exception", None)
    try:
        text = java.getMessage() if java is not None else str(e)
    except Exception:  # noqa: BLE001
        text = str(e)
    lines = (text or type(e).__name__).strip().splitlines()
    first = lines[0] if lines else type(e).__name__
    reason = f"the trial's Spark job failed: {first}"
    return reason if len(reason) <= 300 else reason[:297] + "..."
