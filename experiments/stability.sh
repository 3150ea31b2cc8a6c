#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# The stability results of proofs-notes/stability.md on the default Omega_K
# instance (K = 3, n = 10): trained LISTA certified unstable (amplification
# lower bound > 1), FIRENET certified stable at threshold 50 (its proved
# amplification bound), unrolled ISTA for comparison, the search restricted
# to ker(A)^perp, the exact P3 solution map (bound on its pattern region),
# the exact kernel of the 1 x 2 gadget and of two DCT rows (algebraic), the
# hallucination demonstration (exact scores), and FIRENET and unrolled ISTA on
# the 64 x 64 Walsh/Haar operator (matrix-free; about 5 s and 40 s).
# usage: experiments/stability.sh [KDIGITS]   (from the source tree)
set -eu
KD=${1:-${KDIGITS:-_build/kdigits}}
top=$(cd "$(dirname "$0")/.." && pwd)
summary() {
    "$KD" stability --quiet --format json "$@" | python3 -c '
import json, sys
d = json.load(sys.stdin)
f = lambda k: d[k]["mid"] + " +/- " + d[k]["rad"] if d[k] else "n/a"
print("%-8s lip in [%s, %s]  amplification in [%s, %s]  verdict %s" % (
    d["network_kind"], f("lipschitz_lower"), f("lipschitz_upper"),
    f("amplification_lower"), f("amplification_upper"), d["verdict"]))'
}
echo "== Omega_3 (n = 10), 300 ascent steps, threshold 1"
summary --net lista
summary --net ista
summary --net firenet
echo "== FIRENET at threshold 50"
summary --net firenet --threshold 50
echo "== LISTA, perturbations orthogonal to ker(A)"
summary --net lista --subspace range
echo "== the exact P3 solution map (upper bound on the pattern region of y)"
summary --net exact-p3
echo "== the kernel of the 1 x 2 gadget a = (2, 3)"
"$KD" kernel --matrix "$top/tests/data/cli-gadget-A.mtx"
echo "== the kernel of two rows of the 4-point DCT-II (algebraic, exact in Q(zeta_16))"
"$KD" kernel --matrix "$top/tests/data/kernel-dct-rows.mtx"
echo "== hallucination: LISTA trained with a kernel detail, exact scores"
"$KD" kernel --hallucinate --quiet
echo "== 64 x 64 image, A = P_Omega W H^-1 (25 % multilevel Walsh rows, Haar r = 5), matrix-free"
summary --net firenet --matrix builtin:walsh2:64:haar:5:ml:0.25:1 --p3-lambda 0.00025
summary --net ista --matrix builtin:walsh2:64:haar:5:ml:0.25:1 --layers 100 --ista-lambda 0.00025
