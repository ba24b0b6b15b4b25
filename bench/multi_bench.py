"""Several metrics and constraints: bayestune beside Optuna's samplers on the problems of
multi_problems.py, all in one run (issue 15's benchmark). bayestune is driven through
`bayestune ask-tell` (JSON lines), so both sides evaluate the same Python functions.

  bench/multi_bench.sh run --suite two ...       (builds, copies the jars aside, runs this with them)
  multi_bench.py run --suite two --samplers bayestune,nsga2,tpe,gp --seeds 1-20 --budget 60 \
      --classpath "$CP" --out two.json
  multi_bench.py run --suite constrained --samplers bayestune,tpe,gp --seeds 1-20 --budget 50 ... --out c.json
  multi_bench.py table two.json c.json          markdown tables for docs/benchmarks.md

Two objectives: the log10 hypervolume difference to the true front at the budget (lower is better;
the measure of Daulton et al. 2020, qEHVI). Constrained: the best feasible value at the budget (inf when
nothing feasible was found) and the fraction of evaluations that were feasible. Optuna's samplers run
with their defaults and the seed: NSGAIISampler, TPESampler (multi-objective TPE when there are two
directions; constraints_func when constrained), GPSampler (needs torch and scipy:
bench/requirements-optuna-gp.txt).
"""
import argparse
import json
import logging
import math
import os
import subprocess
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import multi_problems as mp  # noqa: E402


class AskTell:
    """One `bayestune ask-tell` process: create, suggest, observe."""

    def __init__(self, classpath):
        self.proc = subprocess.Popen(["java", "-cp", classpath, "io.bayestune.cli.Main", "ask-tell"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def call(self, request):
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        response = json.loads(self.proc.stdout.readline())
        if not response.get("ok"):
            raise RuntimeError("ask-tell: %s -> %s" % (request, response.get("error")))
        return response

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def spec(problem, budget, constraints):
    if constraints is None:
        metrics = [{"name": "f1", "objective": "minimize"}, {"name": "f2", "objective": "minimize"}]
    else:
        metrics = [{"name": "f", "objective": "minimize"}] + [
            {"name": "c%d" % (i + 1), "objective": "minimize", "strategy": "constraint", "threshold": 0}
            for i in range(constraints)]
    return {"parameters": problem["params"], "metrics": metrics, "observation_budget": budget}


def run_bayestune(problem, seed, budget, classpath, constrained):
    session = AskTell(classpath)
    try:
        session.call({"op": "create", "seed": seed,
                      "experiment": spec(problem, budget, problem["constraints"] if constrained else None)})
        outcomes = []
        for _ in range(budget):
            s = session.call({"op": "suggest"})["suggestions"][0]
            out = problem["f"](s["assignments"])
            if constrained:
                f, cs = out
                values = [{"name": "f", "value": f}] + [{"name": "c%d" % (i + 1), "value": c} for i, c in enumerate(cs)]
            else:
                values = [{"name": "f1", "value": out[0]}, {"name": "f2", "value": out[1]}]
            session.call({"op": "observe", "suggestion": s["id"], "values": values})
            outcomes.append(out)
        return outcomes
    finally:
        session.close()


def _suggest(trial, params):
    a = {}
    for p in params:
        if p["type"] == "double":
            a[p["name"]] = trial.suggest_float(p["name"], p["bounds"]["min"], p["bounds"]["max"])
        elif p["type"] == "int":
            a[p["name"]] = trial.suggest_int(p["name"], p["bounds"]["min"], p["bounds"]["max"])
        else:
            a[p["name"]] = trial.suggest_categorical(p["name"], p["categorical_values"])
    return a


def run_optuna(problem, seed, budget, sampler_name, constrained):
    import optuna
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    warnings.filterwarnings("ignore")
    constraints_func = (lambda t: t.user_attrs["c"]) if constrained else None
    if sampler_name == "nsga2":
        sampler = optuna.samplers.NSGAIISampler(seed=seed, constraints_func=constraints_func)
    elif sampler_name == "tpe":
        sampler = optuna.samplers.TPESampler(seed=seed, constraints_func=constraints_func)
    elif sampler_name == "gp":
        sampler = optuna.samplers.GPSampler(seed=seed, constraints_func=constraints_func)
    else:
        raise SystemExit("multi_bench.py: sampler must be bayestune, nsga2, tpe or gp, but got " + sampler_name)
    outcomes = []

    def objective(trial):
        out = problem["f"](_suggest(trial, problem["params"]))
        outcomes.append(out)
        if constrained:
            trial.set_user_attr("c", list(out[1]))
            return out[0]
        return tuple(out)

    study = optuna.create_study(directions=["minimize"] if constrained else ["minimize", "minimize"], sampler=sampler)
    study.optimize(objective, n_trials=budget)
    return outcomes


def score_two(name, outcomes):
    problem = mp.TWO_OBJECTIVE[name]
    hv = mp.hypervolume([tuple(o) for o in outcomes], problem["ref"])
    gap = max(mp.true_hv(name) - hv, 1e-12)
    return {"log_hv_difference": math.log10(gap), "hypervolume": hv}


def score_constrained(outcomes):
    feasible = [f for f, cs in outcomes if all(c <= 0 for c in cs)]
    return {"best_feasible": min(feasible) if feasible else math.inf,
            "feasible_fraction": len(feasible) / len(outcomes)}


def seeds_of(text):
    if "-" in text:
        lo, hi = text.split("-")
        return list(range(int(lo), int(hi) + 1))
    return [int(s) for s in text.split(",")]


def run(args):
    constrained = args.suite == "constrained"
    problems = mp.CONSTRAINED if constrained else mp.TWO_OBJECTIVE
    names = args.problems.split(",") if args.problems else list(problems)
    results = []
    if os.path.exists(args.out):
        with open(args.out) as f:
            results = json.load(f)["runs"]
    done = {(r["problem"], r["sampler"], r["seed"]) for r in results}
    for seed in seeds_of(args.seeds):
        for name in names:
            for sampler in args.samplers.split(","):
                if (name, sampler, seed) in done:
                    continue
                problem = dict(problems[name])
                started = time.time()
                if sampler == "bayestune":
                    outcomes = run_bayestune(problem, seed, args.budget, args.classpath, constrained)
                else:
                    outcomes = run_optuna(problem, seed, args.budget, sampler, constrained)
                row = {"problem": name, "sampler": sampler, "seed": seed, "budget": args.budget,
                       "seconds": round(time.time() - started, 2)}
                row.update(score_constrained(outcomes) if constrained else score_two(name, outcomes))
                results.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
                with open(args.out, "w") as f:
                    json.dump({"suite": args.suite, "runs": results}, f, indent=1)


def median(values):
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else 0.5 * (values[n // 2 - 1] + values[n // 2])


def table(paths):
    suites = {}
    for path in paths:
        with open(path) as f:
            data = json.load(f)
        suites.setdefault(data["suite"], []).extend(data["runs"])
    for suite, runs in suites.items():
        constrained = suite == "constrained"
        samplers = list(dict.fromkeys(r["sampler"] for r in runs))
        problems = list(dict.fromkeys(r["problem"] for r in runs))
        key = "best_feasible" if constrained else "log_hv_difference"
        print("| problem | " + " | ".join(samplers) + " |")
        print("|---|" + "---|" * len(samplers))
        wins = {s: 0 for s in samplers if s != "bayestune"}
        compared = {s: 0 for s in wins}
        for p in problems:
            cells = []
            medians = {}
            for s in samplers:
                rs = [r for r in runs if r["problem"] == p and r["sampler"] == s]
                if not rs:
                    cells.append("-")
                    continue
                medians[s] = median([r[key] for r in rs])
                cell = ("%.7g" if constrained else "%.3f") % medians[s]
                if constrained:
                    cell += " (%.0f%% feasible)" % (100 * sum(r["feasible_fraction"] for r in rs) / len(rs))
                cell += " [n=%d, %.1fs/run]" % (len(rs), sum(r["seconds"] for r in rs) / len(rs))
                cells.append(cell)
            for s in wins:
                if "bayestune" in medians and s in medians:
                    compared[s] += 1
                    wins[s] += medians["bayestune"] < medians[s]
            print("| %s | %s |" % (p, " | ".join(cells)))
        print()
        print("bayestune's median better than: " + ", ".join("%s on %d of %d measured" % (s, w, compared[s])
                                                             for s, w in wins.items()))
        print()


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    r.add_argument("--suite", choices=["two", "constrained"], required=True)
    r.add_argument("--problems", default="")
    r.add_argument("--samplers", default="bayestune,nsga2,tpe,gp")
    r.add_argument("--seeds", default="1-20")
    r.add_argument("--budget", type=int, default=60)
    r.add_argument("--classpath", default=os.environ.get("BAYESTUNE_CLASSPATH", ""),
                   help="the jobs jar and its compile classpath (bench/multi_bench.sh makes a private copy)")
    r.add_argument("--out", required=True)
    t = sub.add_parser("table")
    t.add_argument("paths", nargs="+")
    args = parser.parse_args()
    if args.command == "run":
        run(args)
    else:
        table(args.paths)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main()
