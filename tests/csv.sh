#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Every data command's --format csv parses with Python's csv module into a
# header of distinct non-empty names and at least one row, every row as wide
# as the header. Needs KDIGITS, srcdir and python3.
set -u
KD=${KDIGITS:-./kdigits}
data=${srcdir:-.}/tests/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kd-csv.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
check_csv() {
    # shellcheck disable=SC2086
    if ! "$KD" "$@" --format csv >"$tmp/out" 2>"$tmp/err"; then
        fail=$((fail + 1)); printf 'FAIL: csv: kdigits %s: %s\n' "$*" "$(head -c 200 "$tmp/err")"
        return
    fi
    if python3 - "$tmp/out" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
head = rows[0] if rows else []
ok = (len(rows) >= 2 and all(head) and len(set(head)) == len(head)
      and all(len(r) == len(head) for r in rows))
sys.exit(0 if ok else 1)
PY
    then pass=$((pass + 1))
    else fail=$((fail + 1)); printf 'FAIL: csv: kdigits %s: not a header and rows of equal width\n' "$*"
    fi
}
if ! command -v python3 >/dev/null 2>&1; then
    echo "csv: 0 passed, 0 failed, 1 skipped (no python3)"
    exit 0
fi
check_csv approx --expr 'pi' --n 64
check_csv oracle --builtin dct2:3 --n 10,20
check_csv demo --n 10,30
check_csv solve --problem p2 --lambda 1 --A builtin:identity:3 --y "$data/cli-y3.mtx"
check_csv solve --problem p2 --lambda 1 --A builtin:identity:3 --y "$data/cli-y3.mtx" --certify
check_csv solve --problem p1 --eta 1/2 --A "$data/cli-gadget-A.mtx" --y "$data/cli-one.mtx" --certify
check_csv table --K 1 --n 10 --no-lista
check_csv regimes
check_csv lasso-probe --deltas 2^-7 --settings default
check_csv lasso-probe --deltas 2^-7 --precisions 53
check_csv bp-probe --k 10
check_csv sci positive --x 'sqrt(2) - 1.4142' --n 3,64
check_csv sci sign --x '2^-40'
check_csv sci rank --builtin dct2:3
check_csv sci argmin
check_csv sci classes
check_csv sci spectrum --builtin tridiag:4 --n 8
printf 'csv: %d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
