#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# kdigits certify and the Python module (issue 12): an ISTA output in Python
# floats certified against a rational P2 instance, its certified distance
# checked against the exact distance computed in rationals
# (tests/certify_check.py), the module giving the same interval; the
# readers (hex floats, double vs exact decimals, columns, JSON) and --data.
# Needs KDIGITS, srcdir; PYTHON (python3) and, for the module,
# KDIGITS_LIB and PYTHONPATH.
set -u
KD=${KDIGITS:-./kdigits}
PY=${PYTHON:-python3}
data=${srcdir:-.}/tests/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kd-certify.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*"; }
A=$data/certify-A.mtx
Y=$data/certify-y.mtx
cert() { "$KD" certify --problem p2 --lambda 1/10 --A "$A" --y "$Y" "$@"; }

if [ "$PY" = : ] || ! command -v "$PY" >/dev/null 2>&1; then
    echo "certify.sh: no python3, the acceptance checks are skipped"
else
    mod=
    if "$PY" -c 'import kdigits' 2>/dev/null; then mod=--module; fi
    [ -n "$mod" ] && ok || bad "the Python module does not import (PYTHONPATH, KDIGITS_LIB)"
    if "$PY" "${srcdir:-.}/tests/certify_check.py" "$KD" "$A" "$Y" "$tmp" $mod >"$tmp/log" 2>&1
    then ok; else bad "certify_check.py: $(tr '\n' '|' <"$tmp/log")"; fi
fi

# the exact minimiser (kdigits solve, exact) certifies at distance 0
"$KD" solve --problem p2 --lambda 1/10 --A "$A" --y "$Y" --method exact --format json \
    | sed -n '/"x": \[/,/\]/p' | sed -n 's/^ *"\([^"]*\)",\{0,1\}$/\1/p' >"$tmp/xstar.txt"
cert --x "$tmp/xstar.txt" --x-format exact --format csv >"$tmp/out" 2>&1
grep -q '^exact,.*,exact,true,[^,]*,[^,]*,0,[^,]*,[7-9][0-9],true,' "$tmp/out" && ok || bad "exact x*: $(cat "$tmp/out")"

# hex floats are exact in both formats; 0.1 as double is 0x1.999999999999ap-4
printf '0x1.999999999999ap-4\n-0X1P-1\n0x0p+0\n0.25\n' >"$tmp/hex.txt"
printf '0.1\n-0.5\n0\n0.25\n' >"$tmp/dec.txt"
cert --x "$tmp/hex.txt" --x "$tmp/dec.txt" --format csv >"$tmp/out" 2>&1
a=$(sed -n 2p "$tmp/out" | cut -d, -f5-); b=$(sed -n 3p "$tmp/out" | cut -d, -f5-)
[ -n "$a" ] && [ "$a" = "$b" ] && ok || bad "hex vs double decimals differ: $(cat "$tmp/out")"
cert --x "$tmp/dec.txt" --x-format exact --format csv >"$tmp/out2" 2>&1
c=$(sed -n 2p "$tmp/out2" | cut -d, -f5-)
[ -n "$c" ] && [ "$c" != "$a" ] && ok || bad "exact decimals read as doubles"

# a CSV of two columns is two candidates; a JSON array of arrays too
paste -d, "$tmp/hex.txt" "$tmp/dec.txt" >"$tmp/two.csv"
printf '[[0.1, -0.5, 0, 0.25], ["0x1.999999999999ap-4", -0.5, 0, 0.25]]\n' >"$tmp/two.json"
cert --x "$tmp/two.csv" --x "$tmp/two.json" --format csv >"$tmp/out" 2>&1
[ "$(wc -l <"$tmp/out")" -eq 5 ] && [ "$(cut -d, -f5- "$tmp/out" | sed 1d | sort -u | wc -l)" -eq 1 ] \
    && ok || bad "columns / JSON arrays: $(cat "$tmp/out")"

# --data both: two truths; the json has double_data with the rounded lambda
cert --x "$tmp/dec.txt" --data both --format json >"$tmp/out" 2>&1
grep -q '"parameter_double": "0.10000000000000001"' "$tmp/out" && ok || bad "--data both: $(head -c 300 "$tmp/out")"
cert --x "$tmp/dec.txt" --data both >"$tmp/out" 2>&1
[ "$(grep -c '^truth     certified' "$tmp/out")" -eq 2 ] && ok || bad "--data both text"

# bad x: one line, exit 2
for f in certify-x-short.txt certify-x-nan.txt certify-x-inf.csv certify-x-bad.txt; do
    cert --x "$data/$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "$f" "$tmp/err" && [ ! -s "$tmp/out" ] \
        && ok || bad "bad x $f: rc=$rc $(cat "$tmp/err")"
done

# --peers: every peer is listed, ran (then certified as a candidate) or
# skipped with its package; the JSON carries the list
cert --peers --format json --quiet >"$tmp/out" 2>"$tmp/err"
rc=$?
n=$("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["peers"]), sum(p["state"] == "ran" for p in d["peers"]), len(d.get("candidates", d.get("exact", {}).get("candidates", []))))' "$tmp/out" 2>/dev/null)
set -- $n
[ "$rc" -eq 0 ] && [ "${1:-0}" -eq 4 ] && ok || bad "--peers json: rc=$rc '$n' $(head -c 300 "$tmp/err")"
cert --peers --quiet >"$tmp/out" 2>&1
[ "$(grep -cE '^  (glmnet|sklearn-lasso|sklearn-lassolars|cvxopt-qp) +(ran|skipped|failed)' "$tmp/out")" -eq 4 ] \
    && ok || bad "--peers text: $(head -c 400 "$tmp/out")"
"$KD" certify --problem p3 --lambda 1/10 --A "$A" --y "$Y" --peers >"$tmp/out" 2>"$tmp/err"
[ $? -ne 0 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "no peer here solves p3" "$tmp/err" \
    && ok || bad "--peers p3: $(cat "$tmp/err")"

# solve --peers: the same peers, certified against the solve's own truth
"$KD" solve --problem p2 --lambda 1/10 --A "$A" --y "$Y" --method fista --peers --quiet >"$tmp/out" 2>&1
[ "$(grep -cE '^  (glmnet|sklearn-lasso|sklearn-lassolars|cvxopt-qp) +(dist|skipped|failed)' "$tmp/out")" -eq 4 ] \
    && ok || bad "solve --peers: $(tail -c 400 "$tmp/out")"

# --param: one .mtx describes a family; the value is exact (d = 2^-60 is
# not lost in double: the exact minimiser of the d-member certifies at 0)
printf '%%%%MatrixMarket matrix array real general\n3 2\n1\n1\n1\n1\n1+d\n1-d\n' >"$tmp/fA.mtx"
printf '%%%%MatrixMarket matrix array real general\n3 1\n1\n2\n1\n' >"$tmp/fy.mtx"
"$KD" solve --problem bp --A "$tmp/fA.mtx" --y "$tmp/fy.mtx" --method exact >/dev/null 2>"$tmp/err"
grep -q "unknown name 'd'" "$tmp/err" && ok || bad "unbound parameter: $(cat "$tmp/err")"
printf '0\n0\n' >"$tmp/x0.txt"
"$KD" certify --problem p2 --lambda 1/100 --A "$tmp/fA.mtx" --y "$tmp/fy.mtx" --param d=2^-60 \
    --x "$tmp/x0.txt" --format csv >"$tmp/out" 2>&1
grep -q '^exact,.*,true,' "$tmp/out" && ok || bad "--param: $(cat "$tmp/out")"
"$KD" certify --problem p2 --lambda 1/100 --A "$tmp/fA.mtx" --y "$tmp/fy.mtx" --param 'pi=1' \
    --x "$tmp/x0.txt" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "built-in name" "$tmp/err" \
    && ok || bad "--param pi: $(cat "$tmp/err")"

# --k: the sweep in one command, one csv row per k and candidate
"$KD" certify --problem p2 --lambda 1/100 --A "$tmp/fA.mtx" --y "$tmp/fy.mtx" --param 'd=2^-k' \
    --k 20..22 --x "$tmp/x0.txt" --format csv --quiet >"$tmp/out" 2>&1
[ "$(cut -d, -f1 "$tmp/out" | tr '\n' ' ')" = "k 20 21 22 " ] && ok || bad "--k sweep: $(cat "$tmp/out")"
"$KD" certify --problem p2 --lambda 1/100 --A "$tmp/fA.mtx" --y "$tmp/fy.mtx" --param 'd=2^-k' \
    --k 5..1 --x "$tmp/x0.txt" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && ok || bad "--k 5..1: $(cat "$tmp/err")"

echo "certify: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
