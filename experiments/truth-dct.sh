#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Issue 11, item 4: the truth of the 64 x 128 partial-DCT SR-LASSO (P3,
# lambda = 1/10, y = A x0 with x0 5-sparse) computed once and reused.
# Times (CPU seconds, user + system, and wall) of
#   1. solve --method exact --certify --truth-out truth.json  (the truth)
#   2. solve --method pd    --certify --truth truth.json      (a second output)
#   3. solve --method pd    --certify                         (recomputing it)
# and, when REF_KDIGITS names another build's kdigits (e.g. the one before
# this change), run 1 and 3 with it as well, back to back.
#
# usage: BUILDDIR=/path/to/build [REF_KDIGITS=/path/kdigits] experiments/truth-dct.sh
# Writes experiments/results/truth-dct.{csv,txt} and the instance under
# experiments/results/truth-dct/.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
if [ -z "${BUILDDIR:-}" ] && [ -f "$top/_build/Makefile" ]; then
    BUILDDIR=$top/_build
fi
builddir=${BUILDDIR:-$top}
results=${RESULTS:-$here/results}
kd=$builddir/kdigits
if [ ! -x "$kd" ]; then
    echo "truth-dct.sh: $kd not found: build first or set BUILDDIR" >&2
    exit 1
fi
mkdir -p "$results"
[ -f "$results/.gitignore" ] || printf '*\n' > "$results/.gitignore"
dir=$results/truth-dct
"$here/truth-dct-data.sh" "$dir"
csv=$results/truth-dct.csv
txt=$results/truth-dct.txt
printf 'build,run,cpu_s,wall_s,truth,distance\n' > "$csv"
: > "$txt"

# run LABEL BUILD KDIGITS ARGS...: one timed solve, its truth line and distance
run() {
    label=$1 build=$2 bin=$3
    shift 3
    out=$dir/$build-$label.out
    /usr/bin/time -f '%U %S %e' -o "$dir/time" "$bin" solve --problem p3 --lambda 1/10 \
        --A "$dir/A.mtx" --y "$dir/y.mtx" "$@" > "$out" 2> "$dir/$build-$label.err" || true
    set -- $(cat "$dir/time")
    cpu=$(echo "$1 + $2" | bc)
    wall=$3
    truth=$(grep '^truth' "$out" | head -1 | sed 's/,/;/g')
    dist=$(grep '^dist' "$out" | head -1 | awk '{print $3, $4, $5}')
    printf '%s,%s,%s,%s,"%s","%s"\n' "$build" "$label" "$cpu" "$wall" "$truth" "$dist" >> "$csv"
    printf '%-6s %-22s cpu %6.2f s  wall %6.2f s\n    %s\n    dist %s\n' "$build" "$label" \
        "$cpu" "$wall" "$truth" "$dist" | tee -a "$txt"
}

if [ -n "${REF_KDIGITS:-}" ]; then
    run exact-certify ref "$REF_KDIGITS" --method exact --certify
    run pd-certify ref "$REF_KDIGITS" --method pd --certify
fi
rm -f "$dir/truth.json"
run exact-truth-out new "$kd" --method exact --truth-out "$dir/truth.json"
run pd-truth new "$kd" --method pd --truth "$dir/truth.json"
run pd-certify new "$kd" --method pd --certify
echo "truth file: $(wc -c < "$dir/truth.json") bytes" | tee -a "$txt"
