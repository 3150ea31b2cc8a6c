#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Tests of the kdigits command line: output formats, the acceptance
# examples, and bad input (one line on stderr, nothing on stdout, non-zero
# exit). Run by `make check` with KDIGITS, CLITOOL and srcdir set.
set -u

KD=${KDIGITS:-./kdigits}
TOOL=${CLITOOL:-./tests/clitool}
data=${srcdir:-.}/tests/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*"; }

# expect_ok NAME CMD...: exit 0 and something on stdout
expect_ok() {
    name=$1; shift
    if "$@" >"$tmp/out" 2>"$tmp/err" && [ -s "$tmp/out" ]; then ok
    else bad "$name: exit $? / $(head -c 300 "$tmp/err")"; fi
}

# expect_err NAME PATTERN CMD...: non-zero exit, empty stdout, exactly one
# line on stderr that matches PATTERN (grep -E)
expect_err() {
    name=$1; pat=$2; shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    lines=$(wc -l <"$tmp/err")
    if [ "$rc" -ne 0 ] && [ ! -s "$tmp/out" ] && [ "$lines" -eq 1 ] && grep -Eq -- "$pat" "$tmp/err"; then ok
    else bad "$name: rc=$rc stderr($lines lines)='$(cat "$tmp/err")' stdout='$(head -c 200 "$tmp/out")'"; fi
}

# check NAME COND...: a shell condition
check() {
    name=$1; shift
    if "$@"; then ok; else bad "$name"; fi
}

json() { "$TOOL" json "$1" <"$tmp/out"; }

# ---- help and version
expect_ok "--help" "$KD" --help
check "--help lists approx" grep -q approx "$tmp/out"
expect_ok "--version" "$KD" --version
check "--version format" grep -Eq '^kdigits [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/out"
for c in approx oracle demo; do
    expect_ok "$c --help" "$KD" "$c" --help
    check "$c --help has usage" grep -q "usage: kdigits $c" "$tmp/out"
done

# ---- approx: the acceptance examples, checked by an independent evaluation
e='1/sqrt(2) - 2^-40'
expect_ok "approx json" "$KD" approx --expr "$e" --n 300 --format json
v=$(json value); check "approx value dyadic" "$TOOL" dyadic "$v"
check "approx within 2^-300" "$TOOL" within "$v" 300 "$e"
check "approx n field" [ "$(json n)" = 300 ]
check "approx expr field" [ "$(json expr)" = "$e" ]
check "approx decimal" sh -c "\"$TOOL\" json decimal <\"$tmp/out\" | grep -q '^0\.70710678118563802969907143386'"

for e in 'sqrt(2/7)*cospi(3/14)' 'sqrt(2/9)*cos(5*pi/18)' '0.1' '-3/7'; do
    expect_ok "approx $e" "$KD" approx --expr "$e" --n 300 --format json
    v=$(json value)
    check "approx $e dyadic" "$TOOL" dyadic "$v"
    check "approx $e within 2^-300" "$TOOL" within "$v" 300 "$e"
done

# a DFT entry exp(-2 pi i 2*3/5)/sqrt(5): both parts within 2^-200
expect_ok "approx complex" "$KD" approx --expr 'cispi(-12/5)/sqrt(5)' --n 200 --format json
check "complex flag" [ "$(json complex)" = true ]
check "complex re" "$TOOL" within "$(json value.re)" 200 'cospi(-12/5)/sqrt(5)'
check "complex im" "$TOOL" within "$(json value.im)" 200 'sinpi(-12/5)/sqrt(5)'

expect_ok "approx exact dyadic" "$KD" approx --expr '2^-30' --n 10 --format json
check "exact dyadic kept exactly" [ "$(json value)" = "1/1073741824" ]
check "exact flag" [ "$(json exact)" = true ]

expect_ok "approx csv" "$KD" approx --expr 'pi' --n 64 --format csv
check "csv header" sh -c "head -1 \"$tmp/out\" | grep -q '^expr,n,value_re'"
check "csv rows" [ "$(wc -l <"$tmp/out")" -eq 2 ]
expect_ok "approx text" "$KD" approx --expr 'pi' --n 64
check "text says proved" grep -q proved "$tmp/out"

# determinism: same input, identical bytes
"$KD" approx --expr 'sqrt(3) + cospi(1/7)' --n 500 --format json >"$tmp/a" 2>&1
"$KD" approx --expr 'sqrt(3) + cospi(1/7)' --n 500 --format json >"$tmp/b" 2>&1
check "approx deterministic" cmp -s "$tmp/a" "$tmp/b"

# ---- bad input: one clear line, non-zero exit
expect_err "unbalanced (" "expected '\\)'" "$KD" approx --expr '(1+2' --n 10
expect_err "unbalanced )" "unbalanced" "$KD" approx --expr '1+2)' --n 10
expect_err "sqrt(-1)" "square root of the negative" "$KD" approx --expr 'sqrt(-1)' --n 10
expect_err "division by 0" "division by zero" "$KD" approx --expr '1/(2-2)' --n 10
expect_err "undecidable divisor" "could not decide.*256 bits" "$KD" approx --expr '1/(sqrt(3)*sqrt(3)-3)' --n 10 --max-prec 256
expect_err "nan" "unknown name 'nan'" "$KD" approx --expr 'nan' --n 10
expect_err "inf" "unknown name 'inf'" "$KD" approx --expr 'inf' --n 10
expect_err "--n -3" "out of range" "$KD" approx --expr '1' --n -3
expect_err "--n 100000000" "out of range" "$KD" approx --expr '1' --n 100000000
expect_err "--n abc" "not an integer" "$KD" approx --expr '1' --n abc
expect_err "--format xml" "--format" "$KD" approx --expr '1' --n 3 --format xml
expect_err "missing --expr" "--expr is required" "$KD" approx --n 3
expect_err "unknown option" "unknown" "$KD" approx --bogus
expect_err "unknown command" "unknown command" "$KD" frobnicate
expect_err "--max-prec absurd" "out of range" "$KD" approx --expr 1 --n 3 --max-prec 1

# ---- oracle
expect_ok "oracle dct2:5" "$KD" oracle --builtin dct2:5 --n 20 --format json
check "oracle rows" [ "$(json rows)" = 5 ]
check "oracle certified" [ "$(json levels.0.certified)" = true ]
check "oracle entry dyadic" "$TOOL" dyadic "$(json levels.0.re.1.2)"
# entry (k=1, j=2) of the DCT-II of size 5 is sqrt(2/5) cos(pi*5*1/10)
check "oracle entry within budget" "$TOOL" within "$(json levels.0.re.1.2)" 20 'sqrt(2/5)*cospi(5/10)'
check "oracle entry (4,0)" "$TOOL" within "$(json levels.0.re.4.0)" 20 'sqrt(2/5)*cospi(4/10)'
expect_ok "oracle dft:4" "$KD" oracle --builtin dft:4 --n 30 --format json
check "dft complex" [ "$(json complex)" = true ]
check "dft im (1,1)" "$TOOL" within "$(json levels.0.im.1.1)" 30 'sinpi(-2/4)/2'
expect_ok "oracle lasso" "$KD" oracle --builtin 'lasso:2^-15' --n 10,40 --format csv
check "oracle csv rows" [ "$(wc -l <"$tmp/out")" -eq 13 ]
expect_ok "oracle text" "$KD" oracle --builtin identity:3 --n 5
# matrix-free operators: column e:1 of the 1-D DCT-II of size 8, checked by
# an independent evaluation of the closed form; the 2-D DCT at 256^2
expect_ok "oracle op dct:8" "$KD" oracle --builtin dct:8 --x e:1 --n 30 --format json
check "op entry (2)" "$TOOL" within "$(json levels.0.re.2.0)" 30 'sqrt(2/8)*cospi(3*2/16)'
check "op entry (5)" "$TOOL" within "$(json levels.0.re.5.0)" 30 'sqrt(2/8)*cospi(3*5/16)'
expect_ok "oracle op walsh2:4 csv" "$KD" oracle --builtin walsh2:4:haar:2:ml:0.5:1 --n 10 --format csv
check "op csv rows" [ "$(wc -l <"$tmp/out")" -eq 9 ]
expect_ok "oracle op dct2d:256" "$KD" oracle --builtin dct2d:256 --n 20 --format csv
check "op dct2d:256 rows" [ "$(wc -l <"$tmp/out")" -eq 65537 ]
check "op dct2d:256 DC = 256" grep -q '^20,1,1,256,0$' "$tmp/out"
expect_err "oracle op bad x" "expected ones or e:J" "$KD" oracle --builtin walsh:8 --x e:8 --n 3
expect_err "oracle op mtx" "never materialised" "$KD" oracle --builtin walsh:8 --n 3 --format mtx
expect_err "oracle --x on a matrix" "operators only" "$KD" oracle --builtin identity:3 --x ones --n 3
expect_ok "oracle file" "$KD" oracle --matrix "$data/cli-small.mtx" --n 40 --format json
check "file entry (1,1)" "$TOOL" within "$(json levels.0.re.0.0)" 40 '1/sqrt(2)'
check "file exact dyadic (2,2)" [ "$(json levels.0.re.1.1)" = "1/1073741824" ]
# mtx round trip: A_n written exactly reads back as the same A_n
expect_ok "oracle mtx out" "$KD" oracle --matrix "$data/cli-small.mtx" --n 40 --format mtx
cp "$tmp/out" "$tmp/a40.mtx"
"$KD" oracle --matrix "$data/cli-small.mtx" --n 40 --format csv >"$tmp/c1" 2>&1
"$KD" oracle --matrix "$tmp/a40.mtx" --n 40 --format csv >"$tmp/c2" 2>&1
check "mtx round trip" cmp -s "$tmp/c1" "$tmp/c2"

expect_err "oracle missing entry" "cli-missing.mtx:[0-9]+:.*expected" "$KD" oracle --matrix "$data/cli-missing.mtx" --n 10
expect_err "oracle no file" "cannot open" "$KD" oracle --matrix "$tmp/nonexistent.mtx" --n 10
expect_err "oracle bad builtin" "unknown built-in" "$KD" oracle --builtin nope:3 --n 10
expect_err "oracle both sources" "exactly one" "$KD" oracle --builtin dct2:3 --matrix x.mtx --n 10
expect_err "oracle mtx multi" "single level" "$KD" oracle --builtin dct2:3 --n 1,2 --format mtx

# ---- solve: closed forms (A = I: soft thresholding at lambda/2; the 1 x 2
# gadget of theory.md §4: (1 - eta)/a_2 on the larger column)
expect_ok "solve --help" "$KD" solve --help
expect_ok "solve p2 exact" "$KD" solve --problem p2 --lambda 1 --A builtin:identity:3 --y "$data/cli-y3.mtx" --certify --format json
check "p2 x1" [ "$(json x.0)" = "5/2" ]
check "p2 x2" [ "$(json x.1)" = "0" ]
check "p2 unique" [ "$(json unique)" = true ]
check "p2 truth found" [ "$(json truth.found)" = true ]
check "p2 distance 0" [ "$(json distance_to_truth.mid)" = 0 ]
check "p2 right support" [ "$(json right_support)" = true ]
# the one door: the exact rational data are read once each, exactly
check "p2 reads A once" [ "$(json reads.A.count)" = 1 ]
check "p2 reads A exactly" [ "$(json reads.A.exact)" = 1 ]
check "p2 reads y once" [ "$(json reads.y.count)" = 1 ]
expect_ok "solve p2 level 30" "$KD" solve --problem p2 --lambda 1 --A builtin:dct2:3 --y "$data/cli-y3.mtx" --n 30 --format json
check "dct reads A at level 30" [ "$(json reads.A.levels.0)" = 30 ]
check "dct reads A once" [ "$(json reads.A.count)" = 1 ]
check "dct reads A not exactly" [ "$(json reads.A.exact)" = 0 ]
check "dct reads y exactly (rational)" [ "$(json reads.y.exact)" = 1 ]
expect_ok "solve p1 exact" "$KD" solve --problem p1 --eta 1/2 --A "$data/cli-gadget-A.mtx" --y "$data/cli-one.mtx" --certify --format json
check "p1 x" [ "$(json x.1)" = "1/6" ]
check "p1 feasible" [ "$(json feasible)" = true ]
expect_ok "solve bp" "$KD" solve --problem bp --A "$data/cli-gadget-A.mtx" --y "$data/cli-one.mtx" --format json
check "bp x" [ "$(json x.1)" = "1/3" ]
expect_ok "solve fista certify" "$KD" solve --problem p2 --lambda 1 --A builtin:identity:3 --y "$data/cli-y3.mtx" --method fista --certify --format json
check "fista dyadic" "$TOOL" dyadic "$(json x.0)"
check "fista iterations" [ "$(json iterations)" -ge 1 ]
check "fista has distance" [ -n "$(json distance_to_truth.rad)" ]
# a truth computed once (--truth-out) and reused (--truth): the same distance
lasso="--scaled matlab --problem p2 --lambda 1/10 --A builtin:lasso:2^-15 --y builtin:lasso-y"
# shellcheck disable=SC2086
expect_ok "solve truth-out" "$KD" solve $lasso --method cd-matlab --truth-out "$tmp/truth.json" --format json
d1=$(json distance_to_truth.mid)
check "truth-out found" [ "$(json truth.found)" = true ]
check "truth file written" grep -q '"format": "kdigits-truth"' "$tmp/truth.json"
# shellcheck disable=SC2086
expect_ok "solve --truth" "$KD" solve $lasso --method cd-matlab --truth "$tmp/truth.json" --format json
check "--truth: same distance" [ "$(json distance_to_truth.mid)" = "$d1" ]
check "--truth: says so" sh -c "\"$TOOL\" json truth.how <\"$tmp/out\" | grep -q 'read from a truth file'"
expect_err "--truth of other data" "other data" "$KD" solve --scaled matlab --problem p2 --lambda 1/5 \
    --A 'builtin:lasso:2^-15' --y builtin:lasso-y --method cd-matlab --truth "$tmp/truth.json"
"$KD" solve --problem p2 --lambda 1 --A builtin:identity:3 --y "$data/cli-y3.mtx" --method fista --format json >"$tmp/d53" 2>&1
"$KD" solve --problem p2 --lambda 1 --A builtin:identity:3 --y "$data/cli-y3.mtx" --method fista --prec 53 --format json >"$tmp/m53" 2>&1
check "double = mpfr-53 bit for bit" [ "$("$TOOL" json x <"$tmp/d53")" = "$("$TOOL" json x <"$tmp/m53")" ]
# MATLAB's rule fooled on the LASSO probe (lasso-probe.md §3): 1.17, wrong support
expect_ok "solve cd-matlab" "$KD" solve --scaled matlab --problem p2 --lambda 1/10 --A 'builtin:lasso:2^-15' --y builtin:lasso-y --method cd-matlab --certify --format json
check "cd-matlab wrong support" [ "$(json right_support)" = false ]
check "cd-matlab error 1.169" sh -c "\"$TOOL\" json distance_to_truth.mid <\"$tmp/out\" | grep -q '^1\.1692645'"
check "cd-matlab no warning" [ "$(json warned)" = false ]
expect_err "solve lambda 0" "lambda must be > 0" "$KD" solve --problem p2 --lambda 0 --A builtin:identity:3 --y "$data/cli-y3.mtx"
expect_err "solve eta < 0" "eta must be >= 0" "$KD" solve --problem p1 --eta -1 --A builtin:identity:3 --y "$data/cli-y3.mtx"
expect_err "solve size mismatch" "y is 3 x 1" "$KD" solve --problem p2 --lambda 1 --A builtin:identity:2 --y "$data/cli-y3.mtx"
expect_err "solve method mismatch" "does not solve" "$KD" solve --problem p2 --lambda 1 --A builtin:identity:3 --y "$data/cli-y3.mtx" --method pd
expect_err "solve no lambda" "needs --lambda" "$KD" solve --problem p3 --A builtin:identity:3 --y "$data/cli-y3.mtx"
expect_err "solve bad prec" "out of range" "$KD" solve --problem p2 --lambda 1 --A builtin:identity:3 --y "$data/cli-y3.mtx" --method fista --prec 1
expect_err "solve bad tol" "not a finite number" "$KD" solve --problem p2 --lambda 1 --A builtin:identity:3 --y "$data/cli-y3.mtx" --method fista --tol nan1
expect_err "solve tol inf" "not a finite number" "$KD" solve --problem p2 --lambda 1 --A builtin:identity:3 --y "$data/cli-y3.mtx" --method fista --tol inf
expect_err "solve bad problem" "unknown problem" "$KD" solve --problem p9 --lambda 1 --A builtin:identity:3 --y "$data/cli-y3.mtx"

# ---- table (the main job): certified distances between 10^-K and 10^-(K-1)
expect_ok "table --help" "$KD" table --help
expect_ok "table json" "$KD" table --no-lista --K 1,3 --n 10,30 --format json
check "table rows" [ "$(json rows.3.K)" = 3 ]
check "table n" [ "$(json rows.3.n)" = 30 ]
check "table firenet midpoint K=1" sh -c "\"$TOOL\" json rows.0.firenet.mid <\"$tmp/out\" | grep -q '^0\.150'"
check "table firenet K=3" sh -c "\"$TOOL\" json rows.3.firenet.mid <\"$tmp/out\" | grep -q '^0\.00150'"
check "table not K digits" [ "$(json rows.2.firenet_K_digits)" = no ]
check "table K-1 digits" [ "$(json rows.2.firenet_K_minus_1_digits)" = yes ]
check "table published" [ "$(json rows.0.published.firenet)" = 0.2597827 ]
expect_ok "table replicate" "$KD" table --no-lista --K 1 --n 10 --replicate-published --format json
check "replicate reproduces 0.25978" sh -c "\"$TOOL\" json rows.0.firenet.mid <\"$tmp/out\" | grep -q '^0\.2597827'"
expect_ok "table p2 beyond double" "$KD" table --K 5 --n 40 --problem p2 --format json
check "table p2 K-1 digits" [ "$(json rows.0.firenet_K_minus_1_digits)" = yes ]
expect_ok "table lista short" "$KD" table --K 1 --n 10 --lista-epochs 2 --format json
check "table lista present" [ -n "$(json rows.0.lista.mid)" ]
expect_ok "table jobs 1" "$KD" table --K 1,3 --n 10 --lista-epochs 1 --jobs 1 --format csv
cp "$tmp/out" "$tmp/jobs1"
expect_ok "table KD_JOBS 3" env KD_JOBS=3 "$KD" table --K 1,3 --n 10 --lista-epochs 1 --format csv
check "table: threads give the serial output" cmp -s "$tmp/out" "$tmp/jobs1"
expect_err "table jobs 0" "--jobs = 0 is out of range" "$KD" table --jobs 0
expect_err "table KD_JOBS not a number" "KD_JOBS: 'x' is not an integer" env KD_JOBS=x "$KD" table
expect_err "table bad K" "--K = 0 is out of range" "$KD" table --K 0
expect_err "table K -1 names --K" "^kdigits table: --K = -1" "$KD" table --K -1
expect_err "sci sign N names --N" "^kdigits sci sign: --N = -1" "$KD" sci sign --x 1 --N -1
expect_err "lasso-probe precisions names the option" "--precisions = 1000000000" "$KD" lasso-probe --precisions 1000000000
expect_err "table bp" "p1, p2 or p3" "$KD" table --problem bp

# ---- regimes: the adversary defeats every algorithm, K-2 digits with one datum
expect_ok "regimes --help" "$KD" regimes --help
expect_ok "regimes json" "$KD" regimes --K 2 --format json
for i in 0 1 2 3 4 5 6 7; do
    check "regimes adversary $i wrong" [ "$(json adversary.$i.wrong)" = true ]
    check "regimes adversary $i consistent" [ "$(json adversary.$i.answers_consistent)" = true ]
done
check "regimes k-2 one read" [ "$(json k_minus_2.reads)" = 1 ]
check "regimes k-2 all succeed" [ "$(json k_minus_2.succeeded)" = "$(json k_minus_2.instances)" ]
check "regimes breakdown 0.015" sh -c "\"$TOOL\" json breakdown_epsilon.mid <\"$tmp/out\" | grep -q '^0\.01499999\|^0\.0150000'"
expect_ok "regimes p1" "$KD" regimes --K 2 --problem p1 --format json
check "regimes p1 defeated" [ "$(json adversary.0.wrong)" = true ]
expect_err "regimes bad K" "K" "$KD" regimes --K 0

# ---- lasso-probe: MATLAB's rule reproduced, certified against the exact truth
expect_ok "lasso-probe --help" "$KD" lasso-probe --help
expect_ok "lasso-probe 2^-7" "$KD" lasso-probe --deltas '2^-7,2^-15' --settings default,reltol-eps --format json
check "lasso-probe delta_log2" [ "$(json rows.0.delta_log2)" = -7 ]
check "lasso-probe 0.6795" sh -c "\"$TOOL\" json rows.0.error.mid <\"$tmp/out\" | grep -q '^0\.6794'"
check "lasso-probe 1301 sweeps" [ "$(json rows.0.sweeps)" = 1301 ]
check "lasso-probe run, not predicted" [ "$(json rows.0.predicted)" = false ]
check "lasso-probe 6436 sweeps" [ "$(json rows.1.sweeps)" = 6436 ]
check "lasso-probe 1.169 no warning" sh -c "\"$TOOL\" json rows.2.error.mid <\"$tmp/out\" | grep -q '^1\.16926'"
check "lasso-probe 2^-15 defaults unwarned" [ "$(json rows.2.warned)" = false ]
check "lasso-probe 2^-15 reltol-eps warned" [ "$(json rows.3.warned)" = true ]
check "lasso-probe truth certified" [ "$(json truth.0.truth_certified)" = true ]
check "lasso-probe bits bracket ordered" [ "$(json truth.1.input_bits.no_algorithm_certifies_up_to_level)" -lt "$(json truth.1.input_bits.kdigits_certifies_from_level)" ]
check "lasso-probe bits ~ log2(1/delta)" [ "$(json truth.1.input_bits.kdigits_certifies_from_level)" -le 23 ]
check "lasso-probe breakdown eps" sh -c "\"$TOOL\" json breakdown.epsilon_B.mid <\"$tmp/out\" | grep -q '^0\.58463'"
check "lasso-probe nearer" [ "$(json rows.2.nearer)" = "wrong vertex" ]
expect_ok "lasso-probe predicted" "$KD" lasso-probe --deltas '2^-20' --settings reltol-eps-maxiter --format json
check "lasso-probe 2^-20 maxiter predicted" [ "$(json rows.0.predicted)" = true ]
expect_ok "lasso-probe precisions" "$KD" lasso-probe --deltas '2^-28' --precisions 53,64 --format json
check "lasso-probe sweep mode" [ "$(json mode)" = precision-sweep ]
check "lasso-probe 53-bit problem differs" [ "$(json rows.0.problem_support)" = "{1,2}" ]
check "lasso-probe 64-bit problem right" [ "$(json rows.2.problem_support)" = "{2}" ]
check "lasso-probe 64-bit still fooled" sh -c "\"$TOOL\" json rows.2.error.mid <\"$tmp/out\" | grep -q '^1\.169'"
expect_err "lasso-probe bad precision" "precisions" "$KD" lasso-probe --precisions 1
expect_err "lasso-probe precisions + maxiter" "settings" "$KD" lasso-probe --precisions 64 --settings reltol-eps-maxiter
expect_err "lasso-probe bad delta" "unknown name" "$KD" lasso-probe --deltas abc
expect_err "lasso-probe delta 0" "delta must be > 0" "$KD" lasso-probe --deltas 0
expect_err "lasso-probe negative delta" "delta must be > 0" "$KD" lasso-probe --deltas '2^-7,-1/2'
expect_err "lasso-probe peers delta 0" "delta must be > 0" "$KD" lasso-probe --peers --deltas 0
expect_err "lasso-probe bad setting" "unknown setting" "$KD" lasso-probe --settings nope

# ---- demo
expect_ok "demo" "$KD" demo
check "demo double line" grep -q "IEEE double input" "$tmp/out"
expect_ok "demo json" "$KD" demo --delta '2^-28' --n 10,60 --format json
check "demo json levels" [ "$(json levels.1.n)" = 60 ]
check "demo double valid levels" [ "$(json ieee_double.valid_for_levels_up_to)" -ge 50 ]
check "demo A_n dyadic" "$TOOL" dyadic "$(json levels.1.A_n.0.0)"
check "demo A_n within" "$TOOL" within "$(json levels.1.A_n.0.0)" 60 '1/sqrt(2) - 2^-28'
expect_err "demo bad delta" "delta" "$KD" demo --delta 'sqrt(' --n 3

# ---- the command groups kept in their own files (same helpers, same counters)
# ---- resource limits every command takes (issue 16)
expect_err "max-bits refuses a power" "limit of 1000 bits" "$KD" approx --expr '2^100000' --n 10 --max-bits 1000
expect_ok "max-bits default keeps it" "$KD" approx --expr '2^100000' --n 10
expect_err "max-mem refuses a built-in" "memory limit" "$KD" oracle --builtin dct2:100 --n 10 --max-mem 1M
expect_ok "max-mem raised" "$KD" oracle --builtin dct2:100 --n 10 --max-mem 2G
expect_err "max-bits range" "--max-bits = 1 is out of range" "$KD" approx --expr 1 --n 10 --max-bits 1
expect_err "time-limit stops a long run" "time limit of 1 s reached" "$KD" table --quiet --time-limit 1
expect_err "time-limit range" "--time-limit = 0 is out of range" "$KD" approx --expr 1 --n 3 --time-limit 0
expect_ok "time-limit not reached" "$KD" approx --expr 1/3 --n 3 --time-limit 60
"$KD" table --K 1 --n 10,20 --no-lista --quiet >"$tmp/out" 2>"$tmp/err"
check "quiet: no progress lines" [ ! -s "$tmp/err" ]
"$KD" table --K 1 --n 10,20 --no-lista >"$tmp/out" 2>"$tmp/err"
check "progress counts rows" grep -q '^kdigits table: \[2/2\] K = 1, n = 20' "$tmp/err"

for part in cli-bp cli-peers cli-sci cli-spectrum cli-exact cli-complex cli-stability cli-dln cli-convergence cli-solveop; do
    . "${srcdir:-.}/tests/$part.sh"
done

printf 'cli: %d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
