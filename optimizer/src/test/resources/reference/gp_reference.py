#!/usr/bin/python3
"""Reference posterior of a GP with a Matern-5/2 ARD kernel and fixed hyperparameters, for
GaussianProcessTest#posteriorMatchesNumpyReference. Written from Rasmussen and Williams (2006),
Algorithm 2.1, directly in the outcome's original units (no standardization), with per-point noise.

Usage: /usr/bin/python3 gp_reference.py > gp_reference.csv
"""
import numpy as np
import scipy.linalg

X = np.array([[0.10, 0.20], [0.40, 0.90], [0.75, 0.35], [0.95, 0.80], [0.50, 0.50], [0.20, 0.65]])
y = np.array([1.3, -0.4, 2.1, 0.7, 1.9, 0.2])
known_noise = np.array([np.nan, 0.05, np.nan, np.nan, 0.2, np.nan])  # original units; NaN = fitted level
ell = np.array([0.3, 0.7])
s2 = 1.5          # standardized units
noise = 0.01      # standardized units
mean, scale = 0.8, 1.7
Xs = np.array([[0.10, 0.20], [0.30, 0.30], [0.60, 0.70], [0.00, 1.00], [0.85, 0.55]])

def matern52(A, B):
    d = (A[:, None, :] - B[None, :, :]) / ell
    r = np.sqrt((d * d).sum(-1))
    return s2 * scale**2 * (1 + np.sqrt(5) * r + 5 * r * r / 3) * np.exp(-np.sqrt(5) * r)

point_noise = np.where(np.isnan(known_noise), noise * scale**2, known_noise)
K = matern52(X, X) + np.diag(point_noise)
L = np.linalg.cholesky(K)
alpha = scipy.linalg.cho_solve((L, True), y - mean)
Ks = matern52(Xs, X)
mu = mean + Ks @ alpha
V = scipy.linalg.solve_triangular(L, Ks.T, lower=True)
var = s2 * scale**2 - (V * V).sum(0)
lml = -0.5 * (y - mean) @ alpha - np.log(np.diag(L)).sum() - len(y) / 2 * np.log(2 * np.pi)

print("# kind, index, mean or value, variance")
for i in range(len(Xs)):
    print("predict,%d,%.17g,%.17g" % (i, mu[i], var[i]))
print("lml,0,%.17g,0" % lml)
# Matern-5/2 at r = 1, unit variance: (1 + sqrt5 + 5/3) exp(-sqrt5)
print("matern_r1,0,%.17g,0" % ((1 + np.sqrt(5) + 5 / 3) * np.exp(-np.sqrt(5))))
