#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Builds the libFuzzer harnesses of tests/fuzz/ with clang (address and
# undefined-behaviour sanitizers, leak detection) and runs one of them.
#   experiments/fuzz.sh build               compile the library and all harnesses
#   experiments/fuzz.sh run expr [ARGS...]  fuzz (ARGS go to libFuzzer)
# Needs a configured build tree (BUILDDIR, default _build/) for deps.h and
# the link flags; objects and fuzzers go to FUZZDIR (default BUILDDIR/fuzz).
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
BUILDDIR=${BUILDDIR:-$top/_build}
FUZZDIR=${FUZZDIR:-$BUILDDIR/fuzz}
CLANG=${CLANG:-clang}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS_F="-g -O1 -std=gnu11 $SAN -I$top/include -I$BUILDDIR/include"

if [ ! -f "$BUILDDIR/include/kdigits/deps.h" ]; then
    echo "fuzz.sh: configure first ($BUILDDIR/include/kdigits/deps.h is missing)" >&2
    exit 2
fi
libs=$(sed -n 's/^LIBS = //p' "$BUILDDIR/Makefile")

build() {
    mkdir -p "$FUZZDIR/obj"
    objs=
    # The library sources, as Makefile.am lists them.
    for src in $(sed -n '/^libkdigits_la_SOURCES/,/^$/p' "$top/Makefile.am" \
                 | grep -o 'src/[A-Za-z0-9_/.-]*\.c'); do
        obj=$FUZZDIR/obj/$(echo "$src" | tr / _ | sed 's/\.c$/.o/')
        if [ ! -f "$obj" ] || [ "$top/$src" -nt "$obj" ]; then
            $CLANG $CFLAGS_F -fsanitize=fuzzer-no-link -c "$top/$src" -o "$obj"
        fi
        objs="$objs $obj"
    done
    $CLANG $CFLAGS_F -fsanitize=fuzzer-no-link -c "$top/src/cli/args.c" -o "$FUZZDIR/obj/cli_args.o"
    for h in expr mtx opts; do
        extra=
        [ "$h" = opts ] && extra=$FUZZDIR/obj/cli_args.o
        $CLANG $CFLAGS_F -fsanitize=fuzzer "$top/tests/fuzz/fuzz-$h.c" $extra $objs \
            $libs -o "$FUZZDIR/fuzz-$h"
    done
    echo "fuzz.sh: built $FUZZDIR/fuzz-expr, fuzz-mtx, fuzz-opts"
}

case "$1" in
    build)
        build ;;
    run)
        h=$2
        shift 2
        [ -x "$FUZZDIR/fuzz-$h" ] || build
        mkdir -p "$FUZZDIR/corpus-$h" "$FUZZDIR/artifacts-$h"
        dict=
        [ -f "$top/tests/fuzz/$h.dict" ] && dict=-dict=$top/tests/fuzz/$h.dict
        # New inputs go to FUZZDIR/corpus-H; the committed seeds are read only.
        exec "$FUZZDIR/fuzz-$h" $dict -artifact_prefix="$FUZZDIR/artifacts-$h/" \
            "$@" "$FUZZDIR/corpus-$h" "$top/tests/fuzz/corpus-$h" ;;
    *)
        sed -n '3,8s/^# //p' "$0"
        exit 2 ;;
esac
