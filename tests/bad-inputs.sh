#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# The bad-input corpus (tests/data/bad-inputs.txt): every invocation must end
# with exit status 1 or 2, exactly one line on stderr, nothing on stdout, no
# signal and no time-out, under a 2 GB address-space limit and 20 s each.
# Also: writing to a full device is an error. Needs KDIGITS and srcdir.
set -u
KD=${KDIGITS:-./kdigits}
data=${srcdir:-.}/tests/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kd-bad.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# malformed Matrix Market files
mm='%%MatrixMarket matrix array real general'
: >"$tmp/empty.mtx"
printf '%s\n' "$mm" >"$tmp/header-only.mtx"
printf '%s\n1 1\nnan\n' "$mm" >"$tmp/nan.mtx"
printf '%s\n1 1\ninf\n' "$mm" >"$tmp/inf.mtx"
printf '%s\n100000000 100000000\n1\n' "$mm" >"$tmp/huge-size.mtx"
printf '%s\n-3 2\n1\n' "$mm" >"$tmp/negative-size.mtx"
printf '%%%%MatrixMarket tensor array real general\n1 1\n1\n' >"$tmp/bad-banner.mtx"
head -c 300 /dev/urandom 2>/dev/null >"$tmp/binary.mtx" || printf '\001\002\377' >"$tmp/binary.mtx"
printf '%s\n1 1\n1\n2\n' "$mm" >"$tmp/too-many.mtx"
printf '%%%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1\n' >"$tmp/bad-index.mtx"
printf '%s\n1 1\n1/(\n' "$mm" >"$tmp/bad-expr.mtx"
printf '%s\n1 1\n(2^1000000)^1000000\n' "$mm" >"$tmp/huge-power.mtx"
# truth files (solve --truth): a good one for the p2 problem of the corpus,
# then broken copies of it
"$KD" solve --problem p2 --lambda 1 --A builtin:identity:3 --y "$data/cli-y3.mtx" \
    --truth-out "$tmp/truth.json" >/dev/null 2>&1
printf '[1, 2]\n' >"$tmp/truth-array.json"
printf '{"format": "kdigits-truth", "version": 1, "problem": "p2", "m": 2, "N": 3}\n' \
    >"$tmp/truth-sizes.json"
sed 's/"format": "kdigits-truth"/"format": "other"/' "$tmp/truth.json" >"$tmp/truth-format.json"
sed 's/"version": 1/"version": 99/' "$tmp/truth.json" >"$tmp/truth-version.json"
sed '0,/"mid": "[^"]*"/s//"mid": "nan"/' "$tmp/truth.json" >"$tmp/truth-nan.json"
sed '0,/"mid": "[^"]*"/s//"mid": "1\/3"/' "$tmp/truth.json" >"$tmp/truth-third.json"
sed '0,/"rad": "[^"]*"/s//"rad": "-1"/' "$tmp/truth.json" >"$tmp/truth-negrad.json"
sed 's/"x": \[/"x": [{"mid": "0", "rad": "0"},/' "$tmp/truth.json" >"$tmp/truth-long.json"
head -c 100 "$tmp/truth.json" >"$tmp/truth-cut.json"

run_one() {
    # $1: the line of the corpus
    line=$(printf '%s' "$1" | sed "s|@DATA@|$data|g; s|@TMP@|$tmp|g")
    # shellcheck disable=SC2086
    ( ulimit -v 2000000 2>/dev/null; exec timeout 20 "$KD" $line ) \
        >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
    lines=$(wc -l <"$tmp/err")
    if { [ "$rc" -eq 1 ] || [ "$rc" -eq 2 ]; } && [ "$lines" -eq 1 ] && [ ! -s "$tmp/out" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL: kdigits %s: rc=%s, %s stderr lines: %s; stdout: %s\n' "$line" "$rc" \
            "$lines" "$(head -c 200 "$tmp/err" | tr '\n' '|')" "$(head -c 80 "$tmp/out" | tr '\n' '|')"
    fi
}

# -f: the corpus has '*' and '?' in expressions
set -f
while IFS= read -r l; do
    case $l in ''|'#'*) continue ;; esac
    run_one "$l"
done <"$data/bad-inputs.txt"
set +f

# a full device: the output could not be written
if [ -w /dev/full ]; then
    for c in "approx --expr 1/3 --n 10" "oracle --builtin dct2:4 --n 10" \
             "oracle --builtin dct2:4 --n 10 --format json" "--help" "sci classes"; do
        # shellcheck disable=SC2086
        "$KD" $c >/dev/full 2>"$tmp/err"
        rc=$?
        if [ "$rc" -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q 'error writing' "$tmp/err"; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            printf 'FAIL: kdigits %s >/dev/full: rc=%s, stderr: %s\n' "$c" "$rc" "$(tr '\n' '|' <"$tmp/err")"
        fi
    done
fi
printf 'bad-inputs: %d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
