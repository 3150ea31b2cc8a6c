#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Builds (if out of date) and runs the iterative-solver benchmark (MPFR
# backend vs double, coordinate-descent sweep rate), writing
# experiments/results/bench-iter.csv and the printed table beside it.
#
# usage: BUILDDIR=/path/to/build experiments/bench-iter.sh [bench-iter options]
# BUILDDIR is a configured build tree (default: _build, where ./quickstart
# builds, else the source tree itself for in-tree builds); RESULTS overrides
# the output folder.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
if [ -z "${BUILDDIR:-}" ] && [ -f "$top/_build/Makefile" ]; then
    BUILDDIR=$top/_build
fi
builddir=${BUILDDIR:-$top}
results=${RESULTS:-$here/results}

if [ ! -f "$builddir/Makefile" ]; then
    echo "bench-iter.sh: $builddir is not a configured build tree;" \
         "run configure there or set BUILDDIR" >&2
    exit 1
fi
make -C "$builddir" experiments/bench-iter >&2

mkdir -p "$results"
# measurements are machine-specific: keep them out of git
[ -f "$results/.gitignore" ] || printf '*\n' > "$results/.gitignore"
"$builddir/experiments/bench-iter" --csv "$results/bench-iter.csv" "$@" \
    > "$results/bench-iter.txt"
cat "$results/bench-iter.txt"
echo "bench-iter.sh: wrote $results/bench-iter.csv and bench-iter.txt" >&2
