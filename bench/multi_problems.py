"""The problems of bench/multi_bench.py: two-objective and constrained test functions, each written
from its paper's definition. Every objective is minimized; every constraint is c(x) <= 0.

Two objectives (reference points and true fronts as BoTorch's test problems and the qNEHVI paper use):
  branin_currin  Belakhdar et al. / Daulton et al. 2020, 2-d, reference (18, 6)
  zdt1/2/3       Zitzler, Deb and Thiele 2000, 6-d, reference (11, 11)
  dtlz2          Deb, Thiele, Laumanns and Zitzler 2002, 6-d, 2 objectives, reference (1.1, 1.1)
  mixed_zdt1     ZDT1 with an integer and a categorical parameter in g (the front is ZDT1's), ref (11, 11)
Constrained:
  gardner        Gardner et al. 2014 sec. 5.1: cos(2x)cos(y) + sin(x) s.t. cos(x)cos(y) - sin(x)sin(y) <= 0.5
  gramacy        Gramacy et al. 2016: x1 + x2 s.t. two nonlinear constraints, best 0.5998
  pressure_vessel, tension_spring   the engineering design problems (Coello 2000 and later), 4 constraints
  branin_disk    Branin s.t. (x1 - 2.5)^2 + (x2 - 7.5)^2 <= 50 (Gelbart, Snoek and Adams 2014)
"""
import math


def _double(name, lo, hi):
    return {"name": name, "type": "double", "bounds": {"min": lo, "max": hi}}


def branin(x1, x2):
    return ((x2 - 5.1 / (4 * math.pi ** 2) * x1 ** 2 + 5 / math.pi * x1 - 6) ** 2
            + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x1) + 10)


def branin_currin(a):
    u, v = a["x1"], a["x2"]
    f1 = branin(15 * u - 5, 15 * v)
    v = max(v, 1e-12)  # Currin's exp(-1/(2v)) is 0 at v = 0
    f2 = ((1 - math.exp(-1 / (2 * v))) * (2300 * u ** 3 + 1900 * u ** 2 + 2092 * u + 60)
          / (100 * u ** 3 + 500 * u ** 2 + 4 * u + 20))
    return [f1, f2]


def _zdt_g(xs):
    return 1 + 9 * sum(xs[1:]) / (len(xs) - 1)


def zdt(kind):
    def f(a):
        xs = [a["x%d" % i] for i in range(1, 7)]
        g = _zdt_g(xs)
        h = xs[0] / g
        if kind == 1:
            f2 = g * (1 - math.sqrt(h))
        elif kind == 2:
            f2 = g * (1 - h * h)
        else:
            f2 = g * (1 - math.sqrt(h) - h * math.sin(10 * math.pi * xs[0]))
        return [xs[0], f2]
    return f


def dtlz2(a):
    xs = [a["x%d" % i] for i in range(1, 7)]
    g = sum((x - 0.5) ** 2 for x in xs[1:])
    return [(1 + g) * math.cos(xs[0] * math.pi / 2), (1 + g) * math.sin(xs[0] * math.pi / 2)]


MIXED_PENALTY = {"a": 0.6, "b": 0.0, "c": 0.3, "d": 1.0}


def mixed_zdt1(a):
    rest = a["x2"] + a["x3"] + abs(a["n"] - 6) / 4 + MIXED_PENALTY[a["c"]]
    g = 1 + 9 * rest / 4
    return [a["x1"], g * (1 - math.sqrt(a["x1"] / g))]


def _front(f1_to_f2, n=200001):
    return [(i / (n - 1), f1_to_f2(i / (n - 1))) for i in range(n)]


def _nondominated_sorted(points):
    points = sorted(points)
    out = []
    best_second = math.inf
    for p in points:
        if p[1] < best_second:
            out.append(p)
            best_second = p[1]
    return out


def hypervolume(points, reference):
    """Area dominated by 2-D points (minimizing both) within the box below the reference."""
    inside = [p for p in points if p[0] < reference[0] and p[1] < reference[1]]
    front = _nondominated_sorted(inside)
    area = 0.0
    for i, p in enumerate(front):
        next_x = front[i + 1][0] if i + 1 < len(front) else reference[0]
        area += (next_x - p[0]) * (reference[1] - p[1])
    return area


def _true_hv(name):
    if name == "branin_currin":
        return 59.36011874867746  # BoTorch's BraninCurrin._max_hv for reference (18, 6)
    if name in ("zdt1", "mixed_zdt1"):
        return hypervolume(_front(lambda t: 1 - math.sqrt(t)), (11, 11))
    if name == "zdt2":
        return hypervolume(_front(lambda t: 1 - t * t), (11, 11))
    if name == "zdt3":
        return hypervolume(_front(lambda t: 1 - math.sqrt(t) - t * math.sin(10 * math.pi * t)), (11, 11))
    if name == "dtlz2":
        return 1.1 * 1.1 - math.pi / 4
    raise KeyError(name)


SIX = [_double("x%d" % i, 0, 1) for i in range(1, 7)]
TWO_OBJECTIVE = {
    "branin_currin": {"params": [_double("x1", 0, 1), _double("x2", 0, 1)], "f": branin_currin, "ref": (18, 6)},
    "zdt1": {"params": SIX, "f": zdt(1), "ref": (11, 11)},
    "zdt2": {"params": SIX, "f": zdt(2), "ref": (11, 11)},
    "zdt3": {"params": SIX, "f": zdt(3), "ref": (11, 11)},
    "dtlz2": {"params": SIX, "f": dtlz2, "ref": (1.1, 1.1)},
    "mixed_zdt1": {"params": [_double("x1", 0, 1), _double("x2", 0, 1), _double("x3", 0, 1),
                              {"name": "n", "type": "int", "bounds": {"min": 0, "max": 10}},
                              {"name": "c", "type": "categorical", "categorical_values": ["a", "b", "c", "d"]}],
                   "f": mixed_zdt1, "ref": (11, 11)},
}
_TRUE_HV = {}


def true_hv(name):
    if name not in _TRUE_HV:
        _TRUE_HV[name] = _true_hv(name)
    return _TRUE_HV[name]


def gardner(a):
    x, y = a["x"], a["y"]
    return math.cos(2 * x) * math.cos(y) + math.sin(x), [math.cos(x) * math.cos(y) - math.sin(x) * math.sin(y) - 0.5]


def gramacy(a):
    x1, x2 = a["x1"], a["x2"]
    c1 = 1.5 - x1 - 2 * x2 - 0.5 * math.sin(2 * math.pi * (x1 * x1 - 2 * x2))
    c2 = x1 * x1 + x2 * x2 - 1.5
    return x1 + x2, [c1, c2]


def pressure_vessel(a):
    x1, x2, x3, x4 = a["ts"], a["th"], a["r"], a["l"]
    f = 0.6224 * x1 * x3 * x4 + 1.7781 * x2 * x3 ** 2 + 3.1661 * x1 ** 2 * x4 + 19.84 * x1 ** 2 * x3
    return f, [-x1 + 0.0193 * x3, -x2 + 0.00954 * x3,
               -math.pi * x3 ** 2 * x4 - 4 / 3 * math.pi * x3 ** 3 + 1296000, x4 - 240]


def tension_spring(a):
    d, big_d, n = a["d"], a["D"], a["N"]
    f = (n + 2) * big_d * d ** 2
    g1 = 1 - big_d ** 3 * n / (71785 * d ** 4)
    g2 = (4 * big_d ** 2 - d * big_d) / (12566 * (big_d * d ** 3 - d ** 4)) + 1 / (5108 * d ** 2) - 1
    g3 = 1 - 140.45 * d / (big_d ** 2 * n)
    g4 = (big_d + d) / 1.5 - 1
    return f, [g1, g2, g3, g4]


def branin_disk(a):
    return branin(a["x1"], a["x2"]), [(a["x1"] - 2.5) ** 2 + (a["x2"] - 7.5) ** 2 - 50]


CONSTRAINED = {
    "gardner": {"params": [_double("x", 0, 6), _double("y", 0, 6)], "f": gardner, "constraints": 1},
    "gramacy": {"params": [_double("x1", 0, 1), _double("x2", 0, 1)], "f": gramacy, "constraints": 2},
    "pressure_vessel": {"params": [_double("ts", 0, 10), _double("th", 0, 10), _double("r", 10, 200),
                                   _double("l", 10, 200)], "f": pressure_vessel, "constraints": 4},
    "tension_spring": {"params": [_double("d", 0.05, 2), _double("D", 0.25, 1.3), _double("N", 2, 15)],
                       "f": tension_spring, "constraints": 4},
    "branin_disk": {"params": [_double("x1", -5, 10), _double("x2", 0, 15)], "f": branin_disk, "constraints": 1},
}
