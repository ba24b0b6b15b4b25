"""Optuna's TPE (multivariate) and CMA-ES on the cluster simulator's functions, in synchronous batches
of the simulator's slot count, for `docs/benchmarks.md` ("Cluster simulator: quality at scale").

  cluster_optuna.py --functions hartmann6-in-12,ackley12 --samplers tpe-multivariate,cmaes \
      --batch 64 --budget 2000 --seeds 1-3 --out optuna-cluster.json

Each batch: `batch` trials asked, evaluated, then told (the same number in flight as the simulator's
slots). The functions mirror io.bayestune.bench.cluster (hartmann6-in-12: Hartmann6 of x1..x6 with
x7..x12 on [0, 1] ignored; ackley12: Ackley on [-32.768, 32.768]^12), formula for formula from
bench_functions.py. Prints per run the regret after each 250 trials and at the end.
"""
import argparse
import json
import logging
import sys
import time

sys.path.insert(0, __file__.rsplit("/", 1)[0] if "/" in __file__ else ".")
import bench_functions as bf  # noqa: E402
from optuna_bench import make_sampler  # noqa: E402  (the samplers, cmaes-random-start included)


def function(name):
    if "-in-" in name:
        inner, d = name.split("-in-")
        f = bf.BY_NAME[inner]
        params = list(f["params"]) + [("x%d" % i, "double", 0.0, 1.0) for i in range(len(f["params"]) + 1, int(d) + 1)]
        return {"name": name, "params": params, "value": f["value"], "optimum": f["optimum"]}
    if name.startswith("ackley"):
        d = int(name[len("ackley"):])
        names = ["x%d" % (i + 1) for i in range(d)]
        return {"name": name, "params": [(n, "double", -32.768, 32.768) for n in names],
                "value": lambda a: bf.ackley([a[n] for n in names]), "optimum": 0.0}
    return bf.BY_NAME[name]


def run_one(f, sampler_name, seed, batch, budget):
    import optuna
    study = optuna.create_study(direction="minimize", sampler=make_sampler(sampler_name, seed, f["params"]))
    best = float("inf")
    regret = []
    start = time.perf_counter()
    while len(regret) < budget:
        trials = [study.ask() for _ in range(min(batch, budget - len(regret)))]
        for t in trials:
            a = {p[0]: t.suggest_float(p[0], p[2], p[3]) for p in f["params"]}
            v = f["value"](a)
            study.tell(t, v)
            best = min(best, v)
            regret.append(best - f["optimum"])
    return {"function": f["name"], "sampler": sampler_name, "seed": seed, "batch": batch, "budget": budget,
            "seconds": time.perf_counter() - start, "regret": regret}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--functions", default="hartmann6-in-12,ackley12")
    p.add_argument("--samplers", default="tpe-multivariate,cmaes")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--budget", type=int, default=2000)
    p.add_argument("--seeds", default="1-3")
    p.add_argument("--out")
    a = p.parse_args()
    import optuna
    optuna.logging.set_verbosity(logging.WARNING)
    lo, _, hi = a.seeds.partition("-")
    runs = []
    for name in a.functions.split(","):
        for s in a.samplers.split(","):
            for seed in range(int(lo), int(hi or lo) + 1):
                r = run_one(function(name), s, seed, a.batch, a.budget)
                marks = {n: r["regret"][n - 1] for n in (250, 500, 1000, 2000, 5000) if n <= len(r["regret"])}
                print(json.dumps({"function": name, "sampler": s, "seed": seed, "seconds": round(r["seconds"], 1),
                                  "regret_at": marks}), flush=True)
                runs.append(r)
    if a.out:
        with open(a.out, "w") as fh:
            json.dump(runs, fh)


if __name__ == "__main__":
    main()
