#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-3.0-or-later
"""Independent check of `kdigits certify` (issue 12's acceptance): a
rational P2 instance, x from 300 ISTA steps in Python floats written with
repr; the true minimiser is found here in exact rationals (every sign
pattern tried, the KKT conditions checked exactly), the exact squared
distance computed in Fractions, and the certified interval must contain it.
The Python module must return the same interval. Standard library only.

usage: certify_check.py KDIGITS A.mtx y.mtx TMPDIR [--module]"""
import itertools
import json
import subprocess
import sys
from fractions import Fraction as F

kd, Apath, ypath, tmp = sys.argv[1:5]
use_module = "--module" in sys.argv
lam = F(1, 10)


def read_mtx(path):
    rows = [l.split() for l in open(path) if not l.startswith("%") and l.strip()]
    m, n = int(rows[0][0]), int(rows[0][1])
    v = [F(r[0]) for r in rows[1:]]
    return [[v[j * m + i] for j in range(n)] for i in range(m)]


A = read_mtx(Apath)
y = [r[0] for r in read_mtx(ypath)]
m, N = len(A), len(A[0])

# 300 ISTA steps in IEEE doubles (Python floats)
Af = [[float(v) for v in r] for r in A]
yf = [float(v) for v in y]
L = 2 * sum(a * a for r in Af for a in r)
x = [0.0] * N
for _ in range(300):
    r = [sum(Af[i][j] * x[j] for j in range(N)) - yf[i] for i in range(m)]
    z = [x[j] - 2 * sum(Af[i][j] * r[i] for i in range(m)) / L for j in range(N)]
    t = float(lam) / L
    x = [(abs(v) - t) * (1 if v > 0 else -1) if abs(v) > t else 0.0 for v in z]
xpath = tmp + "/ista-x.txt"
with open(xpath, "w") as f:
    f.write("\n".join(repr(v) for v in x) + "\n")


def solve(M, b):
    """Exact Gaussian elimination; None if singular."""
    n = len(M)
    M = [row[:] + [b[i]] for i, row in enumerate(M)]
    for c in range(n):
        p = next((r for r in range(c, n) if M[r][c] != 0), None)
        if p is None:
            return None
        M[c], M[p] = M[p], M[c]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c] / M[c][c]
                M[r] = [a - f * bb for a, bb in zip(M[r], M[c])]
    return [M[i][n] / M[i][i] for i in range(n)]


def p2_minimiser():
    """min lam ||x||_1 + ||Ax - y||^2: the pattern whose exact solution
    meets every KKT condition strictly."""
    for signs in itertools.product((-1, 0, 1), repeat=N):
        E = [j for j in range(N) if signs[j] != 0]
        G = [[sum(A[i][a] * A[i][b] for i in range(m)) for b in E] for a in E]
        rhs = [sum(A[i][a] * y[i] for i in range(m)) - lam / 2 * signs[a] for a in E]
        xe = solve(G, rhs) if E else []
        if xe is None:
            continue
        xs = [F(0)] * N
        for k, j in enumerate(E):
            xs[j] = xe[k]
        if any((xs[j] > 0) != (signs[j] > 0) for j in E):
            continue
        res = [y[i] - sum(A[i][j] * xs[j] for j in range(N)) for i in range(m)]
        if all(abs(2 * sum(A[i][j] * res[i] for i in range(m))) < lam for j in range(N) if j not in E):
            return xs
    raise SystemExit("no strict pattern found")


xstar = p2_minimiser()
d2 = sum((F(v) - s) ** 2 for v, s in zip(x, xstar))   # F(float) is the exact double


def contains(ball, d2):
    mid, rad = F(ball["mid"]), F(ball["rad"])
    lo, hi = mid - rad, mid + rad
    return (lo <= 0 or lo * lo <= d2) and d2 <= hi * hi


out = subprocess.run([kd, "certify", "--problem", "p2", "--lambda", "1/10", "--A", Apath,
                      "--y", ypath, "--x", xpath, "--format", "json"],
                     capture_output=True, text=True, check=True).stdout
cli = json.loads(out)["candidates"][0]
ok = contains(cli["distance_to_truth"], d2)
print("exact dist^2 = %.17g; certified %s +/- %s: %s" % (
    float(d2), cli["distance_to_truth"]["mid"], cli["distance_to_truth"]["rad"],
    "contains it" if ok else "DOES NOT contain it"))
if not ok:
    sys.exit(1)
if use_module:
    import kdigits
    r = kdigits.certify("p2", Apath, ypath, x, lam="1/10")
    same = r["distance_to_truth"] == cli["distance_to_truth"] and r["right_support"] == cli["right_support"]
    print("python module: %s" % ("same interval" if same else "DIFFERENT: %r" % r))
    # the data as nested lists of exact strings give the same answer
    r2 = kdigits.certify("p2", [[str(v) for v in row] for row in A], [str(v) for v in y], x,
                         lam=F(1, 10))
    same2 = r2["distance_to_truth"] == cli["distance_to_truth"]
    print("python module, data as lists: %s" % ("same interval" if same2 else "DIFFERENT"))
    ap = kdigits.approx("1/3", 20)
    okap = isinstance(ap, F) and abs(ap - F(1, 3)) <= F(1, 2 ** 20)
    ora = kdigits.oracle(Apath, 10)
    okor = all(abs(ora[i][j] - A[i][j]) <= F(1, 2 ** 10) for i in range(m) for j in range(N)) \
        and all(ora[i][j].denominator & (ora[i][j].denominator - 1) == 0
                for i in range(m) for j in range(N))
    try:
        kdigits.certify("p2", Apath, ypath, [1.0, float("nan"), 0.0, 0.0], lam="1/10")
        okerr = False
    except kdigits.Error as e:
        okerr = "nan" in str(e) and "\n" not in str(e)
    print("approx, oracle, Error: %s %s %s" % (okap, okor, okerr))
    if not (same and same2 and okap and okor and okerr):
        sys.exit(1)
