# SPDX-License-Identifier: LGPL-3.0-or-later
# The numpy reference of bench-fista-scale.sh: FISTA for P2,
# min lambda ||x||_1 + ||Ax - y||_2^2, with step 1/(2 ||A||_2^2) from the
# exact norm (LAPACK SVD), the same start x = 0 and the same stopping test
# max_i |x_{k+1,i} - x_{k,i}| <= tol as kd_iter_fista.
import sys, time
import numpy as np

raw = np.fromfile(sys.argv[1], dtype=np.float64)
m, N, lam, tol = int(raw[0]), int(raw[1]), raw[2], raw[3]
A = raw[4:4 + m * N].reshape(m, N)
y = raw[4 + m * N:4 + m * N + m]
t0 = time.perf_counter()
nrm = np.linalg.norm(A, 2)
t1 = time.perf_counter()
step = 1.0 / (2.0 * nrm * nrm)
x = np.zeros(N); v = x.copy(); t = 1.0
k = 0
t2 = time.perf_counter()
while k < 200000:
    g = 2.0 * (A.T @ (A @ v - y))
    u = v - step * g
    xn = np.sign(u) * np.maximum(np.abs(u) - step * lam, 0.0)
    tn = (1.0 + np.sqrt(1.0 + 4.0 * t * t)) / 2.0
    v = xn + ((t - 1.0) / tn) * (xn - x)
    k += 1
    done = np.max(np.abs(xn - x)) <= tol
    x, t = xn, tn
    if done:
        break
t3 = time.perf_counter()
F = lam * np.abs(x).sum() + np.sum((A @ x - y) ** 2)
print("numpy_norm %.17g" % nrm)
print("numpy_norm_seconds %.3f" % (t1 - t0))
print("numpy_iterations %d" % k)
print("numpy_iter_seconds %.3f" % (t3 - t2))
print("numpy_objective %.12g" % F)
