/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits sci spectrum: the two spectral examples of the SCI hierarchy
   (theory.md §9): Hermitian eigenvalues from level-n oracles (Δ₁) and the
   spectrum of a self-adjoint tridiagonal operator on l^2(Z) from finite
   sections (Σ₁); proofs-notes/sci-spectrum.md. */
#include <string.h>
#include "cli.h"
#include "kdigits/spectrum.h"
#include "kdigits/util.h"

#define CMD "sci spectrum"
/* working precision of the certified residuals of part (b) */
#define OP_PREC 128
#define POINTS_DEFAULT 24

static void
help(void)
{
    printf(
        "usage: kdigits sci spectrum (--A FILE.mtx | --builtin NAME) [--n LIST] [--points K]\n"
        "       kdigits sci spectrum --operator almost-mathieu|laplacian [--lambda E]\n"
        "                            [--omega E] [--theta E] [--n LIST] [--points K]\n"
        "                            [--tol EPS] [--grid E]\n"
        "       common: [--format text|json|csv] [--max-prec BITS]\n"
        "\n"
        "Spectra with and without error control. (a) The eigenvalues of a Hermitian\n"
        "matrix are Delta_1: from the oracle's A_n (||A_n - A||_2 <= 2^-n) Weyl's\n"
        "inequality gives |lambda_j(A) - lambda_j(A_n)| <= 2^-n, and Arb encloses the\n"
        "eigenvalues of A_n, so every printed enclosure holds lambda_j(A), proved, with\n"
        "radius 2^-n plus a tiny Arb radius: the error is controlled for every n.\n"
        "(b) The spectrum of the infinite tridiagonal operator (Hx)_k = x_{k-1} +\n"
        "x_{k+1} + 2 lambda cos(2 pi (omega k + theta)) x_k (almost Mathieu; lambda = 0\n"
        "is the free Laplacian, Sp = [-2, 2]) is computed by a Sigma_1 tower: for each\n"
        "grid point z the finite section (H - z) P_n (indices -n..n) gives a vector v,\n"
        "and b(z) = ||(H - z) v|| / ||v||, evaluated in ball arithmetic with the exact\n"
        "coefficients, is a proved upper bound on dist(z, Sp(H)) (H is self-adjoint).\n"
        "The output points (local minimisers of b) are each certified to lie within\n"
        "their printed bound of the spectrum, and they converge to Sp(H) as n grows;\n"
        "but no finite n certifies that nothing was missed (Sigma_1, not Delta_1): the\n"
        "'missed' column compares with the finest level and is NOT certified.\n"
        "\n"
        "options:\n"
        "  --A FILE          a Matrix Market file of exact expressions (or builtin:NAME)\n"
        "  --builtin NAME    tridiag:N[:A:B]  the N x N tridiagonal Toeplitz matrix with\n"
        "                    A (real, default 0) on the diagonal and B (default 1; complex\n"
        "                    allowed, conj(B) below) beside it; eigenvalues\n"
        "                    A + 2|B| cos(j pi/(N+1)); or a built-in of 'kdigits oracle':\n"
        "%s"
        "                    (only Hermitian input is accepted)\n"
        "  --operator OP     almost-mathieu or laplacian\n"
        "  --lambda E        coupling, an exact expression (default 1: critical, a Cantor\n"
        "                    spectrum of measure 0)\n"
        "  --omega E         frequency (default (sqrt(5)-1)/2)\n"
        "  --theta E         phase (default 0)\n"
        "  --n LIST          levels: the oracle level (a, default 10,30,60) or the section\n"
        "                    half-width (b, default 16,64,256)\n"
        "  --points K        how many eigenvalues / points of the last level to print\n"
        "                    (default %d; JSON and CSV give all)\n"
        "  --tol EPS         (b) grid points with bound <= EPS seed a window whose best\n"
        "                    point is output (default 1/2)\n"
        "  --grid E          (b) grid spacing 2^-E at every level (default: E grows with\n"
        "                    n, max(6, ceil(log2 n) + 1))\n"
        "  --format F        text (default), json or csv\n"
        "  --max-prec BITS   (a) cap on the working precision\n"
        "\n"
        "examples:\n"
        "  kdigits sci spectrum --builtin tridiag:8 --n 10,30,60\n"
        "  kdigits sci spectrum --builtin 'tridiag:6:1/3:1/sqrt(2)' --format json\n"
        "  kdigits sci spectrum --operator almost-mathieu\n"
        "  kdigits sci spectrum --operator laplacian --n 32,128 --format json\n",
        kd_builtin_help, POINTS_DEFAULT);
}

typedef struct
{
    const char * A;
    const char * builtin;
    const char * op;
    const char * lambda;
    const char * omega;
    const char * theta;
    const char * tol;
    slong points;
    slong grid;
}
sp_args;

static int
own(int c, const char * arg, void * data)
{
    sp_args * a = data;
    switch (c)
    {
        case 'A': a->A = arg; return 1;
        case 'B': a->builtin = arg; return 1;
        case 'O': a->op = arg; return 1;
        case 'L': a->lambda = arg; return 1;
        case 'W': a->omega = arg; return 1;
        case 'T': a->theta = arg; return 1;
        case 'E': a->tol = arg; return 1;
        case 'K': return kd_cli_parse_slong(&a->points, arg, CMD, "--points", 0, WORD_MAX) ? 1 : -1;
        case 'G': return kd_cli_parse_slong(&a->grid, arg, CMD, "--grid", 0, 30) ? 1 : -1;
        default: return 0;
    }
}

/* ------------------------------------------------------------ helpers */

/* j 2^-e exactly in decimal (a dyadic has a finite decimal expansion). */
static char *
dyadic_decimal(slong j, slong e)
{
    fmpz_t m;
    char * s, * out;
    size_t len, neg, intlen, k;
    fmpz_init(m);
    fmpz_set_si(m, j);
    fmpz_abs(m, m);
    for (k = 0; k < (size_t) e; k++)
        fmpz_mul_ui(m, m, 5);       /* j 2^-e = j 5^e / 10^e */
    s = fmpz_get_str(NULL, 10, m);
    len = strlen(s);
    neg = j < 0;
    out = flint_malloc(len + (size_t) e + 4);
    intlen = len > (size_t) e ? len - (size_t) e : 0;
    k = 0;
    if (neg)
        out[k++] = '-';
    if (intlen == 0)
        out[k++] = '0';
    else
    {
        memcpy(out + k, s, intlen);
        k += intlen;
    }
    if (e > 0)
    {
        size_t frac = (size_t) e, pad = len < frac ? frac - len : 0, p;
        out[k++] = '.';
        for (p = 0; p < pad; p++)
            out[k++] = '0';
        memcpy(out + k, s + intlen, len - intlen);
        k += len - intlen;
        while (out[k - 1] == '0')
            k--;
        if (out[k - 1] == '.')
            k--;
    }
    out[k] = '\0';
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
    flint_free(s);
    fmpz_clear(m);
    return out;
}

/* x with `places` decimals, rounded up (up = 1) or down: a one-sided bound
   stays valid when printed. */
static char *
arf_decimal_dir(const arf_t x, slong places, int up)
{
    fmpq_t q;
    fmpz_t k, t;
    char * s;
    slong j;
    fmpq_init(q);
    fmpz_init(k);
    fmpz_init(t);
    arf_get_fmpq(q, x);
    fmpz_ui_pow_ui(t, 10, places);
    fmpz_mul(k, fmpq_numref(q), t);
    if (up)
        fmpz_cdiv_q(k, k, fmpq_denref(q));
    else
        fmpz_fdiv_q(k, k, fmpq_denref(q));
    /* k / 10^places = (k 2^places / 5^places) 2^-places is not dyadic in
       general: print the integer k with a decimal point instead */
    s = fmpz_get_str(NULL, 10, k);
    {
        size_t len = strlen(s), neg = s[0] == '-', digits = len - neg, p = (size_t) places;
        char * out = flint_malloc(len + p + 4);
        size_t o = 0;
        if (neg)
            out[o++] = '-';
        if (digits <= p)
        {
            out[o++] = '0';
            out[o++] = '.';
            for (j = 0; j < (slong) (p - digits); j++)
                out[o++] = '0';
            memcpy(out + o, s + neg, digits);
            o += digits;
        }
        else
        {
            memcpy(out + o, s + neg, digits - p);
            o += digits - p;
            out[o++] = '.';
            memcpy(out + o, s + neg + digits - p, p);
            o += p;
        }
        out[o] = '\0';
        flint_free(s);
        s = out;
    }
    fmpq_clear(q);
    fmpz_clear(k);
    fmpz_clear(t);
    return s;
}

/* "2^-e" as "1/2^e" */
static char *
spacing_str(slong e)
{
    char * s = flint_malloc(32);
    if (e == 0)
        strcpy(s, "1");
    else
        snprintf(s, 32, "1/%lu", (unsigned long) (UWORD(1) << e));
    return s;
}

/* Indices of at most K of len items, spread evenly, first and last kept. */
static slong
sample_index(slong i, slong K, slong len)
{
    if (len <= K || K <= 1)
        return i;
    return (slong) ((double) i * (double) (len - 1) / (double) (K - 1) + 0.5);
}

/* ================================================= (a) Hermitian matrices */

/* tridiag:N[:A:B] */
static kd_status
builtin_tridiag(kd_mat_t M, const char * spec)
{
    const char * arg = spec + strlen("tridiag");
    char buf[512], * fields[3];
    slong N, i, nf = 0;
    char * end, * p;
    kd_real_t a;
    kd_complex_t b, cb, za;
    kd_status st = KD_OK;

    if (*arg != ':' || strlen(arg + 1) >= sizeof buf)
        return kd_error_set(KD_ERR_ARG, "built-in '%s': expected tridiag:N or tridiag:N:A:B", spec);
    strcpy(buf, arg + 1);
    fields[0] = buf;
    nf = 1;
    for (p = buf; *p; p++)
        if (*p == ':')
        {
            if (nf == 3)
                return kd_error_set(KD_ERR_ARG, "built-in '%s': expected tridiag:N or tridiag:N:A:B", spec);
            *p = '\0';
            fields[nf++] = p + 1;
        }
    if (nf == 2)
        return kd_error_set(KD_ERR_ARG, "built-in '%s': give both A and B (tridiag:N:A:B)", spec);
    N = strtol(fields[0], &end, 10);
    if (*fields[0] == '\0' || *end != '\0' || N < 1 || N > KD_SPECTRUM_DIM_MAX)
        return kd_error_set(KD_ERR_ARG, "built-in '%s': N must be an integer in [1, %d]",
                            spec, KD_SPECTRUM_DIM_MAX);
    kd_real_init(a);
    kd_complex_init(b);
    kd_complex_init(cb);
    kd_complex_init(za);
    kd_complex_one(b);
    if (nf == 3)
    {
        if ((st = kd_real_parse(a, fields[1])) != KD_OK)
            kd_error_prefix("built-in '%s': A", spec);
        else if ((st = kd_complex_parse(b, fields[2])) != KD_OK)
            kd_error_prefix("built-in '%s': B", spec);
    }
    if (st == KD_OK)
        st = kd_mat_resize(M, N, N);
    if (st == KD_OK)
    {
        kd_complex_conj(cb, b);
        kd_complex_set_real(za, a);
        for (i = 0; i < N; i++)
        {
            kd_mat_set_entry(M, i, i, za);
            if (i + 1 < N)
            {
                kd_mat_set_entry(M, i, i + 1, b);
                kd_mat_set_entry(M, i + 1, i, cb);
            }
        }
    }
    kd_real_clear(a);
    kd_complex_clear(b);
    kd_complex_clear(cb);
    kd_complex_clear(za);
    return st;
}

static kd_status
load_matrix(kd_mat_t M, const char * spec, int is_builtin)
{
    if (!is_builtin && strncmp(spec, "builtin:", 8) == 0)
    {
        spec += 8;
        is_builtin = 1;
    }
    if (!is_builtin)
        return kd_mtx_read(M, spec);
    if (strncmp(spec, "tridiag", 7) == 0 && (spec[7] == ':' || spec[7] == '\0'))
        return builtin_tridiag(M, spec);
    return kd_builtin_mat(M, spec);
}

static int
run_hermitian(const sp_args * a, kd_cli_opts * o)
{
    static const slong def[3] = {10, 30, 60};
    const char * name = a->A != NULL ? a->A : a->builtin;
    kd_mat_t M;
    kd_oracle_t O;
    arb_ptr * eig = NULL;
    kd_truth herm;
    slong N = 0, i, j, bi, bj, K;
    mag_t rad, arbrad, pw;
    kd_status st;
    int ret = 0, oracle_init = 0;

    kd_cli_opts_default_levels(o, def, 3);
    kd_mat_init(M, 0, 0);
    mag_init(rad);
    mag_init(arbrad);
    mag_init(pw);
    if ((st = load_matrix(M, name, a->builtin != NULL)) != KD_OK)
        goto fail;
    N = M->r;
    if (M->r != M->c)
    {
        st = kd_error_set(KD_ERR_SIZE, "%s is %ld x %ld: a Hermitian matrix must be square",
                          name, M->r, M->c);
        goto fail;
    }
    if (N > KD_SPECTRUM_DIM_MAX)
    {
        st = kd_error_set(KD_ERR_SIZE, "%s has order %ld, more than %d", name, N, KD_SPECTRUM_DIM_MAX);
        goto fail;
    }
    if ((st = kd_spectrum_is_hermitian(&herm, &bi, &bj, M, 0)) != KD_OK)
        goto fail;
    if (herm == KD_FALSE)
    {
        st = kd_error_set(KD_ERR_DOMAIN, "%s is not Hermitian: a_%ld,%ld - conj(a_%ld,%ld) != 0 (proved)",
                          name, bi + 1, bj + 1, bj + 1, bi + 1);
        goto fail;
    }
    if (herm == KD_UNKNOWN)
    {
        st = kd_error_set(KD_ERR_UNDECIDED, "cannot certify that %s is Hermitian: a_%ld,%ld -"
                          " conj(a_%ld,%ld) is neither recognised as 0 nor separated from 0",
                          name, bi + 1, bj + 1, bj + 1, bi + 1);
        goto fail;
    }
    if ((st = kd_oracle_init_mat(O, M)) != KD_OK)
    {
        kd_oracle_clear(O);
        goto fail;
    }
    oracle_init = 1;
    if (o->prec_cap != 0)
        kd_oracle_set_prec_cap(O, o->prec_cap);
    eig = flint_calloc(o->nlevels, sizeof(arb_ptr));
    for (i = 0; i < o->nlevels; i++)
    {
        eig[i] = _arb_vec_init(N);
        if ((st = kd_spectrum_hermitian(eig[i], O, o->levels[i], o->prec_cap)) != KD_OK)
        {
            kd_error_prefix("n = %ld", o->levels[i]);
            goto fail;
        }
    }

    K = a->points < 0 ? POINTS_DEFAULT : a->points;
    if (o->fmt == KD_FMT_JSON)
    {
        json_t * root = json_object(), * jn = json_array(), * jl = json_array(), * jr = json_array();
        json_object_set_new(root, "matrix", json_string(name));
        json_object_set_new(root, "order", json_integer(N));
        json_object_set_new(root, "complex", M->is_complex ? json_true() : json_false());
        json_object_set_new(root, "hermitian", json_true());
        for (i = 0; i < o->nlevels; i++)
            json_array_append_new(jn, json_integer(o->levels[i]));
        json_object_set_new(root, "n", jn);
        for (i = 0; i < o->nlevels; i++)
        {
            json_t * lv = json_object(), * je = json_array();
            slong d = kd_cli_default_digits(o->levels[i]);
            mag_zero(rad);
            for (j = 0; j < N; j++)
            {
                json_array_append_new(je, kd_json_arb(eig[i] + j, d));
                mag_max(rad, rad, arb_radref(eig[i] + j));
            }
            json_object_set_new(lv, "n", json_integer(o->levels[i]));
            json_object_set_new(lv, "eigenvalues", je);
            json_object_set_new(lv, "max_radius", kd_json_mag(rad));
            mag_set_ui_2exp_si(pw, 1, -o->levels[i]);
            json_object_set_new(lv, "weyl_radius", kd_json_mag(pw));
            json_array_append_new(jl, lv);
        }
        json_object_set_new(root, "levels", jl);
        for (i = 0; i < kd_oracle_nreads(O); i++)
            json_array_append_new(jr, json_integer(kd_oracle_read_level(O, i)));
        json_object_set_new(root, "oracle_reads", jr);
        json_object_set_new(root, "certified",
            json_string("lambda_j(A) lies in the j-th enclosure (ascending), for every level: "
                        "Weyl's inequality (2^-n from the oracle) plus an Arb enclosure of the "
                        "eigenvalues of A_n; Delta_1"));
        ret = kd_json_print(root);
    }
    else if (o->fmt == KD_FMT_CSV)
    {
        printf("n,j,mid,rad\n");
        for (i = 0; i < o->nlevels; i++)
            for (j = 0; j < N; j++)
            {
                char * mid, * r;
                kd_arb_get_decimal(&mid, &r, eig[i] + j, kd_cli_default_digits(o->levels[i]));
                printf("%ld,%ld,%s,%s\n", o->levels[i], j + 1, mid, r);
                flint_free(mid);
                flint_free(r);
            }
    }
    else
    {
        slong last = o->nlevels - 1, shown = FLINT_MIN(K, N);
        printf("Eigenvalues of the Hermitian matrix %s (%ld x %ld, %s), Delta_1:\n", name, N, N,
               M->is_complex ? "complex Hermitian" : "real symmetric");
        printf("from the oracle's A_n (||A_n - A||_2 <= 2^-n), Weyl gives |lambda_j(A) - lambda_j(A_n)|"
               " <= 2^-n;\nArb encloses the eigenvalues of A_n, so each radius is 2^-n + the Arb radius.\n\n");
        printf("  %6s  %-14s  %-14s  %s\n", "n", "max radius", "2^-n", "Arb part");
        for (i = 0; i < o->nlevels; i++)
        {
            char * s1, * s2, * s3;
            mag_zero(rad);
            mag_zero(arbrad);
            mag_set_ui_2exp_si(pw, 1, -o->levels[i]);
            for (j = 0; j < N; j++)
                mag_max(rad, rad, arb_radref(eig[i] + j));
            /* the Arb part: radius - 2^-n (rounded up) */
            mag_sub(arbrad, rad, pw);
            s1 = kd_mag_get_decimal(rad, 6);
            s2 = kd_mag_get_decimal(pw, 6);
            s3 = kd_mag_get_decimal(arbrad, 3);
            printf("  %6ld  %-14s  %-14s  <= %s\n", o->levels[i], s1, s2, s3);
            flint_free(s1);
            flint_free(s2);
            flint_free(s3);
        }
        printf("\nEnclosures at n = %ld (%ld of %ld shown; lambda_j(A) lies in each, proved):\n",
               o->levels[last], shown, N);
        for (i = 0; i < shown; i++)
        {
            char * mid, * r;
            j = sample_index(i, shown, N);
            kd_arb_get_decimal(&mid, &r, eig[last] + j, kd_cli_default_digits(o->levels[last]));
            printf("  %5ld  %s +/- %s\n", j + 1, mid, r);
            flint_free(mid);
            flint_free(r);
        }
        printf("\nThe oracle was read once per level (levels");
        for (i = 0; i < kd_oracle_nreads(O); i++)
            printf(" %ld", kd_oracle_read_level(O, i));
        printf("). The error is controlled: asking for level n\n"
               "guarantees accuracy 2^-n (plus the tiny Arb radius, itself proved), for\n"
               "every Hermitian input; this is what Delta_1 means. Contrast: kdigits sci\n"
               "spectrum --operator almost-mathieu (Sigma_1).\n");
    }
    goto done;
fail:
    ret = kd_cli_fail(CMD, st);
done:
    if (eig != NULL)
    {
        for (i = 0; i < o->nlevels; i++)
            if (eig[i] != NULL)
                _arb_vec_clear(eig[i], N);
        flint_free(eig);
    }
    if (oracle_init)
        kd_oracle_clear(O);
    kd_mat_clear(M);
    mag_clear(rad);
    mag_clear(arbrad);
    mag_clear(pw);
    return ret;
}

/* ============================================== (b) tridiagonal operators */

static kd_status
parse_real_opt(kd_real_t x, const char * s, const char * def, const char * opt)
{
    kd_status st = kd_real_parse(x, s != NULL ? s : def);
    if (st != KD_OK)
        kd_error_prefix("%s", opt);
    return st;
}

static int
run_operator(const sp_args * a, kd_cli_opts * o)
{
    static const slong def[3] = {16, 64, 256};
    int laplacian;
    kd_real_t lam, om, th, tolx;
    kd_tridiag_op_t H;
    kd_spectrum_level_struct * L = NULL;
    arf_struct * missed = NULL;
    arb_t tb;
    mag_t tol;
    fmpq_t lo, hi;
    arf_t x, y;
    slong i, k, K, last;
    kd_status st = KD_OK;
    int ret = 0, op_init = 0;

    laplacian = strcmp(a->op, "laplacian") == 0;
    if (!laplacian && strcmp(a->op, "almost-mathieu") != 0)
        return kd_cli_usage(CMD, "unknown operator '%s' (almost-mathieu or laplacian)", a->op);
    if (laplacian && (a->lambda != NULL || a->omega != NULL || a->theta != NULL))
        return kd_cli_usage(CMD, "--lambda, --omega, --theta do not apply to the laplacian"
                            " (it is almost-mathieu with lambda = 0)");
    for (i = 0; i < o->nlevels; i++)
        if (o->levels[i] < 1 || o->levels[i] > KD_SPECTRUM_SECTION_MAX)
            return kd_cli_usage(CMD, "--n: section half-width %ld is out of range [1, %d]",
                                o->levels[i], KD_SPECTRUM_SECTION_MAX);
    kd_cli_opts_default_levels(o, def, 3);
    kd_real_init(lam);
    kd_real_init(om);
    kd_real_init(th);
    kd_real_init(tolx);
    arb_init(tb);
    mag_init(tol);
    fmpq_init(lo);
    fmpq_init(hi);
    arf_init(x);
    arf_init(y);
    if ((st = parse_real_opt(lam, laplacian ? "0" : a->lambda, "1", "--lambda")) != KD_OK
        || (st = parse_real_opt(om, a->omega, "(sqrt(5)-1)/2", "--omega")) != KD_OK
        || (st = parse_real_opt(th, a->theta, "0", "--theta")) != KD_OK
        || (st = parse_real_opt(tolx, a->tol, "1/2", "--tol")) != KD_OK)
        goto fail;
    if ((st = kd_real_enclose(tb, tolx, 64, 0)) != KD_OK)
    {
        kd_error_prefix("--tol");
        goto fail;
    }
    if (!arb_is_positive(tb))
    {
        ret = kd_cli_usage(CMD, "--tol must be > 0");
        goto done;
    }
    arb_get_mag(tol, tb);
    st = kd_tridiag_op_init_almost_mathieu(H, lam, om, th);
    op_init = 1;
    if (st != KD_OK)
        goto fail;
    /* the grid covers [-R, R], R = ||H|| + 1/2 rounded up to a quarter, so
       that points outside the spectrum are tried too */
    arf_set_mag(x, &H->norm);
    arf_get_fmpq(hi, x);
    fmpq_mul_2exp(hi, hi, 2);
    fmpz_cdiv_q(fmpq_numref(hi), fmpq_numref(hi), fmpq_denref(hi));
    fmpz_add_ui(fmpq_numref(hi), fmpq_numref(hi), 2);   /* ceil(4 norm) + 2 */
    fmpz_one(fmpq_denref(hi));
    fmpq_div_2exp(hi, hi, 2);
    fmpq_neg(lo, hi);

    L = flint_calloc(o->nlevels, sizeof(kd_spectrum_level_struct));
    missed = flint_calloc(o->nlevels, sizeof(arf_struct));
    for (i = 0; i < o->nlevels; i++)
    {
        arf_init(missed + i);
        kd_spectrum_level_init(L + i);
    }
    for (i = 0; i < o->nlevels; i++)
    {
        slong n = o->levels[i], e = a->grid >= 0 ? a->grid : FLINT_MAX(6, kd_clog2((ulong) n) + 1);
        if ((st = kd_spectrum_tridiag_points(L + i, H, n, e, lo, hi, tol, OP_PREC)) != KD_OK)
        {
            kd_error_prefix("n = %ld", n);
            goto fail;
        }
    }
    last = o->nlevels - 1;
    for (i = 0; i < last; i++)
        kd_spectrum_level_excess(missed + i, L + last, L + i);
    K = a->points < 0 ? POINTS_DEFAULT : a->points;

    if (o->fmt == KD_FMT_JSON)
    {
        json_t * root = json_object(), * jn = json_array(), * jl = json_array();
        json_object_set_new(root, "operator", json_string(laplacian ? "laplacian" : "almost-mathieu"));
        json_object_set_new(root, "lambda", kd_json_take_string(kd_real_get_str(lam)));
        json_object_set_new(root, "omega", kd_json_take_string(kd_real_get_str(om)));
        json_object_set_new(root, "theta", kd_json_take_string(kd_real_get_str(th)));
        json_object_set_new(root, "norm_bound", kd_json_mag(&H->norm));
        json_object_set_new(root, "grid_lo", kd_json_fmpq(lo));
        json_object_set_new(root, "grid_hi", kd_json_fmpq(hi));
        json_object_set_new(root, "tol", kd_json_take_string(kd_real_get_str(tolx)));
        for (i = 0; i < o->nlevels; i++)
            json_array_append_new(jn, json_integer(o->levels[i]));
        json_object_set_new(root, "n", jn);
        for (i = 0; i < o->nlevels; i++)
        {
            json_t * lv = json_object(), * jp = json_array();
            const kd_spectrum_level_struct * l = L + i;
            for (k = 0; k < l->len; k++)
            {
                json_t * p = json_object();
                json_object_set_new(p, "z", kd_json_take_string(dyadic_decimal(l->j[k], l->e)));
                json_object_set_new(p, "bound", kd_json_mag(l->bound + k));
                json_array_append_new(jp, p);
            }
            json_object_set_new(lv, "n", json_integer(l->n));
            json_object_set_new(lv, "grid_spacing", kd_json_take_string(spacing_str(l->e)));
            json_object_set_new(lv, "grid_points", json_integer(l->grid_len));
            json_object_set_new(lv, "seeds", json_integer(l->seeds));
            json_object_set_new(lv, "points", jp);
            json_object_set_new(lv, "max_bound", kd_json_mag(&l->max_bound));
            if (kd_spectrum_level_extent(x, y, l))
            {
                json_t * ex = json_object();
                json_object_set_new(ex, "inf_sp_at_most", kd_json_take_string(arf_decimal_dir(x, 6, 1)));
                json_object_set_new(ex, "sup_sp_at_least", kd_json_take_string(arf_decimal_dir(y, 6, 0)));
                json_object_set_new(lv, "extent", ex);
            }
            else
                json_object_set_new(lv, "extent", json_null());
            if (i < last && arf_is_finite(missed + i))
                json_object_set_new(lv, "missed_vs_finest_not_certified",
                                    kd_json_take_string(arf_decimal_dir(missed + i, 6, 1)));
            else
                json_object_set_new(lv, "missed_vs_finest_not_certified", json_null());
            json_array_append_new(jl, lv);
        }
        json_object_set_new(root, "levels", jl);
        json_object_set_new(root, "certified",
            json_string("every point z satisfies dist(z, Sp(H)) <= bound (Sigma_1: each output "
                        "point is correct); extent: inf Sp(H) <= inf_sp_at_most and "
                        "sup Sp(H) >= sup_sp_at_least"));
        json_object_set_new(root, "not_certified",
            json_string("which parts of Sp(H) no point has found yet: a Sigma_1 tower cannot "
                        "bound it; missed_vs_finest_not_certified only compares with the finest "
                        "level"));
        ret = kd_json_print(root);
    }
    else if (o->fmt == KD_FMT_CSV)
    {
        printf("n,z,bound\n");
        for (i = 0; i < o->nlevels; i++)
            for (k = 0; k < L[i].len; k++)
            {
                char * z = dyadic_decimal(L[i].j[k], L[i].e), * b = kd_mag_get_decimal(L[i].bound + k, 6);
                printf("%ld,%s,%s\n", L[i].n, z, b);
                flint_free(z);
                flint_free(b);
            }
    }
    else
    {
        char * s, * s2;
        const kd_spectrum_level_struct * l = L + last;
        slong shown = FLINT_MIN(K, l->len);
        if (laplacian)
            printf("Spectrum of the free Laplacian (Hx)_k = x_{k-1} + x_{k+1} on l^2(Z)"
                   " (Sp(H) = [-2, 2]);\n");
        else
        {
            char * sl = kd_real_get_str(lam), * so = kd_real_get_str(om), * st2 = kd_real_get_str(th);
            printf("Spectrum of the almost Mathieu operator on l^2(Z),\n"
                   "(Hx)_k = x_{k-1} + x_{k+1} + 2 lambda cos(2 pi (omega k + theta)) x_k,\n"
                   "lambda = %s, omega = %s, theta = %s;\n", sl, so, st2);
            flint_free(sl);
            flint_free(so);
            flint_free(st2);
        }
        s = kd_mag_get_decimal(&H->norm, 6);
        s2 = kd_fmpq_get_decimal(hi, 6);
        printf("||H|| <= %s; grid 2^-e Z on [-%s, %s]; Sigma_1 tower from the sections k = -n..n.\n\n",
               s, s2, s2);
        flint_free(s);
        flint_free(s2);
        printf("  %6s  %-7s  %7s  %7s  %-12s  %-26s  %s\n", "n", "h", "grid", "points",
               "max bound", "certified extent", "missed (NOT certified)");
        for (i = 0; i < o->nlevels; i++)
        {
            char * h = spacing_str(L[i].e), * mb = kd_mag_get_decimal(&L[i].max_bound, 4);
            char ext[128], ms[64];
            if (kd_spectrum_level_extent(x, y, L + i))
            {
                char * e1 = arf_decimal_dir(x, 5, 1), * e2 = arf_decimal_dir(y, 5, 0);
                snprintf(ext, sizeof ext, "[%s, %s]", e1, e2);
                flint_free(e1);
                flint_free(e2);
            }
            else
                strcpy(ext, "(no points)");
            if (i == last)
                strcpy(ms, "(finest level)");
            else if (!arf_is_finite(missed + i))
                strcpy(ms, "everything");
            else
            {
                char * e1 = arf_decimal_dir(missed + i, 4, 1);
                snprintf(ms, sizeof ms, "%s", e1);
                flint_free(e1);
            }
            printf("  %6ld  %-7s  %7ld  %7ld  %-12s  %-26s  %s\n", L[i].n, h, L[i].grid_len,
                   L[i].len, L[i].len ? mb : "-", ext, ms);
            flint_free(h);
            flint_free(mb);
        }
        printf("\nPoints of Gamma_%ld (%ld of %ld shown; all with --format json): dist(z, Sp(H))"
               " <= bound, proved\n", l->n, shown, l->len);
        printf("  %-16s  %s\n", "z (exact)", "bound");
        for (i = 0; i < shown; i++)
        {
            slong j = sample_index(i, shown, l->len);
            char * z = dyadic_decimal(l->j[j], l->e), * b = kd_mag_get_decimal(l->bound + j, 6);
            printf("  %-16s  %s\n", z, b);
            flint_free(z);
            flint_free(b);
        }
        printf("\nCertified (Sigma_1): each printed z lies within its bound of Sp(H): the bound is\n"
               "||(H - z) v|| / ||v|| for a finitely supported v, evaluated in ball arithmetic\n"
               "with the exact coefficients, and dist(z, Sp(H)) <= ||(H - z) v|| / ||v|| for a\n"
               "self-adjoint H. Hence also inf Sp(H) <= the left and sup Sp(H) >= the right end\n"
               "of the 'certified extent'. As n grows and the grid refines, the points converge\n"
               "to Sp(H) in the Hausdorff metric. NOT certified: that the points have found all\n"
               "of Sp(H); no finite section can prove that parts of the spectrum are not still\n"
               "missing (the tower is Sigma_1, not Delta_1). The 'missed' column is only the\n"
               "distance from the finest level's points to this level's points.\n");
    }
    goto done;
fail:
    ret = kd_cli_fail(CMD, st);
done:
    if (L != NULL)
    {
        for (i = 0; i < o->nlevels; i++)
        {
            kd_spectrum_level_clear(L + i);
            arf_clear(missed + i);
        }
        flint_free(L);
        flint_free(missed);
    }
    if (op_init)
        kd_tridiag_op_clear(H);
    kd_real_clear(lam);
    kd_real_clear(om);
    kd_real_clear(th);
    kd_real_clear(tolx);
    arb_clear(tb);
    mag_clear(tol);
    fmpq_clear(lo);
    fmpq_clear(hi);
    arf_clear(x);
    arf_clear(y);
    return ret;
}

int
kd_cli_sci_spectrum(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"A", required_argument, NULL, 'A'},
        {"builtin", required_argument, NULL, 'B'},
        {"operator", required_argument, NULL, 'O'},
        {"lambda", required_argument, NULL, 'L'},
        {"omega", required_argument, NULL, 'W'},
        {"theta", required_argument, NULL, 'T'},
        {"tol", required_argument, NULL, 'E'},
        {"points", required_argument, NULL, 'K'},
        {"grid", required_argument, NULL, 'G'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    sp_args a = {NULL, NULL, NULL, NULL, NULL, NULL, NULL, -1, -1};
    kd_cli_opts o;
    int r, nsrc;

    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, CMD, own, &a, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    nsrc = (a.A != NULL) + (a.builtin != NULL) + (a.op != NULL);
    if (nsrc != 1)
        r = kd_cli_usage(CMD, nsrc == 0 ? "give --A FILE, --builtin NAME or --operator NAME"
                         : "give only one of --A, --builtin and --operator");
    else if (a.op == NULL && (a.lambda != NULL || a.omega != NULL || a.theta != NULL
                              || a.tol != NULL || a.grid >= 0))
        r = kd_cli_usage(CMD, "--lambda, --omega, --theta, --tol and --grid need --operator");
    else if (a.op != NULL)
        r = run_operator(&a, &o);
    else
        r = run_hermitian(&a, &o);
    kd_cli_opts_clear(&o);
    return r;
}
