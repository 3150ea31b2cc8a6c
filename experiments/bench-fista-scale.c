/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* FISTA on a large Gaussian P2 problem with the certified ||A||_2 bound:
   writes the problem for the numpy reference (bench-fista-scale.sh), runs
   kd_iter_fista in double, and prints the bound, its cost, the iteration
   count and the times. The driver prints the ratios against numpy FISTA
   run with the exact norm on the same data in the same run. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>
#include "kdigits/kdigits.h"
#include "kdigits/iter.h"
#include "bench.h"

/* xorshift64* and Box-Muller: reproducible Gaussians */
static unsigned long long rs = 88172645463325252ULL;
static double
urand(void)
{
    rs ^= rs >> 12;
    rs ^= rs << 25;
    rs ^= rs >> 27;
    return ((rs * 2685821657736338717ULL) >> 11) * 0x1p-53 + 0x1p-54;
}

static double
grand(void)
{
    return sqrt(-2.0 * log(urand())) * cos(6.283185307179586 * urand());
}

int
main(int argc, char ** argv)
{
    slong m = 1000, N = 2000, s = 50, i, j;
    const char * out = "fista-scale.bin";
    double tol = 1e-6, lamd, t0, t1, *Ad, *yd, *x0;
    fmpq_mat_t A, y;
    fmpq_t lam;
    kd_iter_data_t D;
    kd_iter_opts_t o;
    kd_iter_result_t R;
    kd_arith_t ad;
    arf_t L;
    FILE * f;

    for (i = 1; i + 1 < argc; i += 2)
    {
        if (!strcmp(argv[i], "--m")) m = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--N")) N = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--tol")) tol = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--out")) out = argv[i + 1];
        else if (!strcmp(argv[i], "--seed")) rs = strtoull(argv[i + 1], NULL, 10);
        else { fprintf(stderr, "usage: bench-fista-scale [--m M] [--N N] [--tol T] [--seed S] [--out FILE]\n"); return 2; }
    }
    Ad = malloc(m * N * sizeof(double));
    yd = calloc(m, sizeof(double));
    x0 = calloc(N, sizeof(double));
    for (i = 0; i < m * N; i++)
        Ad[i] = grand() / sqrt((double) m);
    for (i = 0; i < s && i < N; i++)
        x0[(i * 7919) % N] = grand();
    for (i = 0; i < m; i++)
    {
        for (j = 0; j < N; j++)
            yd[i] += Ad[i * N + j] * x0[j];
        yd[i] += 0.01 * grand();
    }
    /* lambda = 0.1 max |2 A^T y| (a tenth of the smallest lambda giving 0) */
    lamd = 0.0;
    for (j = 0; j < N; j++)
    {
        double c = 0.0;
        for (i = 0; i < m; i++)
            c += Ad[i * N + j] * yd[i];
        lamd = fmax(lamd, fabs(2.0 * c));
    }
    lamd = ldexp(round(ldexp(0.1 * lamd, 20)), -20);

    f = fopen(out, "wb");
    if (f == NULL) { perror(out); return 1; }
    {
        double hdr[4] = { (double) m, (double) N, lamd, tol };
        fwrite(hdr, sizeof(double), 4, f);
        fwrite(Ad, sizeof(double), m * N, f);
        fwrite(yd, sizeof(double), m, f);
    }
    fclose(f);

    fmpq_mat_init(A, m, N);
    fmpq_mat_init(y, m, 1);
    fmpq_init(lam);
    for (i = 0; i < m; i++)
    {
        for (j = 0; j < N; j++)
            q_set_d(fmpq_mat_entry(A, i, j), Ad[i * N + j]);
        q_set_d(fmpq_mat_entry(y, i, 0), yd[i]);
    }
    q_set_d(lam, lamd);

    arf_init(L);
    t0 = now();
    kd_iter_opnorm_ubound(L, A, NULL, 64);
    t1 = now();
    printf("kdigits_bound %.17g\nkdigits_bound_seconds %.3f\n", arf_get_d(L, ARF_RND_UP), t1 - t0);

    kd_iter_data_init(D, A, NULL, y, NULL, NULL);
    kd_iter_opts_init(o);
    o->tol = tol;
    o->max_iter = 200000;
    kd_arith_set_double(ad);
    kd_iter_result_init(R);
    t0 = now();
    if (kd_iter_fista(R, D, lam, o, ad) != KD_OK)
    {
        fprintf(stderr, "fista failed: %s\n", kd_error_message());
        return 1;
    }
    t1 = now();
    printf("kdigits_iterations %ld\nkdigits_iter_seconds %.3f\nkdigits_total_seconds %.3f\n",
           (long) R->iterations, R->seconds, t1 - t0);
    printf("kdigits_L_A %.17g\n", fmpq_get_d(R->L_A));
    {
        /* objective in double, for the comparison with numpy */
        double F = 0.0, r;
        double * x = malloc(N * sizeof(double));
        for (j = 0; j < N; j++)
            x[j] = fmpq_get_d(fmpq_mat_entry(R->x_re, j, 0)), F += lamd * fabs(x[j]);
        for (i = 0; i < m; i++)
        {
            r = -yd[i];
            for (j = 0; j < N; j++)
                r += Ad[i * N + j] * x[j];
            F += r * r;
        }
        printf("kdigits_objective %.12g\n", F);
        free(x);
    }
    kd_iter_result_clear(R);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_clear(lam);
    arf_clear(L);
    free(Ad);
    free(yd);
    free(x0);
    flint_cleanup_master();
    return 0;
}
