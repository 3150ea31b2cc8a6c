# SPDX-License-Identifier: LGPL-3.0-or-later
# kdigits convergence (sourced by tests/cli.sh: expect_ok / expect_err /
# check / json, $KD $TOOL $tmp). A 32 x 32 run: the JSON structure, every
# step's gap enclosure {mid, rad} reaches at least F(x_j) - min_k F(x_k)
# (a lower bound of the true gap F(x_j) - F*, since F* <= F(x_k)), the gap
# decays, the plot is written, the output is reproducible.

expect_ok "convergence --help" "$KD" convergence --help
check "convergence help usage" grep -q "usage: kdigits convergence" "$tmp/out"

expect_ok "convergence json" "$KD" convergence --N 32 --restarts 8 --quiet --format json
check "convergence json n" [ "$(json n)" = 32 ]
check "convergence json two runs" [ "$(json runs.1.sampling)" = uniform ]
check "convergence json step gap" [ -n "$(json steps.0.gap.mid)" ] && [ -n "$(json steps.0.gap.rad)" ]
check "convergence json 96 steps" [ -n "$(json steps.95.gap.mid)" ] && [ -z "$(json steps.96.iter 2>/dev/null)" ]
check "convergence json last step is an output" [ "$(json steps.47.step)" = output ]
cp "$tmp/out" "$tmp/conv.json"

expect_ok "convergence csv" "$KD" convergence --N 32 --restarts 8 --quiet --format csv
# columns by name; per run: gap.mid + gap.rad >= F.mid - min F.mid (1e-12 slack
# for the decimal rounding of F), and the last gap_ub is below 1/20 of the first
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $1 == "steps" { r = $c["run"]; F[NR] = $c["F.mid"]; run[NR] = r;
        up[NR] = $c["gap.mid"] + $c["gap.rad"]; g[NR] = $c["gap_ub"];
        if (!(r in mn) || F[NR] + 0 < mn[r]) mn[r] = F[NR] + 0;
        if (!(r in first)) first[r] = g[NR]; last[r] = g[NR] }
    END { bad = 0
        for (k in F) if (up[k] + 1e-12 < F[k] - mn[run[k]]) { print "row " k ": " up[k] " < " F[k] - mn[run[k]]; bad = 1 }
        for (r in first) if (!(last[r] < 0.05 * first[r])) { print "run " r " gap " first[r] " -> " last[r]; bad = 1 }
        exit bad }' "$tmp/out" >"$tmp/awk" 2>&1
check "convergence gap enclosures reach F(x) - min F, gap decays ($(head -c 200 "$tmp/awk"))" [ ! -s "$tmp/awk" ]

"$KD" convergence --N 16 --restarts 3 --plot "$tmp/c.svg" >"$tmp/out" 2>"$tmp/err"
check "convergence plot svg" grep -q "<polyline" "$tmp/c.svg"
# progress lines are throttled (one a second): whatever came is in the format
check "convergence progress format" [ -z "$(grep -v '^kdigits convergence: \[' "$tmp/err")" ]
check "convergence text" grep -q "walsh sampling, das" "$tmp/out"
"$KD" convergence --N 32 --restarts 8 --quiet --format json | grep -v '"seconds' >"$tmp/a"
grep -v '"seconds' "$tmp/conv.json" >"$tmp/b"
check "convergence reproducible" cmp -s "$tmp/a" "$tmp/b"
expect_err "convergence bad N" "^kdigits convergence: .*power of 2" "$KD" convergence --N 24
expect_err "convergence bad transform" "^kdigits convergence: --transform expects" \
    "$KD" convergence --transform haar
expect_err "convergence bad plot" "^kdigits convergence: --plot writes SVG" \
    "$KD" convergence --N 4 --restarts 1 --quiet --plot x.png
expect_ok "convergence constant phantom" "$KD" convergence --N 16 --restarts 1 --phantom constant \
    --sampling multilevel --quiet --format json
check "convergence json phantom constant" [ "$(json phantom)" = constant ]
expect_err "convergence bad phantom" "^kdigits convergence: --phantom expects" \
    "$KD" convergence --phantom shepp
# the default phantom is the compressed one; every run reports the truth's
# proved gap F(c) - F* as an enclosure and the floor
check "convergence json phantom compressed" [ "$(grep -o '"phantom": *"[a-z]*"' "$tmp/conv.json" | head -1 | tr -d ' ')" = '"phantom":"compressed"' ]
expect_ok "convergence das all" "$KD" convergence --N 32 --restarts 3 --sampling all --keep 1 --quiet --format json
check "convergence json three samplings" [ "$(json runs.0.sampling)" = das ] && [ "$(json runs.1.sampling)" = multilevel ] && [ "$(json runs.2.sampling)" = uniform ]
check "convergence json keep" [ "$(json keep)" = 1.0 ] || [ "$(json keep)" = 1 ]
check "convergence json truth gap" [ -n "$(json runs.0.truth_gap.mid)" ] && [ -n "$(json runs.0.truth_gap.rad)" ] && [ -n "$(json runs.0.gap_floor)" ]
expect_ok "convergence sampling list" "$KD" convergence --N 16 --restarts 1 --sampling uniform,das --quiet --format json
check "convergence list order" [ "$(json runs.0.sampling)" = das ] && [ "$(json runs.1.sampling)" = uniform ]
expect_err "convergence bad sampling" "^kdigits convergence: --sampling expects" \
    "$KD" convergence --sampling das,foo
expect_err "convergence bad keep" "^kdigits convergence: --keep expects" \
    "$KD" convergence --keep -1
expect_err "convergence keep too large" "keeps no coefficient" "$KD" convergence --N 16 --keep 1000
