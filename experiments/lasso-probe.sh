#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# The whole LASSO failure probe of lasso-probe.md in one run: the published
# MATLAB table (both conventions), the precision sweep, the real peers that
# are installed, and the basis-pursuit probe, each as text and JSON under
# experiments/results/lasso-probe/, with the wall time of each part.
#
# usage: [BUILDDIR=...] experiments/lasso-probe.sh
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
if [ -z "${BUILDDIR:-}" ] && [ -f "$top/_build/Makefile" ]; then
    BUILDDIR=$top/_build
fi
builddir=${BUILDDIR:-$top}
results=${RESULTS:-$here/results}/lasso-probe
kd="$builddir/kdigits"

if [ ! -x "$kd" ]; then
    echo "lasso-probe.sh: no kdigits in $builddir (run ./quickstart run first, or set BUILDDIR)" >&2
    exit 1
fi
mkdir -p "$results"
[ -f "$results/../.gitignore" ] || printf '*\n' > "$results/../.gitignore"

now() { date +%s.%N; }
part() {
    name=$1; shift
    t0=$(now)
    "$kd" "$@" >"$results/$name.txt" 2>/dev/null
    "$kd" "$@" --format json >"$results/$name.json" 2>/dev/null
    t1=$(now)
    echo "$name: $(echo "$t1 $t0" | awk '{printf "%.1f", ($1 - $2) / 2}') s per run -> $results/$name.txt" >&2
}

part table-matlab lasso-probe
part table-mean lasso-probe --convention mean --settings default,reltol-eps
part precision-sweep lasso-probe --deltas '2^-7,2^-15,2^-28,2^-30' --precisions 53,64,80,113,256
part peers-matlab lasso-probe --peers
part peers-mean lasso-probe --peers --convention mean
for k in 10 30 40 60; do
    part "bp-probe-k$k" bp-probe --k "$k"
done
cat "$results/table-matlab.txt"
