#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Tests of the help texts and what is made from them: every command's
# --help runs, the man page holds every command's --help verbatim, and the
# bash completion offers every command, sci subcommand and only options the
# command's --help names. Run by `make check` with KDIGITS, MANPAGE and
# COMPLETION set (and srcdir, for the dispatch tables).
set -u

KD=${KDIGITS:-./kdigits}
MANPAGE=${MANPAGE:-./kdigits.1}
COMPLETION=${COMPLETION:-${srcdir:-.}/src/cli/completion/kdigits}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*"; }

# the names listed under HEADING: in a help text, up to the blank line
listed() { sed -n "/^$1:\$/,/^\$/p" | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p'; }

# the man page's block of NAME, its groff escapes undone
man_block() {
    sed -n "/^\\.\\\\\" help: $1\$/,/^\\.fi\$/p" "$MANPAGE" | sed -e '1,2d' -e '$d' \
        | sed -e 's/^\\&//' -e 's/\\-/-/g' -e 's/\\e/\\/g'
}

# help NAME ARGS...: `kdigits ARGS --help` exits 0, prints the text with
# every @NAME@ filled in, and the man page's block NAME is that text
help() {
    name=$1; shift
    if "$KD" "$@" --help >"$tmp/out" 2>"$tmp/err" && [ -s "$tmp/out" ] && [ ! -s "$tmp/err" ]
    then ok; else bad "kdigits $* --help: exit or output"; fi
    if grep -q '@[A-Z_]*@' "$tmp/out"; then bad "kdigits $* --help: unfilled @NAME@"; else ok; fi
    man_block "$name" >"$tmp/man"
    if [ -s "$tmp/man" ] && cmp -s "$tmp/out" "$tmp/man"; then ok
    else bad "man page block '$name' differs from kdigits $* --help"; fi
}

"$KD" --help >"$tmp/usage"
cmds=$(listed commands <"$tmp/usage")
"$KD" sci --help >"$tmp/sci"
subs=$(listed subcommands <"$tmp/sci")
[ -n "$cmds" ] && [ -n "$subs" ] && ok || bad "no command list in kdigits --help"

# the lists in the texts are those of the dispatch tables, with the same
# summaries (the tables' summaries are no longer printed)
table() {
    sed -n "/^static const kd_cli_command $1\\[\\] = {/,/^};/p" "$2" \
        | sed -n 's/^    {"\([a-z-]*\)", "\([^"]*\)".*/\1 \2/p'
}
text_list() { sed -n "/^$1:\$/,/^\$/p" | sed -n 's/^  \([a-z][a-z-]*\)  *\(.*\)/\1 \2/p'; }
if [ -n "${srcdir:-}" ]; then
    table commands "$srcdir/src/cli/main.c" >"$tmp/t1"
    text_list commands <"$tmp/usage" >"$tmp/t2"
    [ -s "$tmp/t1" ] && cmp -s "$tmp/t1" "$tmp/t2" && ok \
        || bad "commands of kdigits --help differ from main.c's table"
    table subs "$srcdir/src/cli/cmd_sci.c" >"$tmp/t1"
    text_list subcommands <"$tmp/sci" >"$tmp/t2"
    [ -s "$tmp/t1" ] && cmp -s "$tmp/t1" "$tmp/t2" && ok \
        || bad "subcommands of kdigits sci --help differ from cmd_sci.c's table"
fi

# the global usage is the man page's DESCRIPTION
man_block kdigits >"$tmp/man"
if [ -s "$tmp/man" ] && cmp -s "$tmp/usage" "$tmp/man"; then ok
else bad "man page DESCRIPTION differs from kdigits --help"; fi

for c in $cmds; do
    help "$c" "$c"
    grep -q "^\\.SS \"$c\"\$" "$MANPAGE" && ok || bad "man page: no section $c"
done
for s in $subs; do
    help "sci $s" sci "$s"
    grep -q "^\\.SS \"sci $s\"\$" "$MANPAGE" && ok || bad "man page: no section sci $s"
done

# complete WORD...: the completions of the last word of `kdigits WORD...`
complete_words() {
    bash -c '. "$1"; shift; COMP_WORDS=(kdigits "$@"); COMP_CWORD=$#; _kdigits
             printf "%s\n" "${COMPREPLY[@]}"' sh "$COMPLETION" "$@"
}

if command -v bash >/dev/null 2>&1; then
    complete_words "" >"$tmp/c"
    for c in $cmds; do
        grep -qx -- "$c" "$tmp/c" && ok || bad "completion: no command $c"
    done
    complete_words sci "" >"$tmp/c"
    for s in $subs; do
        grep -qx -- "$s" "$tmp/c" && ok || bad "completion: no sci subcommand $s"
    done
    complete_words ap >"$tmp/c"
    [ "$(cat "$tmp/c")" = approx ] && ok || bad "completion: 'ap' is not approx"
    complete_words oracle --format "" >"$tmp/c"
    grep -qx mtx "$tmp/c" && ok || bad "completion: oracle --format mtx"
    # every option offered is one the command's --help names
    for c in $cmds; do
        if [ "$c" = sci ]; then set -- $subs; pre=sci; else set -- "$c"; pre=; fi
        for w; do
            complete_words $pre "$w" -- >"$tmp/c"
            "$KD" $pre "$w" --help >"$tmp/h"
            grep -qx -- --help "$tmp/c" && ok || bad "completion: $pre $w has no --help"
            for o in $(grep -v -x -- --help "$tmp/c"); do
                grep -Eq -- "$o([] ,=|]|$)" "$tmp/h" && ok || bad "completion: $pre $w $o is not in its --help"
            done
        done
    done
else
    echo "help: bash not found, completion not tested"
fi

printf 'help: %d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
