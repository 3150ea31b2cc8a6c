#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Times the main job, `kdigits table`, with and without LISTA training (the
# issue's budget: at most 60 s with LISTA, 5 s without, on a 2-core
# machine), best of REPS runs each, and prints the ratio measured in the
# same run. Results go to experiments/results/bench-table.txt.
#
# usage: [BUILDDIR=...] [REPS=3] experiments/bench-table.sh [extra table options]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
if [ -z "${BUILDDIR:-}" ] && [ -f "$top/_build/Makefile" ]; then
    BUILDDIR=$top/_build
fi
builddir=${BUILDDIR:-$top}
results=${RESULTS:-$here/results}
reps=${REPS:-3}
kd="$builddir/kdigits"

if [ ! -x "$kd" ]; then
    echo "bench-table.sh: no kdigits in $builddir (run ./quickstart run first, or set BUILDDIR)" >&2
    exit 1
fi
mkdir -p "$results"
[ -f "$results/.gitignore" ] || printf '*\n' > "$results/.gitignore"

now() { date +%s.%N; }
best() {
    b=""
    i=0
    while [ "$i" -lt "$reps" ]; do
        t0=$(now)
        "$kd" table "$@" >/dev/null 2>&1
        t1=$(now)
        t=$(echo "$t1 $t0" | awk '{printf "%.3f", $1 - $2}')
        if [ -z "$b" ] || awk -v a="$t" -v b="$b" 'BEGIN{exit !(a < b)}'; then b=$t; fi
        i=$((i + 1))
        echo "bench-table.sh: run $i: $t s ($*)" >&2
    done
    echo "$b"
}

with=$(best "$@")
without=$(best --no-lista "$@")
{
    echo "# kdigits table timing, best of $reps runs ($(nproc) cores)"
    echo "default table with LISTA training : $with s   (budget 60 s)"
    echo "default table without LISTA       : $without s   (budget 5 s)"
    echo "ratio with/without                : $(echo "$with $without" | awk '{printf "%.0f", $1 / ($2 > 0 ? $2 : 1e-9)}')"
} | tee "$results/bench-table.txt"
