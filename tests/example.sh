#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# The README's library example, as a user builds it: install to a staging
# DESTDIR, compile docs/example.c with exactly the README's pkg-config line,
# run it, and check that the README shows docs/example.c verbatim.
# Needs: srcdir, builddir (absolute), MAKE, CC.
set -u
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: example: %s\n' "$*"; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kd-example.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# 1. The README's code block is docs/example.c.
python3 - "$srcdir/README.md" "$srcdir/docs/example.c" <<'PY' && ok || bad "README's C block differs from docs/example.c"
import sys
readme, ex = (open(p).read() for p in sys.argv[1:])
i = readme.index("## Using the library")
j = readme.index("```c\n", i) + 5
k = readme.index("```\n", j)
sys.exit(0 if readme[j:k] == ex else 1)
PY

# 2. make install to a staging root, then the README's command line.
if (cd "$builddir" && $MAKE install DESTDIR="$tmp/root" >"$tmp/install.log" 2>&1); then
    ok
else
    bad "make install DESTDIR failed:"; tail -5 "$tmp/install.log"
fi
pc=$(find "$tmp/root" -name kdigits.pc | head -n 1)
if [ -n "$pc" ]; then ok; else bad "kdigits.pc was not installed"; fi
libdir=$(dirname "$(dirname "$pc")")
export PKG_CONFIG_PATH="$libdir/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$tmp/root"
cp "$srcdir/docs/example.c" "$tmp/example.c"
if (cd "$tmp" && ${CC:-cc} example.c $(pkg-config --cflags --libs kdigits) -o example) \
        >"$tmp/cc.log" 2>&1; then
    ok
else
    bad "cc example.c \$(pkg-config --cflags --libs kdigits) failed:"; cat "$tmp/cc.log"
fi
if [ -x "$tmp/example" ]; then
    LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$tmp/example" >"$tmp/out" 2>&1
    rc=$?
    [ $rc -eq 0 ] && ok || bad "the example exited $rc: $(cat "$tmp/out")"
    grep -q '^||Q_100 - Q||_2 <= .* (proved), 1 read(s)$' "$tmp/out" && ok \
        || bad "no proved oracle error in: $(cat "$tmp/out")"
    grep -q '(certified), truth true, 1 read(s) of A$' "$tmp/out" && ok \
        || bad "no certified distance in: $(cat "$tmp/out")"
fi
# 3. The Python module (issue 12): installed under pythondir, it imports in a
# fresh environment with PYTHONPATH and LD_LIBRARY_PATH set to the staging
# folders, and computes through the installed library.
init=$(find "$tmp/root" -path '*/kdigits/__init__.py' | head -n 1)
if [ -n "$init" ] && command -v python3 >/dev/null 2>&1; then
    ok
    env -i PATH=/usr/bin:/bin PYTHONPATH="$(dirname "$(dirname "$init")")" \
        LD_LIBRARY_PATH="$libdir" python3 -c 'import kdigits; assert str(kdigits.approx("0x1.8p-3", 5)) == "3/16"' \
        >"$tmp/py.log" 2>&1 && ok || bad "import kdigits after make install: $(cat "$tmp/py.log")"
elif command -v python3 >/dev/null 2>&1; then
    bad "make install did not install the Python module kdigits"
fi
printf 'example: %d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
