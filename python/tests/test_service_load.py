"""A small run of bench/service_load.py: concurrent clients on one experiment, kill -9 and restart mid-run.

Correctness only (no timing: latency is the benchmark's, docs/benchmarks.md): every acknowledged observation is
stored exactly once, and no two suggestions handed out are equal.
"""
from __future__ import annotations

import os
import sys


def test_clients_survive_a_kill_9_and_nothing_is_lost_or_doubled(repo_root, tmp_path):
    sys.path.insert(0, os.path.join(repo_root, "bench"))
    import service_load

    result = service_load.run(clients=8, observations=48, eval_seconds=0.2, kill_at=24, prepare=8,
                              workdir=str(tmp_path))
    assert result["observations_acknowledged"] == 48
    assert result["observations_stored"] == 48
    assert result["every_acknowledged_stored_once"], result
    assert result["all_handed_suggestions_distinct"], result
    assert result["open_at_end"] == result["suggestions_handed"] - 48
    assert result["retried_requests"] > 0, "the kill happened while clients were running"
