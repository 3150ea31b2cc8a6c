#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# FISTA at scale (issue 13, acceptance 1): kd_iter_fista in double with the
# certified ||A||_2 bound vs numpy FISTA with the exact norm, same data,
# same stopping test, same run. Prints both and the ratios.
# usage: BUILDDIR=... experiments/bench-fista-scale.sh [--m M --N N --tol T --seed S]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
if [ -z "${BUILDDIR:-}" ] && [ -f "$top/_build/Makefile" ]; then
    BUILDDIR=$top/_build
fi
builddir=${BUILDDIR:-$top}
results=${RESULTS:-$here/results}
make -C "$builddir" experiments/bench-fista-scale >&2
mkdir -p "$results"
[ -f "$results/.gitignore" ] || printf '*\n' > "$results/.gitignore"
bin=$results/fista-scale.bin
out=$results/bench-fista-scale.txt
"$builddir/experiments/bench-fista-scale" --out "$bin" "$@" > "$out"
${PYTHON:-/usr/bin/python3} "$here/fista_numpy.py" "$bin" >> "$out"
rm -f "$bin"
awk '{ v[$1] = $2; print }
END {
  printf "bound/exact_norm %.6f\n", v["kdigits_bound"] / v["numpy_norm"];
  printf "iterations kdigits/numpy %.3f (acceptance: <= 1.5)\n", v["kdigits_iterations"] / v["numpy_iterations"];
  printf "iteration time kdigits/numpy %.3f (acceptance: <= 1)\n", v["kdigits_iter_seconds"] / v["numpy_iter_seconds"];
  printf "total time kdigits (bound + iterations)/numpy (norm + iterations) %.3f\n", v["kdigits_total_seconds"] / (v["numpy_iter_seconds"] + v["numpy_norm_seconds"]);
  printf "objective kdigits/numpy - 1 %.3g\n", v["kdigits_objective"] / v["numpy_objective"] - 1;
}' "$out"
