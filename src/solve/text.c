/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* A solve's result as text and CSV, as `kdigits solve` prints it (JSON:
   kd_solve_result_json). Only formatting: kd_solve computed and certified
   every number. */
#include "kdigits/solve.h"
#include "kdigits/util.h"

kd_status
kd_solve_result_write_csv(FILE * f, const kd_solve_result_t R, const kd_problem_t P,
                          const kd_solve_opts_t so)
{
    slong j;
    char cert[512] = "", digits[32] = "", * dm = NULL, * dr = NULL, * gm = NULL, * gr = NULL;
    /* with --certify, the verdicts of the whole x repeated on every row
       (empty where a verdict does not exist for the problem) */
    if (R->certified)
    {
        slong K = kd_solve_result_certified_digits(R, so->cert_prec);
        int constrained = P->kind == KD_PROBLEM_P1 || P->kind == KD_PROBLEM_BP;
        if (arb_is_zero(&R->dist))
            snprintf(digits, sizeof digits, "all");
        else if (K >= 0)
            snprintf(digits, sizeof digits, "%ld", (long) K);
        if (arb_is_finite(&R->dist))
            kd_arb_get_decimal(&dm, &dr, &R->dist, 15);
        if (arb_is_finite(&R->gap))
            kd_arb_get_decimal(&gm, &gr, &R->gap, 15);
        snprintf(cert, sizeof cert, ",%s,%s,%s,%s,%s,%s,%s,%s", kd_truth_name(R->truth.found),
                 dm ? dm : "", dr ? dr : "", digits,
                 kd_truth_name(kd_solve_result_support_verdict(R)), gm ? gm : "", gr ? gr : "",
                 constrained ? kd_truth_name(R->feasible) : "");
    }
    fprintf(f, "j,x,x_mid,x_rad%s\n", R->certified ? ",truth_found,distance_mid,distance_rad,"
            "correct_digits,right_support,gap_mid,gap_rad,feasible" : "");
    for (j = 0; j < R->N; j++)
    {
        char * s = kd_solve_result_entry_str(R, j), * mid, * rad;
        kd_arb_get_decimal(&mid, &rad, arb_mat_entry(&R->xball, j, 0), 17);
        fprintf(f, "%ld,", j + 1);
        kd_csv_write_field(f, s);
        fprintf(f, ",%s,%s%s\n", mid, rad, cert);
        flint_free(s);
        flint_free(mid);
        flint_free(rad);
    }
    flint_free(dm);
    flint_free(dr);
    flint_free(gm);
    flint_free(gr);
    return ferror(f) ? kd_error_set(KD_ERR_IO, "error writing the output") : KD_OK;
}

static void
certified_text(FILE * f, const kd_solve_result_t R, const kd_problem_t P,
               const kd_solve_opts_t so)
{
    slong K = kd_solve_result_certified_digits(R, so->cert_prec);
    fprintf(f, "truth     %s: %s\n", R->truth.found == KD_TRUE ? "certified" : "not found",
            R->truth.how);
    kd_ball_write(f, "", "dist(x, Xi(A, y))", &R->dist);
    kd_digits_write(f, "", &R->dist, K);
    fprintf(f, "%-22s %s\n", "right support", kd_truth_name(kd_solve_result_support_verdict(R)));
    if (kd_gap_is_informative(&R->objective, &R->gap))
        kd_ball_write(f, "", "f(x) - f* <=", &R->gap);
    else if (arb_is_finite(&R->gap))
        fprintf(f, "%-22s no useful bound (the dual point built from x's residual only gives\n"
                "%-22s f(x) - f* <= f(x); the distance above is the certificate)\n",
                "f(x) - f*", "");
    if (P->kind == KD_PROBLEM_P1 || P->kind == KD_PROBLEM_BP)
        fprintf(f, "%-22s %s\n", "feasible", kd_truth_name(R->feasible));
}

kd_status
kd_solve_result_write_text(FILE * f, const kd_solve_result_t R, const kd_problem_t P,
                           const kd_solve_opts_t so, const char * scaled)
{
    slong j;
    fprintf(f, "problem   %s%s%s%s\n", kd_problem_kind_name(P->kind),
            P->scaled ? " (scaled LASSO, " : "", P->scaled ? scaled : "",
            P->scaled ? " convention, coefficients on the original scale)" : "");
    fprintf(f, "method    %s, arithmetic %s\n", kd_method_name(R->method),
            R->method == KD_METHOD_EXACT ? "exact" : kd_arith_name(&so->arith));
    if (R->level < 0)
        fprintf(f, "data      the exact data\n");
    else
        fprintf(f, "data      level %ld: ||A_n - A||_2, ||y_n - y||_2 <= 2^-%ld\n", R->level, R->level);
    fprintf(f, "x         (%s)\n", R->method != KD_METHOD_EXACT ? "exact values of the computed floats"
            : (R->is_complex ? "complex data: the simplest rationals in the certified enclosure "
              "of the minimiser" : "exact"));
    for (j = 0; j < R->N; j++)
    {
        char * s = kd_solve_result_entry_str(R, j), * mid, * rad;
        kd_arb_get_decimal(&mid, &rad, arb_mat_entry(&R->xball, j, 0), 12);
        fprintf(f, "  x_%-4ld  %s", j + 1, s);
        if (R->is_complex)
        {
            char * t = kd_fmpq_get_str(fmpq_mat_entry(&R->xi, j, 0));
            fprintf(f, " + (%s) i", t);
            flint_free(t);
        }
        else
            fprintf(f, "   (~ %s)", mid);
        fprintf(f, "\n");
        flint_free(s);
        flint_free(mid);
        flint_free(rad);
    }
    if (R->method == KD_METHOD_EXACT)
        fprintf(f, "unique    %s (for the %s)\n", kd_truth_name(R->unique),
                R->is_complex ? "exact data" : "data read");
    else
        fprintf(f, "stopped   %s after %ld iterations, %.3g s%s\n", R->stop_reason, R->iterations,
                R->seconds, (R->method == KD_METHOD_CD_MATLAB || R->method == KD_METHOD_CD_GLMNET)
                && R->it.warned ? " (warned: maximum iterations reached)" : "");
    kd_ball_write(f, "", "objective (exact data)", &R->objective);
    if (R->certified)
        certified_text(f, R, P, so);
    return ferror(f) ? kd_error_set(KD_ERR_IO, "error writing the output") : KD_OK;
}

/* --peers: every installed peer run on the problem and certified against
   the truth the solve computed (or was given). */
