/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The exact judgement of a candidate x against the probe's solution set
   (kdigits/bpprobe.h): certified distance, objective excess, and the
   right vertex / wrong vertex / other verdict. */
#include "../lp/internal.h"
#include "kdigits/bpprobe.h"

const char *
kd_bp_verdict_name(kd_bp_verdict v)
{
    switch (v)
    {
        case KD_BP_VERDICT_RIGHT: return "right vertex";
        case KD_BP_VERDICT_WRONG_VERTEX: return "wrong vertex";
        case KD_BP_VERDICT_OTHER: return "other";
        default: return "?";
    }
}

const char *
kd_bp_assess_verdict_name(const kd_bp_assess_t R, const kd_bp_probe_t P)
{
    if (R->verdict == KD_BP_VERDICT_RIGHT && P->bp.unique != KD_TRUE)
        return "right";
    return kd_bp_verdict_name(R->verdict);
}

void
kd_bp_assess_init(kd_bp_assess_t R)
{
    R->verdict = KD_BP_VERDICT_OTHER;
    fmpq_init(&R->dist2);
    arb_init(&R->error);
    fmpq_init(&R->objective);
    fmpq_init(&R->excess);
    fmpq_init(&R->residual);
    fmpq_mat_init(&R->vertex, 0, 1);
    fmpq_init(&R->vertex_excess);
}

void
kd_bp_assess_clear(kd_bp_assess_t R)
{
    fmpq_clear(&R->dist2);
    arb_clear(&R->error);
    fmpq_clear(&R->objective);
    fmpq_clear(&R->excess);
    fmpq_clear(&R->residual);
    fmpq_mat_clear(&R->vertex);
    fmpq_clear(&R->vertex_excess);
}

/* s = ||a - b||_2^2 for column vectors of equal length. */
static void
dist2_vec(fmpq_t s, const fmpq_mat_t a, const fmpq_mat_t b)
{
    slong i;
    fmpq_t t;
    fmpq_init(t);
    fmpq_zero(s);
    for (i = 0; i < fmpq_mat_nrows(a); i++)
    {
        fmpq_sub(t, fmpq_mat_entry(a, i, 0), fmpq_mat_entry(b, i, 0));
        fmpq_addmul(s, t, t);
    }
    fmpq_clear(t);
}

static void
norm1_vec(fmpq_t s, const fmpq_mat_t a)
{
    slong i;
    fmpq_t t;
    fmpq_init(t);
    fmpq_zero(s);
    for (i = 0; i < fmpq_mat_nrows(a); i++)
    {
        fmpq_abs(t, fmpq_mat_entry(a, i, 0));
        fmpq_add(s, s, t);
    }
    fmpq_clear(t);
}

static slong
rank_of(const fmpq_mat_t M)
{
    fmpq_mat_t B;
    slong r;
    fmpq_mat_init(B, fmpq_mat_nrows(M), fmpq_mat_ncols(M));
    r = fmpq_mat_rref(B, M);
    fmpq_mat_clear(B);
    return r;
}

/* The basic solution v of Ax = y supported on S = {j : x_j^2 > tau2}: on
   success (returns 1) the columns A_S are independent and A_S z = y holds
   exactly for the unique z, scattered into v. Returns 0 otherwise. */
static int
snap_vertex(fmpq_mat_t v, const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t x,
            const fmpq_t tau2)
{
    slong m = fmpq_mat_nrows(A), N = fmpq_mat_ncols(A), s = 0, i, j;
    slong * S = flint_malloc((N + 1) * sizeof(slong));
    fmpq_mat_t AS, AST, G, rhs, z, Az;
    fmpq_t t;
    int ok = 0;

    fmpq_init(t);
    for (j = 0; j < N; j++)
    {
        fmpq_mul(t, fmpq_mat_entry(x, j, 0), fmpq_mat_entry(x, j, 0));
        if (fmpq_cmp(t, tau2) > 0)
            S[s++] = j;
    }
    fmpq_mat_init(AS, m, s);
    fmpq_mat_init(AST, s, m);
    fmpq_mat_init(G, s, s);
    fmpq_mat_init(rhs, s, 1);
    fmpq_mat_init(z, s, 1);
    fmpq_mat_init(Az, m, 1);
    for (i = 0; i < m; i++)
        for (j = 0; j < s; j++)
            fmpq_set(fmpq_mat_entry(AS, i, j), fmpq_mat_entry(A, i, S[j]));
    if (s <= m && rank_of(AS) == s)
    {
        /* full column rank: the normal equations have the one candidate */
        fmpq_mat_transpose(AST, AS);
        fmpq_mat_mul(G, AST, AS);
        fmpq_mat_mul(rhs, AST, y);
        if (s == 0 || fmpq_mat_solve_fraction_free(z, G, rhs))
        {
            fmpq_mat_mul(Az, AS, z);
            if (fmpq_mat_equal(Az, y))
            {
                _kd_fmpq_mat_fit(v, N, 1);
                fmpq_mat_zero(v);
                for (j = 0; j < s; j++)
                    fmpq_set(fmpq_mat_entry(v, S[j], 0), fmpq_mat_entry(z, j, 0));
                ok = 1;
            }
        }
    }
    fmpq_mat_clear(AS);
    fmpq_mat_clear(AST);
    fmpq_mat_clear(G);
    fmpq_mat_clear(rhs);
    fmpq_mat_clear(z);
    fmpq_mat_clear(Az);
    fmpq_clear(t);
    flint_free(S);
    return ok;
}

kd_status
kd_bp_probe_assess(kd_bp_assess_t R, const kd_bp_probe_t P, const fmpq_mat_t x, slong prec)
{
    slong m = fmpq_mat_nrows(&P->A), N = fmpq_mat_ncols(&P->A), i;
    fmpq_mat_t r, p, v;
    fmpq_t tau2, t, mx;
    arb_t d;
    kd_status st = KD_OK;

    if (fmpq_mat_nrows(&P->bp.x) != N || N == 0)
        return kd_error_set(KD_ERR_ARG, "kd_bp_probe_assess: the probe holds no solved instance");
    if (prec < 2)
        return kd_error_set(KD_ERR_ARG, "kd_bp_probe_assess: prec = %ld < 2", prec);
    if (!_kd_is_vec(x, N))
        return kd_error_set(KD_ERR_SIZE, "kd_bp_probe_assess: x is %ld x %ld, expected %ld x 1",
                            fmpq_mat_nrows(x), fmpq_mat_ncols(x), N);

    fmpq_mat_init(r, m, 1);
    fmpq_mat_init(p, N, 1);
    fmpq_mat_init(v, 0, 1);
    fmpq_init(tau2);
    fmpq_init(t);
    fmpq_init(mx);
    arb_init(d);

    /* feasibility and objective, exactly */
    fmpq_mat_mul(r, &P->A, x);
    fmpq_mat_sub(r, r, &P->y);
    fmpq_zero(mx);
    for (i = 0; i < m; i++)
    {
        fmpq_abs(t, fmpq_mat_entry(r, i, 0));
        if (fmpq_cmp(t, mx) > 0)
            fmpq_set(mx, t);
    }
    fmpq_set(&R->residual, mx);
    norm1_vec(&R->objective, x);
    fmpq_sub(&R->excess, &R->objective, &P->bp.value);

    /* distance to the solution set */
    if (P->bp.unique == KD_TRUE)
        dist2_vec(&R->dist2, x, &P->bp.x);
    else if ((st = kd_face_project(p, &R->dist2, &P->bp.face, x)) != KD_OK)
        goto out;
    arb_set_fmpq(d, &R->dist2, prec);
    arb_sqrt(&R->error, d, prec);

    /* tau^2 = 2^(2 NEAR_LOG2) max(1, ||x_opt||^2) */
    fmpq_mat_zero(p);
    dist2_vec(tau2, &P->bp.x, p);
    if (fmpq_cmp_si(tau2, 1) < 0)
        fmpq_one(tau2);
    fmpq_div_2exp(tau2, tau2, (ulong) (-2 * KD_BP_PROBE_NEAR_LOG2));

    _kd_fmpq_mat_fit(&R->vertex, 0, 1);
    fmpq_zero(&R->vertex_excess);
    if (fmpq_cmp(&R->dist2, tau2) <= 0)
        R->verdict = KD_BP_VERDICT_RIGHT;
    else
    {
        R->verdict = KD_BP_VERDICT_OTHER;
        if (snap_vertex(v, &P->A, &P->y, x, tau2))
        {
            dist2_vec(t, x, v);
            if (fmpq_cmp(t, tau2) <= 0)
            {
                /* v optimal would put x within tau of Xi, handled above */
                norm1_vec(t, v);
                fmpq_sub(mx, t, &P->bp.value);
                fmpq_set(&R->vertex_excess, mx);
                if (fmpq_sgn(mx) <= 0)
                {
                    st = kd_error_set(KD_ERR_INTERNAL, "internal error: kd_bp_probe_assess: "
                                      "an optimal vertex farther than tau from Xi");
                    goto out;
                }
                R->verdict = KD_BP_VERDICT_WRONG_VERTEX;
                _kd_fmpq_mat_fit(&R->vertex, N, 1);
                fmpq_mat_set(&R->vertex, v);
            }
        }
    }
out:
    fmpq_mat_clear(r);
    fmpq_mat_clear(p);
    fmpq_mat_clear(v);
    fmpq_clear(tau2);
    fmpq_clear(t);
    fmpq_clear(mx);
    arb_clear(d);
    return st;
}
