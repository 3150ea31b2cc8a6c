# SPDX-License-Identifier: LGPL-3.0-or-later
# kdigits stability and kdigits kernel (sourced by tests/cli.sh:
# expect_ok / expect_err / check / json, $KD $TOOL $tmp). The sandwich must
# hold (lower <= upper), the exported e and y have the right sizes, the
# kernel of a small integer matrix is its closed form.

# a <= b for two decimal strings
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 <= b + 0) }'; }

expect_ok "stability --help" "$KD" stability --help
check "stability help usage" grep -q "usage: kdigits stability" "$tmp/out"

for net in ista firenet; do
    expect_ok "stability $net json" "$KD" stability --net "$net" --steps 20 --quiet --format json
    check "stability $net kind" [ "$(json network.kind)" = "$net" ]
    check "stability $net e has m entries" [ -n "$(json e.20.0)" ] && [ -z "$(json e.21.0 2>/dev/null)" ]
    check "stability $net log" [ "$(json log.19.step)" = 20 ]
    lo=$(json lipschitz_lower.mid)
    up=$(json lipschitz_upper.mid)
    check "stability $net lower <= upper ($lo, $up)" le "$lo" "$up"
    lo=$(json amplification_lower.mid)
    up=$(json amplification_upper.mid)
    check "stability $net amplification lower <= upper ($lo, $up)" le "$lo" "$up"
done
# FIRENET's amplification is proved <= 33.8 (theta = 1/2, n = p = 5): stable at 50
expect_ok "stability firenet stable" "$KD" stability --net firenet --steps 10 --threshold 50 --quiet
check "stability firenet verdict stable" grep -q "^Verdict (amplification vs threshold 50): stable" "$tmp/out"
# on Lip(Psi) in y: ISTA's certified upper bound 0.0149 < 0.1
expect_ok "stability verdict on lipschitz" "$KD" stability --net ista --steps 10 --threshold 0.1 \
    --verdict-on lipschitz --quiet
check "stability ista lipschitz stable" grep -q "^Verdict (Lipschitz constant vs threshold 0.1): stable" "$tmp/out"
# small LISTA: trained here, exported exactly
expect_ok "stability lista json" "$KD" stability --train-samples 300 --epochs 2 --layers 3 \
    --steps 10 --quiet --format json
check "stability lista layers" [ "$(json network.L)" = 3 ]
check "stability lista W_2 is N x m" [ -n "$(json network.W.2.21.20)" ]
# progress on stderr, one line per step
"$KD" stability --net ista --steps 7 >"$tmp/out" 2>"$tmp/err"
check "stability progress" grep -q '^kdigits stability: \[7/7\]' "$tmp/err"
# same seed, same output
"$KD" stability --net ista --steps 15 --seed 3 --quiet --format json >"$tmp/a"
"$KD" stability --net ista --steps 15 --seed 3 --quiet --format json >"$tmp/b"
check "stability reproducible" cmp -s "$tmp/a" "$tmp/b"
expect_ok "stability csv" "$KD" stability --net ista --steps 5 --quiet --format csv
expect_ok "stability user A" "$KD" stability --matrix "$srcdir/tests/data/cli-small.mtx" \
    --signal "$srcdir/tests/data/cli-y2.mtx" --net ista --steps 10 --quiet

# exact P3: the zero-residual pattern of Omega_3; the sandwich; a tie is unbounded
expect_ok "stability exact-p3 json" "$KD" stability --net exact-p3 --steps 30 --quiet --format json
check "stability exact-p3 kind" [ "$(json network.kind)" = exact-p3 ]
check "stability exact-p3 pattern" [ "$(json network.pattern_zero_residual)" = true ]
lo=$(json lipschitz_lower.mid)
up=$(json lipschitz_upper.mid)
check "stability exact-p3 lower <= upper ($lo, $up)" le "$lo" "$up"
printf '%%%%MatrixMarket matrix array real general\n2 3\n1\n0\n1\n0\n0\n1\n' >"$tmp/tie.mtx"
printf '%%%%MatrixMarket matrix array real general\n3 1\n1\n0\n1\n' >"$tmp/tiex.mtx"
expect_ok "stability exact-p3 tie" "$KD" stability --net exact-p3 --matrix "$tmp/tie.mtx" \
    --signal "$tmp/tiex.mtx" --p3-lambda 0.125 --steps 5 --quiet
check "stability exact-p3 tie unbounded" grep -q "^Verdict.*unknown (unbounded: the P3 minimiser is not unique" "$tmp/out"
expect_err "stability exact-p3 bad lambda" "P3 lambda must be > 0" "$KD" stability --net exact-p3 \
    --p3-lambda -1 --steps 5

# a matrix-free operator (8 x 8 image, Walsh/Haar, 50 % multilevel): the
# phantom's Haar coefficients by default; lower <= upper; refusals
op=builtin:walsh2:8:haar:2:ml:0.5:1
for net in firenet ista; do
    expect_ok "stability $net operator json" "$KD" stability --matrix "$op" --net "$net" \
        --p3-lambda 0.01 --ista-lambda 0.01 --step 0.05 --steps 20 --quiet --format json
    check "stability $net operator spec" [ "$(json network.operator)" = "$op" ]
    check "stability $net operator orthonormal" [ "$(json network.orthonormal_rows)" = true ]
    check "stability $net operator phantom" [ "$(json signal.phantom_side)" = 8 ]
    check "stability $net operator e has m = 32 entries" [ -n "$(json e.31.0)" ] && [ -z "$(json e.32.0 2>/dev/null)" ]
    lo=$(json lipschitz_lower.mid)
    up=$(json lipschitz_upper.mid)
    check "stability $net operator lower <= upper ($lo, $up)" le "$lo" "$up"
    check "stability $net operator ||A^+ e|| = ||e||" [ "$(json least_r_norm.mid)" = "$(json e_norm.mid)" ]
done
expect_ok "stability operator stable" "$KD" stability --matrix "$op" --net firenet \
    --p3-lambda 0.01 --steps 10 --threshold 50 --subspace range --quiet
check "stability operator verdict stable" grep -q "^Verdict (amplification vs threshold 50): stable" "$tmp/out"
"$KD" stability --matrix "$op" --net ista --steps 4 >"$tmp/out" 2>"$tmp/err"
check "stability operator progress" grep -q '^kdigits stability: \[4/4\]' "$tmp/err"
printf '%%%%MatrixMarket matrix array real general\n8 1\n1\n0\n0\n1\n0\n0\n0\n-1\n' >"$tmp/x8.mtx"
expect_ok "stability operator --signal" "$KD" stability --matrix builtin:walsh:8:unif:0.5:2 \
    --signal "$tmp/x8.mtx" --net ista --steps 5 --quiet --format json
check "stability operator --signal y has m = 4 entries" [ -n "$(json y.3.0)" ] && [ -z "$(json y.4.0 2>/dev/null)" ]
expect_err "stability operator lista" "lista needs dense trained weights" "$KD" stability \
    --matrix "$op" --steps 3
expect_err "stability operator exact-p3" "exact-p3 needs the dense exact A" "$KD" stability \
    --matrix "$op" --net exact-p3 --steps 3
expect_err "stability operator complex" "operator is complex" "$KD" stability \
    --matrix builtin:dft2d:8:haar:2 --net firenet --steps 3
expect_err "stability operator 1-D without signal" "give --signal" "$KD" stability \
    --matrix builtin:walsh:8 --net ista --steps 3

# kernel: A = [1 2 3; 4 5 6] has ker A = span (1, -2, 1)
printf '%%%%MatrixMarket matrix array real general\n2 3\n1\n4\n2\n5\n3\n6\n' >"$tmp/k.mtx"
expect_ok "kernel json" "$KD" kernel --matrix "$tmp/k.mtx" --format json
check "kernel dimension" [ "$(json dimension)" = 1 ]
k="$(json kernel.0.0) $(json kernel.0.1) $(json kernel.0.2)"
check "kernel vector ($k)" [ "$k" = "1 -2 1" -o "$k" = "-1 2 -1" ]
check "kernel A k = 0" [ "$(json A_k_zero)" = true ]
check "kernel bound sqrt(6)/2" [ "$(json error_lower_bound.mid | cut -c1-8)" = 1.224744 ]
# algebraic A: two DCT-II rows (sqrt 2, cos(pi q)); A k = 0 proved in Q(zeta_16)
expect_ok "kernel algebraic json" "$KD" kernel --matrix "$srcdir/tests/data/kernel-dct-rows.mtx" \
    --format json
check "kernel algebraic dimension" [ "$(json dimension)" = 2 ]
check "kernel algebraic field" [ "$(json field)" = cyclotomic ]
check "kernel algebraic A k = 0" [ "$(json A_k_zero)" = true ]
check "kernel algebraic expression" [ -n "$(json kernel.1.3)" ]
expect_err "kernel transcendental" "^kdigits kernel: kernel: A is neither rational nor in a cyclotomic" \
    "$KD" kernel --matrix "$srcdir/tests/data/cli-pi.mtx"
# hallucination: the detail reproduced (mean exact score near 1), the control not
expect_ok "kernel hallucinate json" "$KD" kernel --hallucinate --train-samples 2000 --epochs 15 \
    --tests 5 --format json
sc=$(json score_mean)
check "kernel hallucinate score ($sc)" awk -v s="$sc" 'BEGIN { split(s, f, "/"); v = f[1] / (f[2] ? f[2] : 1); exit !(v > 0.5) }'
check "kernel hallucinate detail" [ -n "$(json detail.19.0)" ]
printf '%%%%MatrixMarket matrix array real general\n2 2\n1\n0\n0\n1\n' >"$tmp/id2.mtx"
expect_err "kernel hallucinate full rank" "ker\\(A\\) = \\{0\\}" "$KD" kernel --hallucinate \
    --matrix "$tmp/id2.mtx" --tests 1 --epochs 1 --train-samples 10 --layers 1
expect_err "kernel no matrix" "^kdigits kernel: --matrix is needed" "$KD" kernel
