# SPDX-License-Identifier: LGPL-3.0-or-later
# kdigits dln (sourced by tests/cli.sh: expect_ok / expect_err / check /
# json, $KD $TOOL $tmp). The ball-level checks are in tests/t-dln.c; here
# the command's acceptance points on small instances (issue 15).
D=${srcdir:-.}/tests/data

# below: "$1 <= $2" for two decimals
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 <= b + 0) }'; }

expect_ok "dln --help" "$KD" dln --help
check "dln help usage" grep -q "usage: kdigits dln" "$tmp/out"

# ---- A = [1, 1/2], y = 1: certified limits from alpha = 2^-1 to 2^-60, radius <= 1e-10
expect_ok "dln limits json" "$KD" dln --quiet --A "$D/dln-rho.mtx" --y "$D/cli-one.mtx" \
    --depth 2,3 --alpha 2^-1,2^-30,2^-60 --rates --format json
for r in 0 1 2 3 4 5; do
    check "dln row $r certified" [ "$(json rows.$r.limit_certified)" = true ]
    for j in 0 1; do
        check "dln row $r x_$j radius <= 1e-10" le "$(json rows.$r.x_limit.$j.rad)" 1e-10
    done
done
check "dln rho = 1/2" [ "$(json rho.mid)" = "0.50000000000000000000" ]
# the measured exponents (last secant) match the predicted 2(1 - rho) = 1 and D = 3
for i in 0 1; do
    p=$(json rates.$i.predicted_exponent.mid)
    s=$(json rates.$i.measured_exponent_last_secant.mid)
    check "dln rate $i: secant $s near predicted $p" \
        awk -v a="$s" -v b="$p" 'BEGIN { d = a - b; exit !(d < 1e-3 && d > -1e-3) }'
done

# ---- the flow (RK4, small step) agrees with the limit to its integration error
expect_ok "dln flow json" "$KD" dln --quiet --A "$D/dln-rho.mtx" --y "$D/cli-one.mtx" \
    --depth 2 --alpha 2^-2 --flow --scheme rk4 --h 0.0078125 --T 60 --format json
check "dln flow ok" [ "$(json rows.0.flow.ok)" = true ]
check "dln flow to limit <= 1e-8" le "$(json rows.0.flow.distance_to_limit.mid)" 1e-8
check "dln flow: error estimate reported" le "$(json rows.0.flow.integration_error_estimate_unverified)" 1e-8
# the acceptance case: A = [1, 1/2], RK4, h = 1/32, T = 200 (discretisation-dominated) and a
# short T (the finite-time part dominates): the certified ||x_flow - x_inf|| agrees with the
# reported error estimate within 1 % (measured: 0.002 %, 0.07 %, 0.02 %)
for run in "rk4 --h 0.03125 --T 200" "euler --h 0.03125 --T 200" "rk4 --h 0.03125 --T 3"; do
    # shellcheck disable=SC2086
    expect_ok "dln flow estimate ($run)" "$KD" dln --quiet --A "$D/dln-rho.mtx" --y "$D/cli-one.mtx" \
        --depth 2 --alpha 2^-2 --flow --scheme $run --format json
    dist=$(json rows.0.flow.distance_to_limit.mid)
    est=$(json rows.0.flow.integration_error_estimate_unverified)
    check "dln flow ($run): ||x_flow - x_inf|| = $dist <= 1.01 x estimate $est" \
        awk -v a="$dist" -v b="$est" 'BEGIN { exit !(b > 0 && a <= 1.01 * b && b <= 1.01 * a) }'
done
tail=$(json rows.0.flow.finite_time_error_estimate_unverified)
step=$(json rows.0.flow.discretisation_error_estimate_unverified)
check "dln flow: at T = 3 the finite-time part $tail dominates the step part $step" \
    awk -v t="$tail" -v d="$step" 'BEGIN { exit !(t > 100 * d) }'
expect_ok "dln flow mpfr" "$KD" dln --quiet --A "$D/dln-rho.mtx" --y "$D/cli-one.mtx" \
    --depth 3 --alpha 2^-2 --flow --prec 80 --h 0.0625 --T 8 --no-estimate
check "dln flow text" grep -q "flow   euler, h = 0.0625, T = 8, 128 steps" "$tmp/out"

# ---- a segment of minimisers: depths 2..5 select certified distinct points on it
expect_ok "dln select json" "$KD" dln --quiet --A "$D/dln-face-A.mtx" --y "$D/dln-face-y.mtx" \
    --depth 2,3,4,5 --alpha 2^-40 --select --format json
check "dln selection distinct" [ "$(json selection_distinct)" = true ]
check "dln selection separation >= 1e-3" le 1e-3 "$(json selection_min_separation.mid)"
for i in 0 1 2 3; do
    check "dln selected $i certified" [ "$(json selection.$i.certified)" = true ]
    check "dln selected $i on Xi" le "$(json selection.$i.distance_to_truth.rad)" 1e-30
done

# ---- Omega_K: K - 1 digits, not K
expect_ok "dln omega json" "$KD" dln --quiet --omega 1 --n 10 --depth 2 --alpha 2^-20 --format json
check "dln omega not K digits" [ "$(json omega.0.K_digits)" = false ]
check "dln omega K-1 digits" [ "$(json omega.0.K_minus_1_digits)" = true ]

# ---- csv and errors
expect_ok "dln csv" "$KD" dln --quiet --A "$D/dln-rho.mtx" --y "$D/cli-one.mtx" --format csv
check "dln csv header" grep -q "rows" "$tmp/out"
expect_err "dln needs data" "--A and --y" "$KD" dln --alpha 2^-3
expect_err "dln alpha range" "not in \(0, 1\]" "$KD" dln --A "$D/dln-rho.mtx" --y "$D/cli-one.mtx" --alpha 0
expect_err "dln depth range" "--depth" "$KD" dln --A "$D/dln-rho.mtx" --y "$D/cli-one.mtx" --depth 1
expect_err "dln scheme" "euler or rk4" "$KD" dln --A "$D/dln-rho.mtx" --y "$D/cli-one.mtx" --scheme heun
expect_err "dln omega with data" "--omega" "$KD" dln --omega 1 --A "$D/dln-rho.mtx"
# a step too large: the row says so (the limit is still certified)
expect_ok "dln flow blows up" "$KD" dln --quiet --A "$D/dln-rho.mtx" --y "$D/cli-one.mtx" \
    --alpha 2^-1 --flow --h 8 --T 800 --format json
check "dln flow blow-up reported" [ "$(json rows.0.flow.ok)" = false ]
check "dln flow blow-up message" sh -c "\"$TOOL\" json rows.0.flow.error <\"$tmp/out\" | grep -q 'not finite'"
check "dln limit still certified" [ "$(json rows.0.limit_certified)" = true ]
