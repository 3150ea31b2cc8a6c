#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-3.0-or-later
"""scikit-learn as a real peer of `kdigits lasso-probe --peers`.

Usage: sklearn_lasso.py [--plain] INPUT [lasso|lars|all]

Reads the input file written by kdigits (see README.md: m, N, the m x N
matrix A row by row, y, Lambda in MATLAB's convention; '#' starts a
comment), standardises the columns of A with the POPULATION standard
deviation (what MATLAB's lasso does), fits

    min_b (1/(2m)) ||y - mean(y) - X b||^2 + Lambda ||b||_1

with sklearn.linear_model.Lasso (coordinate descent) and/or LassoLars
(least-angle regression), alpha = Lambda, fit_intercept=True, every other
setting at its default, and prints one JSON object per estimator on stdout
with the coefficients B = b / sigma on the original scale.

With --plain (the peers of `kdigits certify --peers` on a user's P2): no
standardisation and no intercept; Lambda is scikit-learn's alpha and the
fit is min_b (1/(2m)) ||y - A b||^2 + alpha ||b||_1 on A itself.
"""
import json
import math
import sys
import warnings


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
    """A double for JSON: repr round-trips; non-finite values become null."""
    x = float(x)
    return x if math.isfinite(x) else None


def fit(name, est, X, y, sigma, mu):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        est.fit(X, y)
    # deprecation notices are about the API, not about this fit
    own = [w for w in caught if not issubclass(w.category, (DeprecationWarning, FutureWarning))]
    coef = [float(c) for c in est.coef_.ravel()]
    B = [c / s for c, s in zip(coef, sigma)]
    out = {
        "peer": name,
        "version": sklearn.__version__,
        "B": [num(b) for b in B],
        "intercept": num(float(est.intercept_) - sum(b * u for b, u in zip(B, mu))),
        "warned": bool(own),
        "warning": "; ".join("%s: %s" % (w.category.__name__, str(w.message).replace("\n", " "))
                             for w in own),
        "iterations": int(est.n_iter_) if hasattr(est, "n_iter_") else None,
    }
    if hasattr(est, "dual_gap_"):
        out["dual_gap"] = num(est.dual_gap_)
    return out


def main(argv):
    plain = "--plain" in argv[1:]
    argv = [a for a in argv if a != "--plain"]
    if len(argv) < 2 or len(argv) > 3 or (len(argv) == 3 and argv[2] not in ("lasso", "lars", "all")):
        sys.stderr.write("usage: sklearn_lasso.py [--plain] INPUT [lasso|lars|all]\n")
        return 2
    which = argv[2] if len(argv) == 3 else "all"
    A, y, Lambda = read_input(argv[1])
    X = numpy.array(A, dtype=float)
    yv = numpy.array(y, dtype=float)
    if plain:
        mu = numpy.zeros(X.shape[1])
        sigma = numpy.ones(X.shape[1])
        Xs = X
    else:
        mu = X.mean(axis=0)
        sigma = X.std(axis=0)   # ddof = 0: the population standard deviation
        Xs = (X - mu) / sigma
    if which in ("lasso", "all"):
        print(json.dumps(fit("sklearn-lasso", Lasso(alpha=Lambda, fit_intercept=not plain),
                             Xs, yv, sigma, mu)))
    if which in ("lars", "all"):
        print(json.dumps(fit("sklearn-lassolars", LassoLars(alpha=Lambda, fit_intercept=not plain),
                             Xs, yv, sigma, mu)))
    return 0


if __name__ == "__main__":
    try:
        import numpy
        import sklearn
        from sklearn.linear_model import Lasso, LassoLars
    except ImportError as e:
        sys.stderr.write("sklearn_lasso.py: %s (install python3-sklearn)\n" % e)
        sys.exit(3)
    sys.exit(main(sys.argv))
