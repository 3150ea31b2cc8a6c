/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The certified solution set of a complex problem: an approximate minimiser
   (IRLS for BP, the iterative solvers of src/iter for P1, P2, P3) proposes
   supports, which kd_certify_complex_support proves or not on the exact
   data (proofs-notes/solvers.md §3c, §5). */
#include <math.h>
#include <stdlib.h>
#include "kdigits/truth.h"
#include "kdigits/certify.h"
#include "kdigits/iter.h"
#include "../problem/internal.h"
#include "complex_internal.h"
/* after every FLINT header: <complex.h> defines I and complex */
#include "../certify/complex_internal.h"

/* Iteratively reweighted least squares for weighted BP (Daubechies, DeVore,
   Fornasier, Gunturk 2010): x = D A^H (A D A^H)^{-1} y with
   D_j = sqrt(|x_j|^2 + eps^2) / w_j, eps decreasing. A proposal only. */
static int
irls_bp(double complex * x, const double complex * A, const double complex * y,
        const double * w, slong m, slong N)
{
    slong it, i, j, l;
    double eps = 1.0, xmax;
    double * d = flint_malloc(N * sizeof(double));
    double complex * M = flint_malloc(m * m * sizeof(double complex));
    double complex * u = flint_malloc(m * sizeof(double complex));
    int ok = 1;
    for (j = 0; j < N; j++)
        d[j] = 1.0 / w[j];
    for (it = 0; it < 200 && ok; it++)
    {
        for (i = 0; i < m; i++)
        {
            for (l = 0; l < m; l++)
            {
                double complex s = 0;
                for (j = 0; j < N; j++)
                    s += A[i * N + j] * d[j] * conj(A[l * N + j]);
                M[i * m + l] = s;
            }
            u[i] = y[i];
        }
        if (!(ok = _kd_zsolve(M, u, m)))
            break;
        xmax = 0;
        for (j = 0; j < N; j++)
        {
            double complex s = 0;
            for (i = 0; i < m; i++)
                s += conj(A[i * N + j]) * u[i];
            x[j] = d[j] * s;
            xmax = FLINT_MAX(xmax, cabs(x[j]));
        }
        eps = FLINT_MAX(eps / 1.25, 1e-14 * (xmax > 0 ? xmax : 1));
        for (j = 0; j < N; j++)
            d[j] = sqrt(creal(x[j]) * creal(x[j]) + cimag(x[j]) * cimag(x[j]) + eps * eps) / w[j];
    }
    flint_free(d);
    flint_free(M);
    flint_free(u);
    return ok;
}

static double
arb_mid_d(const arb_t x)
{
    return arf_get_d(arb_midref(x), ARF_RND_NEAR);
}

/* An approximate minimiser x0 (N x 1, midpoints only). */
static kd_status
approximate(acb_mat_t x0, const kd_problem_t P, int bp, slong prec)
{
    kd_status st = KD_OK;
    slong m = P->m, N = P->N, i, j;
    acb_mat_zero(x0);
    if (bp)
    {
        acb_mat_t A, y, W;
        double complex * Ad = flint_malloc(m * N * sizeof(double complex));
        double complex * yd = flint_malloc(m * sizeof(double complex));
        double complex * xd = flint_malloc(N * sizeof(double complex));
        double * wd = flint_malloc(N * sizeof(double));
        acb_mat_init(A, m, N);
        acb_mat_init(y, m, 1);
        acb_mat_init(W, N, 1);
        if ((st = kd_mat_eval_acb_mat(A, P->A, 64)) == KD_OK
            && (st = kd_mat_eval_acb_mat(y, P->y, 64)) == KD_OK
            && (st = kd_mat_eval_acb_mat(W, P->w, 64)) == KD_OK)
        {
            for (i = 0; i < m; i++)
            {
                for (j = 0; j < N; j++)
                    Ad[i * N + j] = arb_mid_d(acb_realref(acb_mat_entry(A, i, j)))
                                    + I * arb_mid_d(acb_imagref(acb_mat_entry(A, i, j)));
                yd[i] = arb_mid_d(acb_realref(acb_mat_entry(y, i, 0)))
                        + I * arb_mid_d(acb_imagref(acb_mat_entry(y, i, 0)));
            }
            for (j = 0; j < N; j++)
                wd[j] = arb_mid_d(acb_realref(acb_mat_entry(W, j, 0)));
            if (irls_bp(xd, Ad, yd, wd, m, N))
                for (j = 0; j < N; j++)
                {
                    arb_set_d(acb_realref(acb_mat_entry(x0, j, 0)), creal(xd[j]));
                    arb_set_d(acb_imagref(acb_mat_entry(x0, j, 0)), cimag(xd[j]));
                }
            else
                st = kd_error_set(KD_ERR_UNDECIDED, "IRLS broke down (A not of full row rank?)");
        }
        acb_mat_clear(A);
        acb_mat_clear(y);
        acb_mat_clear(W);
        flint_free(Ad);
        flint_free(yd);
        flint_free(xd);
        flint_free(wd);
    }
    else
    {
        kd_qproblem_t Q;
        kd_iter_data_t D;
        kd_iter_opts_t o;
        kd_iter_result_t R;
        kd_arith_t a;
        kd_iter_result_init(R);
        kd_iter_opts_init(o);
        o->max_iter = 20000;
        kd_arith_set_double(a);
        (void) prec;
        if ((st = _kd_qproblem_init_data(Q, P, 64)) == KD_OK)
        {
            kd_iter_data_init(D, Q->A, Q->Ai, Q->y, Q->yi, Q->w);
            if (P->kind == KD_PROBLEM_P2)
                st = kd_iter_fista(R, D, Q->param, o, a);
            else if (P->kind == KD_PROBLEM_P3)
                st = kd_iter_pd_p3(R, D, Q->param, o, a);
            else
                st = kd_iter_pd_p1(R, D, Q->param, o, a);
            if (st == KD_OK)
                for (j = 0; j < N; j++)
                {
                    arb_set_fmpq(acb_realref(acb_mat_entry(x0, j, 0)),
                                 fmpq_mat_entry(R->x_re, j, 0), 64);
                    arb_set_fmpq(acb_imagref(acb_mat_entry(x0, j, 0)),
                                 fmpq_mat_entry(R->x_im, j, 0), 64);
                }
        }
        kd_qproblem_clear(Q);
        kd_iter_result_clear(R);
    }
    return st;
}

kd_status
_kd_truth_set_compute_complex(kd_truth_set_t T, const kd_problem_t P, slong prec)
{
    static const double rel[] = {1e-3, 1e-6, 1e-9, 1e-2, 1e-1};
    kd_status st;
    slong N = P->N, j, t, nE, prevE = -1;
    int bp;
    acb_mat_t x0;
    arb_t mu, e;
    double * mag, xmax;
    slong * E;
    char reason[256] = "";

    arb_init(e);
    bp = P->kind == KD_PROBLEM_BP;
    if (P->kind == KD_PROBLEM_P1 && (st = kd_real_eval_arb(e, P->param, 64)) == KD_OK)
        bp = arb_is_zero(e);
    arb_clear(e);
    acb_mat_init(x0, N, 1);
    arb_init(mu);
    mag = flint_malloc((N + 1) * sizeof(double));
    E = flint_malloc((N + 1) * sizeof(slong));
    st = approximate(x0, P, bp, prec);
    if (st != KD_OK)
        goto cleanup;
    xmax = 0;
    for (j = 0; j < N; j++)
    {
        mag[j] = hypot(arb_mid_d(acb_realref(acb_mat_entry(x0, j, 0))),
                       arb_mid_d(acb_imagref(acb_mat_entry(x0, j, 0))));
        xmax = FLINT_MAX(xmax, mag[j]);
    }
    /* supports {j : |x0_j| > rel * max|x0|}, and the empty one */
    for (t = 0; t <= (slong) (sizeof rel / sizeof rel[0]) && T->found != KD_TRUE; t++)
    {
        kd_truth v;
        nE = 0;
        for (j = 0; j < N && t < (slong) (sizeof rel / sizeof rel[0]); j++)
            if (mag[j] > rel[t] * xmax)
                E[nE++] = j;
        if (nE == prevE)
            continue;
        prevE = nE;
        st = kd_certify_complex_support(&v, &T->x, &T->xi, mu, P, E, nE, x0, prec);
        if (st != KD_OK)
            goto cleanup;
        if (v == KD_TRUE)
        {
            T->found = KD_TRUE;
            T->unique = KD_TRUE;
            snprintf(T->how, sizeof T->how,
                     "support of an approximate minimiser (%s) certified on the exact data "
                     "(%ld bits, |E| = %ld)", bp ? "IRLS" : (P->kind == KD_PROBLEM_P2 ? "FISTA"
                     : "primal-dual"), prec, nE);
        }
        else if (reason[0] == '\0')
            snprintf(reason, sizeof reason, "|E| = %ld: %s", nE, kd_error_message());
    }
    if (T->found != KD_TRUE)
        snprintf(T->how, sizeof T->how, "complex data: no support of the approximate minimiser "
                 "was certified (%s)", reason);
cleanup:
    acb_mat_clear(x0);
    arb_clear(mu);
    flint_free(mag);
    flint_free(E);
    return st;
}
