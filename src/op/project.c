/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The projection onto P1's constraint set {x : ||A x - y||_2 <= eta} for
   operators with orthonormal rows, in double (proofs-notes/operators.md
   §5c): the point a certified P1 gap bound is computed at when the
   solver's iterate lies just outside the ball. */
#include <math.h>
#include <string.h>
#include "internal.h"

int
kd_op_rows_orthonormal(const kd_op_t A)
{
    slong i;
    for (i = 0; i < A->nf; i++)
    {
        kd_op_kind k = A->f[i].kind;
        if (k == KD_OP_SUBSAMPLE)
        {
            /* P_Omega U: only as the first factor */
            if (i != 0)
                return 0;
        }
        else if (k != KD_OP_WALSH && k != KD_OP_DCT && k != KD_OP_DFT && k != KD_OP_HAAR)
            return 0;           /* not a unitary transform */
    }
    return A->nrows >= 1;
}

kd_status
kd_op_project_ball_d(double * xp_re, double * xp_im, int * moved, const kd_op_t A,
                     const double * x_re, const double * x_im, const double * y_re,
                     const double * y_im, double eta, kd_op_ws_t W)
{
    slong m = A->nrows, N = A->ncols, i;
    int cplx = A->is_complex || x_im != NULL || y_im != NULL;
    double * r_re, * r_im, * v_re, * v_im, nr = 0.0, c;
    kd_op_ws_t W0;
    kd_status st = KD_OK;

    *moved = 0;
    if (!kd_op_rows_orthonormal(A))
        return kd_error_set(KD_ERR_ARG, "A A^* = I does not follow from the operator's factors");
    if (!(eta >= 0.0) || !isfinite(eta))
        return kd_error_set(KD_ERR_ARG, "eta must be a finite number >= 0");
    if (cplx && xp_im == NULL)
        return kd_error_set(KD_ERR_ARG, "complex data need xp_im");
    kd_op_ws_init(W0);
    if (W == NULL)
        W = W0;
    r_re = flint_calloc(m, sizeof(double));
    r_im = flint_calloc(m, sizeof(double));
    v_re = flint_calloc(N, sizeof(double));
    v_im = flint_calloc(N, sizeof(double));
    /* r = A x - y */
    kd_op_apply_d_ws(r_re, cplx ? r_im : NULL, A, x_re, x_im, 0, W);
    for (i = 0; i < m; i++)
    {
        r_re[i] -= y_re[i];
        if (y_im != NULL)
            r_im[i] -= y_im[i];
        nr += r_re[i] * r_re[i] + r_im[i] * r_im[i];
    }
    nr = sqrt(nr);
    if (!isfinite(nr))
    {
        st = kd_error_set(KD_ERR_ARG, "A x - y is not finite in double");
        goto cleanup;
    }
    if (nr > eta)
    {
        /* x - A^*(c r), c = 1 - eta/||r||: A x' - y = r - c r (A A^* = I) */
        c = 1.0 - eta / nr;
        for (i = 0; i < m; i++)
        {
            r_re[i] *= c;
            r_im[i] *= c;
        }
        kd_op_apply_d_ws(v_re, cplx ? v_im : NULL, A, r_re, cplx ? r_im : NULL, 1, W);
        *moved = 1;
    }
    for (i = 0; i < N; i++)
    {
        xp_re[i] = x_re[i] - v_re[i];
        if (cplx)
            xp_im[i] = (x_im != NULL ? x_im[i] : 0.0) - v_im[i];
        else if (xp_im != NULL)
            xp_im[i] = 0.0;
    }
cleanup:
    flint_free(r_re);
    flint_free(r_im);
    flint_free(v_re);
    flint_free(v_im);
    kd_op_ws_clear(W0);
    return st;
}
