"""The optimizer benchmark's test functions, formula for formula the same as the Java ones in
jobs/src/main/java/io/bayestune/functions/ (the Java bench evaluates fixed points in both and
aborts on any mismatch beyond 1e-9).

Definitions and domains follow Surjanovic & Bingham, Virtual Library of Simulation Experiments
(https://www.sfu.ca/~ssurjano/optimization.html), and Jamil & Yang, "A literature survey of benchmark
functions for global optimization problems", IJMMNO 4(2), 2013. Every function is minimized.

Each function is a dict: name, params (list of (name, kind, low, high) with kind "double" or "int",
or (name, "categorical", values)), value(assignments dict) and optimum (known minimum value).
"""
import math

PI = math.pi


def branin_xy(x1, x2):
    a, b, c, r, s, t = 1.0, 5.1 / (4.0 * PI * PI), 5.0 / PI, 6.0, 10.0, 1.0 / (8.0 * PI)
    u = x2 - b * x1 * x1 + c * x1 - r
    return a * u * u + s * (1.0 - t) * math.cos(x1) + s


def six_hump_camel(x):
    x1, x2 = x
    x1s, x2s = x1 * x1, x2 * x2
    return (4.0 - 2.1 * x1s + x1s * x1s / 3.0) * x1s + x1 * x2 + (-4.0 + 4.0 * x2s) * x2s


H3_ALPHA = [1.0, 1.2, 3.0, 3.2]
H3_A = [[3.0, 10.0, 30.0], [0.1, 10.0, 35.0], [3.0, 10.0, 30.0], [0.1, 10.0, 35.0]]
H3_P = [[3689, 1170, 2673], [4699, 4387, 7470], [1091, 8732, 5547], [381, 5743, 8828]]
H6_ALPHA = [1.0, 1.2, 3.0, 3.2]
H6_A = [[10.0, 3.0, 17.0, 3.5, 1.7, 8.0], [0.05, 10.0, 17.0, 0.1, 8.0, 14.0],
        [3.0, 3.5, 1.7, 10.0, 17.0, 8.0], [17.0, 8.0, 0.05, 10.0, 0.1, 14.0]]
H6_P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
        [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]


def hartmann(x, alpha, a, p):
    total = 0.0
    for i in range(4):
        inner = 0.0
        for j in range(len(x)):
            d = x[j] - p[i][j] * 1e-4
            inner += a[i][j] * d * d
        total += alpha[i] * math.exp(-inner)
    return -total


def rosenbrock(x):
    total = 0.0
    for i in range(len(x) - 1):
        u = x[i + 1] - x[i] * x[i]
        v = x[i] - 1.0
        total += 100.0 * u * u + v * v
    return total


def ackley(x):
    a, b, c, d = 20.0, 0.2, 2.0 * PI, len(x)
    s1 = s2 = 0.0
    for v in x:
        s1 += v * v
        s2 += math.cos(c * v)
    return -a * math.exp(-b * math.sqrt(s1 / d)) - math.exp(s2 / d) + a + math.e


def levy(x):
    w = [1.0 + (v - 1.0) / 4.0 for v in x]
    first = math.sin(PI * w[0])
    total = first * first
    for i in range(len(x) - 1):
        s = math.sin(PI * w[i] + 1.0)
        total += (w[i] - 1.0) * (w[i] - 1.0) * (1.0 + 10.0 * s * s)
    last = w[-1]
    s = math.sin(2.0 * PI * last)
    return total + (last - 1.0) * (last - 1.0) * (1.0 + s * s)


def rastrigin(x):
    total = 10.0 * len(x)
    for v in x:
        total += v * v - 10.0 * math.cos(2.0 * PI * v)
    return total


def michalewicz(x):
    total = 0.0
    for i, v in enumerate(x):
        s = math.sin((i + 1) * v * v / PI)
        total += math.sin(v) * s ** 20  # 2m with m = 10
    return -total


def styblinski_tang(x):
    total = 0.0
    for v in x:
        v2 = v * v
        total += v2 * v2 - 16.0 * v2 + 5.0 * v
    return 0.5 * total


STYBLINSKI_TANG_MINIMIZER = -2.9035340277148873


# The mixed function: Branin in (x1, x2) plus a bowl in two integers whose centre depends on a
# categorical, plus a categorical offset. Minimum: Branin's 0.397887... at colour "green", k1=2, k2=-1.
MIXED_SHIFT = {"red": (-3, 2), "green": (2, -1), "blue": (0, 4)}
MIXED_OFFSET = {"red": 0.5, "green": 0.0, "blue": 1.0}


def mixed_branin(a):
    colour = a["colour"]
    s1, s2 = MIXED_SHIFT[colour]
    d1 = a["k1"] - s1
    d2 = a["k2"] - s2
    return branin_xy(a["x1"], a["x2"]) + float(d1 * d1 + d2 * d2) + MIXED_OFFSET[colour]


def _continuous(name, fn, bounds, optimum):
    names = ["x%d" % (i + 1) for i in range(len(bounds))]
    return {
        "name": name,
        "params": [(n, "double", lo, hi) for n, (lo, hi) in zip(names, bounds)],
        "value": lambda a: fn([a[n] for n in names]),
        "optimum": optimum,
    }


# Known minimum values, computed to full double precision by reference_optima.py from the
# literature minimizers (rounded literature values in the comments).
FUNCTIONS = [
    _continuous("branin", lambda x: branin_xy(x[0], x[1]), [(-5.0, 10.0), (0.0, 15.0)],
                0.39788735772973816),  # 0.397887
    _continuous("six-hump-camel", six_hump_camel, [(-3.0, 3.0), (-2.0, 2.0)],
                -1.0316284534898772),  # -1.0316
    _continuous("hartmann3", lambda x: hartmann(x, H3_ALPHA, H3_A, H3_P), [(0.0, 1.0)] * 3,
                -3.8627797873326593),  # -3.86278
    _continuous("hartmann6", lambda x: hartmann(x, H6_ALPHA, H6_A, H6_P), [(0.0, 1.0)] * 6,
                -3.322368011415514),  # -3.32237
    _continuous("rosenbrock4", rosenbrock, [(-5.0, 10.0)] * 4, 0.0),
    _continuous("ackley5", ackley, [(-32.768, 32.768)] * 5, 0.0),
    _continuous("levy6", levy, [(-10.0, 10.0)] * 6, 0.0),
    _continuous("rastrigin4", rastrigin, [(-5.12, 5.12)] * 4, 0.0),
    _continuous("michalewicz5", michalewicz, [(0.0, PI)] * 5, -4.687658179088149),  # -4.687658
    # f* is the formula at the minimizer (as in StyblinskiTang.java): -39.16617 * 8
    _continuous("styblinski-tang8", styblinski_tang, [(-5.0, 5.0)] * 8,
                styblinski_tang([STYBLINSKI_TANG_MINIMIZER] * 8)),
    {
        "name": "mixed-branin",
        "params": [("x1", "double", -5.0, 10.0), ("x2", "double", 0.0, 15.0),
                   ("k1", "int", -5, 5), ("k2", "int", -5, 5),
                   ("colour", "categorical", ["red", "green", "blue"])],
        "value": mixed_branin,
        "optimum": 0.39788735772973816,
    },
]

# The high-dimensional suite (`bench optimizer --suite high-dim`, HighDimensionalSuite.java): budget 500 in
# batches of 16.

def hartmann6_embedded(x):
    """Hartmann6 of the first six coordinates; the other 94 of [0, 1]^100 do not matter."""
    return hartmann(x[:6], H6_ALPHA, H6_A, H6_P)


# mixed60: ten groups, each of four doubles in [-5, 5], one int in {-5..5} and one categorical in {a, b, c, d}.
# The categorical sets the group's centre m and offset o; the group adds
# (sum over its doubles of (x - m)^2 + 2 (1 - cos(pi (x - m))) + (k - m)^2) / 4 + o. Minimum 0: every
# categorical "c" (m = 1, o = 0), every double and int at 1.
MIXED60_CENTRE = {"a": -2.0, "b": -1.0, "c": 1.0, "d": 3.0}
MIXED60_OFFSET = {"a": 0.5, "b": 0.25, "c": 0.0, "d": 0.75}


def mixed60(a):
    total = 0.0
    for g in range(10):
        c = a["c%d" % (g + 1)]
        m = MIXED60_CENTRE[c]
        group = 0.0
        for i in range(4):
            d = a["x%d" % (4 * g + i + 1)] - m
            group += d * d + 2.0 * (1.0 - math.cos(PI * d))
        k = a["k%d" % (g + 1)] - m
        total += (group + k * k) / 4.0 + MIXED60_OFFSET[c]
    return total


HIGH_DIMENSIONAL = [
    _continuous("ackley50", ackley, [(-32.768, 32.768)] * 50, 0.0),
    _continuous("rosenbrock30", rosenbrock, [(-5.0, 10.0)] * 30, 0.0),
    _continuous("levy50", levy, [(-10.0, 10.0)] * 50, 0.0),
    _continuous("styblinski-tang40", styblinski_tang, [(-5.0, 5.0)] * 40,
                styblinski_tang([STYBLINSKI_TANG_MINIMIZER] * 40)),
    _continuous("hartmann6-in-100", hartmann6_embedded, [(0.0, 1.0)] * 100, -3.322368011415514),
    {
        "name": "mixed60",
        "params": [("x%d" % (i + 1), "double", -5.0, 5.0) for i in range(40)]
        + [("k%d" % (g + 1), "int", -5, 5) for g in range(10)]
        + [("c%d" % (g + 1), "categorical", ["a", "b", "c", "d"]) for g in range(10)],
        "value": mixed60,
        "optimum": 0.0,
    },
]
FUNCTIONS = FUNCTIONS + HIGH_DIMENSIONAL

BY_NAME = {f["name"]: f for f in FUNCTIONS}
