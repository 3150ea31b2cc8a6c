# SPDX-License-Identifier: LGPL-3.0-or-later
# kdigits lasso-probe --peers: the real peers of lasso-probe.md §4 (sourced
# by tests/cli.sh: expect_ok / expect_err / check / json, $KD $TOOL $tmp).
# Active once the command has --peers; the real-peer checks run only where
# R's glmnet is installed, the others everywhere (fake interpreters).

if "$KD" lasso-probe --help 2>/dev/null | grep -q -- --peers; then

peers_q() {
    # a decimal "I.F" (as printed in JSON error mids) as the rational P/Q
    case $1 in
        *[!0-9.-]* | *.*.* | '') echo bad; return ;;
        *.*) i=${1%%.*}; f=${1#*.}; d=1; k=$f
             while [ -n "$k" ]; do d=${d}0; k=${k#?}; done
             echo "$i$f/$d" ;;
        *) echo "$1" ;;
    esac
}

# KDIGITS_PYTHON is unset here and restored at the end
peers_py=${KDIGITS_PYTHON-}
peers_py_set=${KDIGITS_PYTHON+1}
unset KDIGITS_PYTHON

# ---- no peer installed: a PATH without interpreters (ls only, for the
# libtool wrapper), KDIGITS_PYTHON unset: every peer skipped, exit 0
mkdir -p "$tmp/nopeers"
lsbin=$(command -v ls) && ln -sf "$lsbin" "$tmp/nopeers/ls"
expect_ok "peers none" env PATH="$tmp/nopeers" \
    "$KD" lasso-probe --peers --deltas '2^-15' --settings default
for p in glmnet:r-cran-glmnet sklearn-lasso:python3-sklearn \
         sklearn-lassolars:python3-sklearn cvxopt-qp:python3-cvxopt; do
    check "peers none: ${p%%:*} skipped" \
        grep -Eq "^ +${p%%:*} +skipped \(install ${p#*:}\)" "$tmp/out"
done
expect_ok "peers none json" env PATH="$tmp/nopeers" \
    "$KD" lasso-probe --peers --deltas '2^-15' --settings default --format json
check "peers none json: glmnet" [ "$(json peers.0.status)" = "skipped (install r-cran-glmnet)" ]
check "peers none json: sklearn" [ "$(json peers.1.status)" = "skipped (install python3-sklearn)" ]
check "peers none json: lars" [ "$(json peers.2.status)" = "skipped (install python3-sklearn)" ]
check "peers none json: cvxopt" [ "$(json peers.3.status)" = "skipped (install python3-cvxopt)" ]
check "peers none json: no rows" [ "$(json rows)" = "[]" ]

# ---- fake interpreters (shell scripts) with known outputs: exact reading
# of B, certified distances against the closed form B* = (0, 1 - sqrt(3)/10),
# and a crash reported as a failed row, not an abort
fb="$tmp/fakepeers"
mkdir -p "$fb"
ln -sf "$lsbin" "$fb/ls"
cat >"$fb/Rscript" <<'EOF'
#!/bin/sh
[ "$1" = -e ] && exit 0
echo '{"peer": "glmnet", "version": "fake", "B": [1e-300, 0.75], "warned": true, "warning": "fake warning"}'
EOF
cat >"$fb/fakepy" <<'EOF'
#!/bin/sh
[ "$1" = -c ] && exit 0
case $1 in
    *sklearn_lasso.py)
        echo 'noise before'
        echo '{"peer": "sklearn-lasso", "version": "fake", "B": [0, 0.5], "warned": false, "warning": ""}'
        echo '{"peer": "sklearn-lassolars", "version": "fake", "B": [0.25, 0.25], "warned": false, "warning": ""}' ;;
    *) echo 'ValueError: boom' >&2; exit 1 ;;
esac
EOF
chmod +x "$fb/Rscript" "$fb/fakepy"
expect_ok "peers fake" env KDIGITS_PYTHON="$fb/fakepy" PATH="$fb" \
    "$KD" lasso-probe --peers --deltas '2^-15' --settings default --format json
check "peers fake: 4 rows" [ "$(json rows.3.peer)" = cvxopt-qp ]
check "peers fake: delta_log2" [ "$(json rows.0.delta_log2)" = -15 ]
check "peers fake: glmnet ok" [ "$(json rows.0.status)" = ok ]
check "peers fake: glmnet split" [ "$(json rows.0.verdict)" = split ]
check "peers fake: glmnet warned" [ "$(json rows.0.warned)" = true ]
check "peers fake: glmnet nearer" [ "$(json rows.0.nearer)" = "B*" ]
check "peers fake: glmnet error" "$TOOL" within "$(peers_q "$(json rows.0.error.mid)")" 25 \
    '1/4 - sqrt(3)/10'
check "peers fake: lasso right" [ "$(json rows.1.verdict)" = "right support" ]
check "peers fake: lasso error" "$TOOL" within "$(peers_q "$(json rows.1.error.mid)")" 25 \
    '1/2 - sqrt(3)/10'
check "peers fake: lasso W dist" "$TOOL" within "$(peers_q "$(json rows.1.error_wrong_vertex.mid)")" 25 \
    'sqrt((1 - sqrt(3)/10)^2 + 1/4)'
check "peers fake: lars equidistant" [ "$(json rows.2.nearer)" = equidistant ]
check "peers fake: lars split" [ "$(json rows.2.verdict)" = split ]
check "peers fake: cvxopt failed" [ "$(json rows.3.status)" = "failed: exit status 1: ValueError: boom" ]

# ---- the real glmnet (lasso-probe.md §4): at delta = 2^-15 it returns the
# wrong vertex; its certified error is within 2^-20 of the distance
# kappa = sqrt(2) (1 - sqrt(3)/10) = 1.1692645881... between B* and W
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(glmnet)' >/dev/null 2>&1; then
    expect_ok "peers glmnet" "$KD" lasso-probe --peers --deltas '2^-15' --settings default --format json
    check "peers glmnet: ran" [ "$(json rows.0.peer)/$(json rows.0.status)" = glmnet/ok ]
    check "peers glmnet: nearer the wrong vertex" [ "$(json rows.0.nearer)" = "wrong vertex" ]
    check "peers glmnet: error ~ kappa" "$TOOL" within "$(peers_q "$(json rows.0.error.mid)")" 20 \
        'sqrt(2)*(1 - sqrt(3)/10)'
fi

if [ -n "$peers_py_set" ]; then KDIGITS_PYTHON=$peers_py; export KDIGITS_PYTHON; fi
fi
