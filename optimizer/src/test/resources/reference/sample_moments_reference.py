#!/usr/bin/python3
"""Reference mean and sample standard deviation (numpy's mean and std with ddof=1) for
SampleMomentsTest#matchesNumpyReference: a skewed vector, fold AUCs, and values whose spread is tiny next to
their size (a one-pass sum of squares loses every digit there; the two-pass form keeps them).

Usage: .venv/bin/python sample_moments_reference.py   (prints the Java array literals the test holds)
"""
import numpy as np

vectors = {
    "skewed": [1.3, -0.4, 2.1, 0.7, 1.9, 0.2, 12.5],
    "folds": [0.8312, 0.8297, 0.8341],
    "offset": [1e8 + 1, 1e8 + 2, 1e8 + 3, 1e8 + 4],
}
for name, v in vectors.items():
    a = np.array(v, dtype=np.float64)
    print(f"{name}: mean {a.mean()!r}, std(ddof=1) {a.std(ddof=1)!r}")
