"""Suggestion quality of `bayestune serve` for SigOpt's documented loop, against bayestune's own Python calls.

    .venv/bin/python bench/service_quality.py --runs 20 [--rounds 30] [--jobs 3] [--minutes 50] [--out FILE]

The problem is python/tests/test_sigopt_service.py's (a made-up yield over a double, an int, a 3-way categorical
and a conditional double; maximized, optimum 0.7; temperatures above 95 fail). Each run is a new experiment with
observation_budget = --rounds, driven for --rounds rounds of suggest, evaluate, observe, one at a time:

- service: SigOpt's Python client (pip `sigopt`, unchanged) against one `bayestune serve` on 127.0.0.1, started
  as python/tests/conftest.py starts it (ServiceProcess, --prepare 4); the server picks each experiment's seed.
- python: bayestune.Experiment (create / suggest / observe, python/bayestune/experiment.py) in a temporary
  directory, seed 1000 + run. Each call starts a JVM, so these runs take minutes each: --jobs runs them
  side by side, after the service runs (which run alone with their server, one client at a time).

The two should reach the same quality: the service adds only the preparation of suggestions ahead of requests.
Prints per way the best value after --rounds rounds (median, quartiles, min, max) and how many runs came within
0.05 of the optimum; --out appends that table as a markdown section to a file. With --minutes, no run starts
after that time and the table has the runs that finished (its runs column says how many).
"""
from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python", "tests"))
import bayestune  # noqa: E402
from bayestune.service import ServiceProcess, create_token  # noqa: E402
from test_sigopt_service import evaluate  # noqa: E402  (the test's problem, so that the two cannot drift apart)

OPTIMUM = 0.7
NEAR = 0.05
PARAMETERS = [
    dict(name="temperature", type="double", bounds=dict(min=20.0, max=100.0)),
    dict(name="washes", type="int", bounds=dict(min=1, max=6)),
    dict(name="catalyst", type="categorical", categorical_values=["pd", "ni", "cu"]),
    dict(name="stir_minutes", type="double", bounds=dict(min=1, max=30), conditions=dict(solvent=["ethanol"])),
]
CONDITIONALS = [dict(name="solvent", values=["water", "ethanol"])]


def spec(rounds: int) -> dict:
    """test_sigopt_service's experiment, as both ways take it."""
    return dict(name="Batch yield", parameters=PARAMETERS, conditionals=CONDITIONALS,
                metrics=[dict(name="yield", objective="maximize")], observation_budget=rounds)


def service_run(conn, rounds: int) -> float:
    """The documented sigopt loop; the best value observed."""
    experiment = conn.experiments().create(**spec(rounds))
    best = -float("inf")
    for _ in range(rounds):
        suggestion = conn.experiments(experiment.id).suggestions().create()
        value = evaluate(suggestion.assignments)
        if value is None:
            conn.experiments(experiment.id).observations().create(suggestion=suggestion.id, failed=True)
        else:
            conn.experiments(experiment.id).observations().create(suggestion=suggestion.id, value=value)
            best = max(best, value)
    return best


def python_run(run: int, rounds: int) -> float:
    """The same loop through bayestune.Experiment's three calls; the best value observed."""
    with tempfile.TemporaryDirectory(prefix="bayestune-quality-") as tmp:
        experiment = bayestune.Experiment.create(spec(rounds), at=os.path.join(tmp, "exp"), seed=1000 + run)
        best = -float("inf")
        for _ in range(rounds):
            suggestion = experiment.suggest()
            value = evaluate(suggestion.assignments)
            if value is None:
                experiment.observe(suggestion, failed=True)
            else:
                experiment.observe(suggestion, value=value)
                best = max(best, value)
        return best


def summary(values: list[float]) -> dict:
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return dict(median=median, q1=q1, q3=q3, min=min(values), max=max(values),
                near=sum(1 for v in values if v >= OPTIMUM - NEAR), runs=len(values))


def table(results: dict[str, list[float]], seconds: dict[str, list[float]]) -> str:
    rows = ["| way | runs | median | quartiles | min | max | within 0.05 of 0.7 | wall time per run (median) |",
            "|---|---|---|---|---|---|---|---|"]
    for way, values in results.items():
        s = summary(values)
        rows.append(f"| {way} | {s['runs']} | **{s['median']:.3f}** | {s['q1']:.3f} - {s['q3']:.3f} | {s['min']:.3f} "
                    f"| {s['max']:.3f} | {s['near']} of {s['runs']} | {statistics.median(seconds[way]):.1f} s |")
    return "\n".join(rows)


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=os.path.dirname(os.path.abspath(__file__)), check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="experiments per way (default 20)")
    parser.add_argument("--rounds", type=int, default=30, help="suggest/observe rounds per experiment (default 30)")
    parser.add_argument("--out", help="append the result as a markdown section to this file")
    parser.add_argument("--jobs", type=int, default=1,
                        help="python runs at once (each is a chain of JVM starts; default 1)")
    parser.add_argument("--minutes", type=float,
                        help="start no run after this many minutes; the table then has the runs that finished")
    args = parser.parse_args()
    if args.runs < 2 or args.rounds < 1 or args.jobs < 1:
        parser.error(f"--runs must be at least 2 (quartiles), --rounds and --jobs at least 1, but got {args.runs}, "
                     f"{args.rounds}, {args.jobs}")
    import sigopt  # the unchanged client, pinned in python/requirements-test.txt

    service_way, python_way = "service (sigopt client)", "python (bayestune.Experiment)"
    started = datetime.datetime.now(datetime.timezone.utc)
    stop_at = time.monotonic() + args.minutes * 60 if args.minutes else float("inf")

    def timed(way: str, run: int, once) -> tuple[float, float] | None:
        if time.monotonic() > stop_at:
            return None
        t0 = time.perf_counter()
        best = once()
        print(f"run {run}, {way}: best {best:.4f}", file=sys.stderr, flush=True)
        return best, time.perf_counter() - t0

    # The service runs one client at a time, alone with its server (a concurrent load would let the serial
    # experiment's wait for a fresh suggestion run out); then the python runs, --jobs at once.
    service_done = []
    with tempfile.TemporaryDirectory(prefix="bayestune-quality-service-") as root:
        tokens = os.path.join(root, "tokens.txt")
        token = create_token(tokens, "bench")
        with ServiceProcess(state=os.path.join(root, "state"), tokens=tokens, prepare=4) as service:
            conn = sigopt.Connection(client_token=token)
            conn.set_api_url(service.url)
            for run in range(args.runs):
                service_done.append(timed(service_way, run, lambda: service_run(conn, args.rounds)))
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        python_done = list(pool.map(lambda run: timed(python_way, run, lambda: python_run(run, args.rounds)),
                                    range(args.runs)))
    finished = datetime.datetime.now(datetime.timezone.utc)
    results, seconds = {}, {}
    for way, done in ((service_way, service_done), (python_way, python_done)):
        results[way] = [d[0] for d in done if d is not None]
        seconds[way] = [d[1] for d in done if d is not None]
        if len(results[way]) < 2:
            sys.exit(f"bench/service_quality.py: fewer than 2 {way} runs finished within --minutes; no table")
    text = table(results, seconds)
    print(text)
    if args.out:
        with open(args.out, "a") as out:
            out.write(f"\n## SigOpt-compatible service: suggestion quality\n\n"
                      f"`{' '.join(['.venv/bin/python', 'bench/service_quality.py'] + sys.argv[1:])}`, commit "
                      f"{commit()}, {started:%Y-%m-%d %H:%M}-{finished:%H:%M} UTC; best value after "
                      f"{args.rounds} rounds (optimum {OPTIMUM}):\n\n{text}\n")

if __name__ == "__main__":
    main()
