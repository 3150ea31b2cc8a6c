# SPDX-License-Identifier: LGPL-3.0-or-later
# kdigits solve on a matrix-free operator (sourced by tests/cli.sh:
# expect_ok / expect_err / check / json, $KD $TOOL $tmp): the JSON
# structure of the certified gap bounds every K iterations, the bound
# covers F(x_k) - F(x_out) (a lower bound of F(x_k) - F* since F* <=
# F(x_out)), CSV columns, and the usage errors.

awk 'BEGIN { print "%%MatrixMarket matrix array real general"; print "8 1";
    for (i = 0; i < 8; i++) print ((i * 7 + 3) % 11) - 5 "/4" }' >"$tmp/yop.mtx"
OPA=builtin:walsh2:4:haar:1:ml:0.5:3
expect_ok "solve operator json" "$KD" solve --problem p3 --lambda 1/10 --A "$OPA" \
    --y "$tmp/yop.mtx" --method pd --max-iter 40 --every 10 --format json
check "solve operator json sizes" [ "$(json m)" = 8 ] && [ "$(json N)" = 16 ]
check "solve operator json 4 gaps" [ "$(json gaps.3.iter)" = 40 ] && [ -z "$(json gaps.4.iter 2>/dev/null)" ]
check "solve operator json gap ball" [ -n "$(json gaps.0.gap.mid)" ] && [ -n "$(json gaps.0.gap.rad)" ]
check "solve operator json output" [ "$(json output.proved)" = true ]
# gap_ubound(k) >= F_k - F_out (1e-9 slack for the decimals of F)
F0=$(json gaps.0.F.mid); G0=$(json gaps.0.gap_ubound); FO=$(json output.F.mid)
check "solve operator gap covers F_k - F(out) ($G0 vs $F0 - $FO)" \
    awk -v g="$G0" -v f="$F0" -v o="$FO" 'BEGIN { exit !(g + 1e-9 >= f - o) }'
expect_ok "solve operator csv" "$KD" solve --problem p2 --lambda 1/10 --A "$OPA" \
    --y "$tmp/yop.mtx" --method fista --max-iter 20 --every 10 --format csv
check "solve operator csv header" [ "$(head -1 "$tmp/out")" = "iter,proved,gap_ubound,F_mid" ]
check "solve operator csv rows" [ "$(grep -c '^[0-9o]' "$tmp/out")" = 3 ]
expect_ok "solve operator firenet text" "$KD" solve --problem p3 --lambda 1/10 --A "$OPA" \
    --y "$tmp/yop.mtx" --method firenet --firenet-p 5 --firenet-n 2 --every 5
check "solve operator text" grep -q "iter 10 .*F(x) - F\* <=" "$tmp/out"
expect_err "solve operator method" "does not apply" "$KD" solve --problem p3 --lambda 1/10 \
    --A "$OPA" --y "$tmp/yop.mtx" --method fista
expect_err "solve operator truth-out" "not an operator" "$KD" solve --problem p3 --lambda 1/10 \
    --A "$OPA" --y "$tmp/yop.mtx" --method pd --truth-out "$tmp/t.json"
# P1: the iterates outside ||Ax - y|| <= eta are certified through their
# projection onto the ball ("projected"); --certify prints the certified
# output point (16 exact rationals)
expect_ok "solve operator p1 json" "$KD" solve --problem p1 --eta 1/2 --A "$OPA" \
    --y "$tmp/yop.mtx" --method pd --max-iter 40 --every 10 --certify --format json
check "solve operator p1 all proved" [ "$(json gaps.0.proved)$(json gaps.3.proved)$(json output.proved)" = truetruetrue ]
check "solve operator p1 output projected" [ "$(json output.projected)" = true ]
check "solve operator p1 x" test -n "$(json x.15)" -a -z "$(json x.16 2>/dev/null)"
check "solve operator p1 x is the projection" sh -c "$TOOL json x_is <$tmp/out | grep -q projection"
F0=$(json gaps.0.F.mid); G0=$(json gaps.0.gap_ubound); FO=$(json output.F.mid)
check "solve operator p1 gap covers F_k - F(out) ($G0 vs $F0 - $FO)" \
    awk -v g="$G0" -v f="$F0" -v o="$FO" 'BEGIN { exit !(g + 1e-9 >= f - o) }'
expect_ok "solve operator p1 text" "$KD" solve --problem p1 --eta 1/2 --A "$OPA" \
    --y "$tmp/yop.mtx" --method pd --max-iter 40
check "solve operator p1 text projected" grep -q "output .*F(x) - F\* <=.*(projected)" "$tmp/out"
expect_ok "solve operator p1 csv" "$KD" solve --problem p1 --eta 1/2 --A "$OPA" \
    --y "$tmp/yop.mtx" --method pd --max-iter 40 --every 20 --format csv
check "solve operator p1 csv header" [ "$(head -1 "$tmp/out")" = "iter,proved,gap_ubound,F_mid,projected" ]
check "solve operator p1 csv output row" grep -q "^output,true,.*,true$" "$tmp/out"
expect_err "solve --every dense" "matrix-free" "$KD" solve --problem p3 --lambda 1/10 \
    --A builtin:dct2:8 --y "$tmp/yop.mtx" --method pd --every 5
