/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Problem objects over exact data: validation (every sign condition on a
   parameter is proved, not assumed) and rational instances at a level. */
#include <string.h>
#include <strings.h>
#include "kdigits/problem.h"

static const char * kind_names[] = {"bp", "p1", "p2", "p3"};

const char *
kd_problem_kind_name(kd_problem_kind k)
{
    return (k >= KD_PROBLEM_BP && k <= KD_PROBLEM_P3) ? kind_names[k] : "?";
}

kd_status
kd_problem_kind_parse(kd_problem_kind * k, const char * s)
{
    if (strcasecmp(s, "bp") == 0)
        *k = KD_PROBLEM_BP;
    else if (strcasecmp(s, "p1") == 0 || strcasecmp(s, "qcbp") == 0)
        *k = KD_PROBLEM_P1;
    else if (strcasecmp(s, "p2") == 0 || strcasecmp(s, "u-lasso") == 0)
        *k = KD_PROBLEM_P2;
    else if (strcasecmp(s, "p3") == 0 || strcasecmp(s, "sr-lasso") == 0)
        *k = KD_PROBLEM_P3;
    else
        return kd_error_set(KD_ERR_ARG, "unknown problem '%s' (bp, p1, p2 or p3)", s);
    return KD_OK;
}

void
kd_problem_init_empty(kd_problem_t P)
{
    P->kind = KD_PROBLEM_BP;
    kd_mat_init(P->A, 0, 0);
    kd_mat_init(P->y, 0, 0);
    kd_mat_init(P->w, 0, 0);
    kd_real_init(P->param);
    P->is_complex = 0;
    P->prec_cap = 0;
    P->scaled = P->center = P->standardize = 0;
    kd_mat_init(P->X, 0, 0);
    kd_mat_init(P->ys, 0, 0);
    kd_real_init(P->Lambda);
}

/* Proves sgn(x) against the requirement: strict (> 0) or not (>= 0). */
static kd_status
require_sign(const kd_real_t x, int strict, const char * what, slong cap)
{
    int sgn = 0;
    kd_status st = kd_real_sign(&sgn, x, cap);
    if (st == KD_ERR_UNDECIDED)
        return kd_error_set(st, "could not decide whether %s is %s (%s)", what,
                            strict ? "> 0" : ">= 0", kd_error_message());
    if (st != KD_OK)
        return st;
    if (sgn < 0 || (strict && sgn == 0))
    {
        char * s = kd_real_get_str(x);
        st = kd_error_set(KD_ERR_ARG, "%s must be %s, got %s", what, strict ? "> 0" : ">= 0", s);
        flint_free(s);
    }
    return st;
}

kd_status
kd_problem_init(kd_problem_t P, kd_problem_kind kind, const kd_mat_t A,
                const kd_mat_t y, const kd_mat_t w, const kd_real_t param,
                slong prec_cap)
{
    kd_status st;
    slong j;

    kd_problem_init_empty(P);
    if ((st = kd_check_prec_cap(prec_cap)) != KD_OK)
        return st;
    if (kind < KD_PROBLEM_BP || kind > KD_PROBLEM_P3)
        return kd_error_set(KD_ERR_ARG, "unknown problem kind %d", (int) kind);
    if (A->r < 1 || A->c < 1)
        return kd_error_set(KD_ERR_SIZE, "A is %ld x %ld: it needs at least one row and one column",
                            A->r, A->c);
    if (y->c != 1 || y->r != A->r)
        return kd_error_set(KD_ERR_SIZE, "y is %ld x %ld but A is %ld x %ld: y must be %ld x 1",
                            y->r, y->c, A->r, A->c, A->r);
    if (w != NULL && (w->c != 1 || w->r != A->c))
        return kd_error_set(KD_ERR_SIZE, "w is %ld x %ld but A has %ld columns: w must be %ld x 1",
                            w->r, w->c, A->c, A->c);
    if (kind != KD_PROBLEM_BP && param == NULL)
        return kd_error_set(KD_ERR_ARG, "%s needs %s", kd_problem_kind_name(kind),
                            kind == KD_PROBLEM_P1 ? "eta" : "lambda");
    if (kind == KD_PROBLEM_P2 || kind == KD_PROBLEM_P3)
        st = require_sign(param, 1, "lambda", prec_cap);
    else if (kind == KD_PROBLEM_P1)
        st = require_sign(param, 0, "eta", prec_cap);
    if (st != KD_OK)
        return st;
    if (w != NULL)
        for (j = 0; j < w->r; j++)
        {
            char what[64];
            if (!kd_complex_is_real(kd_mat_entry(w, j, 0)))
                return kd_error_set(KD_ERR_ARG, "weight w_%ld must be real", j + 1);
            snprintf(what, sizeof what, "weight w_%ld", j + 1);
            if ((st = require_sign(kd_mat_entry_re(w, j, 0), 1, what, prec_cap)) != KD_OK)
                return st;
        }

    P->kind = kind;
    kd_mat_set(P->A, A);
    kd_mat_set(P->y, y);
    if (w != NULL)
        kd_mat_set(P->w, w);
    else
    {
        kd_mat_resize(P->w, A->c, 1);
        for (j = 0; j < A->c; j++)
            kd_complex_one(kd_mat_entry(P->w, j, 0));
    }
    if (param != NULL && kind != KD_PROBLEM_BP)
        kd_real_set(P->param, param);
    P->is_complex = A->is_complex || y->is_complex;
    P->prec_cap = prec_cap;
    return KD_OK;
}

void
kd_problem_clear(kd_problem_t P)
{
    kd_mat_clear(P->A);
    kd_mat_clear(P->y);
    kd_mat_clear(P->w);
    kd_real_clear(P->param);
    kd_mat_clear(P->X);
    kd_mat_clear(P->ys);
    kd_real_clear(P->Lambda);
}

static int
mat_is_rational(const kd_mat_t A)
{
    slong i;
    for (i = 0; i < A->r * A->c; i++)
        if (!kd_real_is_fmpq(&A->entries[i].re) || !kd_real_is_fmpq(&A->entries[i].im))
            return 0;
    return 1;
}

int
kd_problem_is_rational(const kd_problem_t P)
{
    return mat_is_rational(P->A) && mat_is_rational(P->y) && mat_is_rational(P->w)
        && kd_real_is_fmpq(P->param);
}

/* Exact entries when rational (level -1), else the oracle answer at n. */
static kd_status
get_mat(fmpq_mat_struct * re, fmpq_mat_struct * im, int * exact, const kd_mat_struct * A,
        slong n, slong cap)
{
    slong i;
    *exact = mat_is_rational(A);
    if (n < 0 || *exact)
    {
        if (!*exact)
            return kd_error_set(KD_ERR_ARG, "exact data requested but an entry is irrational");
        for (i = 0; i < A->r * A->c; i++)
        {
            kd_real_get_fmpq(re->entries + i, &A->entries[i].re);
            kd_real_get_fmpq(im->entries + i, &A->entries[i].im);
        }
        return KD_OK;
    }
    return kd_mat_approx(re, im, NULL, A, n, cap);
}

kd_status
kd_qproblem_init(kd_qproblem_t Q, const kd_problem_t P, slong n)
{
    kd_status st;
    int ea = 0, ey = 0, ew = 0;
    mag_t e;
    slong m = P->A->r, N = P->A->c;

    Q->kind = P->kind;
    Q->m = m;
    Q->N = N;
    Q->is_complex = P->is_complex;
    Q->level = n < 0 ? -1 : n;
    fmpq_mat_init(Q->A, m, N);
    fmpq_mat_init(Q->Ai, m, N);
    fmpq_mat_init(Q->y, m, 1);
    fmpq_mat_init(Q->yi, m, 1);
    fmpq_mat_init(Q->w, N, 1);
    fmpq_init(Q->param);
    Q->data_exact = Q->param_exact = Q->w_exact = 0;
    if (n >= 0 && (st = kd_check_level(n)) != KD_OK)
        return st;
    mag_init(e);
    st = get_mat(Q->A, Q->Ai, &ea, P->A, n, P->prec_cap);
    if (st == KD_OK)
        st = get_mat(Q->y, Q->yi, &ey, P->y, n, P->prec_cap);
    if (st == KD_OK)
    {
        fmpq_mat_t wi;
        fmpq_mat_init(wi, N, 1);
        st = get_mat(Q->w, wi, &ew, P->w, n, P->prec_cap);
        fmpq_mat_clear(wi);
    }
    if (st == KD_OK)
    {
        Q->param_exact = kd_real_get_fmpq(Q->param, P->param);
        if (!Q->param_exact)
        {
            if (n < 0)
                st = kd_error_set(KD_ERR_ARG, "exact data requested but the parameter is irrational");
            else
                st = kd_real_approx(Q->param, e, P->param, n, P->prec_cap);
        }
    }
    Q->data_exact = ea && ey;
    Q->w_exact = ew;
    if (st == KD_OK && !Q->w_exact)
    {
        /* rounding may not make a positive weight non-positive */
        slong j;
        for (j = 0; j < N; j++)
            if (fmpq_sgn(fmpq_mat_entry(Q->w, j, 0)) <= 0)
                st = kd_error_set(KD_ERR_ARG,
                    "weight w_%ld is below 2^-%ld: ask for a higher level", j + 1, n);
    }
    if (st == KD_OK && !Q->param_exact && Q->kind != KD_PROBLEM_P1 && fmpq_sgn(Q->param) <= 0)
        st = kd_error_set(KD_ERR_ARG, "lambda is below 2^-%ld: ask for a higher level", n);
    mag_clear(e);
    return st;
}

void
kd_qproblem_clear(kd_qproblem_t Q)
{
    fmpq_mat_clear(Q->A);
    fmpq_mat_clear(Q->Ai);
    fmpq_mat_clear(Q->y);
    fmpq_mat_clear(Q->yi);
    fmpq_mat_clear(Q->w);
    fmpq_clear(Q->param);
}
