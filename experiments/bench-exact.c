/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Benchmark: exact basis pursuit (kd_bp_solve_exact) on random rational
   instances of growing size, against QSopt_ex's esolver on the same LPs
   when it is installed (experiments/README.md). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "kdigits/kdigits.h"
#include "kdigits/lp.h"
#include "kdigits/path.h"
#include "bench.h"

#define MAX_SIZES 64

typedef struct
{
    slong m[MAX_SIZES];
    slong N[MAX_SIZES];
    int nsizes;
    ulong seed;
    slong bits;         /* numerators in [-2^bits, 2^bits] */
    slong den;          /* denominators in [1, den] */
    double sparsity;    /* planted: s = ceil(sparsity m) nonzeros; 0: y random */
    int esolver;        /* 0: skip esolver even if installed */
    const char * csv;
    const char * lpdir;
    slong p2_max_m;     /* P2 section: largest m run */
    int no_lcp;         /* P2 section: skip the LCP comparison */
    int no_bp;          /* skip the BP section */
}
opts_t;

static void
usage(FILE * f)
{
    fprintf(f,
        "usage: bench-exact [--sizes LIST] [--seed S] [--bits B] [--den D] [--sparsity F]\n"
        "                   [--no-esolver] [--lpdir DIR] [--csv FILE]\n"
        "  --sizes     m x N pairs, e.g. 10x20,50x100,200x400 (default\n"
        "              10x20,20x40,50x100,100x200,200x400)\n"
        "  --seed      random seed (default 1)\n"
        "  --bits      entries p/q with |p| <= 2^B (default 8)\n"
        "  --den       and 1 <= q <= D (default 4)\n"
        "  --sparsity  y = A x0 with ceil(F m) nonzeros in x0 (default 0.25);\n"
        "              0 draws y at random instead\n"
        "  --no-esolver  do not run QSopt_ex's esolver even if it is installed\n"
        "  --lpdir     where the LP files for esolver go (default: a fresh /tmp dir)\n"
        "  --csv       also write the table as CSV to FILE\n"
        "  --p2-max-m  run the exact-P2 section up to this m (default 100)\n"
        "  --no-lcp    skip the Lemke comparison in the P2 section\n"
        "  --no-bp     skip the BP section\n");
}

/* "10x20,50x100" */
static int
parse_sizes(opts_t * o, const char * s)
{
    char * end;
    o->nsizes = 0;
    while (*s != '\0')
    {
        long m, N;
        m = strtol(s, &end, 10);
        if (end == s || *end != 'x' || m < 1 || o->nsizes == MAX_SIZES)
            return -1;
        s = end + 1;
        N = strtol(s, &end, 10);
        if (end == s || N < 1)
            return -1;
        o->m[o->nsizes] = m;
        o->N[o->nsizes] = N;
        o->nsizes++;
        s = end;
        if (*s == ',')
            s++;
        else if (*s != '\0')
            return -1;
    }
    return o->nsizes;
}

/* ------------------------------------------------------------ instances */

static void
rand_entry(fmpq_t q, flint_rand_t st, slong bits, slong den)
{
    fmpz_set_ui(fmpq_numref(q), n_randint(st, (UWORD(1) << bits) * 2 + 1));
    fmpz_sub_ui(fmpq_numref(q), fmpq_numref(q), UWORD(1) << bits);
    fmpz_set_ui(fmpq_denref(q), 1 + n_randint(st, den));
    fmpq_canonicalise(q);
}

/* A (m x N) with random rational entries; y = A x0 for a planted x0 with
   ceil(sparsity m) nonzeros, or random when sparsity = 0. */
static void
make_instance(fmpq_mat_t A, fmpq_mat_t y, flint_rand_t st, const opts_t * o, slong m, slong N)
{
    slong i, j, s, k;
    fmpq_mat_t x0;
    for (i = 0; i < m; i++)
        for (j = 0; j < N; j++)
            rand_entry(fmpq_mat_entry(A, i, j), st, o->bits, o->den);
    if (o->sparsity <= 0)
    {
        for (i = 0; i < m; i++)
            rand_entry(fmpq_mat_entry(y, i, 0), st, o->bits, o->den);
        return;
    }
    s = (slong) (o->sparsity * (double) m + 0.999999);
    if (s > N)
        s = N;
    fmpq_mat_init(x0, N, 1);
    for (k = 0; k < s; k++)
    {
        do
            j = n_randint(st, N);
        while (!fmpq_is_zero(fmpq_mat_entry(x0, j, 0)));
        do
            rand_entry(fmpq_mat_entry(x0, j, 0), st, 4, 3);
        while (fmpq_is_zero(fmpq_mat_entry(x0, j, 0)));
    }
    fmpq_mat_mul(y, A, x0);
    fmpq_mat_clear(x0);
}

/* The largest bit size of a numerator or denominator in a vector. */
static slong
max_bits(const fmpq_mat_t v)
{
    slong i, b = 0;
    for (i = 0; i < fmpq_mat_nrows(v); i++)
    {
        b = FLINT_MAX(b, (slong) fmpz_bits(fmpq_mat_entry_num(v, i, 0)));
        b = FLINT_MAX(b, (slong) fmpz_bits(fmpq_mat_entry_den(v, i, 0)));
    }
    return b;
}

/* ------------------------------------------------------------ esolver */

/* Whether an executable named `name` is on PATH. */
static int
on_path(const char * name)
{
    const char * path = getenv("PATH");
    char buf[4096];
    while (path != NULL && *path != '\0')
    {
        const char * c = strchr(path, ':');
        size_t len = c ? (size_t) (c - path) : strlen(path);
        if (len > 0 && len + strlen(name) + 2 < sizeof buf)
        {
            memcpy(buf, path, len);
            buf[len] = '/';
            strcpy(buf + len + 1, name);
            if (access(buf, X_OK) == 0)
                return 1;
        }
        path = c ? c + 1 : NULL;
    }
    return 0;
}

/* Writes the BP LP min sum (u_j + v_j), [A, -A] (u; v) = y, (u, v) >= 0 in
   LP format, each row scaled to integers (the scaling is exact and changes
   neither the feasible set nor the objective). */
static int
write_lp(const char * path, const fmpq_mat_t A, const fmpq_mat_t y)
{
    slong m = fmpq_mat_nrows(A), N = fmpq_mat_ncols(A), i, j, terms;
    fmpz_t den, t;
    FILE * f = fopen(path, "w");
    if (f == NULL)
        return -1;
    fmpz_init(den);
    fmpz_init(t);
    fprintf(f, "Problem\n bp\nMinimize\n obj:");
    for (j = 0; j < N; j++)
        fprintf(f, "%s u%ld + v%ld", j ? " +" : "", j, j);
    fprintf(f, "\nSubject To\n");
    for (i = 0; i < m; i++)
    {
        fmpz_one(den);
        for (j = 0; j < N; j++)
            fmpz_lcm(den, den, fmpq_mat_entry_den(A, i, j));
        fmpz_lcm(den, den, fmpq_mat_entry_den(y, i, 0));
        fprintf(f, " c%ld:", i);
        terms = 0;
        for (j = 0; j < 2 * N; j++)
        {
            const fmpq * a = fmpq_mat_entry(A, i, j % N);
            if (fmpq_is_zero(a))
                continue;
            fmpz_divexact(t, den, fmpq_denref(a));
            fmpz_mul(t, t, fmpq_numref(a));
            if (j >= N)
                fmpz_neg(t, t);
            fputs(fmpz_sgn(t) < 0 ? " - " : (terms ? " + " : " "), f);
            fmpz_abs(t, t);
            fmpz_fprint(f, t);
            fprintf(f, " %c%ld", j < N ? 'u' : 'v', j % N);
            if (++terms % 8 == 0)
                fputs("\n   ", f);
        }
        if (terms == 0)
            fprintf(f, " 0 u0");
        fmpz_divexact(t, den, fmpq_mat_entry_den(y, i, 0));
        fmpz_mul(t, t, fmpq_mat_entry_num(y, i, 0));
        fputs(" = ", f);
        fmpz_fprint(f, t);
        fputc('\n', f);
    }
    fprintf(f, "End\n");
    fmpz_clear(den);
    fmpz_clear(t);
    return fclose(f) == 0 ? 0 : -1;
}

/* Runs esolver on the LP file and reads the exact optimal value from its
   solution file. Returns 0 on success (status OPTIMAL), -1 otherwise. */
static int
run_esolver(fmpq_t value, double * seconds, const char * lp, const char * sol, const char * log)
{
    char cmd[8192], line[4096];
    FILE * f;
    int rc, found = 0, optimal = 0;
    double t0;
    snprintf(cmd, sizeof cmd, "esolver -L -O '%s' '%s' > '%s' 2>&1", sol, lp, log);
    unlink(sol);
    t0 = now();
    rc = system(cmd);
    *seconds = now() - t0;
    if (rc != 0)
        return -1;
    f = fopen(sol, "r");
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL)
    {
        char * p;
        if (strstr(line, "status OPTIMAL") != NULL || strstr(line, "status = OPTIMAL") != NULL)
            optimal = 1;
        if ((p = strstr(line, "Value = ")) != NULL && !found)
        {
            char * e;
            p += 8;
            for (e = p; *e != '\0' && *e != '\n' && *e != ' '; e++)
                ;
            *e = '\0';
            found = (fmpq_set_str(value, p, 10) == 0);
        }
    }
    fclose(f);
    return (found && optimal) ? 0 : -1;
}

/* ------------------------------------------------------------ section: exact BP */

typedef struct
{
    slong m, N;
    double t_kd;
    slong pivots;
    slong bits_x;
    slong bits_v;
    slong support;
    kd_truth unique;
    int es_ran;         /* 1 ran, 0 skipped, -1 failed */
    double t_es;
    int agree;          /* values equal exactly */
}
bp_row_t;

static int
section_bp(const opts_t * o, FILE * csv)
{
    flint_rand_t st;
    int k, have_es = o->esolver && on_path("esolver");
    char dir[1024];
    bp_row_t * rows = flint_calloc(o->nsizes, sizeof(bp_row_t));
    int bad = 0;

    if (have_es)
    {
        if (o->lpdir != NULL)
        {
            snprintf(dir, sizeof dir, "%s", o->lpdir);
            mkdir(dir, 0777);
        }
        else
        {
            snprintf(dir, sizeof dir, "/tmp/bench-exact-XXXXXX");
            if (mkdtemp(dir) == NULL)
            {
                fprintf(stderr, "bench-exact: cannot create a temporary directory\n");
                have_es = 0;
            }
        }
    }
    printf("# exact basis pursuit: min ||x||_1 s.t. Ax = y, A m x N with entries p/q,\n"
           "# |p| <= 2^%ld, 1 <= q <= %ld, %s; seed %lu\n", o->bits, o->den,
           o->sparsity > 0 ? "y = A x0 with x0 planted sparse" : "y random", o->seed);
    if (!have_es)
        printf("# esolver (QSopt_ex, Debian package qsopt-ex) %s: comparison skipped\n",
               o->esolver ? "is not installed" : "disabled by --no-esolver");
    printf("%5s %5s %10s %7s %7s %7s %7s %7s %10s %9s %6s\n", "m", "N", "kd_s", "pivots",
           "bits_x", "bits_v", "supp", "unique", "esolver_s", "kd/es", "agree");

    flint_randinit(st);
    flint_randseed(st, o->seed, o->seed ^ 0x9E3779B97F4A7C15UL);
    for (k = 0; k < o->nsizes; k++)
    {
        bp_row_t * r = rows + k;
        slong m = o->m[k], N = o->N[k], j;
        fmpq_mat_t A, y;
        fmpq_t es_value;
        kd_bp_result_t res;
        kd_status stt;
        double t0;

        r->m = m;
        r->N = N;
        fmpq_mat_init(A, m, N);
        fmpq_mat_init(y, m, 1);
        fmpq_init(es_value);
        kd_bp_result_init(res);
        make_instance(A, y, st, o, m, N);

        fprintf(stderr, "bench-exact: BP %ld x %ld: kdigits ...", m, N);
        t0 = now();
        stt = kd_bp_solve_exact(res, A, y, NULL);
        r->t_kd = now() - t0;
        fprintf(stderr, " %.3f s", r->t_kd);
        if (stt != KD_OK)
        {
            fprintf(stderr, "\nbench-exact: %s: %s\n", kd_status_name(stt), kd_error_message());
            bad = 1;
            r->t_kd = -1;
        }
        else
        {
            r->pivots = res->pivots;
            r->bits_x = max_bits(&res->x);
            r->bits_v = max_bits(&res->v);
            r->unique = res->unique;
            for (j = 0; j < N; j++)
                r->support += !fmpq_is_zero(fmpq_mat_entry(&res->x, j, 0));
        }
        if (have_es)
        {
            char lp[1200], sol[1200], log[1200];
            snprintf(lp, sizeof lp, "%s/bp-%ldx%ld.lp", dir, m, N);
            snprintf(sol, sizeof sol, "%s/bp-%ldx%ld.sol", dir, m, N);
            snprintf(log, sizeof log, "%s/bp-%ldx%ld.log", dir, m, N);
            fprintf(stderr, ", esolver ...");
            if (write_lp(lp, A, y) != 0 || run_esolver(es_value, &r->t_es, lp, sol, log) != 0)
            {
                fprintf(stderr, " failed (see %s)", log);
                r->es_ran = -1;
                bad = 1;
            }
            else
            {
                r->es_ran = 1;
                r->agree = (stt == KD_OK && fmpq_equal(es_value, &res->value));
                if (!r->agree)
                    bad = 1;
                fprintf(stderr, " %.3f s", r->t_es);
            }
        }
        fprintf(stderr, "\n");

        printf("%5ld %5ld %10.3f %7ld %7ld %7ld %7ld %7s", m, N, r->t_kd, r->pivots, r->bits_x,
               r->bits_v, r->support, kd_truth_name(r->unique));
        if (r->es_ran == 1)
            printf(" %10.3f %9.2f %6s\n", r->t_es, r->t_kd / r->t_es, r->agree ? "yes" : "NO");
        else
            printf(" %10s %9s %6s\n", r->es_ran ? "failed" : "-", "-", "-");
        fflush(stdout);
        if (csv != NULL)
        {
            fprintf(csv, "bp,%ld,%ld,%lu,%ld,%ld,%g,%.6f,%ld,%ld,%ld,%ld,%s,", m, N, o->seed,
                    o->bits, o->den, o->sparsity, r->t_kd, r->pivots, r->bits_x, r->bits_v,
                    r->support, kd_truth_name(r->unique));
            if (r->es_ran == 1)
                fprintf(csv, "%.6f,%.4f,%s\n", r->t_es, r->t_kd / r->t_es, r->agree ? "yes" : "no");
            else
                fprintf(csv, ",,\n");
        }
        kd_bp_result_clear(res);
        fmpq_mat_clear(A);
        fmpq_mat_clear(y);
        fmpq_clear(es_value);
    }
    if (have_es)
        printf("# esolver: wall time of the esolver process (LP parsing, float simplex, exact\n"
               "# verification/repair, writing the solution); LP files in %s\n", dir);
    flint_randclear(st);
    flint_free(rows);
    return bad;
}

/* ------------------------------------------------------------ section: exact P2 */

/* Exact U-LASSO at lambda = lambda_max / 10 on the same instances: the
   homotopy path (kd_path_compute + kd_p2_solve_exact) against Lemke's method
   on the KKT LCP (kd_p2_solve_lcp), timed in the same run; the two are
   independent exact solvers and must give the same fitted value A x.
   CSV rows tagged "p2": pivots = path knots, esolver_s = the LCP's time,
   kd_over_esolver = homotopy/LCP, agree = equal fits. */
static int
section_p2(const opts_t * o, FILE * csv)
{
    flint_rand_t st;
    int k, bad = 0;

    flint_randinit(st);
    flint_randseed(st, o->seed, o->seed ^ 0x5DEECE66DUL);
    printf("\nexact P2 (U-LASSO) at lambda = lambda_max/10: homotopy vs Lemke LCP, same instances\n");
    printf("%5s %5s %10s %7s %7s %8s %7s %10s %8s %6s\n", "m", "N", "path s", "knots", "bits_x",
           "support", "unique", "lcp s", "path/lcp", "agree");
    for (k = 0; k < o->nsizes; k++)
    {
        slong m = o->m[k], N = o->N[k], j, supp = 0;
        fmpq_mat_t A, y, x2, f1, f2;
        fmpq_t lam, ten;
        kd_p2_sol_t sol;
        kd_path_t path;
        double t0, t_path, t_lcp = -1;
        int agree = -1;
        kd_status s1, s2 = KD_OK;

        fmpq_mat_init(A, m, N);
        fmpq_mat_init(y, m, 1);
        fmpq_mat_init(x2, N, 1);
        fmpq_mat_init(f1, m, 1);
        fmpq_mat_init(f2, m, 1);
        fmpq_init(lam);
        fmpq_init(ten);
        kd_p2_sol_init(sol);
        kd_path_init(path);
        make_instance(A, y, st, o, m, N);
        if (m > o->p2_max_m)
        {
            printf("%5ld %5ld   skipped (m > %ld; --p2-max-m to run it)\n", m, N, o->p2_max_m);
            goto next;
        }
        fprintf(stderr, "bench-exact: P2 %ld x %ld ...\n", m, N);
        kd_lasso_lambda_max(lam, A, y, NULL);
        fmpq_set_si(ten, 1, 10);
        fmpq_mul(lam, lam, ten);
        t0 = now();
        s1 = kd_p2_solve_exact(sol, A, y, NULL, lam);
        t_path = now() - t0;
        if (s1 == KD_OK)            /* untimed: only for the knot count */
            s1 = kd_path_compute(path, A, y, NULL, lam);
        if (s1 == KD_OK && !o->no_lcp)
        {
            t0 = now();
            s2 = kd_p2_solve_lcp(x2, A, y, NULL, lam);
            t_lcp = now() - t0;
            if (s2 == KD_OK)
            {
                fmpq_mat_mul(f1, A, sol->x);
                fmpq_mat_mul(f2, A, x2);
                agree = fmpq_mat_equal(f1, f2);
            }
        }
        if (s1 != KD_OK || s2 != KD_OK || agree == 0)
        {
            fprintf(stderr, "bench-exact: P2 %ld x %ld failed: %s\n", m, N,
                    agree == 0 ? "homotopy and LCP disagree" : kd_error_message());
            bad = 1;
            goto next;
        }
        for (j = 0; j < N; j++)
            supp += !fmpq_is_zero(fmpq_mat_entry(sol->x, j, 0));
        printf("%5ld %5ld %10.3f %7ld %7ld %8ld %7s %10.3f %8.2f %6s\n", m, N, t_path,
               path->length, max_bits(sol->x), supp, kd_truth_name(sol->unique), t_lcp,
               t_lcp > 0 ? t_path / t_lcp : 0.0, agree == 1 ? "yes" : "-");
        fflush(stdout);
        if (csv != NULL)
            fprintf(csv, "p2,%ld,%ld,%lu,%ld,%ld,%g,%.6f,%ld,%ld,,%ld,%s,%.6f,%.4f,%s\n", m, N,
                    o->seed, o->bits, o->den, o->sparsity, t_path, path->length,
                    max_bits(sol->x), supp, kd_truth_name(sol->unique), t_lcp,
                    t_lcp > 0 ? t_path / t_lcp : 0.0, agree == 1 ? "yes" : "-");
    next:
        fmpq_mat_clear(A);
        fmpq_mat_clear(y);
        fmpq_mat_clear(x2);
        fmpq_mat_clear(f1);
        fmpq_mat_clear(f2);
        fmpq_clear(lam);
        fmpq_clear(ten);
        kd_p2_sol_clear(sol);
        kd_path_clear(path);
    }
    flint_randclear(st);
    return bad;
}

int
main(int argc, char ** argv)
{
    opts_t o;
    FILE * csv = NULL;
    int i, bad = 0;

    memset(&o, 0, sizeof o);
    parse_sizes(&o, "10x20,20x40,50x100,100x200,200x400");
    o.seed = 1;
    o.bits = 8;
    o.den = 4;
    o.sparsity = 0.25;
    o.esolver = 1;
    o.p2_max_m = 100;
    for (i = 1; i < argc; i++)
    {
        const char * a = argv[i];
        const char * v = (i + 1 < argc) ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
        {
            usage(stdout);
            return 0;
        }
        else if (strcmp(a, "--no-esolver") == 0)
            o.esolver = 0;
        else if (strcmp(a, "--no-lcp") == 0)
            o.no_lcp = 1;
        else if (strcmp(a, "--no-bp") == 0)
            o.no_bp = 1;
        else if (v == NULL)
        {
            usage(stderr);
            return 2;
        }
        else if (strcmp(a, "--sizes") == 0 && parse_sizes(&o, v) > 0)
            i++;
        else if (strcmp(a, "--seed") == 0)
            o.seed = strtoul(v, NULL, 10), i++;
        else if (strcmp(a, "--bits") == 0 && atol(v) >= 1 && atol(v) <= 60)
            o.bits = atol(v), i++;
        else if (strcmp(a, "--den") == 0 && atol(v) >= 1)
            o.den = atol(v), i++;
        else if (strcmp(a, "--sparsity") == 0 && atof(v) >= 0 && atof(v) <= 1)
            o.sparsity = atof(v), i++;
        else if (strcmp(a, "--lpdir") == 0)
            o.lpdir = v, i++;
        else if (strcmp(a, "--csv") == 0)
            o.csv = v, i++;
        else if (strcmp(a, "--p2-max-m") == 0 && atol(v) >= 1)
            o.p2_max_m = atol(v), i++;
        else
        {
            fprintf(stderr, "bench-exact: bad option %s\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (o.csv != NULL)
    {
        csv = fopen(o.csv, "w");
        if (csv == NULL)
        {
            fprintf(stderr, "bench-exact: cannot write %s: %s\n", o.csv, strerror(errno));
            return 1;
        }
        fprintf(csv, "section,m,N,seed,bits,den,sparsity,kd_s,pivots,bits_x,bits_v,support,"
                     "unique,esolver_s,kd_over_esolver,agree\n");
    }
    if (!o.no_bp)
        bad |= section_bp(&o, csv);
    bad |= section_p2(&o, csv);
    if (csv != NULL)
        fclose(csv);
    flint_cleanup();
    return bad ? 1 : 0;
}
