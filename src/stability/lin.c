/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The measurement operator of the stability maps and of the search: a
   dense m x N double matrix or a real matrix-free operator (kdigits/op.h),
   applied in double (the search) and in ball arithmetic (the certified
   re-evaluation) through one interface. */
#include "internal.h"

void
_kd_stab_lin_of_map(_kd_stab_lin * L, const kd_stab_map_struct * F)
{
    L->m = F->m;
    L->N = F->N;
    L->A = F->A;
    L->op = F->op;
}

void
_kd_stab_lin_d(double * out, const _kd_stab_lin * L, const double * in, int adjoint, int acc)
{
    const slong m = L->m, N = L->N, nout = adjoint ? N : m;
    slong i, j;
    if (L->op != NULL)
    {
        double * t = acc ? flint_malloc((size_t) nout * sizeof(double)) : out;
        kd_op_apply_d(t, NULL, L->op, in, NULL, adjoint);
        if (acc)
        {
            for (i = 0; i < nout; i++)
                out[i] += t[i];
            flint_free(t);
        }
        return;
    }
    if (!adjoint)
    {
        for (i = 0; i < m; i++)
        {
            double s = 0;
            for (j = 0; j < N; j++)
                s += L->A[i * N + j] * in[j];
            out[i] = acc ? out[i] + s : s;
        }
        return;
    }
    if (!acc)
        for (j = 0; j < N; j++)
            out[j] = 0;
    for (i = 0; i < m; i++)
        for (j = 0; j < N; j++)
            out[j] += L->A[i * N + j] * in[i];
}

void
_kd_stab_lin_arb_init(_kd_stab_lin_arb_ctx * C, const _kd_stab_lin * L)
{
    slong i;
    C->L = *L;
    C->Ab = NULL;
    C->ci = C->co = NULL;
    if (L->op != NULL)
    {
        C->ci = _acb_vec_init(FLINT_MAX(L->m, L->N));
        C->co = _acb_vec_init(FLINT_MAX(L->m, L->N));
        return;
    }
    C->Ab = _arb_vec_init(L->m * L->N);
    for (i = 0; i < L->m * L->N; i++)
        arb_set_d(C->Ab + i, L->A[i]);
}

void
_kd_stab_lin_arb_clear(_kd_stab_lin_arb_ctx * C)
{
    const slong k = FLINT_MAX(C->L.m, C->L.N);
    if (C->Ab != NULL)
        _arb_vec_clear(C->Ab, C->L.m * C->L.N);
    if (C->ci != NULL)
    {
        _acb_vec_clear(C->ci, k);
        _acb_vec_clear(C->co, k);
    }
}

void
_kd_stab_lin_arb(arb_ptr out, _kd_stab_lin_arb_ctx * C, arb_srcptr in, int adjoint, slong prec)
{
    const slong m = C->L.m, N = C->L.N, nin = adjoint ? m : N, nout = adjoint ? N : m;
    slong i, l;
    if (C->L.op != NULL)
    {
        /* the operator is real (checked at construction): the imaginary
           parts of the output balls contain 0 and are dropped */
        for (i = 0; i < nin; i++)
        {
            arb_set(acb_realref(C->ci + i), in + i);
            arb_zero(acb_imagref(C->ci + i));
        }
        kd_op_apply_acb(C->co, C->L.op, C->ci, adjoint, prec);
        for (i = 0; i < nout; i++)
            arb_set(out + i, acb_realref(C->co + i));
        return;
    }
    if (!adjoint)
    {
        for (i = 0; i < m; i++)
            arb_dot(out + i, NULL, 0, C->Ab + i * N, 1, in, 1, N, prec);
        return;
    }
    for (l = 0; l < N; l++)
    {
        arb_zero(out + l);
        for (i = 0; i < m; i++)
            arb_addmul(out + l, C->Ab + i * N + l, in + i, prec);
    }
}

