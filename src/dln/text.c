/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* A DLN report and the Omega_K gadget rows as text, as `kdigits dln`
   prints them (JSON: kd_dln_report_json, kd_dln_omega_json). Only
   formatting. */
#include "kdigits/dln.h"
#include "kdigits/util.h"

static void
print_ball(FILE * f, const char * label, const arb_t b, slong digits)
{
    char * s;
    if (!arb_is_finite(b))
    {
        fprintf(f, "%s unknown", label);
        return;
    }
    s = kd_arb_get_str_pm(b, digits);
    fprintf(f, "%s %s", label, s);
    flint_free(s);
}

static void
print_measure(FILE * f, const char * what, const kd_dln_measure_t M)
{
    fprintf(f, "    %-6s", what);
    print_ball(f, " dist(x, Xi) =", &M->dist, 6);
    print_ball(f, ", ||Ax - y|| =", &M->resid, 3);
    if (M->digits >= 0)
        fprintf(f, ", K = %ld", (long) M->digits);
    else
        fprintf(f, ", K none proved");
    fprintf(f, ", support %s\n", kd_truth_name(M->support));
}

kd_status
kd_dln_report_write(FILE * f, const kd_dln_report_t R, const kd_dln_opts_t o)
{
    slong i, j;
    fprintf(f, "BP truth  %s (%s)\n", kd_truth_name(R->truth.found), R->truth.how);
    if (R->dual_known)
    {
        print_ball(f, "rho      ", &R->rho, 10);
        fprintf(f, "  (off-support slack of the unique dual certificate)\n");
    }
    for (i = 0; i < R->nrows; i++)
    {
        const kd_dln_row_struct * w = R->rows + i;
        fprintf(f, "D = %ld, alpha = %s\n", (long) w->D, w->alpha_str);
        if (w->limit_status != KD_OK)
            fprintf(f, "    limit  not certified (%s)\n", kd_status_name(w->limit_status));
        else
        {
            fprintf(f, "    x_inf  (certified at %ld bits)", (long) w->limit_prec);
            for (j = 0; j < R->N && j < 8; j++)
                print_ball(f, j ? "," : "", arb_mat_entry(&w->x_limit, j, 0), 15);
            fprintf(f, "%s\n", R->N > 8 ? ", ..." : "");
            print_measure(f, "limit", &w->lim);
        }
        if (w->flow_run && w->flow_status != KD_OK)
            fprintf(f, "    flow   failed: %s\n", w->flow_error);
        else if (w->flow_run)
        {
            print_measure(f, "flow", &w->flow);
            fprintf(f, "    flow   %s, h = %g, T = %g, %ld steps,", kd_dln_scheme_name(o->fopts.scheme),
                    o->fopts.h, o->fopts.T, (long) w->flow_steps);
            if (R->flow_data_level >= 0)
                fprintf(f, " data read at level %ld,", (long) R->flow_data_level);
            print_ball(f, " ||x_flow - x_inf|| =", &w->flow_to_limit, 4);
            if (w->flow_err_est >= 0)
                fprintf(f, ", error ~ %.3g (estimate, not proved: steps %.2g + finite T %.2g)",
                        w->flow_err_est, w->flow_err_disc, w->flow_err_tail);
            else if (o->flow_err_est)
                fprintf(f, ", error: no estimate (%s)", w->flow_err_disc < 0
                        ? "halving h does not shrink the step error: h is too large"
                        : "the linearised flow at T is singular");
            fprintf(f, "\n");
        }
    }
    for (i = 0; i < R->nrates; i++)
    {
        const kd_dln_rate_struct * r = R->rates + i;
        fprintf(f, "rate D = %ld: measured exponent", (long) r->D);
        print_ball(f, " (LS fit of certified distances)", &r->fit, 5);
        print_ball(f, ", last secant", &r->last_secant, 5);
        if (r->predicted_known)
            print_ball(f, "; predicted", &r->predicted, 6);
        fprintf(f, " [%s]\n", r->predicted_why);
    }
    for (i = 0; i < R->nsel; i++)
    {
        const kd_dln_select_struct * s = R->sel + i;
        fprintf(f, "selected D = %ld:", (long) s->D);
        if (s->status != KD_OK)
        {
            fprintf(f, " not certified\n");
            continue;
        }
        for (j = 0; j < R->N && j < 8; j++)
            print_ball(f, j ? "," : "", arb_mat_entry(&s->x, j, 0), 10);
        print_ball(f, "\n    dist to Xi", &s->face_dist, 3);
        print_ball(f, ", ||x_inf(smallest alpha) - x_sel|| =", &s->limit_dist, 4);
        fprintf(f, "\n");
    }
    if (R->nsel > 0)
    {
        fprintf(f, "selected points pairwise distinct: %s", kd_truth_name(R->sel_distinct));
        print_ball(f, ", min separation", &R->sel_min_sep, 4);
        fprintf(f, "\n");
    }
    if (R->note[0])
        fprintf(f, "%s\n", R->note);
    return ferror(f) ? kd_error_set(KD_ERR_IO, "error writing the output") : KD_OK;
}

kd_status
kd_dln_omega_write(FILE * f, const kd_dln_omega_t R)
{
    slong i;
    fprintf(f, "DLN on the Omega_K BP gadget (N1 = 2, N2 = 20): trained on A_n (column 1 raised)\n"
            "read at level n + 30; A = column 0 raised; ||A_n - A|| < 2^-n\n");
    for (i = 0; i < R->nrows; i++)
    {
        const kd_dln_omega_row_struct * r = R->rows + i;
        fprintf(f, "K = %ld, n = %ld, D = %ld, alpha = %s:", (long) r->K, (long) r->n, (long) r->D,
                r->alpha_str);
        if (r->status != KD_OK)
        {
            fprintf(f, " limit not certified (%s)\n", kd_status_name(r->status));
            continue;
        }
        print_ball(f, " dist(x_inf, Xi(A)) =", &r->dist, 6);
        fprintf(f, "\n    K digits %s, K-1 digits %s;", kd_truth_name(r->k_digits),
                kd_truth_name(r->k1_digits));
        print_ball(f, " worst of the pair (A, A_n)", &r->worst, 6);
        print_ball(f, ";\n    breakdown epsilon of the pair (a lower bound for every method)",
                   &r->eps_b, 6);
        fprintf(f, "\n");
    }
    return ferror(f) ? kd_error_set(KD_ERR_IO, "error writing the output") : KD_OK;
}
