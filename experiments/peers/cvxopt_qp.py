#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-3.0-or-later
"""CVXOPT's interior-point QP solver as a real peer of `kdigits lasso-probe --peers`.

Usage: cvxopt_qp.py [--plain] INPUT

Reads the input file written by kdigits (see README.md), standardises the
columns of A with the population standard deviation and centres y (what
MATLAB's lasso does with standardize and intercept), and solves

    min_b (1/(2m)) ||yc - X b||^2 + Lambda ||b||_1

as the QP in z = (u, v) >= 0, b = u - v:

    min (1/2) z^T P z + q^T z,  P = (1/m) [G -G; -G G], G = X^T X,
                                q = Lambda 1 + [-c; c],  c = X^T yc / m,
    subject to -z <= 0,

with cvxopt.solvers.qp at its default tolerances. Prints one JSON object
with B = b / sigma on the original scale. With --plain (a user's P2): no
standardisation and no centring, X = A, yc = y.
"""
import json
import math
import sys


def read_input(path):
    toks = []
    with open(path) as f:
        for line in f:
            toks.extend(line.split("#", 1)[0].split())
    m, n = int(toks[0]), int(toks[1])
    vals = [float(t) for t in toks[2:]]
    if len(vals) != m * n + m + 1:
        raise ValueError("expected %d numbers after m N, found %d" % (m * n + m + 1, len(vals)))
    A = [vals[i * n:(i + 1) * n] for i in range(m)]
    y = vals[m * n:m * n + m]
    return A, y, vals[-1]


def num(x):
    x = float(x)
    return x if math.isfinite(x) else None


def main(argv):
    plain = "--plain" in argv[1:]
    argv = [a for a in argv if a != "--plain"]
    if len(argv) != 2:
        sys.stderr.write("usage: cvxopt_qp.py [--plain] INPUT\n")
        return 2
    A, y, Lambda = read_input(argv[1])
    X = numpy.array(A, dtype=float)
    yv = numpy.array(y, dtype=float)
    m, n = X.shape
    if plain:
        mu = numpy.zeros(n)
        sigma = numpy.ones(n)
        Xs = X
        yc = yv
    else:
        mu = X.mean(axis=0)
        sigma = X.std(axis=0)   # ddof = 0: the population standard deviation
        Xs = (X - mu) / sigma
        yc = yv - yv.mean()
    G = Xs.T @ Xs / m
    c = Xs.T @ yc / m
    P = numpy.block([[G, -G], [-G, G]])
    q = numpy.concatenate([Lambda - c, Lambda + c])
    solvers.options["show_progress"] = False   # stdout carries the JSON
    sol = solvers.qp(matrix(P), matrix(q), matrix(-numpy.eye(2 * n)), matrix(numpy.zeros(2 * n)))
    z = numpy.array(sol["x"]).ravel()
    b = z[:n] - z[n:]
    B = b / sigma
    status = sol["status"]
    print(json.dumps({
        "peer": "cvxopt-qp",
        "version": cvxopt.__version__,
        "B": [num(v) for v in B],
        "intercept": 0.0 if plain else num(yv.mean() - float(mu @ B)),
        "warned": status != "optimal",
        "warning": "" if status == "optimal" else "solvers.qp status: %s" % status,
        "status": status,
        "iterations": int(sol["iterations"]),
        "gap": num(sol["gap"]) if sol["gap"] is not None else None,
    }))
    return 0


if __name__ == "__main__":
    try:
        import numpy
        import cvxopt
        from cvxopt import matrix, solvers
    except ImportError as e:
        sys.stderr.write("cvxopt_qp.py: %s (install python3-cvxopt)\n" % e)
        sys.exit(3)
    sys.exit(main(sys.argv))
