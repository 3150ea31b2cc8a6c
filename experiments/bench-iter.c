/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Benchmark: the cost of running the iterative solvers in MPFR at p bits
   against IEEE double (FISTA and Chambolle-Pock on a fixed random
   instance), and the coordinate-descent sweep rate on the lasso probe.

   Question: what does working precision cost? Each solver runs a fixed
   number of iterations (tol < 0, so the work per iteration is constant) on
   the same exact data; the table gives seconds per iteration (R->seconds:
   the iteration only, not the input rounding or the certified norm bound)
   and the ratio to double measured in the same process, and checks that
   MPFR at 53 bits reproduces double bit for bit. The coordinate-descent
   part measures ns per sweep of MATLAB's rule on the 3 x 2 probe instance
   (lasso-probe.md §3) and, unless --no-full, runs delta = 2^-15,
   RelTol = 2^-52, MaxIter = 2^52 to convergence (421,594,341 sweeps). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kdigits/kdigits.h"
#include "kdigits/iter.h"

#define MAX_LIST 16

static int
cmp_double(const void * a, const void * b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static double
median(double * t, int n)
{
    qsort(t, n, sizeof(double), cmp_double);
    return n % 2 ? t[n / 2] : 0.5 * (t[n / 2 - 1] + t[n / 2]);
}

static int
parse_list(slong * out, const char * s)
{
    int n = 0;
    char * end;
    while (*s != '\0')
    {
        long v = strtol(s, &end, 10);
        if (end == s || v <= 0 || n == MAX_LIST)
            return -1;
        out[n++] = v;
        s = end;
        if (*s == ',')
            s++;
        else if (*s != '\0')
            return -1;
    }
    return n;
}

static void
usage(FILE * f)
{
    fprintf(f,
            "usage: bench-iter [--m M] [--N N] [--iters K] [--precs LIST] [--reps R]\n"
            "                  [--sweeps S] [--no-full] [--csv FILE]\n"
            "  FISTA and primal-dual (P3) on a fixed random M x N instance (default\n"
            "  100 x 200), K iterations (default 20) in MPFR at each precision of LIST\n"
            "  (default 53,113,256,1024) and 50 K in double, median of R runs (default 3);\n"
            "  coordinate descent on the lasso probe delta = 2^-15, RelTol = 2^-52:\n"
            "  S sweeps (default 2e7) in double, S/200 in MPFR-53, and (unless --no-full)\n"
            "  the full run to convergence, MaxIter = 2^52 (about 421.6 million sweeps).\n");
}

/* random rationals p/q, |p| <= 40, 1 <= q <= 29, from a fixed seed */
static void
rand_mat(fmpq_mat_t M, flint_rand_t st)
{
    slong i, j;
    for (i = 0; i < fmpq_mat_nrows(M); i++)
        for (j = 0; j < fmpq_mat_ncols(M); j++)
        {
            fmpq * q = fmpq_mat_entry(M, i, j);
            fmpz_set_si(fmpq_numref(q), (slong) n_randint(st, 81) - 40);
            fmpz_set_ui(fmpq_denref(q), 1 + n_randint(st, 29));
            fmpq_canonicalise(q);
        }
}

/* lasso-probe.md §1 with delta = 2^-k; entries as 300-bit dyadics (the
   solver rounds them to nearest in its format) */
static void
probe_instance(fmpq_mat_t A, fmpq_mat_t y, slong k)
{
    arb_t s, t, d;
    arb_init(s);
    arb_init(t);
    arb_init(d);
    arb_set_ui(s, 2);
    arb_rsqrt(s, s, 300);
    arb_one(d);
    arb_mul_2exp_si(d, d, -k);
    arb_sub(t, s, d, 300);
    arf_get_fmpq(fmpq_mat_entry(A, 0, 0), arb_midref(t));
    arf_get_fmpq(fmpq_mat_entry(A, 0, 1), arb_midref(s));
    arb_neg(t, s);
    arf_get_fmpq(fmpq_mat_entry(A, 1, 1), arb_midref(t));
    arf_get_fmpq(fmpq_mat_entry(y, 1, 0), arb_midref(t));
    arb_sub(t, t, d, 300);
    arf_get_fmpq(fmpq_mat_entry(A, 1, 0), arb_midref(t));
    arb_mul_2exp_si(t, d, 1);
    arf_get_fmpq(fmpq_mat_entry(A, 2, 0), arb_midref(t));
    fmpq_zero(fmpq_mat_entry(A, 2, 1));
    arf_get_fmpq(fmpq_mat_entry(y, 0, 0), arb_midref(s));
    fmpq_zero(fmpq_mat_entry(y, 2, 0));
    arb_clear(s);
    arb_clear(t);
    arb_clear(d);
}

/* ||B - B*||_2, B* = (0, 1 - sqrt(3)/10), to 6 digits */
static double
probe_error(const kd_iter_result_t R)
{
    arb_t e, b, t;
    double r;
    arb_init(e);
    arb_init(b);
    arb_init(t);
    arb_sqrt_ui(e, 3, 128);
    arb_div_ui(e, e, 10, 128);
    arb_sub_ui(e, e, 1, 128);
    arb_neg(e, e);
    arb_set_fmpq(b, fmpq_mat_entry(R->B, 1, 0), 128);
    arb_sub(b, b, e, 128);
    arb_mul(t, b, b, 128);
    arb_set_fmpq(b, fmpq_mat_entry(R->B, 0, 0), 128);
    arb_addmul(t, b, b, 128);
    arb_sqrtpos(t, t, 128);
    r = arf_get_d(arb_midref(t), ARF_RND_NEAR);
    arb_clear(e);
    arb_clear(b);
    arb_clear(t);
    return r;
}

static int
same_x(const kd_iter_result_t a, const kd_iter_result_t b)
{
    return fmpq_mat_equal(a->x_re, b->x_re) && fmpq_mat_equal(a->x_im, b->x_im)
        && a->iterations == b->iterations;
}

int
main(int argc, char ** argv)
{
    slong m = 100, N = 200, iters = 20, precs[MAX_LIST], sweeps = 20000000;
    int nprecs = 4, reps = 3, full = 1, i, k, r, method;
    const char * csvname = NULL;
    FILE * csv = NULL;
    flint_rand_t st;
    fmpq_mat_t A, y, PA, Py;
    fmpq_t lam;
    kd_iter_data_t D;
    kd_iter_opts_t o;
    kd_iter_cd_opts_t co;
    kd_iter_result_t R, R53;
    kd_arith_t ad, am;
    double t[64], td[2];
    static const char * mname[2] = { "fista", "pd_p3" };

    precs[0] = 53;
    precs[1] = 113;
    precs[2] = 256;
    precs[3] = 1024;
    for (i = 1; i < argc; i++)
    {
        const char * a = argv[i];
        const char * v = (i + 1 < argc) ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
        {
            usage(stdout);
            return 0;
        }
        else if (strcmp(a, "--no-full") == 0)
            full = 0;
        else if (v == NULL)
        {
            usage(stderr);
            return 2;
        }
        else if (strcmp(a, "--m") == 0)
            m = atol(v), i++;
        else if (strcmp(a, "--N") == 0)
            N = atol(v), i++;
        else if (strcmp(a, "--iters") == 0)
            iters = atol(v), i++;
        else if (strcmp(a, "--reps") == 0)
            reps = atoi(v), i++;
        else if (strcmp(a, "--sweeps") == 0)
            sweeps = (slong) atof(v), i++;
        else if (strcmp(a, "--csv") == 0)
            csvname = v, i++;
        else if (strcmp(a, "--precs") == 0)
        {
            nprecs = parse_list(precs, v);
            i++;
            if (nprecs <= 0)
            {
                usage(stderr);
                return 2;
            }
        }
        else
        {
            usage(stderr);
            return 2;
        }
    }
    if (m < 1 || N < 1 || iters < 1 || reps < 1 || reps > 64 || sweeps < 200)
    {
        usage(stderr);
        return 2;
    }
    if (csvname != NULL && (csv = fopen(csvname, "w")) == NULL)
    {
        fprintf(stderr, "bench-iter: cannot write %s\n", csvname);
        return 1;
    }
    if (csv != NULL)
        fprintf(csv, "part,method,arith,prec,iterations,seconds,s_per_iter,ratio_to_double,"
                "identical_to_double\n");

    flint_randinit(st);
    flint_randseed(st, 20221122UL, 7UL);
    fmpq_mat_init(A, m, N);
    fmpq_mat_init(y, m, 1);
    rand_mat(A, st);
    rand_mat(y, st);
    fmpq_init(lam);
    fmpq_set_si(lam, 1, 2);
    kd_iter_data_init(D, A, NULL, y, NULL, NULL);
    kd_iter_opts_init(o);
    o->tol = -1.0;                                  /* fixed iteration count */
    kd_iter_result_init(R);
    kd_iter_result_init(R53);
    kd_arith_set_double(ad);

    printf("# bench-iter: MPFR backend vs double, real %ld x %ld instance, lambda = 1/2\n",
           (long) m, (long) N);
    printf("# time per iteration: median of %d runs; double runs %ld iterations, MPFR %ld\n",
           reps, (long) (50 * iters), (long) iters);
    printf("%-7s %-10s %14s %10s %s\n", "method", "arith", "s/iteration", "ratio", "note");
    for (method = 0; method < 2; method++)
    {
        kd_status (*solve)(kd_iter_result_t, const kd_iter_data_t, const fmpq_t,
                           const kd_iter_opts_t, const kd_arith_t)
            = method == 0 ? kd_iter_fista : kd_iter_pd_p3;
        /* double: warm-up, then reps runs of 50 K iterations */
        o->max_iter = 50 * iters;
        fprintf(stderr, "bench-iter: %s double\n", mname[method]);
        if (solve(R, D, lam, o, ad) != KD_OK)
            goto fail;
        for (r = 0; r < reps; r++)
        {
            if (solve(R, D, lam, o, ad) != KD_OK)
                goto fail;
            t[r] = R->seconds / (double) R->iterations;
        }
        td[method] = median(t, reps);
        printf("%-7s %-10s %14.4e %10.1f\n", mname[method], "double", td[method], 1.0);
        if (csv != NULL)
            fprintf(csv, "solver,%s,double,53,%ld,%.6e,%.6e,1,yes\n", mname[method],
                    (long) R->iterations, td[method] * R->iterations, td[method]);
        /* the same K iterations in double, to compare bits with MPFR-53 */
        o->max_iter = iters;
        if (solve(R53, D, lam, o, ad) != KD_OK)
            goto fail;
        for (k = 0; k < nprecs; k++)
        {
            const char * same = "";
            double tm;
            if (kd_arith_set_mpfr(am, precs[k]) != KD_OK)
                goto fail;
            fprintf(stderr, "bench-iter: %s mpfr-%ld\n", mname[method], (long) precs[k]);
            for (r = 0; r < reps; r++)
            {
                if (solve(R, D, lam, o, am) != KD_OK)
                    goto fail;
                t[r] = R->seconds / (double) R->iterations;
            }
            tm = median(t, reps);
            if (precs[k] == 53)
                same = same_x(R, R53) ? "bit-identical to double" : "DIFFERS from double";
            printf("%-7s %-10s %14.4e %10.1f %s\n", mname[method], kd_arith_name(am), tm,
                   tm / td[method], same);
            if (csv != NULL)
                fprintf(csv, "solver,%s,mpfr,%ld,%ld,%.6e,%.6e,%.3f,%s\n", mname[method],
                        (long) precs[k], (long) R->iterations, tm * R->iterations, tm,
                        tm / td[method], precs[k] == 53 ? (same_x(R, R53) ? "yes" : "no") : "");
        }
    }

    /* coordinate descent on the lasso probe */
    fmpq_mat_init(PA, 3, 2);
    fmpq_mat_init(Py, 3, 1);
    probe_instance(PA, Py, 15);
    fmpq_set_si(lam, 1, 10);
    kd_iter_cd_opts_init_matlab(co);
    co->tol = ldexp(1.0, -52);
    printf("\n# coordinate descent (MATLAB's rule), lasso probe delta = 2^-15, Lambda = 1/10, "
           "RelTol = 2^-52\n");
    printf("%-10s %12s %12s %10s %s\n", "arith", "sweeps", "seconds", "ns/sweep", "note");
    {
        double ns;
        co->max_iter = sweeps;
        fprintf(stderr, "bench-iter: cd double, %ld sweeps\n", (long) sweeps);
        if (kd_iter_cd_matlab(R, PA, Py, lam, co, ad) != KD_OK)
            goto fail;
        ns = 1e9 * R->seconds / (double) R->iterations;
        printf("%-10s %12ld %12.3f %10.2f %s\n", "double", (long) R->iterations, R->seconds, ns,
               R->warned ? "MaxIter reached (warned)" : "");
        if (csv != NULL)
            fprintf(csv, "cd,matlab,double,53,%ld,%.6e,%.6e,1,yes\n", (long) R->iterations,
                    R->seconds, R->seconds / (double) R->iterations);
        co->max_iter = sweeps / 200;
        if (kd_iter_cd_matlab(R53, PA, Py, lam, co, ad) != KD_OK)
            goto fail;
        if (kd_arith_set_mpfr(am, 53) != KD_OK)
            goto fail;
        fprintf(stderr, "bench-iter: cd mpfr-53, %ld sweeps\n", (long) co->max_iter);
        if (kd_iter_cd_matlab(R, PA, Py, lam, co, am) != KD_OK)
            goto fail;
        printf("%-10s %12ld %12.3f %10.2f %s\n", "mpfr-53", (long) R->iterations, R->seconds,
               1e9 * R->seconds / (double) R->iterations,
               same_x(R, R53) ? "bit-identical to double" : "DIFFERS from double");
        if (csv != NULL)
            fprintf(csv, "cd,matlab,mpfr,53,%ld,%.6e,%.6e,%.3f,%s\n", (long) R->iterations,
                    R->seconds, R->seconds / (double) R->iterations,
                    1e9 * R->seconds / (double) R->iterations / ns, same_x(R, R53) ? "yes" : "no");
        if (full)
        {
            co->max_iter = WORD(1) << 52;
            fprintf(stderr, "bench-iter: cd double, full run (MaxIter = 2^52)\n");
            if (kd_iter_cd_matlab(R, PA, Py, lam, co, ad) != KD_OK)
                goto fail;
            printf("%-10s %12ld %12.3f %10.2f full run: converged %s, error %.3g\n", "double",
                   (long) R->iterations, R->seconds,
                   1e9 * R->seconds / (double) R->iterations, R->warned ? "no" : "yes",
                   probe_error(R));
            if (csv != NULL)
                fprintf(csv, "cd-full,matlab,double,53,%ld,%.6e,%.6e,,\n", (long) R->iterations,
                        R->seconds, R->seconds / (double) R->iterations);
        }
    }
    fmpq_mat_clear(PA);
    fmpq_mat_clear(Py);

    kd_iter_result_clear(R);
    kd_iter_result_clear(R53);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_clear(lam);
    flint_randclear(st);
    if (csv != NULL)
        fclose(csv);
    flint_cleanup();
    return 0;

fail:
    fprintf(stderr, "bench-iter: %s\n", kd_error_message());
    return 1;
}
