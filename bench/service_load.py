"""Load on `bayestune serve`: many clients on one experiment, the server killed with kill -9 mid-run and restarted.

    .venv/bin/python bench/service_load.py --clients 50 --observations 1000 --eval-seconds 5 --kill-at 500

Each client loops: create a suggestion (timed), evaluate it (a sleep drawn around --eval-seconds, seeded, then a test
function), report the observation. Connection errors and 5xx are retried with backoff, as a client of a restarting
service must; an observation whose retry answers "already observed" was stored before the kill and counts once.
At the end it checks, from the server's own lists: every acknowledged observation is stored exactly once, no
observation is lost or doubled, and no two suggestions ever handed out are equal (so no two open ones are). It
prints one JSON line: counts, checks, and suggestion-create latency percentiles (successful requests, whole run).
python/tests/test_service_load.py runs a small version of it as a test.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
import threading
import time

import requests

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from bayestune.service import ServiceProcess, create_token  # noqa: E402

SPEC = {
    "name": "service load",
    "parameters": [
        {"name": "x1", "type": "double", "bounds": {"min": -5, "max": 10}},
        {"name": "x2", "type": "double", "bounds": {"min": 0, "max": 15}},
        {"name": "k", "type": "int", "bounds": {"min": 1, "max": 20}},
        {"name": "kind", "type": "categorical", "categorical_values": ["a", "b", "c"]},
    ],
    "metrics": [{"name": "f", "objective": "minimize"}],
}


def branin_mixed(a) -> float:
    x1, x2 = a["x1"], a["x2"]
    b = (x2 - 5.1 / (4 * math.pi ** 2) * x1 ** 2 + 5 / math.pi * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x1) + 10
    return b + 0.05 * (a["k"] - 7) ** 2 + {"a": 0.0, "b": 0.5, "c": 1.0}[a["kind"]]


class Run:
    def __init__(self, url: str, token: str, experiment: str, target: int):
        self.url, self.auth, self.experiment, self.target = url, (token, ""), experiment, target
        self.lock = threading.Lock()
        self.acknowledged: list[str] = []      # suggestion ids whose observation the server acknowledged
        self.handed: dict[str, str] = {}       # suggestion id -> its assignments, as handed out
        self.latencies: list[float] = []       # successful suggestion creates, seconds
        self.timeline: list[tuple[float, float]] = []   # (time the create was answered, its seconds)
        self.retries = 0
        self.started_rounds = 0

    def _call(self, method: str, path: str, body=None):
        """(status, json) once the server answers with something other than a connection error or 5xx."""
        delay = 0.05
        while True:
            t0 = time.perf_counter()
            try:
                r = requests.request(method, f"{self.url}{path}", json=body, auth=self.auth, timeout=120)
                if r.status_code < 500:
                    return r.status_code, r.json() if r.content else None, time.perf_counter() - t0
            except requests.RequestException:
                pass
            with self.lock:
                self.retries += 1
            time.sleep(delay)
            delay = min(delay * 2, 1.0)

    def client(self, seed: int, eval_seconds: float) -> None:
        rng = random.Random(seed)
        base = f"/v1/experiments/{self.experiment}"
        while True:
            with self.lock:
                if self.started_rounds >= self.target:
                    return
                self.started_rounds += 1
            status, s, seconds = self._call("POST", f"{base}/suggestions")
            assert status == 200, s
            with self.lock:
                self.latencies.append(seconds)
                self.timeline.append((time.time(), seconds))
                previous = self.handed.setdefault(s["id"], json.dumps(s["assignments"], sort_keys=True))
                assert previous == json.dumps(s["assignments"], sort_keys=True)
            time.sleep(rng.uniform(0.5, 1.5) * eval_seconds)
            value = branin_mixed(s["assignments"])
            status, o, _ = self._call("POST", f"{base}/observations", {"suggestion": s["id"], "value": value})
            if status != 200 and not (status == 400 and "already observed" in o["message"]):
                raise AssertionError(f"observation of suggestion {s['id']}: {status} {o}")
            with self.lock:
                self.acknowledged.append(s["id"])


def pages(url, auth, path):
    out, before = [], None
    while True:
        r = requests.get(f"{url}{path}", auth=auth, timeout=120,
                         params={"limit": 1000, **({"before": before} if before else {})}).json()
        out += r["data"]
        before = r["paging"]["before"]
        if not before:
            return out


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(math.ceil(q / 100 * len(ordered))) - 1)]


def run(clients: int, observations: int, eval_seconds: float, kill_at: int, prepare: int, workdir: str,
        log=None, timeline: str | None = None) -> dict:
    tokens = os.path.join(workdir, "tokens.txt")
    token = create_token(tokens, "load")
    service = ServiceProcess(state=os.path.join(workdir, "state"), tokens=tokens, prepare=prepare, log=log).start()
    try:
        experiment = requests.post(f"{service.url}/v1/experiments", auth=(token, ""), timeout=60,
                                   json={**SPEC, "parallel_bandwidth": clients, "observation_budget": observations}
                                   ).json()["id"]
        state = Run(service.url, token, experiment, observations)
        threads = [threading.Thread(target=state.client, args=(i, eval_seconds), daemon=True) for i in range(clients)]
        started = time.time()
        for t in threads:
            t.start()
        outage = None
        if kill_at > 0:
            while len(state.acknowledged) < kill_at and any(t.is_alive() for t in threads):
                time.sleep(0.05)
            down = time.time()
            service.kill()
            service = ServiceProcess(state=service.state, tokens=tokens, port=service.port, prepare=prepare,
                                     log=log).start()
            outage = time.time() - down
        for t in threads:
            t.join()
        elapsed = time.time() - started
        if timeline:
            with open(timeline, "w") as out:
                out.write("seconds_since_start,latency_ms,after_kill\n")
                for at, seconds in state.timeline:
                    after = "" if outage is None else int(at >= down)
                    out.write(f"{at - started:.3f},{1000 * seconds:.1f},{after}\n")
        stored = pages(service.url, (token, ""), f"/v1/experiments/{experiment}/observations")
        by_suggestion = [o["suggestion"] for o in stored]
        handed = pages(service.url, (token, ""), f"/v1/experiments/{experiment}/suggestions")
        open_now = [s for s in handed if s["state"] == "open"]
        assignments = [json.dumps(s["assignments"], sort_keys=True) for s in handed]
        result = {
            "clients": clients, "observations_acknowledged": len(state.acknowledged),
            "observations_stored": len(stored),
            "every_acknowledged_stored_once": sorted(state.acknowledged) == sorted(by_suggestion)
            and len(set(by_suggestion)) == len(by_suggestion),
            "suggestions_handed": len(handed), "open_at_end": len(open_now),
            "all_handed_suggestions_distinct": len(set(assignments)) == len(assignments),
            "suggestion_create_p50_ms": round(1000 * percentile(state.latencies, 50), 1),
            "suggestion_create_p99_ms": round(1000 * percentile(state.latencies, 99), 1),
            "suggestion_create_max_ms": round(1000 * max(state.latencies), 1),
            "retried_requests": state.retries, "restart_seconds": None if outage is None else round(outage, 1),
            "wall_seconds": round(elapsed, 1),
        }
        return result
    finally:
        service.stop()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--observations", type=int, default=1000)
    p.add_argument("--eval-seconds", type=float, default=5.0, help="mean evaluation time per suggestion")
    p.add_argument("--kill-at", type=int, default=500, help="kill -9 after this many observations (0: never)")
    p.add_argument("--prepare", type=int, default=16, help="serve --prepare")
    p.add_argument("--timeline", help="write each suggestion create's answer time and latency to this CSV file")
    p.add_argument("--server-log", help="append the server's stderr to this file")
    a = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="bayestune-service-load-") as workdir:
        log = open(a.server_log, "a") if a.server_log else None
        try:
            print(json.dumps(run(a.clients, a.observations, a.eval_seconds, a.kill_at, a.prepare, workdir, log=log,
                                 timeline=a.timeline)))
        finally:
            if log:
                log.close()


if __name__ == "__main__":
    main()
