/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The basis pursuit probe (kdigits/bpprobe.h): the instance, its exact
   solution against the closed form, the exact judgement of a candidate, and
   the exact LP file and double-rounded problem of the peers. */
#include <string.h>
#include "internal.h"
#include "kdigits/bpprobe.h"
#include "kdigits/util.h"

static kd_status
check_k(slong k)
{
    if (k < 1 || k > KD_BP_PROBE_K_MAX)
        return kd_error_set(KD_ERR_ARG, "k = %ld is out of range [1, %d]", k, KD_BP_PROBE_K_MAX);
    return KD_OK;
}

kd_status
kd_bp_probe_instance(fmpq_mat_t A, fmpq_mat_t y, slong k)
{
    kd_status st = check_k(k);
    fmpq_t t;
    if (st != KD_OK)
        return st;
    _kd_fmpq_mat_fit(A, 1, 2);
    _kd_fmpq_mat_fit(y, 1, 1);
    fmpq_init(t);
    fmpq_one(fmpq_mat_entry(A, 0, 0));
    /* 1 + 2^-k = (2^k + 1) / 2^k */
    fmpz_one(fmpq_numref(t));
    fmpz_mul_2exp(fmpq_denref(t), fmpq_numref(t), (ulong) k);
    fmpq_add_si(fmpq_mat_entry(A, 0, 1), t, 1);
    fmpq_one(fmpq_mat_entry(y, 0, 0));
    fmpq_clear(t);
    return KD_OK;
}

kd_status
kd_bp_probe_closed_form(fmpq_mat_t x, slong k)
{
    kd_status st = check_k(k);
    fmpz_t p;
    if (st != KD_OK)
        return st;
    _kd_fmpq_mat_fit(x, 2, 1);
    fmpz_init(p);
    fmpz_one(p);
    fmpz_mul_2exp(p, p, (ulong) k);
    fmpq_zero(fmpq_mat_entry(x, 0, 0));
    fmpz_set(fmpq_mat_entry_num(x, 1, 0), p);
    fmpz_add_ui(fmpq_mat_entry_den(x, 1, 0), p, 1);   /* coprime: consecutive */
    fmpz_clear(p);
    return KD_OK;
}

void
kd_bp_probe_init(kd_bp_probe_t P)
{
    P->k = 0;
    fmpq_mat_init(&P->A, 0, 0);
    fmpq_mat_init(&P->y, 0, 1);
    kd_bp_result_init(&P->bp);
    fmpq_mat_init(&P->closed, 0, 1);
    P->agrees = KD_UNKNOWN;
}

void
kd_bp_probe_clear(kd_bp_probe_t P)
{
    fmpq_mat_clear(&P->A);
    fmpq_mat_clear(&P->y);
    kd_bp_result_clear(&P->bp);
    fmpq_mat_clear(&P->closed);
}

static void
probe_empty(kd_bp_probe_t P)
{
    kd_bp_probe_clear(P);
    kd_bp_probe_init(P);
}

kd_status
kd_bp_probe_set(kd_bp_probe_t P, const fmpq_mat_t A, const fmpq_mat_t y)
{
    kd_status st;
    probe_empty(P);
    st = kd_bp_solve_exact(&P->bp, A, y, NULL);
    if (st != KD_OK)
    {
        probe_empty(P);
        return st;
    }
    _kd_fmpq_mat_fit(&P->A, fmpq_mat_nrows(A), fmpq_mat_ncols(A));
    _kd_fmpq_mat_fit(&P->y, fmpq_mat_nrows(y), 1);
    fmpq_mat_set(&P->A, A);
    fmpq_mat_set(&P->y, y);
    return KD_OK;
}

kd_status
kd_bp_probe_set_k(kd_bp_probe_t P, slong k)
{
    fmpq_mat_t A, y;
    kd_status st = check_k(k);
    if (st != KD_OK)
    {
        probe_empty(P);
        return st;
    }
    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(y, 0, 1);
    kd_bp_probe_instance(A, y, k);
    st = kd_bp_probe_set(P, A, y);
    if (st == KD_OK)
    {
        P->k = k;
        kd_bp_probe_closed_form(&P->closed, k);
        P->agrees = (P->bp.unique == KD_TRUE && fmpq_mat_equal(&P->bp.x, &P->closed))
                    ? KD_TRUE : KD_FALSE;
    }
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    return st;
}

/* ------------------------------------------------------------ judging a candidate */

const char *
kd_bp_verdict_name(kd_bp_verdict v)
{
    switch (v)
    {
        case KD_BP_VERDICT_RIGHT: return "right vertex";
        case KD_BP_VERDICT_WRONG_VERTEX: return "wrong vertex";
        case KD_BP_VERDICT_OTHER: return "other";
        default: return "?";
    }
}

void
kd_bp_assess_init(kd_bp_assess_t R)
{
    R->verdict = KD_BP_VERDICT_OTHER;
    fmpq_init(&R->dist2);
    arb_init(&R->error);
    fmpq_init(&R->objective);
    fmpq_init(&R->excess);
    fmpq_init(&R->residual);
    fmpq_mat_init(&R->vertex, 0, 1);
    fmpq_init(&R->vertex_excess);
}

void
kd_bp_assess_clear(kd_bp_assess_t R)
{
    fmpq_clear(&R->dist2);
    arb_clear(&R->error);
    fmpq_clear(&R->objective);
    fmpq_clear(&R->excess);
    fmpq_clear(&R->residual);
    fmpq_mat_clear(&R->vertex);
    fmpq_clear(&R->vertex_excess);
}

/* s = ||a - b||_2^2 for column vectors of equal length. */
static void
dist2_vec(fmpq_t s, const fmpq_mat_t a, const fmpq_mat_t b)
{
    slong i;
    fmpq_t t;
    fmpq_init(t);
    fmpq_zero(s);
    for (i = 0; i < fmpq_mat_nrows(a); i++)
    {
        fmpq_sub(t, fmpq_mat_entry(a, i, 0), fmpq_mat_entry(b, i, 0));
        fmpq_addmul(s, t, t);
    }
    fmpq_clear(t);
}

static void
norm1_vec(fmpq_t s, const fmpq_mat_t a)
{
    slong i;
    fmpq_t t;
    fmpq_init(t);
    fmpq_zero(s);
    for (i = 0; i < fmpq_mat_nrows(a); i++)
    {
        fmpq_abs(t, fmpq_mat_entry(a, i, 0));
        fmpq_add(s, s, t);
    }
    fmpq_clear(t);
}

static slong
rank_of(const fmpq_mat_t M)
{
    fmpq_mat_t B;
    slong r;
    fmpq_mat_init(B, fmpq_mat_nrows(M), fmpq_mat_ncols(M));
    r = fmpq_mat_rref(B, M);
    fmpq_mat_clear(B);
    return r;
}

/* The basic solution v of Ax = y supported on S = {j : x_j^2 > tau2}: on
   success (returns 1) the columns A_S are independent and A_S z = y holds
   exactly for the unique z, scattered into v. Returns 0 otherwise. */
static int
snap_vertex(fmpq_mat_t v, const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t x,
            const fmpq_t tau2)
{
    slong m = fmpq_mat_nrows(A), N = fmpq_mat_ncols(A), s = 0, i, j;
    slong * S = flint_malloc((N + 1) * sizeof(slong));
    fmpq_mat_t AS, AST, G, rhs, z, Az;
    fmpq_t t;
    int ok = 0;

    fmpq_init(t);
    for (j = 0; j < N; j++)
    {
        fmpq_mul(t, fmpq_mat_entry(x, j, 0), fmpq_mat_entry(x, j, 0));
        if (fmpq_cmp(t, tau2) > 0)
            S[s++] = j;
    }
    fmpq_mat_init(AS, m, s);
    fmpq_mat_init(AST, s, m);
    fmpq_mat_init(G, s, s);
    fmpq_mat_init(rhs, s, 1);
    fmpq_mat_init(z, s, 1);
    fmpq_mat_init(Az, m, 1);
    for (i = 0; i < m; i++)
        for (j = 0; j < s; j++)
            fmpq_set(fmpq_mat_entry(AS, i, j), fmpq_mat_entry(A, i, S[j]));
    if (s <= m && rank_of(AS) == s)
    {
        /* full column rank: the normal equations have the one candidate */
        fmpq_mat_transpose(AST, AS);
        fmpq_mat_mul(G, AST, AS);
        fmpq_mat_mul(rhs, AST, y);
        if (s == 0 || fmpq_mat_solve_fraction_free(z, G, rhs))
        {
            fmpq_mat_mul(Az, AS, z);
            if (fmpq_mat_equal(Az, y))
            {
                _kd_fmpq_mat_fit(v, N, 1);
                fmpq_mat_zero(v);
                for (j = 0; j < s; j++)
                    fmpq_set(fmpq_mat_entry(v, S[j], 0), fmpq_mat_entry(z, j, 0));
                ok = 1;
            }
        }
    }
    fmpq_mat_clear(AS);
    fmpq_mat_clear(AST);
    fmpq_mat_clear(G);
    fmpq_mat_clear(rhs);
    fmpq_mat_clear(z);
    fmpq_mat_clear(Az);
    fmpq_clear(t);
    flint_free(S);
    return ok;
}

kd_status
kd_bp_probe_assess(kd_bp_assess_t R, const kd_bp_probe_t P, const fmpq_mat_t x, slong prec)
{
    slong m = fmpq_mat_nrows(&P->A), N = fmpq_mat_ncols(&P->A), i;
    fmpq_mat_t r, p, v;
    fmpq_t tau2, t, mx;
    arb_t d;
    kd_status st = KD_OK;

    if (fmpq_mat_nrows(&P->bp.x) != N || N == 0)
        return kd_error_set(KD_ERR_ARG, "kd_bp_probe_assess: the probe holds no solved instance");
    if (prec < 2)
        return kd_error_set(KD_ERR_ARG, "kd_bp_probe_assess: prec = %ld < 2", prec);
    if (!_kd_is_vec(x, N))
        return kd_error_set(KD_ERR_SIZE, "kd_bp_probe_assess: x is %ld x %ld, expected %ld x 1",
                            fmpq_mat_nrows(x), fmpq_mat_ncols(x), N);

    fmpq_mat_init(r, m, 1);
    fmpq_mat_init(p, N, 1);
    fmpq_mat_init(v, 0, 1);
    fmpq_init(tau2);
    fmpq_init(t);
    fmpq_init(mx);
    arb_init(d);

    /* feasibility and objective, exactly */
    fmpq_mat_mul(r, &P->A, x);
    fmpq_mat_sub(r, r, &P->y);
    fmpq_zero(mx);
    for (i = 0; i < m; i++)
    {
        fmpq_abs(t, fmpq_mat_entry(r, i, 0));
        if (fmpq_cmp(t, mx) > 0)
            fmpq_set(mx, t);
    }
    fmpq_set(&R->residual, mx);
    norm1_vec(&R->objective, x);
    fmpq_sub(&R->excess, &R->objective, &P->bp.value);

    /* distance to the solution set */
    if (P->bp.unique == KD_TRUE)
        dist2_vec(&R->dist2, x, &P->bp.x);
    else if ((st = kd_face_project(p, &R->dist2, &P->bp.face, x)) != KD_OK)
        goto out;
    arb_set_fmpq(d, &R->dist2, prec);
    arb_sqrt(&R->error, d, prec);

    /* tau^2 = 2^(2 NEAR_LOG2) max(1, ||x_opt||^2) */
    fmpq_mat_zero(p);
    dist2_vec(tau2, &P->bp.x, p);
    if (fmpq_cmp_si(tau2, 1) < 0)
        fmpq_one(tau2);
    fmpq_div_2exp(tau2, tau2, (ulong) (-2 * KD_BP_PROBE_NEAR_LOG2));

    _kd_fmpq_mat_fit(&R->vertex, 0, 1);
    fmpq_zero(&R->vertex_excess);
    if (fmpq_cmp(&R->dist2, tau2) <= 0)
        R->verdict = KD_BP_VERDICT_RIGHT;
    else
    {
        R->verdict = KD_BP_VERDICT_OTHER;
        if (snap_vertex(v, &P->A, &P->y, x, tau2))
        {
            dist2_vec(t, x, v);
            if (fmpq_cmp(t, tau2) <= 0)
            {
                /* v optimal would put x within tau of Xi, handled above */
                norm1_vec(t, v);
                fmpq_sub(mx, t, &P->bp.value);
                fmpq_set(&R->vertex_excess, mx);
                if (fmpq_sgn(mx) <= 0)
                {
                    st = kd_error_set(KD_ERR_INTERNAL, "internal error: kd_bp_probe_assess: "
                                      "an optimal vertex farther than tau from Xi");
                    goto out;
                }
                R->verdict = KD_BP_VERDICT_WRONG_VERTEX;
                _kd_fmpq_mat_fit(&R->vertex, N, 1);
                fmpq_mat_set(&R->vertex, v);
            }
        }
    }
out:
    fmpq_mat_clear(r);
    fmpq_mat_clear(p);
    fmpq_mat_clear(v);
    fmpq_clear(tau2);
    fmpq_clear(t);
    fmpq_clear(mx);
    arb_clear(d);
    return st;
}

/* ------------------------------------------------------------ what peers read */

char *
kd_bp_probe_decimal(const fmpq_t q)
{
    fmpz_t den, num;
    ulong a, b = 0, d;
    char * digits, * s;
    size_t nd, len, pos = 0;

    fmpz_init(den);
    fmpz_init(num);
    fmpz_set(den, fmpq_denref(q));
    a = fmpz_val2(den);
    fmpz_fdiv_q_2exp(den, den, a);
    while (fmpz_divisible_si(den, 5))
    {
        fmpz_divexact_ui(den, den, 5);
        b++;
    }
    if (!fmpz_is_one(den))
    {
        fmpz_clear(den);
        fmpz_clear(num);
        return NULL;
    }
    /* q = num / 10^d with num = |p| 2^(d-a) 5^(d-b); not a multiple of 10
       when d > 0, since q is reduced */
    d = a > b ? a : b;
    fmpz_abs(num, fmpq_numref(q));
    fmpz_mul_2exp(num, num, d - a);
    fmpz_set_ui(den, 5);
    fmpz_pow_ui(den, den, d - b);
    fmpz_mul(num, num, den);
    digits = fmpz_get_str(NULL, 10, num);
    nd = strlen(digits);
    len = (nd > d ? nd : d + 1) + 3;
    s = flint_malloc(len + 1);
    if (fmpq_sgn(q) < 0)
        s[pos++] = '-';
    if (d == 0)
        pos += (size_t) sprintf(s + pos, "%s", digits);
    else
    {
        size_t ip = nd > d ? nd - d : 0, k;
        if (ip == 0)
            s[pos++] = '0';
        else
        {
            memcpy(s + pos, digits, ip);
            pos += ip;
        }
        s[pos++] = '.';
        for (k = nd; k < d; k++)
            s[pos++] = '0';
        memcpy(s + pos, digits + ip, nd - ip);
        pos += nd - ip;
        s[pos] = '\0';
    }
    flint_free(digits);
    fmpz_clear(den);
    fmpz_clear(num);
    return s;
}

/* Appends " + tok name" style terms, breaking lines every few terms. */
static void
put_term(FILE * f, slong * nterm, slong * maxtok, const fmpq_t c, const char * var, slong j)
{
    fmpq_t a;
    char * tok;
    slong len;
    fmpq_init(a);
    fmpq_abs(a, c);
    tok = kd_bp_probe_decimal(a);
    len = (slong) strlen(tok);
    if (len > *maxtok)
        *maxtok = len;
    if (*nterm > 0 && *nterm % 4 == 0)
        fputs("\n   ", f);
    if (*nterm == 0)
        fprintf(f, "%s%s %s%ld", fmpq_sgn(c) < 0 ? "- " : "", tok, var, j + 1);
    else
        fprintf(f, " %s %s %s%ld", fmpq_sgn(c) < 0 ? "-" : "+", tok, var, j + 1);
    (*nterm)++;
    flint_free(tok);
    fmpq_clear(a);
}

static int
is_decimal(const fmpq_t q)
{
    char * s = kd_bp_probe_decimal(q);
    flint_free(s);
    return s != NULL;
}

kd_status
kd_bp_probe_write_lp(FILE * f, fmpq_mat_t As, fmpq_mat_t ys, slong * maxtok,
                     const fmpq_mat_t A, const fmpq_mat_t y)
{
    slong m = fmpq_mat_nrows(A), N = fmpq_mat_ncols(A), i, j, nterm;
    fmpz_t L;
    fmpq_t t;

    if (!_kd_is_vec(y, m))
        return kd_error_set(KD_ERR_SIZE, "kd_bp_probe_write_lp: y is %ld x %ld, A is %ld x %ld",
                            fmpq_mat_nrows(y), fmpq_mat_ncols(y), m, N);
    if (N == 0)
        return kd_error_set(KD_ERR_SIZE, "kd_bp_probe_write_lp: A has no columns");
    fmpz_init(L);
    fmpq_init(t);
    _kd_fmpq_mat_fit(As, m, N);
    _kd_fmpq_mat_fit(ys, m, 1);
    fmpq_mat_set(As, A);
    fmpq_mat_set(ys, y);
    for (i = 0; i < m; i++)
    {
        int dec = is_decimal(fmpq_mat_entry(ys, i, 0));
        for (j = 0; j < N && dec; j++)
            dec = is_decimal(fmpq_mat_entry(As, i, j));
        if (dec)
            continue;
        fmpz_set(L, fmpq_mat_entry_den(ys, i, 0));
        for (j = 0; j < N; j++)
            fmpz_lcm(L, L, fmpq_mat_entry_den(As, i, j));
        for (j = 0; j < N; j++)
            fmpq_mul_fmpz(fmpq_mat_entry(As, i, j), fmpq_mat_entry(As, i, j), L);
        fmpq_mul_fmpz(fmpq_mat_entry(ys, i, 0), fmpq_mat_entry(ys, i, 0), L);
    }

    *maxtok = 1;
    fprintf(f, "\\ kdigits bp-probe: min ||x||_1 subject to A x = y, x = u - v, u, v >= 0\n"
               "Minimize\n obj: ");
    for (j = 0; j < N; j++)
        fprintf(f, "%s%su%ld + v%ld", j == 0 ? "" : " +",
                j == 0 ? "" : j % 4 == 0 ? "\n   " : " ", j + 1, j + 1);
    fprintf(f, "\nSubject To\n");
    for (i = 0; i < m; i++)
    {
        char * tok;
        fprintf(f, " c%ld: ", i + 1);
        nterm = 0;
        for (j = 0; j < N; j++)
        {
            const fmpq * a = fmpq_mat_entry(As, i, j);
            if (fmpq_is_zero(a))
                continue;
            put_term(f, &nterm, maxtok, a, "u", j);
            fmpq_neg(t, a);
            put_term(f, &nterm, maxtok, t, "v", j);
        }
        if (nterm == 0)
            fprintf(f, "0 u1");
        tok = kd_bp_probe_decimal(fmpq_mat_entry(ys, i, 0));
        if ((slong) strlen(tok) - (tok[0] == '-') > *maxtok)
            *maxtok = (slong) strlen(tok) - (tok[0] == '-');
        fprintf(f, " = %s\n", tok);
        flint_free(tok);
    }
    fprintf(f, "End\n");
    fmpz_clear(L);
    fmpq_clear(t);
    if (fflush(f) != 0 || ferror(f))
        return kd_error_set(KD_ERR_IO, "kd_bp_probe_write_lp: write error");
    return KD_OK;
}

kd_status
kd_bp_probe_round_double(fmpq_mat_t Ad, fmpq_mat_t yd, const fmpq_mat_t A, const fmpq_mat_t y)
{
    slong i, j, pass;
    arf_t r;
    kd_status st = KD_OK;

    if (Ad != A)
    {
        _kd_fmpq_mat_fit(Ad, fmpq_mat_nrows(A), fmpq_mat_ncols(A));
        fmpq_mat_set(Ad, A);
    }
    if (yd != y)
    {
        _kd_fmpq_mat_fit(yd, fmpq_mat_nrows(y), fmpq_mat_ncols(y));
        fmpq_mat_set(yd, y);
    }
    arf_init(r);
    for (pass = 0; pass < 2 && st == KD_OK; pass++)
    {
        fmpq_mat_struct * M = pass == 0 ? Ad : yd;
        for (i = 0; i < fmpq_mat_nrows(M) && st == KD_OK; i++)
            for (j = 0; j < fmpq_mat_ncols(M) && st == KD_OK; j++)
            {
                fmpq * q = fmpq_mat_entry(M, i, j);
                /* nearest 53-bit float, ties to even (unbounded exponent) */
                arf_set_fmpq(r, q, 53, ARF_RND_NEAR);
                if (!arf_is_zero(r) && (arf_cmpabs_2exp_si(r, 1024) >= 0
                                        || arf_cmpabs_2exp_si(r, -1022) < 0))
                {
                    char * s = kd_fmpq_get_decimal(q, 6);
                    st = kd_error_set(KD_ERR_UNSUPPORTED, "%s entry (%ld, %ld) = %s is outside the "
                                      "normal double range", pass == 0 ? "A" : "y",
                                      i + 1, j + 1, s);
                    flint_free(s);
                }
                else
                    arf_get_fmpq(q, r);
            }
    }
    arf_clear(r);
    return st;
}
