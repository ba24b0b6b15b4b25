"""Computes the known minima used by the benchmark (bench_functions.py and the Java functions'
unit tests) to full double precision: each literature minimizer (Surjanovic & Bingham's VLSE;
Jamil & Yang 2013) is polished with a bounded quasi-Newton run and the value printed with repr().
Michalewicz and Styblinski-Tang are separable, so each coordinate is minimized on its own (a dense
1-D grid, then Brent).

Run: /usr/bin/python3 bench/reference_optima.py   (needs numpy and scipy)
"""
import math
import sys

import numpy as np
from scipy.optimize import minimize, minimize_scalar

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import bench_functions as bf  # noqa: E402

LITERATURE = {
    "branin": [-math.pi, 12.275],
    "six-hump-camel": [0.0898, -0.7126],
    "hartmann3": [0.114614, 0.555649, 0.852547],
    "hartmann6": [0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573],
    "rosenbrock4": [1.0] * 4,
    "ackley5": [0.0] * 5,
    "levy6": [1.0] * 6,
    "rastrigin4": [0.0] * 4,
}


def polish(f, x0, bounds):
    res = minimize(lambda x: f["value"]({"x%d" % (i + 1): float(v) for i, v in enumerate(x)}),
                   np.array(x0), method="L-BFGS-B", bounds=bounds,
                   options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 10000})
    # Keep the literature point when polishing does not improve it (exact minimizers such as ones).
    lit = f["value"]({"x%d" % (i + 1): v for i, v in enumerate(x0)})
    return (list(x0), lit) if lit <= res.fun else (list(res.x), float(res.fun))


def separable_minimizer(term, d, lo, hi):
    xs = []
    for i in range(d):
        grid = np.linspace(lo, hi, 200001)
        k = int(np.argmin([term(i, v) for v in grid]))
        a, b = grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)]
        xs.append(minimize_scalar(lambda v: term(i, v), bounds=(a, b), method="bounded",
                                  options={"xatol": 1e-14}).x)
    return xs


def main():
    for f in bf.FUNCTIONS:
        name = f["name"]
        if name == "mixed-branin":
            continue
        bounds = [(p[2], p[3]) for p in f["params"]]
        if name == "michalewicz5":
            x = separable_minimizer(
                lambda i, v: -math.sin(v) * math.sin((i + 1) * v * v / math.pi) ** 20, 5, 0.0, math.pi)
            v = f["value"]({"x%d" % (i + 1): xi for i, xi in enumerate(x)})
        elif name == "styblinski-tang8":
            x = separable_minimizer(lambda i, v: 0.5 * (v ** 4 - 16.0 * v * v + 5.0 * v), 8, -5.0, 5.0)
            v = f["value"]({"x%d" % (i + 1): xi for i, xi in enumerate(x)})
        else:
            x, v = polish(f, LITERATURE[name], bounds)
        print("%-18s value=%r  x=%s" % (name, v, [float(t) for t in x]))


if __name__ == "__main__":
    main()
