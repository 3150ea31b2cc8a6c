/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The stability results as JSON: the exact data (y, e, the network) so
   that anyone can re-evaluate Psi, the certified bounds, the search log. */
#include "kdigits/stability.h"
#include "kdigits/json.h"
#include "internal.h"

static json_t *
dbl_q(double d)
{
    fmpq_t q;
    json_t * j;
    fmpq_init(q);
    _kd_stab_fmpq_set_d(q, d);
    j = kd_json_fmpq(q);
    fmpq_clear(q);
    return j;
}

/* rows x cols doubles (row-major) as a list of rows of exact rationals */
static json_t *
dbl_mat(const double * v, slong rows, slong cols)
{
    json_t * M = json_array();
    slong i, j;
    for (i = 0; i < rows; i++)
    {
        json_t * row = json_array();
        for (j = 0; j < cols; j++)
            json_array_append_new(row, dbl_q(v[i * cols + j]));
        json_array_append_new(M, row);
    }
    return M;
}

/* the exact P3 map: A as exact expressions, lambda, the pattern of y */
static json_t *
p3_json(json_t * o, const kd_stab_map_struct * F)
{
    json_t * M = json_array(), * E = json_array(), * S = json_array();
    slong i, j;
    json_object_set_new(o, "layout", json_string(
        "Psi(y) = argmin_x lambda ||x||_1 + ||A x - y||_2 (unique where defined)"));
    json_object_set_new(o, "lambda", dbl_q(F->lambda));
    for (i = 0; i < F->m; i++)
    {
        json_t * row = json_array();
        for (j = 0; j < F->N; j++)
        {
            char * s = kd_real_get_str(kd_mat_entry_re(F->P3A, i, j));
            json_array_append_new(row, json_string(s));
            flint_free(s);
        }
        json_array_append_new(M, row);
    }
    json_object_set_new(o, "A", M);
    for (j = 0; j < F->p3nE; j++)
    {
        json_array_append_new(E, json_integer(F->p3E[j]));
        json_array_append_new(S, json_integer(F->p3s[j]));
    }
    json_object_set_new(o, "pattern_support", E);
    json_object_set_new(o, "pattern_signs", S);
    json_object_set_new(o, "pattern_zero_residual", json_boolean(F->p3regime == 2));
    if (F->p3reason != NULL)
        json_object_set_new(o, "pattern_unavailable", json_string(F->p3reason));
    return o;
}

/* a map on a matrix-free operator: A is the exact operator of the spec */
static json_t *
op_json(json_t * o, const kd_stab_map_struct * F)
{
    json_object_set_new(o, "operator", F->opspec != NULL ? json_string(F->opspec)
                                                         : json_null());
    json_object_set_new(o, "operator_note", json_string(
        "A is the exact matrix-free operator named by this spec (kdigits/op.h; the same as "
        "'kdigits solve --A SPEC'), not a rounded matrix"));
    json_object_set_new(o, "orthonormal_rows", json_boolean(F->op_orthonormal));
    return o;
}

json_t *
kd_stab_map_json(const kd_stab_map_t F)
{
    json_t * o = json_object(), * a;
    slong k;
    json_object_set_new(o, "kind", json_string(kd_stab_kind_name(F->kind)));
    json_object_set_new(o, "m", json_integer(F->m));
    json_object_set_new(o, "N", json_integer(F->N));
    if (F->kind == KD_STAB_FIRENET)
    {
        json_object_set_new(o, "layout", json_string(
            "psi_0 = 0; k = 1..n: x^0 = alpha_k psi_{k-1}, z^0 = 0, x^{j+1} = S_theta(x^j - t A^T z^j), "
            "z^{j+1} = P(z^j + t A (2 x^{j+1} - x^j) - t alpha_k y), psi_k = (x^1 + ... + x^p) / (p alpha_k); "
            "P(v) = v min(1, 1/||v||_2)"));
        json_object_set_new(o, "n", json_integer(F->n));
        json_object_set_new(o, "p", json_integer(F->p));
        json_object_set_new(o, "t", dbl_q(F->t));
        json_object_set_new(o, "theta", dbl_q(F->t * F->lambda));
        json_object_set_new(o, "L_A", dbl_q(F->LA));
        a = json_array();
        for (k = 0; k < F->n; k++)
            json_array_append_new(a, dbl_q(F->alpha[k]));
        json_object_set_new(o, "alpha", a);
        if (F->op != NULL)
            return op_json(o, F);
        json_object_set_new(o, "A", dbl_mat(F->A, F->m, F->N));
        return o;
    }
    if (F->kind == KD_STAB_ISTA && F->op != NULL)
    {
        json_object_set_new(o, "layout", json_string(
            "x^0 = 0, x^{k+1} = S_theta(x^k + t A^T (y - A x^k)), k = 0..L-1"));
        json_object_set_new(o, "L", json_integer(F->n));
        json_object_set_new(o, "t", dbl_q(F->t));
        json_object_set_new(o, "theta", dbl_q(F->t * F->lambda));
        json_object_set_new(o, "lambda", dbl_q(F->lambda));
        json_object_set_new(o, "L_A", dbl_q(F->LA));
        return op_json(o, F);
    }
    if (F->kind == KD_STAB_EXACT_P3)
        return p3_json(o, F);
    json_object_set_new(o, "layout", json_string(
        "x^0 = 0, x^{k+1} = S_{|t_k|}(x^k + W_k (y - B x^k)), k = 0..L-1"));
    json_object_set_new(o, "L", json_integer(F->net->L));
    json_object_set_new(o, "B", dbl_mat(F->net->B, F->m, F->N));
    a = json_array();
    for (k = 0; k < F->net->L; k++)
        json_array_append_new(a, dbl_mat(F->net->W + k * F->N * F->m, F->N, F->m));
    json_object_set_new(o, "W", a);
    a = json_array();
    for (k = 0; k < F->net->L; k++)
        json_array_append_new(a, dbl_q(F->net->t[k]));
    json_object_set_new(o, "t", a);
    return o;
}

json_t *
kd_stab_result_json(const kd_stab_result_t R, const kd_stab_map_t F, const kd_stab_opts_t o)
{
    json_t * j = json_object(), * opts = json_object(), * lg = json_array(), * b;
    slong s;
    json_object_set_new(j, "network_kind", json_string(kd_stab_kind_name(F->kind)));
    json_object_set_new(opts, "lambda", json_real(o->lambda));
    json_object_set_new(opts, "step", json_real(o->step));
    json_object_set_new(opts, "momentum", json_real(o->momentum));
    json_object_set_new(opts, "steps", json_integer(o->steps));
    json_object_set_new(opts, "seed", json_integer((json_int_t) o->seed));
    json_object_set_new(opts, "subspace", json_string(kd_stab_subspace_name(o->subspace)));
    json_object_set_new(opts, "threshold", json_real(o->threshold));
    json_object_set_new(opts, "verdict_on", json_string(o->lipschitz_verdict ? "lipschitz"
                                                                             : "amplification"));
    json_object_set_new(j, "search", opts);
    json_object_set_new(j, "y", kd_json_fmpq_mat(R->y));
    json_object_set_new(j, "e", kd_json_fmpq_mat(R->e));
    json_object_set_new(j, "dpsi_norm", kd_json_arb_or_null(R->dpsi, 12));
    json_object_set_new(j, "e_norm", kd_json_arb_or_null(R->enorm, 12));
    json_object_set_new(j, "lipschitz_lower", kd_json_arb_or_null(R->lip_lower, 12));
    json_object_set_new(j, "lipschitz_upper", kd_json_arb_or_null(R->lip_upper, 12));
    if (F->kind == KD_STAB_EXACT_P3)
    {
        json_object_set_new(j, "lipschitz_upper_scope", json_string(R->upper_scope));
        if (R->upper_reason != NULL)
            json_object_set_new(j, "lipschitz_upper_unavailable", json_string(R->upper_reason));
    }
    json_object_set_new(j, "least_r_norm", kd_json_arb_or_null(R->rnorm_min, 12));
    json_object_set_new(j, "amplification_lower", kd_json_arb_or_null(R->amp_lower, 12));
    json_object_set_new(j, "amplification_upper", kd_json_arb_or_null(R->amp_upper, 12));
    json_object_set_new(j, "verdict", json_string(kd_stab_verdict_name(R->verdict)));
    if (R->reason != NULL)
        json_object_set_new(j, "unknown_reason", json_string(R->reason));
    for (s = 0; s < R->steps; s++)
    {
        b = json_object();
        json_object_set_new(b, "step", json_integer(s + 1));
        json_object_set_new(b, "r_norm", json_real(R->log[4 * s]));
        json_object_set_new(b, "dpsi_norm", json_real(R->log[4 * s + 1]));
        json_object_set_new(b, "ratio", json_real(R->log[4 * s + 2]));
        json_object_set_new(b, "r_over_x", json_real(R->log[4 * s + 3]));
        json_array_append_new(lg, b);
    }
    json_object_set_new(j, "log_certified", json_false());
    json_object_set_new(j, "log", lg);
    json_object_set_new(j, "network", kd_stab_map_json(F));
    return j;
}

json_t *
kd_stab_kernel_json(const kd_stab_kernel_t K)
{
    json_t * j = json_object(), * ks = json_array();
    slong c, i;
    fmpq_mat_t col;
    json_object_set_new(j, "m", json_integer(K->m));
    json_object_set_new(j, "N", json_integer(K->N));
    json_object_set_new(j, "dimension", json_integer(K->dim));
    fmpq_mat_init(col, K->N, 1);
    for (c = 0; c < K->dim; c++)
    {
        json_t * v = json_array();
        for (i = 0; i < K->N; i++)
            json_array_append_new(v, K->algebraic ? json_string(K->expr[c * K->N + i])
                                                  : kd_json_fmpq(fmpq_mat_entry(K->basis, i, c)));
        json_array_append_new(ks, v);
    }
    fmpq_mat_clear(col);
    json_object_set_new(j, "kernel", ks);
    json_object_set_new(j, "field", json_string(K->algebraic ? "cyclotomic" : "rational"));
    if (K->algebraic)
        json_object_set_new(j, "conductor", json_integer(K->L));
    json_object_set_new(j, "A_k_zero", kd_json_truth(K->verified));
    json_object_set_new(j, "error_lower_bound", kd_json_arb(K->half_norm, 12));
    json_object_set_new(j, "statement", json_string(K->dim > 0
        ? "A x = A (x + k_1) exactly, so every map Psi errs by at least ||k_1||/2 on x or on x + k_1"
        : "ker(A) = {0}: no exact kernel obstruction"));
    return j;
}

static json_t *
lista_json(const kd_lista_t net)
{
    kd_stab_map_t F;
    json_t * j;
    kd_stab_map_init(F);
    if (kd_stab_map_set_lista(F, net, KD_STAB_LISTA) != KD_OK)
    {
        kd_stab_map_clear(F);
        return json_null();
    }
    j = kd_stab_map_json(F);
    kd_stab_map_clear(F);
    return j;
}

json_t *
kd_stab_halluc_json(const kd_stab_halluc_t H)
{
    json_t * j = json_object(), * c = json_array(), * cc = json_array(), * el = json_array();
    slong t;
    json_object_set_new(j, "m", json_integer(H->m));
    json_object_set_new(j, "N", json_integer(H->N));
    json_object_set_new(j, "A", kd_json_fmpq_mat(H->A));
    json_object_set_new(j, "detail", kd_json_fmpq_mat(H->k));
    json_object_set_new(j, "kernel_error_lower_bound", kd_json_arb(H->half_norm, 12));
    json_object_set_new(j, "train_mse", json_real(H->train_mse));
    json_object_set_new(j, "control_train_mse", json_real(H->control_mse));
    for (t = 0; t < H->tests; t++)
    {
        json_array_append_new(c, kd_json_fmpq(H->c + t));
        json_array_append_new(cc, kd_json_fmpq(H->c_control + t));
        json_array_append_new(el, kd_json_arb(H->err_lower + t, 12));
    }
    json_object_set_new(j, "score", c);
    json_object_set_new(j, "score_control", cc);
    json_object_set_new(j, "error_lower_bound", el);
    json_object_set_new(j, "score_mean", kd_json_fmpq(H->c_mean));
    json_object_set_new(j, "score_control_mean", kd_json_fmpq(H->cc_mean));
    json_object_set_new(j, "score_min", kd_json_fmpq(H->c_min));
    json_object_set_new(j, "score_max", kd_json_fmpq(H->c_max));
    json_object_set_new(j, "score_control_min", kd_json_fmpq(H->cc_min));
    json_object_set_new(j, "score_control_max", kd_json_fmpq(H->cc_max));
    json_object_set_new(j, "statement", json_string(
        "score = <Psi(A x) - x, k>/||k||^2 exactly (Psi evaluated in Q) for test signals x "
        "without the detail k (A k = 0); score 1: the detail hallucinated in full; "
        "||Psi(A x) - x|| >= |score| ||k||"));
    json_object_set_new(j, "network", lista_json(H->net));
    json_object_set_new(j, "control", lista_json(H->control));
    return j;
}
