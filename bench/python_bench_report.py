"""The Markdown section that bench/python_alternatives.py writes into docs/benchmarks.md."""
from __future__ import annotations

import os
import platform
import statistics
import subprocess
import time
from dataclasses import dataclass

SECTION = "Python: bayestune vs Hyperopt and Optuna"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass
class Row:
    task: str
    method: str
    aucs: list[float]
    seconds: list[float]

    @property
    def is_bayestune(self) -> bool:
        return self.method.startswith("bayestune")


def quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        return values[0], values[0], values[0]
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def verdicts(rows: list[Row]) -> list[str]:
    """The issue's acceptance line per task: bayestune's median best AUC at least each alternative's, and its
    median wall-clock no worse than 1.2x the fastest method's."""
    lines = []
    for task in dict.fromkeys(r.task for r in rows):
        ours = [r for r in rows if r.task == task and r.is_bayestune]
        others = [r for r in rows if r.task == task and not r.is_bayestune]
        if not ours or not others:
            continue
        mine = ours[0]
        median_auc = statistics.median(mine.aucs)
        beaten = [o.method for o in others if statistics.median(o.aucs) > median_auc]
        fastest = min(statistics.median(r.seconds) for r in rows if r.task == task)
        ratio = statistics.median(mine.seconds) / fastest
        quality = ("met: its median best AUC is at least every alternative's" if not beaten
                   else "NOT met: a higher median best AUC from " + ", ".join(beaten))
        speed = (f"met ({ratio:.2f}x the fastest median wall-clock)" if ratio <= 1.2
                 else f"NOT met ({ratio:.2f}x the fastest median wall-clock)")
        lines.append(f"- `{task}`: quality {quality}; wall-clock {speed}.")
    return lines


def table(rows: list[Row]) -> list[str]:
    out = ["| task | method | seeds | median best AUC | quartiles | median wall-clock | vs fastest |",
           "|---|---|---|---|---|---|---|"]
    for task in dict.fromkeys(r.task for r in rows):
        fastest = min(statistics.median(r.seconds) for r in rows if r.task == task)
        for r in (r for r in rows if r.task == task):
            q1, q2, q3 = quartiles(r.aucs)
            seconds = statistics.median(r.seconds)
            out.append(f"| {r.task} | {r.method} | {len(r.aucs)} | {q2:.4f} | {q1:.4f} - {q3:.4f} | {seconds:.0f} s "
                       f"| {seconds / fastest:.2f}x |")
    return out


def commit() -> str:
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short=12", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def write_section(rows: list[Row], args, command: str, seconds: float, out: str | None) -> str:
    body = [
        f"`{command}`",
        "",
        f"On {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.node()} ({os.cpu_count()} cores, "
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}), commit {commit()}, "
        f"budget {args.budget}, parallelism {args.parallelism}, seeds as the table's column says, "
        "local Spark with as many slots as the parallelism. Best AUC: the highest 3-fold mean AUC a method "
        "observed (the same measure for all); wall-clock: the whole tuning call.",
        "",
        *table(rows),
        "",
        "Acceptance (issue 11):",
        *verdicts(rows),
    ]
    text = "\n".join(body) + "\n"
    if out:
        replace_section(out, SECTION, text)
    return text


def replace_section(path: str, title: str, body: str) -> None:
    """Rewrites the ``## title`` section of a Markdown file (up to the next ``## `` heading), as the Java
    benchmarks' MarkdownSections does, keeping the rest."""
    heading = f"## {title}\n"
    section = heading + "\n" + body.rstrip() + "\n"
    document = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmarks\n"
    start = 0 if document.startswith(heading) else document.find("\n" + heading)
    if start < 0:
        document = document.rstrip() + "\n\n" + section
    else:
        start += 0 if start == 0 else 1
        end = document.find("\n## ", start + len(heading) - 1)
        document = document[:start] + section + ("" if end < 0 else "\n" + document[end + 1:])
    with open(path, "w", encoding="utf-8") as f:
        f.write(document)
