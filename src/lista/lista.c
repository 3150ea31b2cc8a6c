/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The LISTA network of Gregor-LeCun (2010), untied weights: memory,
   initialisations (ISTA and seeded), the forward pass in double, exact
   output as dyadic rationals, and the exact text format of the weights. */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "kdigits/iter.h"
#include "internal.h"

/* No fused multiply-add: GCC has -ffp-contract=off under -std=c11; Clang
   contracts by default, so say it (the fixed operation order of lista.h). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/* ------------------------------------------------------------ helpers */

void
_kd_lista_rng_init(_kd_lista_rng * g, uint64_t seed)
{
    g->s = seed;
}

uint64_t
_kd_lista_rng_next(_kd_lista_rng * g)
{
    uint64_t z = (g->s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

uint64_t
_kd_lista_rng_below(_kd_lista_rng * g, uint64_t n)
{
    /* 2^64 mod n draws are rejected so that the rest split evenly. */
    uint64_t rem = (UINT64_MAX % n + 1) % n, r;
    do
        r = _kd_lista_rng_next(g);
    while (r < rem);
    return r % n;
}

int
_kd_lista_all_finite(const double * v, slong n)
{
    slong i;
    for (i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return 0;
    return 1;
}

kd_status
_kd_lista_ws_init(_kd_lista_ws * w, const kd_lista_struct * net)
{
    slong L = net->L, m = net->m, N = net->N;
    w->xs = malloc((size_t) ((L + 1) * N) * sizeof(double));
    w->us = malloc((size_t) (L * N) * sizeof(double));
    w->rs = malloc((size_t) (L * m) * sizeof(double));
    w->g = malloc((size_t) N * sizeof(double));
    w->acc = malloc((size_t) N * sizeof(double));
    w->dr = malloc((size_t) m * sizeof(double));
    if (!w->xs || !w->us || !w->rs || !w->g || !w->acc || !w->dr)
    {
        _kd_lista_ws_clear(w);
        return kd_error_set(KD_ERR_NOMEM, "lista: out of memory for the work space");
    }
    return KD_OK;
}

void
_kd_lista_ws_clear(_kd_lista_ws * w)
{
    free(w->xs);
    free(w->us);
    free(w->rs);
    free(w->g);
    free(w->acc);
    free(w->dr);
    w->xs = w->us = w->rs = w->g = w->acc = w->dr = NULL;
}

/* ------------------------------------------------------------ forward */

void
_kd_lista_forward(const kd_lista_struct * net, const double * y, _kd_lista_ws * w)
{
    const slong L = net->L, m = net->m, N = net->N;
    slong i, j, k;

    memset(w->xs, 0, (size_t) N * sizeof(double));
    for (k = 0; k < L; k++)
    {
        const double * x = w->xs + k * N;
        double * xn = w->xs + (k + 1) * N;
        double * u = w->us + k * N;
        double * r = w->rs + k * m;
        const double * Wk = net->W + k * N * m;
        const double th = fabs(net->t[k]);

        /* r = y - B x: (B x)_i accumulated over j in increasing order as
           axpys with the rows of B^T, skipping x_j = 0 (x is sparse). */
        for (i = 0; i < m; i++)
            r[i] = 0.0;
        for (j = 0; j < N; j++)
        {
            const double a = x[j];
            const double * bt = net->Bt + j * m;
            if (a == 0.0)
                continue;
            _kd_lista_axpy(r, a, bt, m);
        }
        for (i = 0; i < m; i++)
            r[i] = y[i] - r[i];

        /* u = x + W_k r: dot products over j in increasing order; four rows
           at a time only to give the processor independent chains (each
           row's sum keeps its order). */
        for (i = 0; i + 4 <= N; i += 4)
        {
            const double * w0 = Wk + i * m, * w1 = w0 + m, * w2 = w1 + m, * w3 = w2 + m;
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
            for (j = 0; j < m; j++)
            {
                const double rj = r[j];
                s0 += w0[j] * rj;
                s1 += w1[j] * rj;
                s2 += w2[j] * rj;
                s3 += w3[j] * rj;
            }
            u[i] = x[i] + s0;
            u[i + 1] = x[i + 1] + s1;
            u[i + 2] = x[i + 2] + s2;
            u[i + 3] = x[i + 3] + s3;
        }
        for (; i < N; i++)
        {
            const double * w0 = Wk + i * m;
            double s0 = 0.0;
            for (j = 0; j < m; j++)
                s0 += w0[j] * r[j];
            u[i] = x[i] + s0;
        }

        /* soft threshold; |u_i| = theta gives 0 */
        for (i = 0; i < N; i++)
        {
            const double a = u[i];
            xn[i] = (a > th) ? a - th : (a < -th) ? a + th : 0.0;
        }
    }
}

/* ------------------------------------------------------------ memory */

static void
_kd_lista_zero_struct(kd_lista_t net)
{
    net->L = net->m = net->N = 0;
    net->B = net->Bt = net->W = net->t = NULL;
}

kd_status
kd_lista_init(kd_lista_t net, slong L, slong m, slong N)
{
    _kd_lista_zero_struct(net);
    if (L < 1 || L > KD_LISTA_DIM_MAX)
        return kd_error_set(KD_ERR_ARG, "lista: the number of layers L = %ld is not in [1, %d]",
                            (long) L, KD_LISTA_DIM_MAX);
    if (m < 1 || m > KD_LISTA_DIM_MAX || N < 1 || N > KD_LISTA_DIM_MAX)
        return kd_error_set(KD_ERR_ARG, "lista: B is %ld x %ld; both sizes must be in [1, %d]",
                            (long) m, (long) N, KD_LISTA_DIM_MAX);
    if ((double) L * (double) m * (double) N > 1e9)
        return kd_error_set(KD_ERR_ARG, "lista: L m N = %ld * %ld * %ld weights is too many",
                            (long) L, (long) m, (long) N);
    net->B = calloc((size_t) (m * N), sizeof(double));
    net->Bt = calloc((size_t) (m * N), sizeof(double));
    net->W = calloc((size_t) (L * N * m), sizeof(double));
    net->t = calloc((size_t) L, sizeof(double));
    if (!net->B || !net->Bt || !net->W || !net->t)
    {
        kd_lista_clear(net);
        return kd_error_set(KD_ERR_NOMEM, "lista: out of memory for %ld layers of %ld x %ld",
                            (long) L, (long) N, (long) m);
    }
    net->L = L;
    net->m = m;
    net->N = N;
    return KD_OK;
}

void
kd_lista_clear(kd_lista_t net)
{
    free(net->B);
    free(net->Bt);
    free(net->W);
    free(net->t);
    _kd_lista_zero_struct(net);
}

static void
_kd_lista_swap(kd_lista_t a, kd_lista_t b)
{
    kd_lista_struct t = *a;
    *a = *b;
    *b = t;
}

kd_status
kd_lista_set(kd_lista_t dst, const kd_lista_t src)
{
    kd_lista_t tmp;
    kd_status st;
    if (dst == src)
        return KD_OK;
    st = kd_lista_init(tmp, src->L, src->m, src->N);
    if (st != KD_OK)
        return st;
    memcpy(tmp->B, src->B, (size_t) (src->m * src->N) * sizeof(double));
    memcpy(tmp->Bt, src->Bt, (size_t) (src->m * src->N) * sizeof(double));
    memcpy(tmp->W, src->W, (size_t) (src->L * src->N * src->m) * sizeof(double));
    memcpy(tmp->t, src->t, (size_t) src->L * sizeof(double));
    _kd_lista_swap(dst, tmp);
    kd_lista_clear(tmp);
    return KD_OK;
}

int
kd_lista_equal(const kd_lista_t a, const kd_lista_t b)
{
    if (a->L != b->L || a->m != b->m || a->N != b->N)
        return 0;
    /* memcmp: bit for bit (distinguishes -0 from 0, as intended) */
    return memcmp(a->B, b->B, (size_t) (a->m * a->N) * sizeof(double)) == 0
        && memcmp(a->W, b->W, (size_t) (a->L * a->N * a->m) * sizeof(double)) == 0
        && memcmp(a->t, b->t, (size_t) a->L * sizeof(double)) == 0;
}

slong
kd_lista_layers(const kd_lista_t net)
{
    return net->L;
}

double
kd_lista_theta(const kd_lista_t net, slong k)
{
    return fabs(net->t[k]);
}

/* ------------------------------------------------------------ initialisation */

kd_status
kd_lista_set_B(kd_lista_t net, const double * B)
{
    slong i, j, m = net->m, N = net->N;
    if (!_kd_lista_all_finite(B, m * N))
        return kd_error_set(KD_ERR_ARG, "lista: B has a non-finite entry");
    for (i = 0; i < m; i++)
        for (j = 0; j < N; j++)
        {
            net->B[i * N + j] = B[i * N + j];
            net->Bt[j * m + i] = B[i * N + j];
        }
    return KD_OK;
}

/* L_B = RU(b^2), b the certified bound of ||B||_2 for the exact values of
   the doubles of B. */
static kd_status
_kd_lista_lb_certified(double * LB, const kd_lista_struct * net)
{
    fmpq_mat_t Bq;
    arf_t b, b2, t;
    slong i, j;
    kd_status st;

    fmpq_mat_init(Bq, net->m, net->N);
    arf_init(b);
    arf_init(b2);
    arf_init(t);
    for (i = 0; i < net->m; i++)
        for (j = 0; j < net->N; j++)
        {
            arf_set_d(t, net->B[i * net->N + j]);
            arf_get_fmpq(fmpq_mat_entry(Bq, i, j), t);
        }
    st = kd_iter_opnorm_ubound(b, Bq, NULL, 64);
    if (st == KD_OK)
    {
        arf_mul(b2, b, b, 64, ARF_RND_UP);
        if (arf_is_zero(b2))
            *LB = 1.0;
        else
        {
            *LB = arf_get_d(b2, ARF_RND_UP);
            if (!isfinite(*LB))
                st = kd_error_set(KD_ERR_ARG, "lista: ||B||_2^2 overflows double");
        }
    }
    arf_clear(t);
    arf_clear(b2);
    arf_clear(b);
    fmpq_mat_clear(Bq);
    return st;
}

kd_status
kd_lista_set_ista(kd_lista_t net, double * LB_used, const double * B, double lambda,
                  double LB)
{
    slong i, j, k, m = net->m, N = net->N;
    double th;
    kd_status st;

    if (!isfinite(lambda) || lambda < 0)
        return kd_error_set(KD_ERR_ARG, "lista: lambda = %g must be finite and >= 0", lambda);
    if (!isfinite(LB) || LB < 0)
        return kd_error_set(KD_ERR_ARG, "lista: L_B = %g must be finite and >= 0", LB);
    st = kd_lista_set_B(net, B);
    if (st != KD_OK)
        return st;
    if (LB == 0)
    {
        st = _kd_lista_lb_certified(&LB, net);
        if (st != KD_OK)
            return st;
    }
    th = lambda / LB;
    for (k = 0; k < net->L; k++)
    {
        double * Wk = net->W + k * N * m;
        for (i = 0; i < N; i++)
            for (j = 0; j < m; j++)
                Wk[i * m + j] = net->Bt[i * m + j] / LB;
        net->t[k] = th;
    }
    if (LB_used != NULL)
        *LB_used = LB;
    return KD_OK;
}

kd_status
kd_lista_set_random(kd_lista_t net, const double * B, ulong seed, double w_scale,
                    double theta)
{
    _kd_lista_rng g;
    slong i, n = net->L * net->N * net->m;
    kd_status st;

    if (!isfinite(w_scale) || w_scale < 0)
        return kd_error_set(KD_ERR_ARG, "lista: w_scale = %g must be finite and >= 0", w_scale);
    if (!isfinite(theta) || theta < 0)
        return kd_error_set(KD_ERR_ARG, "lista: theta = %g must be finite and >= 0", theta);
    st = kd_lista_set_B(net, B);
    if (st != KD_OK)
        return st;
    _kd_lista_rng_init(&g, (uint64_t) seed);
    for (i = 0; i < n; i++)
    {
        /* u in [0, 1) on the grid 2^-53; 2u - 1 is exact */
        double u = (double) (_kd_lista_rng_next(&g) >> 11) * 0x1p-53;
        net->W[i] = w_scale * (2.0 * u - 1.0);
    }
    for (i = 0; i < net->L; i++)
        net->t[i] = theta;
    return KD_OK;
}

/* ------------------------------------------------------------ evaluation */

kd_status
kd_lista_forward_d(double * x, const kd_lista_t net, const double * y)
{
    _kd_lista_ws w;
    kd_status st;
    if (!_kd_lista_all_finite(y, net->m))
        return kd_error_set(KD_ERR_ARG, "lista: y has a non-finite entry");
    st = _kd_lista_ws_init(&w, net);
    if (st != KD_OK)
        return st;
    _kd_lista_forward(net, y, &w);
    memmove(x, w.xs + net->L * net->N, (size_t) net->N * sizeof(double));
    _kd_lista_ws_clear(&w);
    return KD_OK;
}

kd_status
kd_lista_apply_fmpq(fmpq_mat_t x, const kd_lista_t net, const fmpq_mat_t y)
{
    slong i, m = net->m, N = net->N;
    double * yd, * xd;
    mpfr_t t;
    arf_t a;
    kd_status st = KD_OK;

    if (fmpq_mat_nrows(y) != m || fmpq_mat_ncols(y) != 1)
        return kd_error_set(KD_ERR_SIZE, "lista: y is %ld x %ld, expected %ld x 1",
                            (long) fmpq_mat_nrows(y), (long) fmpq_mat_ncols(y), (long) m);
    if (fmpq_mat_nrows(x) != N || fmpq_mat_ncols(x) != 1)
        return kd_error_set(KD_ERR_SIZE, "lista: x is %ld x %ld, expected %ld x 1",
                            (long) fmpq_mat_nrows(x), (long) fmpq_mat_ncols(x), (long) N);
    yd = malloc((size_t) m * sizeof(double));
    xd = malloc((size_t) N * sizeof(double));
    if (yd == NULL || xd == NULL)
    {
        free(yd);
        free(xd);
        return kd_error_set(KD_ERR_NOMEM, "lista: out of memory");
    }
    /* correctly rounded to nearest: MPFR at 53 bits, then exactly to double */
    mpfr_init2(t, 53);
    for (i = 0; i < m && st == KD_OK; i++)
    {
        fmpq_get_mpfr(t, fmpq_mat_entry(y, i, 0), MPFR_RNDN);
        yd[i] = mpfr_get_d(t, MPFR_RNDN);
        if (!isfinite(yd[i]) || (yd[i] != 0 && fabs(yd[i]) < DBL_MIN)
            || (mpfr_zero_p(t) && !fmpq_is_zero(fmpq_mat_entry(y, i, 0))))
            st = kd_error_set(KD_ERR_ARG, "lista: y_%ld does not round to a normal double",
                              (long) i);
    }
    mpfr_clear(t);
    if (st == KD_OK)
        st = kd_lista_forward_d(xd, net, yd);
    if (st == KD_OK && !_kd_lista_all_finite(xd, N))
        st = kd_error_set(KD_ERR_DOMAIN, "lista: the network output is not finite");
    if (st == KD_OK)
    {
        arf_init(a);
        for (i = 0; i < N; i++)
        {
            arf_set_d(a, xd[i]);
            arf_get_fmpq(fmpq_mat_entry(x, i, 0), a);
        }
        arf_clear(a);
    }
    free(yd);
    free(xd);
    return st;
}

/* ------------------------------------------------------------ text format */

/* v = M 2^E with M odd (or v = 0). */
static int
_kd_lista_put_d(FILE * f, double v)
{
    int e;
    double fr;
    long long M;
    if (v == 0)
        return fputs(signbit(v) ? "-0" : "0", f) >= 0;
    fr = frexp(v, &e);          /* v = fr 2^e, 1/2 <= |fr| < 1, exact */
    M = (long long) ldexp(fr, 53);      /* exact: fr has <= 53 bits */
    e -= 53;
    while ((M & 1) == 0)
    {
        M /= 2;
        e++;
    }
    return fprintf(f, "%lldp%d", M, e) > 0;
}

static kd_status
_kd_lista_write_vec(FILE * f, const double * v, slong rows, slong cols)
{
    slong i, j;
    for (i = 0; i < rows; i++)
        for (j = 0; j < cols; j++)
        {
            if (!_kd_lista_put_d(f, v[i * cols + j])
                || fputc(j + 1 < cols ? ' ' : '\n', f) == EOF)
                return kd_error_set(KD_ERR_IO, "lista: write error");
        }
    return KD_OK;
}

kd_status
kd_lista_write(FILE * f, const kd_lista_t net)
{
    kd_status st;
    slong k;
    if (fprintf(f, "kdigits-lista 1\n%ld %ld %ld\n", (long) net->L, (long) net->m,
                (long) net->N) < 0)
        return kd_error_set(KD_ERR_IO, "lista: write error");
    st = _kd_lista_write_vec(f, net->B, net->m, net->N);
    if (st == KD_OK)
        st = _kd_lista_write_vec(f, net->t, 1, net->L);
    for (k = 0; k < net->L && st == KD_OK; k++)
        st = _kd_lista_write_vec(f, net->W + k * net->N * net->m, net->N, net->m);
    if (st == KD_OK && fflush(f) != 0)
        st = kd_error_set(KD_ERR_IO, "lista: write error");
    return st;
}

/* A reader of whitespace-separated tokens that counts lines. */
typedef struct
{
    FILE * f;
    long line;
    char tok[128];
}
_kd_lista_reader;

/* 1: a token in r->tok; 0: end of file; -1: too long or read error. */
static int
_kd_lista_token(_kd_lista_reader * r)
{
    int c;
    size_t n = 0;
    do
    {
        c = fgetc(r->f);
        if (c == '\n')
            r->line++;
    }
    while (c == ' ' || c == '\t' || c == '\n' || c == '\r');
    if (c == EOF)
        return ferror(r->f) ? -1 : 0;
    while (c != EOF && c != ' ' && c != '\t' && c != '\n' && c != '\r')
    {
        if (n + 1 >= sizeof(r->tok))
            return -1;
        r->tok[n++] = (char) c;
        c = fgetc(r->f);
    }
    r->tok[n] = '\0';
    if (c == '\n')
        ungetc(c, r->f);
    return ferror(r->f) ? -1 : 1;
}

static kd_status
_kd_lista_read_d(double * v, _kd_lista_reader * r, const char * what)
{
    char * end;
    long long M;
    long E;
    int res = _kd_lista_token(r);
    if (res < 0)
        return kd_error_set(KD_ERR_FORMAT, "line %ld: unreadable token where %s was expected",
                            r->line, what);
    if (res == 0)
        return kd_error_set(KD_ERR_FORMAT, "line %ld: end of file where %s was expected",
                            r->line, what);
    if (strcmp(r->tok, "0") == 0)
    {
        *v = 0.0;
        return KD_OK;
    }
    if (strcmp(r->tok, "-0") == 0)
    {
        *v = -0.0;
        return KD_OK;
    }
    errno = 0;
    M = strtoll(r->tok, &end, 10);
    if (end == r->tok || *end != 'p' || errno != 0 || M == 0 || (M & 1) == 0
        || M >= (1LL << 53) || M <= -(1LL << 53))
        goto bad;
    {
        const char * es = end + 1;
        errno = 0;
        E = strtol(es, &end, 10);
        if (end == es || *end != '\0' || errno != 0 || E < -1200 || E > 1100)
            goto bad;
    }
    *v = ldexp((double) M, (int) E);
    /* exactness: reject overflow and lost bits (subnormal or zero) */
    if (!isfinite(*v) || *v == 0 || ldexp(*v, (int) -E) != (double) M)
        goto bad;
    return KD_OK;
bad:
    return kd_error_set(KD_ERR_FORMAT,
                        "line %ld: '%s' is not an exact double <odd integer>p<exponent> (%s)",
                        r->line, r->tok, what);
}

static kd_status
_kd_lista_read_size(slong * s, _kd_lista_reader * r, const char * what)
{
    char * end;
    long v;
    int res = _kd_lista_token(r);
    if (res <= 0)
        return kd_error_set(KD_ERR_FORMAT, "line %ld: %s expected", r->line, what);
    errno = 0;
    v = strtol(r->tok, &end, 10);
    if (end == r->tok || *end != '\0' || errno != 0 || v < 1 || v > KD_LISTA_DIM_MAX)
        return kd_error_set(KD_ERR_FORMAT, "line %ld: %s expected (an integer in [1, %d]), got '%s'",
                            r->line, what, KD_LISTA_DIM_MAX, r->tok);
    *s = v;
    return KD_OK;
}

kd_status
kd_lista_read(kd_lista_t net, FILE * f)
{
    _kd_lista_reader r;
    kd_lista_t tmp;
    slong L, m, N, i;
    double * Bbuf = NULL;
    kd_status st;
    int res;

    r.f = f;
    r.line = 1;
    res = _kd_lista_token(&r);
    if (res <= 0 || strcmp(r.tok, "kdigits-lista") != 0)
        return kd_error_set(KD_ERR_FORMAT, "line %ld: 'kdigits-lista' header expected", r.line);
    res = _kd_lista_token(&r);
    if (res <= 0 || strcmp(r.tok, "1") != 0)
        return kd_error_set(KD_ERR_FORMAT, "line %ld: format version 1 expected", r.line);
    if ((st = _kd_lista_read_size(&L, &r, "the number of layers L")) != KD_OK
        || (st = _kd_lista_read_size(&m, &r, "the row count m")) != KD_OK
        || (st = _kd_lista_read_size(&N, &r, "the column count N")) != KD_OK)
        return st;
    st = kd_lista_init(tmp, L, m, N);
    if (st != KD_OK)
        return st;
    Bbuf = malloc((size_t) (m * N) * sizeof(double));
    if (Bbuf == NULL)
        st = kd_error_set(KD_ERR_NOMEM, "lista: out of memory");
    for (i = 0; i < m * N && st == KD_OK; i++)
        st = _kd_lista_read_d(Bbuf + i, &r, "an entry of B");
    if (st == KD_OK)
        st = kd_lista_set_B(tmp, Bbuf);
    for (i = 0; i < L && st == KD_OK; i++)
        st = _kd_lista_read_d(tmp->t + i, &r, "a threshold parameter t_k");
    for (i = 0; i < L * N * m && st == KD_OK; i++)
        st = _kd_lista_read_d(tmp->W + i, &r, "an entry of W_k");
    if (st == KD_OK)
    {
        res = _kd_lista_token(&r);
        if (res != 0)
            st = kd_error_set(KD_ERR_FORMAT, "line %ld: end of file expected after the weights",
                              r.line);
    }
    free(Bbuf);
    if (st == KD_OK)
        _kd_lista_swap(net, tmp);
    kd_lista_clear(tmp);
    return st;
}

kd_status
kd_lista_save(const char * path, const kd_lista_t net)
{
    kd_status st;
    FILE * f = fopen(path, "w");
    if (f == NULL)
        return kd_error_set(KD_ERR_IO, "%s: cannot open for writing", path);
    st = kd_lista_write(f, net);
    if (fclose(f) != 0 && st == KD_OK)
        st = kd_error_set(KD_ERR_IO, "%s: write error", path);
    if (st != KD_OK)
        kd_error_prefix("%s", path);
    return st;
}

kd_status
kd_lista_load(kd_lista_t net, const char * path)
{
    kd_status st;
    FILE * f = fopen(path, "r");
    if (f == NULL)
        return kd_error_set(KD_ERR_IO, "%s: cannot open for reading", path);
    st = kd_lista_read(net, f);
    fclose(f);
    if (st != KD_OK)
        kd_error_prefix("%s", path);
    return st;
}
