#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Builds (if out of date) and runs the exact-solver benchmark: exact basis
# pursuit by kdigits' simplex method against QSopt_ex's esolver (run only
# when it is installed: Debian package qsopt-ex), writing
# experiments/results/bench-exact.csv and the printed table beside it.
#
# usage: BUILDDIR=/path/to/build experiments/bench-exact.sh [bench-exact options]
# BUILDDIR is a configured build tree (default: _build, where ./quickstart
# builds, else the source tree itself for in-tree builds); RESULTS overrides
# the output folder. Options (see bench-exact --help): --sizes 10x20,50x100,
# --seed S, --bits B, --den D, --sparsity F (0: y random), --no-esolver.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
if [ -z "${BUILDDIR:-}" ] && [ -f "$top/_build/Makefile" ]; then
    BUILDDIR=$top/_build
fi
builddir=${BUILDDIR:-$top}
results=${RESULTS:-$here/results}

if [ ! -f "$builddir/Makefile" ]; then
    echo "bench-exact.sh: $builddir is not a configured build tree;" \
         "run configure there or set BUILDDIR" >&2
    exit 1
fi
make -C "$builddir" experiments/bench-exact >&2

if ! command -v esolver >/dev/null 2>&1; then
    echo "bench-exact.sh: esolver (QSopt_ex) not found: only kdigits is timed" \
         "(Debian: apt-get install qsopt-ex)" >&2
fi

mkdir -p "$results"
# measurements are machine-specific: keep them out of git
[ -f "$results/.gitignore" ] || printf '*\n' > "$results/.gitignore"
status=0
"$builddir/experiments/bench-exact" --csv "$results/bench-exact.csv" \
    --lpdir "$results/bench-exact-lp" "$@" > "$results/bench-exact.txt" || status=$?
cat "$results/bench-exact.txt"
echo "bench-exact.sh: wrote $results/bench-exact.csv and bench-exact.txt" >&2
if [ "$status" -ne 0 ]; then
    echo "bench-exact.sh: a solver failed or the optimal values disagree (exit $status)" >&2
fi
exit "$status"
