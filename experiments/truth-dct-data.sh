#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Writes the 64 x 128 partial-DCT instance of issue 11 as exact expressions:
#   A[i][j] = sqrt(2/128) * cospi(k_i (2j+1)/256),  j = 0..127,
# rows k_i = the 64 frequencies 1..127 drawn by a fixed linear congruential
# generator (no duplicates, in increasing order), and y = A x0 written as the
# exact sum of five columns of A times rational coefficients (x0 5-sparse).
#
# usage: experiments/truth-dct-data.sh DIR   (writes DIR/A.mtx, DIR/y.mtx,
#        DIR/x0.txt)
set -eu
dir=${1:?usage: truth-dct-data.sh DIR}
mkdir -p "$dir"
awk -v dir="$dir" 'BEGIN {
    m = 64; N = 128; seed = 12345
    # 64 distinct frequencies in 1..127 from a fixed LCG
    n = 0
    while (n < m) {
        seed = (seed * 1103515245 + 12345) % 2147483648
        k = 1 + int(seed / 65536) % 127
        if (!(k in used)) { used[k] = 1; n++ }
    }
    n = 0
    for (k = 1; k <= 127; k++) if (k in used) row[n++] = k
    # x0: five columns (0-based) and rational coefficients
    split("5 23 47 88 117", supp, " ")
    split("1 -2/3 3/2 -1 1/2", coef, " ")
    A = dir "/A.mtx"; Y = dir "/y.mtx"; X = dir "/x0.txt"
    print "%%MatrixMarket matrix array real general" > A
    print "% 64 x 128 partial DCT: sqrt(2/128) cospi(k (2j+1)/256), column by column" > A
    print m, N > A
    for (j = 0; j < N; j++)
        for (i = 0; i < m; i++)
            printf "sqrt(2/128)*cospi(%d/256)\n", row[i] * (2 * j + 1) > A
    print "%%MatrixMarket matrix array real general" > Y
    print "% y = A x0, x0 5-sparse, as an exact sum of five columns" > Y
    print m, 1 > Y
    for (i = 0; i < m; i++) {
        s = ""
        for (t = 1; t <= 5; t++)
            s = s (t > 1 ? " + " : "") "(" coef[t] ")*sqrt(2/128)*cospi(" row[i] * (2 * supp[t] + 1) "/256)"
        print s > Y
    }
    for (t = 1; t <= 5; t++) printf "x0[%d] = %s\n", supp[t] + 1, coef[t] > X
}'
