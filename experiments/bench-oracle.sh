#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Builds (if out of date) and runs the oracle-query benchmark, writing
# experiments/results/bench-oracle.csv and the printed table beside it.
#
# usage: BUILDDIR=/path/to/build experiments/bench-oracle.sh [bench-oracle options]
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
    echo "bench-oracle.sh: $builddir is not a configured build tree;" \
         "run configure there or set BUILDDIR" >&2
    exit 1
fi
make -C "$builddir" experiments/bench-oracle >&2

mkdir -p "$results"
# measurements are machine-specific: keep them out of git
[ -f "$results/.gitignore" ] || printf '*\n' > "$results/.gitignore"
"$builddir/experiments/bench-oracle" --csv "$results/bench-oracle.csv" "$@" \
    > "$results/bench-oracle.txt"
cat "$results/bench-oracle.txt"
echo "bench-oracle.sh: wrote $results/bench-oracle.csv and bench-oracle.txt" >&2
