# SPDX-License-Identifier: LGPL-3.0-or-later
# kdigits solve on complex data (proofs-notes/solvers.md §3c), sourced by
# tests/cli.sh (expect_ok / check / json, $KD $TOOL $tmp $data). The
# instances are noiseless: y = A x0 with A rows of the unitary DFT
# (cispi-valued entries), so x0 is the truth wherever it is certified.

# partial DFT-8 (rows 0, 1, 3, 6), x0 = (1 + i/2) e_3
expect_ok "complex bp dft8" "$KD" solve --problem bp --A "$data/dft8-A.mtx" \
    --y "$data/dft8-y1.mtx" --method exact --certify --format json
check "complex bp dft8 truth" [ "$(json truth.found)" = true ]
check "complex bp dft8 unique" [ "$(json truth.unique)" = true ]
check "complex bp dft8 support" [ "$(json right_support)" = true ]
check "complex bp dft8 digits >= 15" [ "$(json correct_digits_certified)" -ge 15 ]
check "complex bp dft8 x_3 re" [ "$(json x.2.re)" = 1 ]
check "complex bp dft8 x_3 im" [ "$(json x.2.im)" = 1/2 ]
check "complex bp dft8 x_1" [ "$(json x.0.re)" = 0 ]

# partial DFT-16 (rows 0, 1, 2, 5, 9, 12), x0 = (2 + i) e_4 - (1/2) e_12:
# BP, P1 with eta = 0 and P3 at zero residual have the truth x0
for pr in "bp" "p1 --eta 0" "p3 --lambda 1/10"; do
    # shellcheck disable=SC2086
    expect_ok "complex $pr dft16" "$KD" solve --problem $pr --A "$data/dft16-A.mtx" \
        --y "$data/dft16-y2.mtx" --method exact --certify --format json
    check "complex $pr dft16 truth" [ "$(json truth.found)" = true ]
    check "complex $pr dft16 support" [ "$(json right_support)" = true ]
    check "complex $pr dft16 digits >= 15" [ "$(json correct_digits_certified)" -ge 15 ]
    check "complex $pr dft16 x_4" [ "$(json x.3.re)/$(json x.3.im)" = 2/1 ]
    check "complex $pr dft16 x_12" [ "$(json x.11.re)" = -1/2 ]
    case $pr in p3*) ;; *) check "complex $pr dft16 feasible (exact)" [ "$(json feasible)" = true ] ;; esac
done

# an iterative output is certified against the same truth
expect_ok "complex p3 pd dft16" "$KD" solve --problem p3 --lambda 1/10 --A "$data/dft16-A.mtx" \
    --y "$data/dft16-y2.mtx" --method pd --certify --format json
check "complex p3 pd truth" [ "$(json truth.found)" = true ]
check "complex p3 pd support" [ "$(json right_support)" = true ]

# P2 (nonlinear KKT, Krawczyk): a certified point close to x0
expect_ok "complex p2 dft16" "$KD" solve --problem p2 --lambda 1/10 --A "$data/dft16-A.mtx" \
    --y "$data/dft16-y2.mtx" --method exact --certify --format json
check "complex p2 dft16 truth" [ "$(json truth.found)" = true ]
check "complex p2 dft16 digits >= 30" [ "$(json correct_digits_certified)" -ge 30 ]

# the exact method on complex data (formerly refused): the certified
# minimiser of the exact data, whatever level --n names
expect_ok "complex p2 dft3 exact" "$KD" solve --problem p2 --lambda 1 --A builtin:dft:3 \
    --y "$data/cli-y3.mtx" --method exact --n 10 --certify --format json
check "complex p2 dft3 truth" [ "$(json truth.found)" = true ]
check "complex p2 dft3 unique" [ "$(json unique)" = true ]
