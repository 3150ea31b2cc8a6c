# SPDX-License-Identifier: LGPL-3.0-or-later
# kdigits sci spectrum (sourced by tests/cli.sh: expect_ok / expect_err /
# check / json, $KD $TOOL $tmp). Active once 'kdigits sci' dispatches to
# the spectrum command. Closed forms and exact spectra are the references;
# the exact (ball) checks are in tests/t-spectrum.c, here the printed
# decimals are compared in awk with a small slack.

# "z bound" lines of the points at a JSON path of $tmp/out
spec_points() {
    "$TOOL" json "$1" <"$tmp/out" | tr '{' '\n' |
        sed -n 's/.*"z": *"\([^"]*\)", *"bound": *"\([^"]*\)".*/\1 \2/p'
}

if "$KD" sci spectrum --help >/dev/null 2>&1; then
    expect_ok "spectrum --help" "$KD" sci spectrum --help
    check "spectrum help usage" grep -q "usage: kdigits sci spectrum" "$tmp/out"
    check "spectrum help Delta_1" grep -q "Delta_1" "$tmp/out"
    check "spectrum help Sigma_1" grep -q "Sigma_1" "$tmp/out"

    # ---- (a) Hermitian: tridiag:8 has eigenvalues 2 cos(j pi / 9)
    expect_ok "spectrum tridiag json" "$KD" sci spectrum --builtin tridiag:8 --n 10,30 --format json
    check "spectrum tridiag order" [ "$(json order)" = 8 ]
    check "spectrum tridiag levels" [ "$(json n)" = "[10,30]" ]
    for lv in 0 1; do
        n=$(json "levels.$lv.n")
        for j in 0 1 2 3 4 5 6 7; do
            mid=$(json "levels.$lv.eigenvalues.$j.mid")
            rad=$(json "levels.$lv.eigenvalues.$j.rad")
            check "spectrum tridiag n=$n lambda_$((j + 1)) enclosed" awk -v m="$mid" -v r="$rad" -v j="$j" \
                'BEGIN { pi = atan2(0, -1); ref = 2 * cos((8 - j) * pi / 9);
                         d = m - ref; if (d < 0) d = -d; exit !(d <= r + 1e-12) }'
        done
        check "spectrum tridiag n=$n radius <= 2^-n + small" awk -v r="$(json "levels.$lv.max_radius")" \
            -v n="$n" 'BEGIN { exit !(r >= 2 ^ -n && r <= 2 ^ -n * 1.0001) }'
    done
    check "spectrum tridiag oracle reads" [ "$(json oracle_reads)" = "[10,30]" ]

    # complex Hermitian B = (1 + i)/2, A = 1/3: 1/3 + sqrt(2) cos(j pi / 6)
    expect_ok "spectrum complex tridiag" "$KD" sci spectrum --builtin 'tridiag:5:1/3:(1+i)/2' --n 40 --format json
    check "spectrum complex flag" [ "$(json complex)" = true ]
    for j in 0 2 4; do
        mid=$(json "levels.0.eigenvalues.$j.mid")
        rad=$(json "levels.0.eigenvalues.$j.rad")
        check "spectrum complex lambda_$((j + 1))" awk -v m="$mid" -v r="$rad" -v j="$j" \
            'BEGIN { pi = atan2(0, -1); ref = 1/3 + sqrt(2) * cos((5 - j) * pi / 6);
                     d = m - ref; if (d < 0) d = -d; exit !(d <= r + 1e-12) }'
    done

    expect_ok "spectrum tridiag text" "$KD" sci spectrum --builtin tridiag:6 --points 3
    check "spectrum text table" grep -Eq '^ +60 ' "$tmp/out"
    check "spectrum text 3 enclosures" [ "$(grep -Ec '^ +[0-9]+  -?[0-9.]+ \+/- ' "$tmp/out")" -eq 3 ]
    expect_ok "spectrum tridiag csv" "$KD" sci spectrum --builtin tridiag:4 --n 8 --format csv
    check "spectrum csv rows" [ "$(wc -l <"$tmp/out")" -eq 5 ]

    # ---- (a) rejected input: one line
    expect_err "spectrum dct2 not Hermitian" "not Hermitian.*proved" "$KD" sci spectrum --builtin dct2:5
    expect_err "spectrum dft not Hermitian" "not Hermitian" "$KD" sci spectrum --builtin dft:4
    expect_err "spectrum not square" "must be square" "$KD" sci spectrum --builtin 'lasso:2^-3'
    printf '%%%%MatrixMarket matrix array real general\n2 2\n1\nsqrt(2)*sqrt(2)\n2\n1\n' >"$tmp/spec-u.mtx"
    expect_err "spectrum undecidable symmetry" "cannot certify" "$KD" sci spectrum --A "$tmp/spec-u.mtx"
    check "spectrum undecidable exit 1" sh -c "\"$KD\" sci spectrum --A \"$tmp/spec-u.mtx\" 2>/dev/null; [ \$? -eq 1 ]"
    expect_err "spectrum bad tridiag" "tridiag" "$KD" sci spectrum --builtin tridiag:0
    expect_ok "spectrum default input" "$KD" sci spectrum
    check "spectrum default is tridiag:8" grep -q "tridiag:8" "$tmp/out"
    expect_err "spectrum two sources" "only one" "$KD" sci spectrum --builtin tridiag:3 --operator laplacian
    expect_err "spectrum lambda without operator" "need --operator" "$KD" sci spectrum --builtin tridiag:3 --lambda 1
    expect_err "spectrum bad operator" "unknown operator" "$KD" sci spectrum --operator schroedinger
    expect_err "spectrum laplacian lambda" "do not apply" "$KD" sci spectrum --operator laplacian --lambda 2
    expect_err "spectrum tol 0" "tol must be > 0" "$KD" sci spectrum --operator laplacian --tol 0
    expect_err "spectrum n 0" "out of range" "$KD" sci spectrum --operator laplacian --n 0
    expect_err "spectrum bad lambda" "lambda" "$KD" sci spectrum --operator almost-mathieu --lambda 'sqrt('
    expect_err "spectrum bad format" "--format" "$KD" sci spectrum --operator laplacian --format xml

    # ---- (b) the free Laplacian: Sp = [-2, 2]
    expect_ok "spectrum laplacian json" "$KD" sci spectrum --operator laplacian --n 16,64 --format json
    check "spectrum laplacian operator" [ "$(json operator)" = laplacian ]
    spec_points levels.1.points >"$tmp/spec-pts"
    check "spectrum laplacian has points" [ "$(wc -l <"$tmp/spec-pts")" -ge 20 ]
    check "spectrum laplacian dist(z, [-2,2]) <= bound" awk \
        '{ a = $1 < 0 ? -$1 : $1; if (a - 2 > $2 + 1e-12) bad = 1 } END { exit bad }' "$tmp/spec-pts"
    for x in -2 0 2; do
        check "spectrum laplacian point near $x" awk -v x="$x" \
            '{ d = $1 - x; if (d < 0) d = -d; if (d <= 0.1) ok = 1 } END { exit !ok }' "$tmp/spec-pts"
    done

    # ---- (b) the almost Mathieu operator: the acceptance run (text) ...
    expect_ok "spectrum almost-mathieu" "$KD" sci spectrum --operator almost-mathieu
    for n in 16 64 256; do
        check "spectrum amo row n=$n" grep -Eq "^ +$n  1/[0-9]+ " "$tmp/out"
    done
    check "spectrum amo NOT certified labelled" grep -q "NOT certified" "$tmp/out"
    check "spectrum amo points listed" [ "$(grep -Ec '^  -?[0-9][0-9.]* +[0-9][0-9.e-]*$' "$tmp/out")" -eq 24 ]
    # ... and JSON: every point within [-4, 4] + bound, bounds shrinking
    expect_ok "spectrum amo json" "$KD" sci spectrum --operator almost-mathieu --n 16,64 --format json
    check "spectrum amo operator" [ "$(json operator)" = almost-mathieu ]
    check "spectrum amo lambda" [ "$(json lambda)" = 1 ]
    spec_points levels.1.points >"$tmp/spec-pts"
    check "spectrum amo has points" [ "$(wc -l <"$tmp/spec-pts")" -ge 10 ]
    check "spectrum amo in [-4,4] + bound" awk \
        '{ a = $1 < 0 ? -$1 : $1; if (a - 4 > $2) bad = 1 } END { exit bad }' "$tmp/spec-pts"
    check "spectrum amo bounds shrink" awk -v a="$(json levels.0.max_bound)" -v b="$(json levels.1.max_bound)" \
        'BEGIN { exit !(b < a) }'
    check "spectrum amo extent" awk -v l="$(json levels.1.extent.inf_sp_at_most)" \
        -v h="$(json levels.1.extent.sup_sp_at_least)" 'BEGIN { exit !(l < -2.5 && h > 2.5) }'
    "$KD" sci spectrum --operator almost-mathieu --n 8,32 --format json >"$tmp/a" 2>&1
    "$KD" sci spectrum --operator almost-mathieu --n 8,32 --format json >"$tmp/b" 2>&1
    check "spectrum amo deterministic" cmp -s "$tmp/a" "$tmp/b"
    expect_ok "spectrum amo csv" "$KD" sci spectrum --operator almost-mathieu --n 8 --lambda 2 --theta 1/3 --format csv
    check "spectrum amo csv header" sh -c "head -1 \"$tmp/out\" | grep -q '^n,z,bound$'"
fi
