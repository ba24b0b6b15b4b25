#!/usr/bin/python3
"""Reference values of h(u) = log(phi(u) + u Phi(u)) and h'(u) = Phi(u) / (phi(u) + u Phi(u)),
for LogExpectedImprovementTest, computed with mpmath at 60 significant digits (the cancellation
in phi(u) + u Phi(u) costs about log10(u^2) digits, at most 12 here).
Also erfcx(x) = exp(x^2) erfc(x) for StandardNormalTest.

Usage: /usr/bin/python3 log_ei_reference.py > log_ei_reference.csv
"""
import mpmath as mp

mp.mp.dps = 60

def h(u):
    return mp.log(mp.npdf(u) + u * mp.ncdf(u))

def dh(u):
    return mp.ncdf(u) / (mp.npdf(u) + u * mp.ncdf(u))

us = [40, 10, 3, 1, 0.5, 0, -0.25, -0.5, -0.999, -1, -1.001, -2, -3.5, -5, -7.5, -10, -15, -20,
      -24.999, -25, -25.001, -30, -38, -40, -50, -100, -1e3, -1e4, -1e5, -1e6]
print("# u, h(u), h'(u)")
for u in us:
    U = mp.mpf(u)
    print("h,%r,%s,%s" % (float(u), mp.nstr(h(U), 20), mp.nstr(dh(U), 20)))
xs = [-26, -10, -3, -1, -0.46875, -0.3, 0, 1e-10, 0.2, 0.46875, 0.5, 1, 2, 3.9, 4, 4.1, 6, 10, 27, 100, 1e4, 1e8, 1e12]
for x in xs:
    X = mp.mpf(x)
    print("erfcx,%r,%s,%s" % (float(x), mp.nstr(mp.exp(X * X) * mp.erfc(X), 20), mp.nstr(mp.log(mp.ncdf(X)), 20)))
