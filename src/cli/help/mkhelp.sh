#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Writes to stdout the C source that defines, for each help text FILE.txt
# given, the string kd_help_FILE (dashes become underscores): each line is
# one string literal ending in \n, so the string is the file byte for byte.
# usage: mkhelp.sh FILE.txt...
set -e
echo "/* Generated from the --help texts src/cli/help/NAME.txt by src/cli/help/mkhelp.sh: do not edit. */"
for f
do
    n=`echo "$f" | sed -e 's|.*/||' -e 's|\.txt$||' -e 's|-|_|g'`
    echo ""
    echo "extern const char * kd_help_$n;"
    echo "const char * kd_help_$n ="
    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/^/    "/' -e 's/$/\\n"/' "$f"
    echo "    ;"
done
