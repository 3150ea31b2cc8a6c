#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# FIRENET's convergence experiment at the default size (proofs-notes/
# convergence.md): 256 x 256 compressed phantom, 15 % Walsh sampling, DAS
# and uniform, Haar, 2 % noise, lambda = 0.00025, p = 5, n = 16, a certified
# gap at every step. Writes convergence-N.{json,csv,svg,txt} and the
# resources (/usr/bin/time -v) into DIR. Not part of make check.
# usage: experiments/convergence.sh [KDIGITS] [DIR] [extra options, e.g. --N 1024]
set -eu
KD=${1:-${KDIGITS:-_build/kdigits}}
DIR=${2:-experiments/out}
[ $# -ge 2 ] && shift 2 || shift $#
mkdir -p "$DIR"
N=$(echo " $* " | sed -n 's/.* --N \([0-9]*\) .*/\1/p')
N=${N:-256}
base="$DIR/convergence-$N"
if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$KD" convergence --quiet --format json --plot "$base.svg" "$@" \
        >"$base.json" 2>"$base.time"
    grep -E "Elapsed|Maximum resident" "$base.time"
else
    "$KD" convergence --quiet --format json --plot "$base.svg" "$@" >"$base.json"
fi
"$KD" convergence --quiet --format csv "$@" >"$base.csv"
python3 - "$base.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("n = %d, N = %d, levels %d, s_l = %s" % (d["n"], d["N"], d["levels"], d["sparsity"]))
for r in d["runs"]:
    print("%-8s %-10s m = %6d: gap x%.3g/restart, x%.3g/inner step (fit over %d restarts), "
          "floor %.4g, final relerr %.4g, %.1f s (certificates %.1f s)" % (
          r["transform"], r["sampling"], r["m"], r["rate_per_restart"] or float("nan"),
          r["rate_per_inner_step"] or float("nan"), r["fit_restarts"], r["gap_floor"],
          r["relerr_final"], r["seconds"], r["seconds_certify"]))
    outs = [s for s in d["steps"] if s["transform"] == r["transform"]
            and s["sampling"] == r["sampling"] and s["step"] == "output"]
    for s in outs:
        print("   restart %2d  relerr %s  gap_ub %s" % (s["restart"], s["relerr"]["mid"][:8], s["gap_ub"]))
PY
