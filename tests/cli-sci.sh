# SPDX-License-Identifier: LGPL-3.0-or-later
# kdigits sci (sourced by tests/cli.sh: expect_ok / expect_err / check /
# json, $KD $TOOL $tmp). The printed answers are checked against their
# definitions: every q_n is a dyadic within 2^-n of x (an independent ball
# evaluation by clitool), a certified answer agrees with the exact sign or
# rank, and the adversary's answers are valid for both of its instances.

# the value of field F in entry I of the JSON array at path P
jrow() { "$TOOL" json "$1.$2.$3" <"$tmp/out"; }

# ---- the dispatcher
expect_ok "sci --help" "$KD" sci --help
for s in positive sign rank argmin spectrum classes; do
    check "sci --help lists $s" grep -q "^  $s " "$tmp/out"
done
for s in positive sign rank argmin classes; do
    expect_ok "sci $s --help" "$KD" sci "$s" --help
    check "sci $s help usage" grep -q "usage: kdigits sci $s" "$tmp/out"
done
expect_ok "sci spectrum delegated" "$KD" sci spectrum --help
expect_err "sci no subcommand" "^kdigits sci: a subcommand is needed" "$KD" sci
expect_err "sci unknown" "^kdigits sci: unknown subcommand 'frob'" "$KD" sci frob

# ---- positive: q_n within 2^-n, yes certified only when x > 0
sx='sqrt(2) - 1.4142'
expect_ok "sci positive json" "$KD" sci positive --x "$sx" --n 0,8,12,14,16,40 --format json
check "sci positive truth" [ "$(json truth)" = "x > 0" ]
check "sci positive class" [ "$(json tower.class)" = Sigma_1 ]
for i in 0 1 2 3 4 5; do
    n=$(jrow rows $i n)
    q=$(jrow rows $i q_n)
    check "sci positive q_$n dyadic" "$TOOL" dyadic "$q"
    check "sci positive q_$n within 2^-$n" "$TOOL" within "$q" "$n" "$sx"
    # Gamma = yes exactly when q_n > 2^-n, and then certified
    g=$(jrow rows $i Gamma)
    c=$(jrow rows $i certified)
    check "sci positive certified iff yes (n=$n)" [ "$g:$c" = "yes:true" -o "$g:$c" = "no:false" ]
done
# x = 1.35...e-5 > 2^-16: no at n <= 8, yes from n = 40 on (2^(1-n) < x)
check "sci positive no at n=0" [ "$(jrow rows 0 Gamma)" = no ]
check "sci positive yes at n=40" [ "$(jrow rows 5 Gamma)" = yes ]
# the adversary: 3 algorithms x 3 levels, each wrong on one consistent instance
for i in 0 1 2 3 4 5 6 7 8; do
    check "sci positive adversary $i consistent" [ "$(jrow adversary $i answers_consistent)" = true ]
done
check "sci positive cautious wrong on 2^-1" [ "$(jrow adversary 0 wrong_on)" = "x = 2^-1" ]
check "sci positive rounding wrong on 0" [ "$(jrow adversary 1 wrong_on)" = "x = 0" ]
check "sci positive patient reads 0..10" [ "$(jrow adversary 5 levels_read)" = "[0,1,2,3,4,5,6,7,8,9,10]" ]
check "sci positive revealed N = L+1" [ "$(jrow adversary 8 revealed_N)" = 51 ]

# x = 0 and x < 0: never yes; a random valid oracle gives answers within 2^-n too
expect_ok "sci positive zero" "$KD" sci positive --x '1/3 - 2/6' --n 0,5,30,64 --format json
check "sci positive zero truth" [ "$(json truth)" = "x = 0" ]
for i in 0 1 2 3; do
    check "sci positive zero no $i" [ "$(jrow rows $i Gamma)" = no ]
done
expect_ok "sci positive seeded" "$KD" sci positive --x '-2^-30' --n 20,29,30,31,60 --seed 5 --format json
for i in 0 1 2 3 4; do
    n=$(jrow rows $i n)
    check "sci positive seeded within (n=$n)" "$TOOL" within "$(jrow rows $i q_n)" "$n" '-2^-30'
    check "sci positive seeded never yes (n=$n)" [ "$(jrow rows $i Gamma)" = no ]
done
expect_ok "sci positive text" "$KD" sci positive
check "sci positive text proved" grep -q "x > 0 proved" "$tmp/out"
check "sci positive text Sigma_1" grep -q "Sigma_1" "$tmp/out"
expect_ok "sci positive csv" "$KD" sci positive --n 3,64 --format csv
check "sci positive csv header" sh -c "head -1 \"$tmp/out\" | grep -q '^n,q_n,Gamma,certified,reads$'"
check "sci positive csv rows" [ "$(wc -l <"$tmp/out")" -eq 3 ]
"$KD" sci positive --x 'pi - 3' --format json >"$tmp/a" 2>&1
"$KD" sci positive --x 'pi - 3' --format json >"$tmp/b" 2>&1
check "sci positive deterministic" cmp -s "$tmp/a" "$tmp/b"

# ---- sign: certified values are the exact sign; 0 is never certified
expect_ok "sci sign json" "$KD" sci sign --x 'sqrt(2) - 99/70' --n 0,10,16,40 --N 8 --format json
check "sci sign class" [ "$(json tower.class)" = Delta_2 ]
check "sci sign truth" [ "$(json truth)" = "x < 0" ]
for i in 0 1 2 3; do
    g=$(jrow rows $i Gamma)
    c=$(jrow rows $i certified)
    check "sci sign row $i certified iff non-zero" [ "$g:$c" = "-1:true" -o "$g:$c" = "0:false" ]
done
check "sci sign -1 at n=40" [ "$(jrow rows 3 Gamma)" = -1 ]
check "sci sign x=0 column" [ "$(json adversarial_inputs.0.Gamma)" = "[0,0,0,0]" ]
check "sci sign x=0 never certified" [ "$(json adversarial_inputs.0.certified)" = "[false,false,false,false]" ]
check "sci sign 2^-8 settled late" [ "$(json adversarial_inputs.1.Gamma)" = "[0,1,1,1]" ]
check "sci sign -2^-8" [ "$(json adversarial_inputs.2.Gamma)" = "[0,-1,-1,-1]" ]
check "sci sign adversary" [ "$(jrow adversary 0 answers_consistent)" = true ]
check "sci sign adversary wrong on 2^-1" [ "$(jrow adversary 0 wrong_on)" = "x = 2^-1" ]
expect_ok "sci sign text" "$KD" sci sign
check "sci sign text" grep -q "Delta_2" "$tmp/out"

# ---- rank: never above the exact rank of a rational matrix, equal for large n
cat >"$tmp/r2.mtx" <<'EOF'
%%MatrixMarket matrix array real general
3 3
1
2
3
2
4
6
1/3
2^-20
1
EOF
# columns (1,2,3), 2 (1,2,3), (1/3, 2^-20, 1): rank 2
expect_ok "sci rank file" "$KD" sci rank --A "$tmp/r2.mtx" --n 0,4,10,20,30,60 --seed 3 --format json
check "sci rank exact" [ "$(json exact_rank)" = 2 ]
for i in 0 1 2 3 4 5; do
    g=$(jrow rows $i Gamma)
    check "sci rank row $i <= 2" [ "$g" -le 2 ]
done
check "sci rank reaches 2" [ "$(jrow rows 5 Gamma)" = 2 ]
for i in 0 1 2; do
    check "sci rank adversary $i" [ "$(jrow adversary $i answers_consistent)" = true ]
done
check "sci rank adversary answer 0" [ "$(jrow adversary 0 answer)" = 0 ]
expect_ok "sci rank lasso:0" "$KD" sci rank --builtin 'lasso:0' --n 0,10,40,100 --format json
for i in 0 1 2 3; do
    check "sci rank lasso:0 row $i is 1" [ "$(jrow rows $i Gamma)" = 1 ]
done
expect_ok "sci rank dft" "$KD" sci rank --A builtin:dft:4 --n 3,10 --format json
check "sci rank dft complex" [ "$(json complex)" = true ]
check "sci rank dft full" [ "$(jrow rows 1 Gamma)" = 4 ]
expect_ok "sci rank text" "$KD" sci rank
check "sci rank text" grep -q "rank >= 2" "$tmp/out"

# ---- argmin: consistency proved, breakdown epsilons against closed forms
expect_ok "sci argmin json" "$KD" sci argmin --n 0,6 --K 2 --format json
for i in 0 1; do
    check "sci argmin lasso consistent $i" [ "$(jrow lasso_probe $i answers_consistent)" = true ]
    check "sci argmin lasso truth $i" [ "$(jrow lasso_probe $i truth_certified)" = true ]
    check "sci argmin bp indistinguishable $i" [ "$(jrow bp_gadget $i indistinguishable)" = true ]
done
# kappa/2 = (1 - sqrt(3)/10)/sqrt(2) = 0.584632294...
check "sci argmin eps_B" sh -c "\"$TOOL\" json lasso_probe.1.breakdown_epsilon.mid <\"$tmp/out\" | grep -q '^0\.58463229'"
check "sci argmin delta" [ "$(jrow lasso_probe 1 delta)" = "2^-9" ]
check "sci argmin eps0" [ "$(json generalised_hardness.eps0)" = 3/200 ]
check "sci argmin eps1" [ "$(json generalised_hardness.eps1)" = 3/20 ]
# tau/sqrt(2) at K = 2, n = 6: 3/(2 (100 + 2^-7 3/sqrt(2)))... ~0.0149997
check "sci argmin bp eps" sh -c "\"$TOOL\" json bp_gadget.1.epsilon.mid <\"$tmp/out\" | grep -q '^0\.01499'"
for i in 0 1; do
    check "sci argmin adversary wrong $i" [ "$(jrow adversary $i wrong)" = true ]
    check "sci argmin adversary consistent $i" [ "$(jrow adversary $i answers_consistent)" = true ]
done
for i in 0 1 2 3 4 5; do
    check "sci argmin gha run $i" [ "$(json generalised_hardness.runs.$i.within_target)" = true ]
done
check "sci argmin one read" [ "$(json generalised_hardness.runs.4.reads)" = 1 ]
# the two instances cannot both be within 10^-(K-1) of one output: every
# budgeted run fails on at least one
check "sci argmin budget fails" [ $(( $(json generalised_hardness.budget.fail_j0) + $(json generalised_hardness.budget.fail_j1) )) -ge "$(json generalised_hardness.budget.trials)" ]
expect_ok "sci argmin text" "$KD" sci argmin --n 0
check "sci argmin text" grep -q "Generalised hardness" "$tmp/out"

# ---- classes
expect_ok "sci classes json" "$KD" sci classes --format json
check "sci classes positive" [ "$(json classes.0.command)" = "kdigits sci positive" ]
check "sci classes lasso eps" sh -c "\"$TOOL\" json classes.5.value.mid <\"$tmp/out\" | grep -q '^0\.58463229'"
check "sci classes spectrum note" grep -q "proofs-notes/sci-spectrum.md" "$tmp/out"
expect_ok "sci classes csv" "$KD" sci classes --format csv --K 4
check "sci classes csv header" sh -c "head -1 \"$tmp/out\" | grep -q '^problem,class,value_name,value,'"
expect_ok "sci classes text" "$KD" sci classes
check "sci classes text" grep -q "proofs-notes/sci.md" "$tmp/out"

# ---- bad input: one line, non-zero exit
expect_err "sci positive bad x" "^kdigits sci positive: --x" "$KD" sci positive --x '(1'
expect_err "sci positive bad n" "out of range" "$KD" sci positive --n -1
expect_err "sci positive bad L" "not an integer" "$KD" sci positive --L a
expect_err "sci positive bad format" "--format" "$KD" sci positive --format mtx
expect_err "sci positive extra" "unexpected argument" "$KD" sci positive extra
expect_err "sci sign bad N" "out of range" "$KD" sci sign --N -2
expect_err "sci rank no file" "cannot open" "$KD" sci rank --A "$tmp/none.mtx"
expect_err "sci rank bad builtin" "unknown built-in" "$KD" sci rank --builtin nope:3
expect_err "sci rank too big" "sizes 1..64" "$KD" sci rank --builtin identity:65
expect_err "sci argmin bad K" "out of range" "$KD" sci argmin --K 1
expect_err "sci argmin bad lambda" "Lambda must lie" "$KD" sci argmin --lambda 1
expect_err "sci argmin irrational lambda" "rational" "$KD" sci argmin --lambda 'sqrt(2)/10'
expect_err "sci argmin big n" "<= 200" "$KD" sci argmin --n 500
expect_err "sci classes bad K" "out of range" "$KD" sci classes --K 99
