/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The basis-pursuit probe's report as JSON: what `kdigits bp-probe --format
   json` prints (the instance, its exact solution, the double input, the
   peers). */
#include <stdio.h>
#include "kdigits/util.h"
#include "kdigits/json.h"

/* Exact p/q entries, or (digits > 0) decimals rounded to digits. */
static json_t *
json_vec(const fmpq_mat_t v, slong digits)
{
    json_t * a = json_array();
    slong i;
    for (i = 0; i < fmpq_mat_nrows(v); i++)
        json_array_append_new(a, digits > 0 ? kd_json_take_string(kd_fmpq_get_decimal(
                                  fmpq_mat_entry(v, i, 0), digits))
                              : kd_json_fmpq(fmpq_mat_entry(v, i, 0)));
    return a;
}

static json_t *
json_assess(const kd_bp_assess_t R, const kd_bp_probe_t P)
{
    json_t * j = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}", "verdict",
                           kd_bp_assess_verdict_name(R, P), "error", kd_json_arb(&R->error, 15),
                           "error_squared", kd_json_fmpq(&R->dist2), "objective",
                           kd_json_fmpq(&R->objective), "objective_excess",
                           kd_json_fmpq(&R->excess), "residual_max", kd_json_fmpq(&R->residual));
    if (R->verdict == KD_BP_VERDICT_WRONG_VERTEX)
    {
        json_object_set_new(j, "vertex", json_vec(&R->vertex, 0));
        json_object_set_new(j, "vertex_excess", kd_json_fmpq(&R->vertex_excess));
    }
    return j;
}

static json_t *
json_peer(const kd_bp_peer_result_t r, const kd_bp_probe_report_t R, const kd_bp_probe_t P)
{
    kd_bp_peer i = r->peer;
    json_t * j = json_pack("{s:s, s:s, s:s, s:b, s:s, s:s}", "name", kd_bp_peer_name(i),
                           "program", kd_bp_peer_program(i), "package", kd_bp_peer_package(i),
                           "installed", r->status != KD_BP_PEER_SKIPPED, "input",
                           kd_bp_peer_reads_double(i) ? "double" : "exact", "status", r->claim);
    if (r->reason != NULL)
        json_object_set_new(j, r->status == KD_BP_PEER_SKIPPED ? "skipped_reason" : "message",
                            json_string(r->reason));
    json_object_set_new(j, "claimed_optimal", json_boolean(r->claimed_optimal));
    if (r->status != KD_BP_PEER_OK)
    {
        json_object_set_new(j, "verdict", json_null());
        return j;
    }
    json_object_set_new(j, "x", json_vec(&r->x, 0));
    json_object_set_new(j, "error", kd_json_arb(&r->R.error, 15));
    json_object_set_new(j, "verdict", json_string(kd_bp_assess_verdict_name(&r->R, P)));
    json_object_set_new(j, "assessment", json_assess(&r->R, P));
    if (r->on_input)
        json_object_set_new(j, "on_its_input", json_assess(&r->Rd, &R->Pd));
    return j;
}

static json_t *
json_exact(const kd_bp_probe_t P, const kd_bp_probe_report_t R)
{
    json_t * j = json_pack("{s:o, s:o, s:o, s:o, s:b}", "x", json_vec(&P->bp.x, 0), "x_decimal",
                           json_vec(&P->bp.x, 30), "value", kd_json_fmpq(&P->bp.value),
                           "dual_certificate", json_vec(&P->bp.v, 0), "unique",
                           P->bp.unique == KD_TRUE);
    if (P->bp.unique != KD_TRUE)
        json_object_set_new(j, "another_minimiser", json_vec(&P->bp.x2, 0));
    if (P->k)
    {
        json_object_set_new(j, "closed_form", json_vec(&P->closed, 0));
        json_object_set_new(j, "agrees_with_closed_form", json_boolean(P->agrees == KD_TRUE));
        json_object_set_new(j, "wrong_vertex", json_pack("{s:o, s:o, s:o, s:o}", "x",
                            json_vec(&R->other, 0), "objective", kd_json_fmpq(&R->other_R.objective),
                            "excess", kd_json_fmpq(&R->other_R.excess), "error",
                            kd_json_arb(&R->other_R.error, 15)));
    }
    return j;
}

static json_t *
json_double(const kd_bp_probe_report_t R)
{
    json_t * j = json_pack("{s:o, s:o, s:b}", "A", R->rounded ? kd_json_fmpq_mat(&R->Ad)
                           : json_null(), "y", R->rounded ? json_vec(&R->yd, 0) : json_null(),
                           "same_problem", R->rounded && R->same_double);
    if (!R->have_double)
    {
        json_object_set_new(j, "error", json_string(R->double_msg));
        return j;
    }
    json_object_set_new(j, "x", json_vec(&R->Pd.bp.x, 0));
    json_object_set_new(j, "value", kd_json_fmpq(&R->Pd.bp.value));
    json_object_set_new(j, "unique", json_boolean(R->Pd.bp.unique == KD_TRUE));
    return j;
}

json_t *
kd_bp_probe_report_json(const kd_bp_probe_t P, const kd_bp_probe_report_t R, const char * A_file,
                        const char * y_file)
{
    json_t * root, * inst, * peers = json_array();
    char desc[96];
    int i;
    snprintf(desc, sizeof desc, "min ||x||_1 s.t. x1 + (1 + 2^-%ld) x2 = 1", P->k);
    inst = P->k ? json_pack("{s:b, s:s}", "builtin", 1, "problem", desc)
           : json_pack("{s:b, s:s, s:s}", "builtin", 0, "A_file", A_file, "y_file", y_file);
    json_object_set_new(inst, "A", kd_json_fmpq_mat(&P->A));
    json_object_set_new(inst, "y", json_vec(&P->y, 0));
    for (i = 0; i < KD_BP_PEER_COUNT; i++)
        if (R->peers & KD_BP_PEER_BIT(i))
            json_array_append_new(peers, json_peer(&R->peer[i], R, P));
    root = json_pack("{s:o, s:o, s:o, s:o, s:I, s:o}", "k", P->k ? json_integer(P->k)
                     : json_null(), "instance", inst, "exact", json_exact(P, R), "double_input",
                     json_double(R), "lp_max_token_length", (json_int_t) R->maxtok, "peers", peers);
    return root;
}
