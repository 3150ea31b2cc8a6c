#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Re-runs every `$ kdigits ...` command shown in fenced blocks of the given
# Markdown files (default: README.md docs/tutorial.md) and compares its
# output (stdout, or stderr when stdout is empty) with the text shown.
# Wall-clock figures (the seconds of `kdigits lasso-probe` rows and of
# `kdigits solve`'s stopping line) are masked.
# Run from the source tree after building; KDIGITS names the binary
# (default _build/kdigits). Needs python3. Exit status: number of mismatches.
#
# usage: docs/check-examples.sh [FILE.md ...]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
KDIGITS=${KDIGITS:-$top/_build/kdigits}
if [ ! -x "$KDIGITS" ]; then
    echo "check-examples.sh: no kdigits at $KDIGITS (build first or set KDIGITS)" >&2
    exit 1
fi
[ "$#" -gt 0 ] || set -- README.md docs/tutorial.md
exec python3 - "$KDIGITS" "$@" <<'PY'
import re, shlex, subprocess, sys

kd, files = sys.argv[1], sys.argv[2:]
row = re.compile(r'^  (default|reltol-eps|reltol-eps-maxiter) ')
secs = re.compile(r'\s+(\S+)(\s+(?:yes|no)\s)')
stop = re.compile(r'(iterations, )\S+( s)$')

def mask(text):
    out = []
    for line in text.splitlines():
        if row.match(line):
            line = secs.sub(lambda m: ' <s>' + m.group(2), line, count=1)
        line = stop.sub(lambda m: m.group(1) + '<s>' + m.group(2), line)
        out.append(line.rstrip())
    return out

bad = total = 0
for f in files:
    lines = open(f, encoding='utf-8').read().split('\n')
    i = 0
    while i < len(lines):
        if not lines[i].startswith('```'):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not lines[j].startswith('```'):
            j += 1
        block = lines[i + 1:j]
        i = j + 1
        k = 0
        while k < len(block):
            if not block[k].startswith('$ kdigits '):
                k += 1
                continue
            cmd = block[k][2:]
            while cmd.endswith('\\') and k + 1 < len(block):
                k += 1
                cmd = cmd[:-1] + ' ' + block[k].strip()
            e = k + 1
            while e < len(block) and not block[e].startswith('$ '):
                e += 1
            want = '\n'.join(block[k + 1:e])
            k = e
            args = shlex.split(cmd)
            args[0] = kd
            out = None
            if len(args) >= 3 and args[-2] == '>':    # "... > FILE": stdout there
                out = open(args[-1], 'w')
                args = args[:-2]
            p = subprocess.run(args, stdout=out or subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
            if out:
                out.close()
            got = p.stdout if p.stdout else p.stderr
            total += 1
            if mask(got) != mask(want):
                bad += 1
                print('MISMATCH %s: %s' % (f, cmd))
                w, g = mask(want), mask(got)
                for n in range(max(len(w), len(g))):
                    a = w[n] if n < len(w) else '<none>'
                    b = g[n] if n < len(g) else '<none>'
                    if a != b:
                        print('  line %d\n    shown: %s\n    now:   %s' % (n + 1, a, b))
                        break
print('check-examples: %d commands, %d mismatches' % (total, bad))
sys.exit(min(bad, 100))
PY
