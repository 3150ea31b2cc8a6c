/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The arbitrary-precision backend against bare dot-product loops (issue
   13, item 2): FISTA for P2 on an m x N problem with the MPFR backend at
   PREC bits, timed per iteration, against (a) a bare MPFR loop doing the
   same products (A v and A^T r: 2 m N mpfr_mul + mpfr_add), (b) the same
   products with Arb's arb_approx_dot (midpoints only, one call per row and
   column), (c) the Arb backend's own kernel for real data (exact digit
   products, src/iter/kdot.c, on the same rows and columns) and (d) the
   double backend. Prints the ratios; measurements only, nothing here is
   certified. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "kdigits/kdigits.h"
#include "kdigits/iter.h"
#include "bench.h"
#include "../src/iter/kdot.h"

static double
run_fista(const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_t lam, slong iters,
          const kd_arith_t ar)
{
    kd_iter_data_t D;
    kd_iter_opts_t o;
    kd_iter_result_t R;
    double s;
    kd_iter_data_init(D, A, NULL, y, NULL, NULL);
    kd_iter_opts_init(o);
    o->tol = -1.0;
    o->max_iter = iters;
    kd_iter_result_init(R);
    kd_iter_fista(R, D, lam, o, ar);
    s = R->seconds / (double) iters;
    kd_iter_result_clear(R);
    return s;
}

int
main(int argc, char ** argv)
{
    slong m = 200, N = 400, prec = 113, iters = 20, i, j, t, reps = 5;
    flint_rand_t st;
    fmpq_mat_t A, y;
    fmpq_t lam;
    kd_arith_t ad, am;
    mpfr_ptr Am, v, r, g;
    mpfr_t tmp;
    arb_ptr Aa, Aat, va, ra;
    arb_t s;
    double t0, t_mpfr_loop, t_arb_dot, t_kdot, t_fista_mpfr, t_fista_d, t_fista_arb;
    _kd_kdot_mat_t KA, KC;
    arb_ptr ga;
    kd_arith_t aa;

    for (i = 1; i + 1 < argc; i += 2)
    {
        if (!strcmp(argv[i], "--m")) m = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--N")) N = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--prec")) prec = atol(argv[i + 1]);
        else { fprintf(stderr, "usage: bench-arbdot [--m M] [--N N] [--prec P]\n"); return 2; }
    }
    flint_randinit(st);
    fmpq_mat_init(A, m, N);
    fmpq_mat_init(y, m, 1);
    for (i = 0; i < m; i++)
    {
        for (j = 0; j < N; j++)
            fmpq_set_si(fmpq_mat_entry(A, i, j), (slong) n_randint(st, 2001) - 1000, 1000);
        fmpq_set_si(fmpq_mat_entry(y, i, 0), (slong) n_randint(st, 2001) - 1000, 1000);
    }
    fmpq_init(lam);
    fmpq_set_si(lam, 1, 10);

    /* the data as MPFR and as arb (midpoints) at prec bits */
    Am = flint_malloc(m * N * sizeof(__mpfr_struct));
    v = flint_malloc(N * sizeof(__mpfr_struct));
    g = flint_malloc(N * sizeof(__mpfr_struct));
    r = flint_malloc(m * sizeof(__mpfr_struct));
    mpfr_init2(tmp, prec);
    Aa = _arb_vec_init(m * N);
    Aat = _arb_vec_init(m * N);
    va = _arb_vec_init(N);
    ra = _arb_vec_init(m);
    arb_init(s);
    for (i = 0; i < m * N; i++)
        mpfr_init2(Am + i, prec);
    for (i = 0; i < m; i++)
        for (j = 0; j < N; j++)
        {
            arb_set_fmpq(Aa + i * N + j, fmpq_mat_entry(A, i, j), prec);
            mag_zero(arb_radref(Aa + i * N + j));
            arb_set(Aat + j * m + i, Aa + i * N + j);
            arf_get_mpfr(Am + i * N + j, arb_midref(Aa + i * N + j), MPFR_RNDN);
        }
    for (j = 0; j < N; j++)
    {
        mpfr_init2(v + j, prec);
        mpfr_init2(g + j, prec);
        mpfr_set_si(v + j, (long) (j % 7) - 3, MPFR_RNDN);
        arb_set_si(va + j, (long) (j % 7) - 3);
    }
    for (i = 0; i < m; i++)
    {
        mpfr_init2(r + i, prec);
        mpfr_set_si(r + i, (long) (i % 5) - 2, MPFR_RNDN);
        arb_set_si(ra + i, (long) (i % 5) - 2);
    }

    /* (a) bare MPFR: r = A v, g = A^T r, per entry mul + add */
    t0 = now();
    for (t = 0; t < reps; t++)
    {
        for (i = 0; i < m; i++)
        {
            mpfr_set_zero(r + i, 1);
            for (j = 0; j < N; j++)
            {
                mpfr_mul(tmp, Am + i * N + j, v + j, MPFR_RNDN);
                mpfr_add(r + i, r + i, tmp, MPFR_RNDN);
            }
        }
        for (j = 0; j < N; j++)
        {
            mpfr_set_zero(g + j, 1);
            for (i = 0; i < m; i++)
            {
                mpfr_mul(tmp, Am + i * N + j, r + i, MPFR_RNDN);
                mpfr_add(g + j, g + j, tmp, MPFR_RNDN);
            }
        }
    }
    t_mpfr_loop = (now() - t0) / reps;
    /* (b) arb_approx_dot per row / column (contiguous data) */
    t0 = now();
    for (t = 0; t < reps; t++)
    {
        for (i = 0; i < m; i++)
            arb_approx_dot(ra + i, NULL, 0, Aa + i * N, 1, va, 1, N, prec);
        for (j = 0; j < N; j++)
            arb_approx_dot(s, NULL, 0, Aat + j * m, 1, ra, 1, m, prec);
    }
    t_arb_dot = (now() - t0) / reps;
    /* (c) the digit kernel, matrices split once as the backend does */
    ga = _arb_vec_init(N);
    _kd_kdot_mat_init(KA, Aa, m, N, _kd_kdot_ndigits(prec, N));
    _kd_kdot_mat_init(KC, Aat, N, m, _kd_kdot_ndigits(prec, m));
    t0 = now();
    for (t = 0; t < reps; t++)
    {
        _kd_kdot_mat_vec(ra, KA, Aa, va, prec);
        _kd_kdot_mat_vec(ga, KC, Aat, ra, prec);
    }
    t_kdot = (now() - t0) / reps;
    _kd_kdot_mat_clear(KA);
    _kd_kdot_mat_clear(KC);
    _arb_vec_clear(ga, N);
    kd_arith_set_double(ad);
    kd_arith_set_mpfr(am, prec);
    t_fista_mpfr = run_fista(A, y, lam, iters, am);
    t_fista_d = run_fista(A, y, lam, iters * 50, ad);
    kd_arith_set_arb(aa, prec);
    t_fista_arb = run_fista(A, y, lam, iters, aa);
    printf("FISTA %ld x %ld, %ld bits, seconds per iteration (two products A v, A^T r):\n",
           (long) m, (long) N, (long) prec);
    printf("  kdigits FISTA, MPFR backend    %.3e\n", t_fista_mpfr);
    printf("  bare MPFR mul+add loop         %.3e\n", t_mpfr_loop);
    printf("  bare arb_approx_dot loop       %.3e\n", t_arb_dot);
    printf("  bare digit-kernel loop (K=%ld)   %.3e\n", (long) _kd_kdot_ndigits(prec, N), t_kdot);
    printf("  kdigits FISTA, Arb backend     %.3e\n", t_fista_arb);
    printf("  kdigits FISTA, double backend  %.3e\n", t_fista_d);
    printf("ratios: Arb-FISTA/arb_dot-loop %.2f (acceptance: <= 2), Arb-FISTA/double %.1f"
           " (acceptance: <= 30)\n", t_fista_arb / t_arb_dot, t_fista_arb / t_fista_d);
    printf("        Arb-FISTA/digit-kernel-loop %.2f, arb_dot-loop/digit-kernel-loop %.2f\n",
           t_fista_arb / t_kdot, t_arb_dot / t_kdot);
    printf("        MPFR-FISTA/MPFR-loop %.2f, MPFR-FISTA/double %.1f, MPFR-FISTA/Arb-FISTA %.1f\n",
           t_fista_mpfr / t_mpfr_loop, t_fista_mpfr / t_fista_d, t_fista_mpfr / t_fista_arb);
    return 0;
}
