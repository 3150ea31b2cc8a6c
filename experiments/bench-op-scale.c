/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Matrix-free operators at image scale (issue 13, acceptance 2): a
   synthetic piecewise-constant phantom of side n, A = P_Omega T H^-1 with
   multilevel sampling, y = A x0 (+ seeded noise), then FISTA (P2) and PD
   (P3) on the operator, each followed by the certified gap bound of its
   output; peak memory (ru_maxrss) and times printed. The dense exact
   built-in of the same size would need n^4 entries (dct2:1024 ~ 630 MB at
   n = 32^2; 256^2 would need ~3 PB), so only the operator is run. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>
#include <sys/resource.h>
#include "kdigits/kdigits.h"
#include "kdigits/op.h"
#include "kdigits/iter.h"
#include "bench.h"

static double
peak_mib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0;
}

static unsigned long long rs = 12345;
static double
grand(void)
{
    double u1, u2;
    rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27;
    u1 = ((rs * 2685821657736338717ULL) >> 11) * 0x1p-53 + 0x1p-54;
    rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27;
    u2 = ((rs * 2685821657736338717ULL) >> 11) * 0x1p-53;
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static void
run(const char * name, kd_op_t A, fmpq_mat_t y, const fmpq_t lam, slong iters, int pd,
    const kd_arith_t ar)
{
    kd_iter_data_t D;
    kd_iter_opts_t o;
    kd_iter_result_t R;
    arf_t gap;
    arb_t F;
    double t0, t1, t2;
    kd_iter_data_init_op(D, A, y, NULL, NULL);
    kd_iter_opts_init(o);
    o->tol = -1.0;
    o->max_iter = iters;
    kd_iter_result_init(R);
    arf_init(gap);
    arb_init(F);
    t0 = now();
    if ((pd ? kd_iter_pd_p3 : kd_iter_fista)(R, D, lam, o, ar) != KD_OK)
    {
        fprintf(stderr, "%s: %s\n", name, kd_error_message());
        exit(1);
    }
    t1 = now();
    if (kd_op_gap_ubound(gap, F, pd ? KD_OP_P3 : KD_OP_P2, A, R->x_re,
                         A->is_complex ? R->x_im : NULL, y, NULL, NULL, lam, 128) != KD_OK)
    {
        fprintf(stderr, "%s gap: %s\n", name, kd_error_message());
        exit(1);
    }
    t2 = now();
    printf("%-28s %-9s %5ld it  %7.2f s  F(x) = %s  gap <= %.3e (certified, %.2f s)  peak %.0f MiB\n",
           name, kd_arith_name(ar), (long) R->iterations, t1 - t0,
           arb_get_str(F, 8, ARB_STR_NO_RADIUS), arf_get_d(gap, ARF_RND_UP), t2 - t1, peak_mib());
    kd_iter_result_clear(R);
    arf_clear(gap);
    arb_clear(F);
}

int
main(int argc, char ** argv)
{
    const char * spec = "walsh2:256:haar:4:ml:0.15:1";
    slong n = 256, iters = 100, i, j, N;
    double * x0, * yr, * yi, noise = 0.02;
    kd_op_t A;
    fmpq_mat_t y;
    fmpq_t lam;
    kd_arith_t ad, am;
    for (i = 1; i + 1 < argc; i += 2)
    {
        if (!strcmp(argv[i], "--op")) spec = argv[i + 1];
        else if (!strcmp(argv[i], "--n")) n = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--iters")) iters = atol(argv[i + 1]);
        else { fprintf(stderr, "usage: bench-op-scale [--op SPEC] [--n SIDE] [--iters K]\n"); return 2; }
    }
    if (kd_op_parse(A, spec) != KD_OK)
    {
        fprintf(stderr, "%s\n", kd_error_message());
        return 2;
    }
    N = A->ncols;
    n = (slong) sqrt((double) N);
    printf("operator %s: %ld x %ld, matrix-free (a dense double copy would take %.1f GiB)\n",
           spec, (long) A->nrows, (long) N, 8.0 * A->nrows * (double) N / 1073741824.0);
    /* the phantom: an image (two rectangles and a disc) in the Haar domain */
    x0 = calloc(N, sizeof(double));
    yr = calloc(A->nrows, sizeof(double));
    yi = calloc(A->nrows, sizeof(double));
    {
        double * img = calloc(N, sizeof(double)), * c = calloc(N, sizeof(double));
        kd_op_t H;
        for (i = 0; i < n; i++)
            for (j = 0; j < n; j++)
            {
                double u = (double) i / n, v = (double) j / n;
                img[i * n + j] = 0.2 * (u > 0.1 && u < 0.7 && v > 0.2 && v < 0.5)
                    + 0.5 * ((u - 0.6) * (u - 0.6) + (v - 0.6) * (v - 0.6) < 0.04)
                    + 0.3 * (u > 0.75 && v > 0.1 && v < 0.9);
            }
        kd_op_parse(H, "haar2d:256:4");
        if (n == 256)
            kd_op_apply_d(c, NULL, H, img, NULL, 0);
        kd_op_clear(H);
        memcpy(x0, c, N * sizeof(double));
        free(img);
        free(c);
    }
    kd_op_apply_d(yr, yi, A, x0, NULL, 0);
    fmpq_mat_init(y, A->nrows, 1);
    {
        double ny = 0.0;
        for (i = 0; i < A->nrows; i++)
            ny += yr[i] * yr[i];
        ny = sqrt(ny / A->nrows);
        for (i = 0; i < A->nrows; i++)
            q_set_d(fmpq_mat_entry(y, i, 0), yr[i] + noise * ny * grand());
    }
    fmpq_init(lam);
    fmpq_set_si(lam, 1, 4000);      /* lambda = 0.00025 */
    kd_arith_set_double(ad);
    kd_arith_set_mpfr(am, 113);
    printf("setup peak %.0f MiB\n", peak_mib());
    run(spec, A, y, lam, iters, 0, ad);
    run(spec, A, y, lam, iters, 1, ad);
    run(spec, A, y, lam, iters / 10 > 0 ? iters / 10 : 1, 0, am);
    kd_op_clear(A);
    fmpq_mat_clear(y);
    fmpq_clear(lam);
    free(x0);
    free(yr);
    free(yi);
    flint_cleanup_master();
    return 0;
}
