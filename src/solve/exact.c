/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The exact solvers behind kd_solve's exact method and the truth sets:
   a real rational instance solved exactly, with its pattern and (BP, P2)
   its solution set as a face. */
#include "kdigits/lp.h"
#include "kdigits/path.h"
#include "internal.h"

/* The exact solution of a real rational instance: x (rational, or
   algebraic in a quadratic field, with an enclosure), its pattern, and (BP,
   P2) its solution set as a face with exact uniqueness. */

void
_kd_exact_sol_init(exact_sol * S, slong N)
{
    S->N = N;
    fmpq_mat_init(S->x, N, 1);
    S->algebraic = 0;
    kd_qvec_init(S->xq, 0);
    arb_mat_init(S->xball, N, 1);
    S->E = flint_malloc((N + 1) * sizeof(slong));
    S->s = flint_malloc((N + 1) * sizeof(int));
    S->nE = 0;
    S->unique = KD_UNKNOWN;
    S->has_face = 0;
    kd_face_init(S->face);
}

void
_kd_exact_sol_clear(exact_sol * S)
{
    fmpq_mat_clear(S->x);
    kd_qvec_clear(S->xq);
    arb_mat_clear(S->xball);
    flint_free(S->E);
    flint_free(S->s);
    kd_face_clear(S->face);
}

/* Support and signs of a rational x. */
static void
pattern_from_fmpq(exact_sol * S)
{
    slong j;
    S->nE = 0;
    for (j = 0; j < S->N; j++)
        if (!fmpq_is_zero(fmpq_mat_entry(S->x, j, 0)))
        {
            S->E[S->nE] = j;
            S->s[S->nE++] = fmpq_sgn(fmpq_mat_entry(S->x, j, 0));
        }
    arb_mat_set_fmpq_mat(S->xball, S->x, 64);
}

static kd_status
solve_bp(exact_sol * S, const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t w)
{
    kd_status st;
    kd_bp_result_t B;
    kd_bp_result_init(B);
    st = kd_bp_solve_exact(B, A, y, w);
    if (st == KD_OK)
    {
        fmpq_mat_set(S->x, &B->x);
        S->unique = B->unique;
        S->has_face = 1;
        st = kd_face_set_face(S->face, &B->face);
        pattern_from_fmpq(S);
    }
    kd_bp_result_clear(B);
    return st;
}

static kd_status
solve_p2(exact_sol * S, const kd_qproblem_t Q)
{
    kd_status st;
    kd_p2_sol_t sol;
    kd_p2_sol_init(sol);
    st = kd_p2_solve_exact(sol, Q->A, Q->y, Q->w, Q->param);
    if (st == KD_OK)
    {
        /* the solution set: {x : x = 0 off E, A_E x_E = fit, s x_E >= 0} */
        fmpq_mat_t C;
        slong i, k;
        fmpq_mat_init(C, Q->m, sol->num_eq);
        for (i = 0; i < Q->m; i++)
            for (k = 0; k < sol->num_eq; k++)
                fmpq_set(fmpq_mat_entry(C, i, k), fmpq_mat_entry(Q->A, i, sol->eq[k]));
        st = kd_face_set(S->face, Q->N, sol->eq, sol->sign, sol->num_eq, C, sol->fit);
        fmpq_mat_clear(C);
        fmpq_mat_set(S->x, sol->x);
        S->unique = sol->unique;
        S->has_face = (st == KD_OK);
        pattern_from_fmpq(S);
    }
    kd_p2_sol_clear(sol);
    return st;
}

static kd_status
solve_p13(exact_sol * S, const kd_qproblem_t Q)
{
    kd_status st;
    kd_qsol_t sol;
    slong j;
    kd_qsol_init(sol);
    st = Q->kind == KD_PROBLEM_P3 ? kd_p3_solve_exact(sol, Q->A, Q->y, Q->w, Q->param)
                                  : kd_p1_solve_exact(sol, Q->A, Q->y, Q->w, Q->param);
    if (st == KD_ERR_UNSUPPORTED && Q->kind == KD_PROBLEM_P3)
    {
        /* zero residual: the P3 minimisers are the weighted BP minimisers
           (proofs-notes/solvers.md §2) */
        kd_qsol_clear(sol);
        return solve_bp(S, Q->A, Q->y, Q->w);
    }
    if (st == KD_OK)
    {
        kd_qfield_t e;
        kd_qfield_init(e);
        S->unique = sol->unique;
        kd_qvec_get_arb_mat(S->xball, sol->x, 64);
        S->algebraic = !fmpz_is_zero(sol->x->d) && !fmpq_mat_is_zero(sol->x->b);
        kd_qvec_set(S->xq, sol->x);
        S->nE = 0;
        for (j = 0; j < S->N; j++)
        {
            kd_qvec_get_entry(e, sol->x, j);
            if (!kd_qfield_is_zero(e))
            {
                S->E[S->nE] = j;
                S->s[S->nE++] = kd_qfield_sgn(e);
            }
            if (!S->algebraic)
                fmpq_set(fmpq_mat_entry(S->x, j, 0), fmpq_mat_entry(sol->x->a, j, 0));
        }
        kd_qfield_clear(e);
    }
    kd_qsol_clear(sol);
    return st;
}

kd_status
_kd_exact_sol_solve(exact_sol * S, const kd_qproblem_t Q)
{
    if (Q->is_complex)
        return kd_error_set(KD_ERR_UNSUPPORTED,
            "the exact solvers take real data; for complex data use an iterative method with --certify");
    if (Q->kind == KD_PROBLEM_BP)
        return solve_bp(S, Q->A, Q->y, Q->w);
    if (Q->kind == KD_PROBLEM_P2)
        return solve_p2(S, Q);
    return solve_p13(S, Q);
}

kd_status
_kd_exact_sol_solve_set(exact_sol * S, const kd_qproblem_t Q)
{
    if (!Q->is_complex && Q->kind == KD_PROBLEM_P1 && fmpq_is_zero(Q->param))
        return solve_bp(S, Q->A, Q->y, Q->w);
    return _kd_exact_sol_solve(S, Q);
}
