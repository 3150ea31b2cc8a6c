# SPDX-License-Identifier: LGPL-3.0-or-later
# kdigits bp-probe (sourced by tests/cli.sh: expect_ok / expect_err / check /
# json, $KD $TOOL $tmp). The exact answer and the bad-input lines run
# everywhere; with no peer on PATH every peer must be skipped cleanly; the
# real-peer checks run only where glpsol / esolver are installed.

expect_ok "bp-probe --help" "$KD" bp-probe --help
check "bp-probe help usage" grep -q "usage: kdigits bp-probe" "$tmp/out"
check "bp-probe help: reduced cost" grep -q "reduced cost" "$tmp/out"
check "bp-probe help: GLPK --exact" grep -q "GLPK --exact" "$tmp/out"

# ---- the exact answer: x* = (0, 2^k/(2^k + 1)), references from shell arithmetic
bp_p=$((1 << 40))
expect_ok "bp-probe k40 json" "$KD" bp-probe --k 40 --peers none --format json
check "bp-probe k field" [ "$(json k)" = 40 ]
check "bp-probe x1 = 0" [ "$(json exact.x.0)" = 0 ]
check "bp-probe x2 = 2^40/(2^40+1)" [ "$(json exact.x.1)" = "$bp_p/$((bp_p + 1))" ]
check "bp-probe unique" [ "$(json exact.unique)" = true ]
check "bp-probe closed form" [ "$(json exact.agrees_with_closed_form)" = true ]
check "bp-probe value" [ "$(json exact.value)" = "$bp_p/$((bp_p + 1))" ]
check "bp-probe dual" [ "$(json exact.dual_certificate.0)" = "$bp_p/$((bp_p + 1))" ]
check "bp-probe A entry" [ "$(json instance.A.0.1)" = "$((bp_p + 1))/$bp_p" ]
check "bp-probe wrong vertex excess" [ "$(json exact.wrong_vertex.excess)" = "1/$((bp_p + 1))" ]
check "bp-probe wrong vertex distance" sh -c "\"$TOOL\" json exact.wrong_vertex.error.mid <\"$tmp/out\" | grep -q '^1\.41421356237'"
check "bp-probe k40 exact in double" [ "$(json double_input.same_problem)" = true ]
check "bp-probe no peers" [ "$(json peers)" = "[]" ]

bp_p=$((1 << 60))
expect_ok "bp-probe k60 json" "$KD" bp-probe --k 60 --peers none --format json
check "bp-probe k60 x2" [ "$(json exact.x.1)" = "$bp_p/$((bp_p + 1))" ]
check "bp-probe k60 double differs" [ "$(json double_input.same_problem)" = false ]
check "bp-probe k60 double coefficient 1" [ "$(json double_input.A.0.1)" = 1 ]
check "bp-probe k60 double not unique" [ "$(json double_input.unique)" = false ]

expect_ok "bp-probe text" "$KD" bp-probe --k 10 --peers none
check "bp-probe text x*" grep -q "x\* = (0, 1024/1025)" "$tmp/out"
check "bp-probe text unique" grep -q "unique minimiser: yes" "$tmp/out"
"$KD" bp-probe --k 33 --peers none --format json >"$tmp/a" 2>&1
"$KD" bp-probe --k 33 --peers none --format json >"$tmp/b" 2>&1
check "bp-probe deterministic" cmp -s "$tmp/a" "$tmp/b"

# a given instance: x1 + x2 = 1, not unique
printf '%%%%MatrixMarket matrix array real general\n1 2\n1\n1\n' >"$tmp/bpA.mtx"
printf '%%%%MatrixMarket matrix array real general\n1 1\n1\n' >"$tmp/bpy.mtx"
printf '%%%%MatrixMarket matrix array real general\n1 2\n1\nsqrt(2)\n' >"$tmp/bpAi.mtx"
printf '%%%%MatrixMarket matrix array real general\n2 1\n1\n1\n' >"$tmp/bpy2.mtx"
expect_ok "bp-probe given instance" "$KD" bp-probe --A "$tmp/bpA.mtx" --y "$tmp/bpy.mtx" --peers none --format json
check "bp-probe given: k null" grep -q '^  "k": null,' "$tmp/out"
check "bp-probe given: not unique" [ "$(json exact.unique)" = false ]
check "bp-probe given: value 1" [ "$(json exact.value)" = 1 ]

# ---- bad input: one line, nothing on stdout
expect_err "bp-probe k 0" "out of range" "$KD" bp-probe --k 0
expect_err "bp-probe k 1001" "out of range" "$KD" bp-probe --k 1001
expect_err "bp-probe k abc" "not an integer" "$KD" bp-probe --k abc
expect_err "bp-probe bad peer" "unknown peer 'cplex'" "$KD" bp-probe --peers glpk-exact,cplex
expect_err "bp-probe --n" "do not apply" "$KD" bp-probe --n 5
expect_err "bp-probe A without y" "go together" "$KD" bp-probe --A "$tmp/bpA.mtx"
expect_err "bp-probe k and A" "exclude" "$KD" bp-probe --k 3 --A "$tmp/bpA.mtx" --y "$tmp/bpy.mtx"
expect_err "bp-probe irrational" "kdigits solve --problem bp --certify" "$KD" bp-probe --A "$tmp/bpAi.mtx" --y "$tmp/bpy.mtx"
expect_err "bp-probe y size" "y must be 1 x 1" "$KD" bp-probe --A "$tmp/bpA.mtx" --y "$tmp/bpy2.mtx"
expect_err "bp-probe missing file" "nonexistent" "$KD" bp-probe --A "$tmp/nonexistent.mtx" --y "$tmp/bpy.mtx"

# ---- no peer installed: PATH with ls only (for the libtool wrapper)
mkdir -p "$tmp/bpnopeers"
bp_ls=$(command -v ls) && ln -sf "$bp_ls" "$tmp/bpnopeers/ls"
expect_ok "bp-probe peers absent" env PATH="$tmp/bpnopeers" "$KD" bp-probe --k 40
for p in glpk-simplex:glpk-utils glpk-exact:glpk-utils glpk-interior:glpk-utils esolver:qsopt-ex; do
    check "bp-probe absent: ${p%%:*} skipped" \
        grep -Eq "^ +${p%%:*} +skipped \(install ${p#*:}\)" "$tmp/out"
done
expect_ok "bp-probe peers absent json" env PATH="$tmp/bpnopeers" "$KD" bp-probe --k 40 --format json
for i in 0 1 2 3; do
    check "bp-probe absent json $i installed" [ "$(json peers.$i.installed)" = false ]
done
check "bp-probe absent json: no verdicts" [ "$(grep -c '"verdict": null' "$tmp/out")" -eq 4 ]
check "bp-probe absent json package" [ "$(json peers.0.package)" = glpk-utils ]
check "bp-probe absent json status" [ "$(json peers.3.status)" = "skipped (install qsopt-ex)" ]
check "bp-probe absent json reason" [ "$(json peers.3.skipped_reason)" = "esolver not found on PATH" ]

# ---- real peers, where installed
if command -v esolver >/dev/null 2>&1; then
    # an exact rational solver must return exactly x*
    for k in 10 40 300; do
        bp_x=$("$KD" bp-probe --k $k --peers none --format json | "$TOOL" json exact.x.1)
        expect_ok "bp-probe esolver k$k" "$KD" bp-probe --k $k --peers esolver --format json
        check "bp-probe esolver k$k installed" [ "$(json peers.0.installed)" = true ]
        check "bp-probe esolver k$k claims optimal" [ "$(json peers.0.claimed_optimal)" = true ]
        check "bp-probe esolver k$k x2 exact" [ "$(json peers.0.x.1)" = "$bp_x" ]
        check "bp-probe esolver k$k verdict" [ "$(json peers.0.verdict)" = "right vertex" ]
        check "bp-probe esolver k$k error 0" [ "$(json peers.0.assessment.error_squared)" = 0 ]
    done
fi
if command -v glpsol >/dev/null 2>&1; then
    expect_ok "bp-probe glpk k40" "$KD" bp-probe --k 40 --peers glpk-simplex,glpk-exact --format json
    for i in 0 1; do
        check "bp-probe glpk k40 $i status" [ -n "$(json peers.$i.status)" ]
        # whatever it returned, the verdict matches the exact reference
        if [ "$(json peers.$i.x.0)" = 1 ] && [ "$(json peers.$i.x.1)" = 0 ]; then
            check "bp-probe glpk k40 $i (1,0) is the wrong vertex" [ "$(json peers.$i.verdict)" = "wrong vertex" ]
            check "bp-probe glpk k40 $i excess" [ "$(json peers.$i.assessment.objective_excess)" = "1/$(((1 << 40) + 1))" ]
        fi
    done
    # k = 60: glpsol holds x1 + x2 = 1; an exact method is right on that input
    expect_ok "bp-probe glpk k60" "$KD" bp-probe --k 60 --peers glpk-exact --format json
    check "bp-probe glpk-exact k60 optimal on its input" [ "$(json peers.0.on_its_input.verdict)" = right ]
    check "bp-probe glpk-exact k60 exact on its input" [ "$(json peers.0.on_its_input.error_squared)" = 0 ]
    # a coefficient longer than glpsol's 255-character tokens: reported, exit 0
    expect_ok "bp-probe glpk k300" "$KD" bp-probe --k 300 --peers glpk-simplex --format json
    check "bp-probe glpk k300 not solved" grep -q '"verdict": null' "$tmp/out"
    check "bp-probe glpk k300 message" sh -c "\"$TOOL\" json peers.0.message <\"$tmp/out\" | grep -q 'too long'"
fi
