#!/usr/bin/python3
"""First 64 points of the unscrambled Sobol sequence from SciPy (scipy.stats.qmc.Sobol,
scramble=False, which includes the origin as point 0), in dimensions 0..7 and 4088..4095 of a
4096-dimensional sequence, for SobolSequenceTest#unscrambledMatchesScipy. SciPy also uses the
Joe-Kuo new-joe-kuo-6.21201 direction numbers, so the points agree exactly.

Usage: /usr/bin/python3 sobol_reference.py > sobol_reference.csv
"""
import numpy as np
from scipy.stats import qmc

points = qmc.Sobol(d=4096, scramble=False).random(64)
dims = list(range(8)) + list(range(4088, 4096))
print("# columns: point index, then dimensions " + " ".join(str(d) for d in dims))
for i in range(64):
    print(",".join([str(i)] + ["%.17g" % points[i, d] for d in dims]))
