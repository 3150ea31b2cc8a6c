/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The whole `kdigits certify` job over a family: for each value of k (or
   once), the parameters bound, the data and the candidates read, the peers
   run, everything certified, and the report written as text or CSV or
   collected as JSON (docs/certify.md). */
#include <string.h>
#include "kdigits/candidate.h"
#include "kdigits/builtin.h"
#include "kdigits/expr.h"
#include "kdigits/json.h"

void
kd_certify_sweep_init(kd_certify_sweep_t W)
{
    memset(W, 0, sizeof *W);
    kd_certify_spec_init(&W->S);
}

/* what: the text for W->progress; fixed: a constant one for kd_progress
   (whose handler may keep the pointer) */
static void
progress(const kd_certify_sweep_t W, slong i, slong total, const char * what,
         const char * fixed)
{
    if (W->progress != NULL)
        W->progress(W->progress_data, i, total, what);
    else
        kd_progress(fixed, i, total);
}

/* --peers: every installed peer run on the problem, each answer a candidate. */
static kd_status
run_peers(kd_peer_answers_t R, kd_candidates_t C, const kd_certify_spec_t S,
          const kd_certify_sweep_t W)
{
    kd_problem_t P;
    kd_status st;
    kd_problem_init_empty(P);
    st = kd_problem_init_spec(P, S->kind, S->A, S->y, S->w, S->param, S->scaled, S->center,
                              S->standardize, S->prec_cap);
    if (st == KD_OK && (P->kind == KD_PROBLEM_P2 || P->kind == KD_PROBLEM_BP))
        progress(W, 1, 1, "running the installed peers on the problem",
                 "running the installed peers on the problem");
    if (st == KD_OK)
        st = kd_peers_solve(R, P, KD_PEERS_TIMEOUT);
    if (st == KD_OK)
        kd_candidates_add_peers(C, R);
    kd_problem_clear(P);
    return st;
}

/* The run for sweep index i (k = W->ks[i]; i = -1: no sweep), reported as
   kd_certify_sweep says. */
static kd_status
run_once(json_t * all, json_t ** doc, FILE * f, kd_report_format fmt,
         const kd_certify_sweep_t W, slong i)
{
    kd_certify_spec_t S;
    kd_certify_job_t J;
    kd_candidates_t C;
    kd_peer_answers_t R;
    kd_mat_t A, y, w;
    kd_status st = KD_OK;
    const slong * kval = i >= 0 ? W->ks + i : NULL;
    slong k;
    if (kval != NULL && (st = kd_expr_set_param_si("k", *kval)) != KD_OK)
        return st;
    for (k = 0; k < W->nparams && st == KD_OK; k++)
        st = kd_expr_set_param_str(W->params[k]);
    if (st != KD_OK)
        return st;
    *S = W->S;
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_mat_init(w, 0, 0);
    kd_candidates_init(C);
    kd_certify_job_init(J);
    kd_peer_answers_init(R);
    if ((st = kd_builtin_load(A, W->A)) == KD_OK && (st = kd_builtin_load(y, W->y)) == KD_OK
        && (W->w == NULL || (st = kd_builtin_load(w, W->w)) == KD_OK))
        for (k = 0; k < W->nx && st == KD_OK; k++)
            st = kd_candidates_read(C, W->x[k], W->xformat);
    S->A = A;
    S->y = y;
    S->w = W->w ? w : NULL;
    if (st == KD_OK && W->peers)
        st = run_peers(R, C, S, W);
    if (st == KD_OK)
        st = kd_certify_run(J, S, C);
    if (st == KD_OK && fmt == KD_REPORT_JSON)
    {
        json_t * d = kd_certify_job_json(J, S, C);
        if (d != NULL && W->peers)
            json_object_set_new(d, "peers", kd_peer_answers_json(R));
        if (d != NULL && kval != NULL)
            json_object_set_new(d, "k", json_integer((json_int_t) *kval));
        if (d == NULL)
            st = kd_error_set(KD_ERR_NOMEM, "out of memory building the JSON output");
        else if (all != NULL)
            json_array_append_new(all, d);
        else
            *doc = d;
    }
    else if (st == KD_OK && fmt == KD_REPORT_CSV)
        st = kd_certify_job_write_csv(f, J, S, C, kval, i <= 0);
    else if (st == KD_OK)
    {
        if (kval != NULL)
            fprintf(f, "%s== k = %ld ==\n", i == 0 ? "" : "\n", (long) *kval);
        if (W->peers)
            kd_peer_answers_write(f, R, NULL);
        st = kd_certify_job_write_text(f, J, S, C);
    }
    kd_peer_answers_clear(R);
    kd_certify_job_clear(J);
    kd_candidates_clear(C);
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_mat_clear(w);
    return st;
}

kd_status
kd_certify_sweep(json_t ** doc, FILE * f, kd_report_format fmt, const kd_certify_sweep_t W)
{
    json_t * all = NULL;
    kd_status st = KD_OK;
    slong i;
    if (doc != NULL)
        *doc = NULL;
    if (fmt == KD_REPORT_JSON && doc == NULL)
        return kd_error_set(KD_ERR_ARG, "kd_certify_sweep: JSON needs a document pointer");
    if (W->nk == 0)
        return run_once(NULL, doc, f, fmt, W, -1);
    if (fmt == KD_REPORT_JSON && (all = json_array()) == NULL)
        return kd_error_set(KD_ERR_NOMEM, "out of memory building the JSON output");
    for (i = 0; i < W->nk && st == KD_OK; i++)
    {
        char what[48];
        snprintf(what, sizeof what, "k = %ld", (long) W->ks[i]);
        progress(W, i + 1, W->nk, what, "certifying the family, one k after another");
        st = run_once(all, doc, f, fmt, W, i);
    }
    if (st == KD_OK && all != NULL)
        *doc = all;
    else
        json_decref(all);
    return st;
}

kd_status
kd_peers_certify(kd_peer_answers_t R, kd_candidates_report_t CR, const kd_problem_t P,
                 const kd_truth_set_struct * truth, slong level_max, slong prec)
{
    kd_candidates_t C;
    kd_status st;
    if ((st = kd_peers_solve(R, P, KD_PEERS_TIMEOUT)) != KD_OK)
        return st;
    kd_candidates_init(C);
    kd_candidates_add_peers(C, R);
    st = kd_candidates_certify(CR, P, C, truth, level_max, prec);
    kd_candidates_clear(C);
    return st;
}
