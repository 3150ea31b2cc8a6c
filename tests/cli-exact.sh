# SPDX-License-Identifier: LGPL-3.0-or-later
# Noiseless sparse recovery with irrational data (sourced by tests/cli.sh:
# expect_ok / check / json, $KD $tmp $data). Rows 0-2 of the DCT-8 and a
# 3 x 6 matrix of sqrt(2), sqrt(3), sqrt(6) entries, y = A x0 for 1- and
# 2-sparse x0: BP, P1 with eta = 0 and P3 are certified (the equality
# y in range(A_E) exactly, proofs-notes/exact.md §2), unique, at distance
# below 1e-15 from the output. Then feasibility at the active constraint of
# a P1 solution in Q(sqrt 2), decided exactly.
for inst in dct8-y1 dct8-y2 surd-y1 surd-y2; do
    A=$data/exact-${inst%-*}-A.mtx
    Y=$data/exact-$inst.mtx
    for prob in "bp" "p1 --eta 0" "p3 --lambda 1/10"; do
        # shellcheck disable=SC2086
        expect_ok "exact $inst $prob" "$KD" solve --problem $prob --A "$A" --y "$Y" \
            --method exact --certify --format json
        check "exact $inst $prob: truth found" [ "$(json truth.found)" = true ]
        check "exact $inst $prob: unique" [ "$(json truth.unique)" = true ]
        d=$(json distance_to_truth.mid)
        check "exact $inst $prob: distance $d < 1e-15" \
            awk -v d="$d" 'BEGIN { exit !(d + 0 < 1e-15) }'
        # the output is the certified minimiser itself, written exactly
        # (proofs-notes/exact.md §6): distance 0, the right support
        check "exact $inst $prob: distance 0" [ "$d" = 0 ]
        check "exact $inst $prob: right support" [ "$(json right_support)" = true ]
        check "exact $inst $prob: level exact" [ "$(json level)" = exact ]
    done
done
# the 1-sparse DCT-8 instance: x0 = e_3, exactly
expect_ok "exact dct8-y1 x" "$KD" solve --problem bp --A "$data/exact-dct8-A.mtx" \
    --y "$data/exact-dct8-y1.mtx" --method exact --certify --format json
check "exact dct8-y1: x_3 = 1" [ "$(json x.2)" = 1 ]
check "exact dct8-y1: x_1 = 0" [ "$(json x.0)" = 0 ]
check "exact dct8-y1: feasible" [ "$(json feasible)" = true ]
# an irrational entry of the minimiser is an exact expression (rows 0-2 of
# the DCT-8, y = col 2 - col 7 / 2: the minimiser has -1/2 + cospi(1/8))
expect_ok "exact dct8-y2 x" "$KD" solve --problem bp --A "$data/exact-dct8-A.mtx" \
    --y "$data/exact-dct8-y2.mtx" --method exact --certify --format json
check "exact dct8-y2: x_1 exact" [ "$(json x.0)" = "-1/2 + cospi(1/8)" ]
# an explicit level keeps the exact solution of the instance read
expect_ok "exact dct8-y1 --n 64" "$KD" solve --problem bp --A "$data/exact-dct8-A.mtx" \
    --y "$data/exact-dct8-y1.mtx" --method exact --certify --n 64 --format json
check "exact dct8-y1 --n 64: level 64" [ "$(json level)" = 64 ]
# bare pi inside A_E and y: the equality y in range(A_E) is undecidable
# (pi is transcendental): no truth, and the reason says so
printf '%%%%MatrixMarket matrix array real general\n2 3\n1\n0\n0\n1\n1\npi\n' >"$tmp/Api.mtx"
printf '%%%%MatrixMarket matrix array real general\n2 1\n1\npi\n' >"$tmp/ypi.mtx"
expect_ok "exact bare pi" "$KD" solve --problem bp --A "$tmp/Api.mtx" --y "$tmp/ypi.mtx" \
    --method exact --certify --format json
check "exact bare pi: truth not found" [ "$(json truth.found)" != true ]
check "exact bare pi: reason" sh -c "\"$TOOL\" json truth.how <\"$tmp/out\" | grep -q 'bare pi'"
# P1 on the constraint with its solution in Q(sqrt 2): feasible, exactly
printf '%%%%MatrixMarket matrix array real general\n2 2\n1\n0\n0\n1\n' >"$tmp/I2.mtx"
printf '%%%%MatrixMarket matrix array real general\n2 1\n3\n1\n' >"$tmp/y31.mtx"
expect_ok "p1 quadratic feasible" "$KD" solve --problem p1 --eta 1 --A "$tmp/I2.mtx" \
    --y "$tmp/y31.mtx" --method exact --certify --format json
check "p1 quadratic: feasible true" [ "$(json feasible)" = true ]
# sci rank: exactly given irrational matrices get their exact rank (lasso:0
# has rank exactly 1, in Q(sqrt 2)); bare pi keeps the tower's lower bound
expect_ok "sci rank lasso:0 exact" "$KD" sci rank --builtin 'lasso:0' --n 0,10 --format json
check "sci rank lasso:0 exact rank 1" [ "$(json exact_rank)" = 1 ]
check "sci rank lasso:0 field" [ "$(json exact_field)" = "Q(zeta_8)" ]
printf '%%%%MatrixMarket matrix array real general\n2 2\npi\n1\npi\n1\n' >"$tmp/pirank.mtx"
expect_ok "sci rank pi" "$KD" sci rank --A "$tmp/pirank.mtx" --n 0,10 --format json
check "sci rank pi: no exact rank" [ "$(json exact_rank)" = null ]
check "sci rank pi: reason" sh -c "\"$TOOL\" json truth <\"$tmp/out\" | grep -q 'rank >= 1 certified (no exact decision: .*pi'"
# a truth saved with its exact point and read back: the same exact output;
# an exact entry that does not match its ball is refused
expect_ok "exact truth-out" "$KD" solve --problem bp --A "$data/exact-dct8-A.mtx" \
    --y "$data/exact-dct8-y2.mtx" --method exact --truth-out "$tmp/t-exact.json" --format json
expect_ok "exact truth in" "$KD" solve --problem bp --A "$data/exact-dct8-A.mtx" \
    --y "$data/exact-dct8-y2.mtx" --method exact --truth "$tmp/t-exact.json" --format json
check "exact truth in: x_1 exact" [ "$(json x.0)" = "-1/2 + cospi(1/8)" ]
sed 's|"-1/2 + cospi(1/8)"|"-1/2 + cospi(1/9)"|' "$tmp/t-exact.json" >"$tmp/t-bad.json"
expect_err "exact truth tampered" "x_exact" "$KD" solve --problem bp --A "$data/exact-dct8-A.mtx" \
    --y "$data/exact-dct8-y2.mtx" --method exact --truth "$tmp/t-bad.json"
# a segment of minimisers (two equal columns): rational data (the exact LP's
# face) and the same scaled by sqrt(2), sqrt(3) (certified on the exact
# data): the face is described exactly, the distance to it is certified
printf '%%%%MatrixMarket matrix array real general\n2 3\n1\n0\n1\n0\n0\n1\n' >"$tmp/segA.mtx"
printf '%%%%MatrixMarket matrix array real general\n2 1\n1\n1\n' >"$tmp/segy.mtx"
printf '%%%%MatrixMarket matrix array real general\n2 3\nsqrt(2)\n0\nsqrt(2)\n0\n0\nsqrt(3)\n' >"$tmp/segqA.mtx"
printf '%%%%MatrixMarket matrix array real general\n2 1\n1\nsqrt(3)\n' >"$tmp/segqy.mtx"
for prob in "bp" "p1 --eta 0"; do
    # shellcheck disable=SC2086
    expect_ok "face rational $prob" "$KD" solve --problem $prob --A "$tmp/segA.mtx" \
        --y "$tmp/segy.mtx" --method exact --certify --format json
    check "face rational $prob: found" [ "$(json truth.found)" = true ]
    check "face rational $prob: not unique" [ "$(json truth.unique)" = false ]
    check "face rational $prob: end 1" [ "$(json truth.face.vertices.0.0)" = 1 ]
    check "face rational $prob: end 2" [ "$(json truth.face.vertices.1.1)" = 1 ]
    # shellcheck disable=SC2086
    expect_ok "face sqrt $prob" "$KD" solve --problem $prob --A "$tmp/segqA.mtx" \
        --y "$tmp/segqy.mtx" --method exact --certify --format json
    check "face sqrt $prob: found" [ "$(json truth.found)" = true ]
    check "face sqrt $prob: not unique" [ "$(json truth.unique)" = false ]
    check "face sqrt $prob: end" [ "$(json truth.face.vertices.1.1)" = "1/2*sqrt(2)" ]
    check "face sqrt $prob: distance 0" [ "$(json distance_to_truth.mid)" = 0 ]
done
expect_ok "face sqrt pd" "$KD" solve --problem p1 --eta 0 --A "$tmp/segqA.mtx" \
    --y "$tmp/segqy.mtx" --method pd --max-iter 2000 --certify --format json
d=$(json distance_to_truth.mid)
check "face sqrt pd: distance $d < 1e-10" awk -v d="$d" 'BEGIN { exit !(d + 0 < 1e-10) }'
expect_ok "face text" "$KD" solve --problem bp --A "$tmp/segqA.mtx" --y "$tmp/segqy.mtx" \
    --method exact --certify
check "face text: the segment" grep -q 'the segment between (1/2\*sqrt(2), 0, 1) and (0, 1/2\*sqrt(2), 1)' "$tmp/out"
# P1 on irrational data at the active constraint: ||A x - y|| = eta exactly
printf '%%%%MatrixMarket matrix array real general\n2 2\nsqrt(2)\n0\n0\nsqrt(3)\n' >"$tmp/A23.mtx"
expect_ok "p1 sqrt active" "$KD" solve --problem p1 --eta 1/2 --A "$tmp/A23.mtx" \
    --y "$tmp/y31.mtx" --method exact --certify --format json
check "p1 sqrt active: feasible" [ "$(json feasible)" = true ]
check "p1 sqrt active: distance 0" [ "$(json distance_to_truth.mid)" = 0 ]
# x = 0 exactly on the constraint: ||y|| = eta = sqrt(10)
expect_ok "p1 zero boundary" "$KD" solve --problem p1 --eta 'sqrt(10)' --A "$tmp/A23.mtx" \
    --y "$tmp/y31.mtx" --method exact --certify --format json
check "p1 zero boundary: truth" [ "$(json truth.found)" = true ]
check "p1 zero boundary: x = 0" [ "$(json x.0)" = 0 ]
check "p1 zero boundary: feasible" [ "$(json feasible)" = true ]
