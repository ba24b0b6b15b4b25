"""Python overhead: the same job through bayestune.run_job from PySpark and through bin/bayestune run.

    nice -n 10 .venv/bin/python bench/python_overhead.py --budget 12 --repeats 2 [--out FILE]

Each run is a fresh process (so both pay their JVM and SparkSession start), alternating the two ways to share the
machine's drift between them: bin/bayestune run JOB --output DIR --budget N, and a Python process that makes a
SparkSession with the jar (local[*], FAIR scheduling, the driver heap the launcher's JVM gets) and calls run_job.
The job is examples/credit-gbt.yaml with its seed (42). Reports each run's wall-clock (process start to exit) and the
job's own time (its summary line), the medians, Python's ratio to the CLI's, and whether both found the same best.
Results go to docs/benchmarks.md by hand (the section "Python overhead").
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PYTHON_SIDE = r"""
import json, sys, bayestune
from pyspark.sql import SparkSession
job, output, budget, heap = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
spark = (SparkSession.builder.master("local[*]").appName("bayestune credit-gbt")
         .config("spark.jars", bayestune.jar_path()).config("spark.driver.memory", heap)
         .config("spark.scheduler.mode", "FAIR").config("spark.ui.showConsoleProgress", "false").getOrCreate())
r = bayestune.run_job(spark, job, output=output, budget=budget, progress=False)
print("RESULT " + json.dumps({"seconds": r.seconds, "best": r.best_assignments, "value": r.best_value}))
spark.stop()
"""


def launcher_heap() -> str:
    """The default max heap of a plain `java` (what bin/bayestune's JVM gets), for the PySpark driver too."""
    flags = subprocess.run(["java", "-XX:+PrintFlagsFinal", "-version"], capture_output=True, text=True).stdout
    size = int(re.search(r"MaxHeapSize\s*=\s*(\d+)", flags).group(1))
    return f"{size // (1024 * 1024)}m"


def run_cli(job: str, output: str, budget: int) -> dict:
    start = time.monotonic()
    done = subprocess.run([os.path.join(ROOT, "bin", "bayestune"), "run", job, "--output", output,
                           "--budget", str(budget)], cwd=ROOT, capture_output=True, text=True)
    wall = time.monotonic() - start
    if done.returncode != 0:
        sys.exit(f"bin/bayestune run failed:\n{done.stdout}\n{done.stderr}")
    with open(os.path.join(output, "best.json")) as f:
        best = json.load(f)
    return {"wall": wall, "job": _summary_seconds(done.stdout), "best": best["assignments"], "value": best["value"]}


def run_python(job: str, output: str, budget: int, heap: str) -> dict:
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", PYTHON_SIDE, job, output, str(budget), heap], cwd=ROOT,
                          capture_output=True, text=True, env=dict(os.environ, SPARK_LOCAL_IP="127.0.0.1"))
    wall = time.monotonic() - start
    line = next((l for l in done.stdout.splitlines() if l.startswith("RESULT ")), None)
    if done.returncode != 0 or line is None:
        sys.exit(f"run_job failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    r = json.loads(line[len("RESULT "):])
    return {"wall": wall, "job": r["seconds"], "best": r["best"], "value": r["value"]}


def _summary_seconds(printed: str) -> float:
    """The job's own time from its summary line, e.g. 'credit-gbt: 12 observations (...), 1m52s, 4 trials at a time'."""
    m = re.search(r"observations \([^)]*\), (?:(\d+)m)?([\d.]+)s", printed)
    return (int(m.group(1) or 0) * 60 + float(m.group(2))) if m else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--budget", type=int, default=12)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--job", default=os.path.join(ROOT, "examples", "credit-gbt.yaml"))
    parser.add_argument("--python-first", action="store_true", help="start the alternation with run_job")
    parser.add_argument("--out", help="also write the results as JSON here")
    args = parser.parse_args()
    heap = launcher_heap()
    subprocess.run([os.path.join(ROOT, "bin", "bayestune"), "--help"], cwd=ROOT, capture_output=True)  # build once
    runs: dict[str, list] = {"cli": [], "python": []}
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    with tempfile.TemporaryDirectory(prefix="bayestune-overhead-") as tmp:
        for i in range(args.repeats):
            for way in ("cli", "python") if (i + args.python_first) % 2 == 0 else ("python", "cli"):
                output = os.path.join(tmp, f"{way}-{i}")
                r = run_cli(args.job, output, args.budget) if way == "cli" else \
                    run_python(args.job, output, args.budget, heap)
                runs[way].append(r)
                print(f"{way:6} run {i + 1}: wall {r['wall']:.1f} s, job {r['job']:.1f} s, best {r['value']:.4f} "
                      f"{r['best']}", flush=True)
    med = {w: (statistics.median(r["wall"] for r in rs), statistics.median(r["job"] for r in rs))
           for w, rs in runs.items()}
    ratio = med["python"][0] / med["cli"][0]
    same_best = all(p["best"] == c["best"] for p, c in zip(runs["python"], runs["cli"]))
    print(f"\nbudget {args.budget}, {args.repeats} run(s) each, started {started}, {os.cpu_count()} cores, "
          f"{platform.system()} {platform.machine()}, driver heap {heap}")
    print(f"median wall-clock: bin/bayestune run {med['cli'][0]:.1f} s, run_job from PySpark {med['python'][0]:.1f} s "
          f"(ratio {ratio:.3f}; target <= 1.05: {'PASS' if ratio <= 1.05 else 'FAIL'})")
    print(f"median job time (summary): CLI {med['cli'][1]:.1f} s, Python {med['python'][1]:.1f} s")
    print(f"same best assignments in every pair: {same_best}")
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"budget": args.budget, "runs": runs, "ratio": ratio, "same_best": same_best,
                       "started": started, "heap": heap}, f, indent=1)


if __name__ == "__main__":
    main()
