#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Writes the man page kdigits.1 to stdout, made from the --help texts
# src/cli/help/*.txt: the global usage as DESCRIPTION, then each command's
# text verbatim. The @NAME@ values that kd_cli_help fills in at run time are
# read here from the headers and sources that define them; tests/help.sh
# checks that every block equals the command's --help output.
# usage: mkman.sh TOP_SRCDIR DOCDIR
set -e
top=$1
docdir=$2
h=$top/src/cli/help
tmp=${TMPDIR:-/tmp}/kdigits-mkman.$$
trap 'rm -f "$tmp" "$tmp.op"' 0

def() { sed -n "s/^#define $1 \\([0-9.]*\\).*/\\1/p" "$2"; }
version=`sed -n 's/^#define KD_VERSION_STRING "\(.*\)"$/\1/p' "$top/include/kdigits/kdigits.h"`
level_max=`def KD_LEVEL_MAX "$top/include/kdigits/real.h"`
prec_cap=`def KD_PREC_CAP_DEFAULT "$top/include/kdigits/real.h"`
k_max=`def KD_BP_PROBE_K_MAX "$top/include/kdigits/bpprobe.h"`
# printed with %g: 30.0 is 30
timeout=`def PEER_TIMEOUT "$top/src/cli/cmd_bp_probe.c" | sed 's/\.0*$//'`
points=`def POINTS_DEFAULT "$top/src/cli/cmd_sci_spectrum.c"`
# the string kd_builtin_help, one literal a line
sed -n '/^const char \* kd_builtin_help =/,/;$/p' "$top/src/builtin/builtin.c" \
    | sed -e '1d' -e 's/^ *"//' -e 's/\\n";\{0,1\}$//' -e 's/\\"/"/g' -e 's/\\\\/\\/g' > "$tmp"
# the string kd_op_help (the operator built-ins), likewise
sed -n '/^const char \* kd_op_help =/,/;$/p' "$top/src/op/sample.c" \
    | sed -e '1d' -e 's/^ *"//' -e 's/\\n";\{0,1\}$//' -e 's/\\"/"/g' -e 's/\\\\/\\/g' > "$tmp.op"

# one help text, its values filled in, as groff no-fill lines
block() {
    echo ".\\\" help: $1"
    echo ".nf"
    sed -e "s/@VERSION@/$version/g" -e "s/@LEVEL_MAX@/$level_max/g" \
        -e "s/@PREC_CAP_DEFAULT@/$prec_cap/g" -e "s/@BP_PROBE_K_MAX@/$k_max/g" \
        -e "s/@PEER_TIMEOUT@/$timeout/g" -e "s/@POINTS_DEFAULT@/$points/g" \
        -e "/^@BUILTINS@\$/{r $tmp" -e 'd;}' -e "/^@OPERATORS@\$/{r $tmp.op" -e 'd;}' "$h/$2.txt" \
      | sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^[.']/\\\\\\&&/"
    echo ".fi"
}

cat <<EOT
.\\" -*- coding: UTF-8 -*-
.\\" Generated from src/cli/help/*.txt by src/cli/help/mkman.sh: do not edit.
.TH KDIGITS 1 "" "kdigits $version" "User Commands"
.nh
.SH NAME
kdigits \\- certified computation at the limits of sparse regularisation
.SH SYNOPSIS
.B kdigits
[\\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR]
.I COMMAND
[\\fIOPTIONS\\fR]
.br
.B kdigits sci
.I SUBCOMMAND
[\\fIOPTIONS\\fR]
.SH DESCRIPTION
The text of \\fBkdigits \\-\\-help\\fR:
.PP
EOT
block kdigits usage
echo ".SH COMMANDS"
echo "Each section is the text of \\fBkdigits\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR."
for c in approx oracle table regimes solve certify lasso-probe bp-probe dln sci \
         sci-positive sci-sign sci-rank sci-argmin sci-spectrum sci-classes demo \
         stability kernel convergence
do
    case $c in sci-*) name="sci ${c#sci-}" ;; *) name=$c ;; esac
    echo ".SS \"$name\""
    block "$name" "$c"
done
cat <<EOT
.SH EXIT STATUS
.TP
.B 0
success;
.TP
.B 1
a computation could not be completed (e.g. undecided within the precision cap);
.TP
.B 2
bad input or usage.
.SH FILES
.TP
.I $docdir
README.md, docs/tutorial.md, docs/theory.md (the theory and the barrier
theorem) and proofs\\-notes/ (the proofs the commands cite).
.SH SEE ALSO
The documents in
.IR $docdir ;
the library API in
.IR <kdigits/kdigits.h> .
EOT
