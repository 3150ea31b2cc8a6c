/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The LASSO probe's results as JSON: the rows, truth entries, breakdown
   and peers' table that `kdigits lasso-probe --format json` prints. */
#include <string.h>
#include <stdio.h>
#include "kdigits/util.h"
#include "kdigits/json.h"

/* an integer, or null when absent */
static json_t *
json_opt(int has, slong v)
{
    return has ? json_integer(v) : json_null();
}

/* a with the members of b appended (b is consumed) */
static json_t *
json_cat(json_t * a, json_t * b)
{
    json_object_update(a, b);
    json_decref(b);
    return a;
}

static json_t *
json_B(const fmpq_mat_t B)
{
    return json_pack("[oo]", kd_json_fmpq(fmpq_mat_entry(B, 0, 0)),
                     kd_json_fmpq(fmpq_mat_entry(B, 1, 0)));
}

json_t *
kd_lasso_cell_json(const kd_lasso_cell_t C, const char * dstr, const kd_lasso_delta_t D,
                   kd_lasso_setting s, const fmpq_t Lambda, const char * published)
{
    /* "nearer" has always said "undecided" for an equidistant B too */
    kd_lasso_side n = kd_lasso_nearer(C->B, Lambda);
    return json_pack(
        "{s:s, s:o, s:s, s:o, s:b, s:I, s:o, s:f, s:b, s:s, s:o*, s:s*, s:s*}",
        "delta", dstr, "delta_log2", json_opt(D->has_log2, D->log2),
        "setting", kd_lasso_setting_name(s),
        "error", C->predicted ? json_null() : kd_json_arb(&C->error, 8),
        "warned", C->warned, "sweeps", (json_int_t) C->sweeps,
        "predicted_sweeps", json_opt(C->predicted_sweeps >= 0, C->predicted_sweeps),
        "seconds", C->seconds, "predicted", C->predicted,
        "verdict", kd_lasso_verdict_name(C->verdict), "B", C->predicted ? NULL : json_B(C->B),
        "nearer", C->predicted ? NULL : n == KD_LASSO_EQUIDISTANT ? "undecided"
                                               : kd_lasso_side_name(n), "published", published);
}

json_t *
kd_lasso_prec_row_json(const kd_lasso_prec_row_t R, const char * dstr, const kd_lasso_delta_t D,
                       slong p, kd_lasso_setting s)
{
    return json_pack(
        "{s:s, s:o, s:s, s:I, s:b, s:s, s:o, s:o, s:b, s:I, s:f, s:b, s:s}",
        "delta", dstr, "delta_log2", json_opt(D->has_log2, D->log2),
        "setting", kd_lasso_setting_name(s), "prec", (json_int_t) p,
        "sigmas_equal", R->sigma_equal, "problem_support", kd_lasso_support_name(R->support),
        "error", kd_json_arb(&R->error, 8), "B", json_B(R->B), "warned", R->warned,
        "sweeps", (json_int_t) R->sweeps, "seconds", R->seconds, "predicted", 0,
        "verdict", kd_lasso_verdict_name(R->verdict));
}

json_t *
kd_lasso_breakdown_json(const arb_t kappa, const arb_t eps, const arb_mat_t mid)
{
    return json_pack("{s:o, s:o, s:o}", "kappa", kd_json_arb(kappa, 10), "epsilon_B",
                     kd_json_arb(eps, 10), "midpoint", kd_json_arb(arb_mat_entry(mid, 0, 0), 10));
}

json_t *
kd_lasso_delta_json(const char * dstr, const kd_lasso_delta_t D)
{
    const kd_lasso_bits_struct * b = D->bits;
    return json_pack(
        "{s:s, s:o, s:s, s:o, s:o, s:{s:o, s:I, s:o, s:o, s:i}, s:s, s:b, s:s, s:b}",
        "delta", dstr, "delta_log2", json_opt(D->has_log2, D->log2),
        "truth_certified", kd_truth_name(D->cert),
        "B_star_2", kd_json_arb(arb_mat_entry(D->Bstar, 1, 0), 12),
        "kkt_slack", kd_json_arb(D->slack, 6), "input_bits",
        "no_algorithm_certifies_up_to_level", json_opt(b->level_lower >= 0, b->level_lower),
        "flip_perturbation_log2", (json_int_t) b->flip_log2,
        "kdigits_certifies_from_level", json_opt(b->level_sharp >= 0, b->level_sharp),
        "entry_ball_certificate_from_level", json_opt(b->level_naive >= 0, b->level_naive),
        "ieee_double_level", 52,
        "double_input_support_exact_standardisation", kd_lasso_support_name(D->support_exact),
        "double_input_differs", D->differs,
        "double_input_support_double_standardisation", kd_lasso_support_name(D->support_double),
        "double_standardisation_sigmas_equal", D->sigma_equal);
}

static json_t *
peers_json_row(const kd_lasso_peers_t P, const kd_lasso_peer_row_struct * r)
{
    char * fail = NULL;
    json_t * j;
    if (r->status != KD_LASSO_PEER_OK)
    {
        fail = flint_malloc(strlen(r->reason) + 16);
        sprintf(fail, "failed: %s", r->reason);
    }
    j = json_pack("{s:s, s:o, s:s, s:s, s:s*, s:s}", "delta", r->delta,
                  "delta_log2", json_opt(r->has_log2, r->log2), "peer", P->peer[r->peer].name,
                  "truth_certified", kd_truth_name(r->cert), "version", r->version,
                  "status", fail ? fail : "ok");
    flint_free(fail);
    if (r->status == KD_LASSO_PEER_OK)
        json_cat(j, json_pack(
            "{s:[ff], s:o, s:o, s:o, s:s, s:s, s:b, s:s, s:o*, s:o*}",
            "B", r->Bd[0], r->Bd[1], "error", kd_json_arb(r->error, 10),
            "error_wrong_vertex", kd_json_arb(r->error_wrong, 10),
            "error_std_inf", kd_json_arb(r->error_std_inf, 6),
            "nearer", kd_lasso_side_name(r->nearer), "verdict", kd_lasso_verdict_name(r->verdict),
            "warned", r->warned, "warning", r->warning,
            "iterations", r->iterations ? json_loads(r->iterations, JSON_DECODE_ANY, NULL) : NULL,
            "solver_status",
            r->solver_status ? json_loads(r->solver_status, JSON_DECODE_ANY, NULL) : NULL));
    return j;
}

json_t *
kd_lasso_peers_json(const kd_lasso_peers_t P, const fmpq_t Lambda, kd_scaled_convention conv)
{
    json_t * peers = json_array(), * rows = json_array();
    slong i;

    for (i = 0; i < KD_LASSO_NPEERS; i++)
    {
        const kd_lasso_peer_struct * p = &P->peer[i];
        json_t * jp = json_pack("{s:s}", "peer", p->name);
        /* paths and reasons set one by one: a non-UTF-8 path drops its key only */
        json_object_set_new(jp, "script", json_string(p->script));
        json_cat(jp, json_pack("{s:s, s:s}", "package", p->package, "status", p->status));
        if (p->interp)
            json_object_set_new(jp, "interpreter", json_string(p->interp));
        else
            json_object_set_new(jp, "reason", json_string(p->reason ? p->reason : ""));
        if (p->version)
            json_object_set_new(jp, "version", json_string(p->version));
        json_array_append_new(peers, jp);
    }
    for (i = 0; i < P->nrows; i++)
        json_array_append_new(rows, peers_json_row(P, &P->rows[i]));
    return json_pack("{s:s, s:o, s:f, s:o, s:o, s:o}",
                     "convention", kd_scaled_convention_name(conv), "Lambda", kd_json_fmpq(Lambda),
                     "Lambda_double", P->Lambda_d, "B_star_2", kd_json_arb(P->Bstar2, 12),
                     "peers", peers, "rows", rows);
}

/* ---- kdigits demo: the probe's instance read through its oracles */

json_t *
kd_lasso_demo_level_json(slong n, slong entry_level, const fmpq_mat_t An, const mag_t errA,
                         const fmpq_mat_t yn, const mag_t erry)
{
    return json_pack("{sIsIsososososo}", "n", (json_int_t) n, "entry_level",
                     (json_int_t) entry_level, "A_n", kd_json_fmpq_mat(An),
                     "A_error_bound_frobenius", kd_json_mag(errA), "y_n", kd_json_fmpq_mat(yn),
                     "y_error_bound", kd_json_mag(erry), "certified", json_true());
}

json_t *
kd_lasso_ieee_json(const kd_lasso_ieee_t I, const char * delta_s, const kd_real_t delta,
                   json_t * levels)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.17g", I->one_minus_rho_d);
    return json_pack("{sssssosos{sosIsssb}so}", "instance", "lasso-probe",
                     "delta", delta_s, "delta_exact", kd_json_take_string(kd_real_get_str(delta)),
                     "levels", levels, "ieee_double",
                     "A_error_bound_frobenius", kd_json_mag(&I->A_d_err),
                     "valid_for_levels_up_to", (json_int_t) I->valid_level,
                     "one_minus_rho", buf, "one_minus_rho_certified", 0,
                     "one_minus_rho", kd_json_arb(&I->one_minus_rho, 20));
}
