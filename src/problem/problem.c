/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Problem objects over exact data: validation (every sign condition on a
   parameter is proved, not assumed) and rational instances at a level. */
#include <string.h>
#include <strings.h>
#include "kdigits/problem.h"
#include "internal.h"

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
    P->m = P->N = 0;
    P->has_data = 0;
    P->OA = P->Oy = NULL;
    P->own_oracles = 0;
    P->OX = P->Oys = NULL;
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

static kd_status check_common(kd_problem_t P, kd_problem_kind kind, slong Ar, slong Ac,
                              slong yr, slong yc, const kd_mat_t w, const kd_real_t param,
                              slong prec_cap);

/* P initialised with what every constructor checks and stores (shapes,
   parameter, weights); on failure P is a valid empty problem. */
static kd_status
init_common(kd_problem_t P, kd_problem_kind kind, slong Ar, slong Ac, slong yr, slong yc,
            const kd_mat_t w, const kd_real_t param, slong prec_cap)
{
    kd_status st;
    kd_problem_init_empty(P);
    st = check_common(P, kind, Ar, Ac, yr, yc, w, param, prec_cap);
    if (st != KD_OK)
    {
        kd_problem_clear(P);
        kd_problem_init_empty(P);
    }
    return st;
}

static kd_status
check_common(kd_problem_t P, kd_problem_kind kind, slong Ar, slong Ac, slong yr, slong yc,
             const kd_mat_t w, const kd_real_t param, slong prec_cap)
{
    kd_status st;
    slong j;

    if ((st = kd_check_prec_cap(prec_cap)) != KD_OK)
        return st;
    if (kind < KD_PROBLEM_BP || kind > KD_PROBLEM_P3)
        return kd_error_set(KD_ERR_ARG, "unknown problem kind %d", (int) kind);
    if (Ar < 1 || Ac < 1)
        return kd_error_set(KD_ERR_SIZE, "A is %ld x %ld: it needs at least one row and one column",
                            Ar, Ac);
    if (yc != 1 || yr != Ar)
        return kd_error_set(KD_ERR_SIZE, "y is %ld x %ld but A is %ld x %ld: y must be %ld x 1",
                            yr, yc, Ar, Ac, Ar);
    if (w != NULL && (w->c != 1 || w->r != Ac))
        return kd_error_set(KD_ERR_SIZE, "w is %ld x %ld but A has %ld columns: w must be %ld x 1",
                            w->r, w->c, Ac, Ac);
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
    P->m = Ar;
    P->N = Ac;
    if (w != NULL)
        kd_mat_set(P->w, w);
    else
    {
        kd_mat_resize(P->w, Ac, 1);
        for (j = 0; j < Ac; j++)
            kd_complex_one(kd_mat_entry(P->w, j, 0));
    }
    if (param != NULL && kind != KD_PROBLEM_BP)
        kd_real_set(P->param, param);
    P->prec_cap = prec_cap;
    return KD_OK;
}

kd_status
_kd_problem_owned_oracle(kd_oracle_struct ** O, const kd_mat_t M, slong prec_cap)
{
    kd_status st;
    *O = flint_malloc(sizeof(kd_oracle_struct));
    st = kd_oracle_init_mat(*O, M);
    kd_oracle_set_prec_cap(*O, prec_cap);
    return st;
}

static void
oracle_free(kd_oracle_struct * O)
{
    if (O != NULL)
    {
        kd_oracle_clear(O);
        flint_free(O);
    }
}

kd_status
kd_problem_init(kd_problem_t P, kd_problem_kind kind, const kd_mat_t A,
                const kd_mat_t y, const kd_mat_t w, const kd_real_t param,
                slong prec_cap)
{
    kd_status st;

    if ((st = init_common(P, kind, A->r, A->c, y->r, y->c, w, param, prec_cap)) != KD_OK)
        return st;
    kd_mat_set(P->A, A);
    kd_mat_set(P->y, y);
    P->has_data = 1;
    P->is_complex = A->is_complex || y->is_complex;
    P->own_oracles = 1;
    st = _kd_problem_owned_oracle(&P->OA, P->A, prec_cap);
    if (st == KD_OK)
        st = _kd_problem_owned_oracle(&P->Oy, P->y, prec_cap);
    return st;
}

kd_status
kd_problem_init_oracles(kd_problem_t P, kd_problem_kind kind, kd_oracle_t OA,
                        kd_oracle_t Oy, const kd_mat_t w, const kd_real_t param,
                        slong prec_cap)
{
    kd_status st;

    if ((st = init_common(P, kind, OA->r, OA->c, Oy->r, Oy->c, w, param, prec_cap)) != KD_OK)
        return st;
    P->OA = OA;
    P->Oy = Oy;
    P->is_complex = OA->is_complex || Oy->is_complex;
    return KD_OK;
}

kd_status
kd_problem_set_oracles(kd_problem_t P, kd_oracle_t OA, kd_oracle_t Oy)
{
    if (OA->r != P->m || OA->c != P->N || Oy->r != P->m || Oy->c != 1)
        return kd_error_set(KD_ERR_SIZE, "the oracles are %ld x %ld and %ld x %ld: the problem needs "
                            "%ld x %ld and %ld x 1", OA->r, OA->c, Oy->r, Oy->c, P->m, P->N, P->m);
    if ((OA->is_complex || Oy->is_complex) && !P->is_complex)
        return kd_error_set(KD_ERR_ARG, "complex oracles for a real problem");
    if (P->own_oracles)
    {
        oracle_free(P->OA);
        oracle_free(P->Oy);
    }
    P->OA = OA;
    P->Oy = Oy;
    P->own_oracles = 0;
    return KD_OK;
}

void
kd_problem_clear(kd_problem_t P)
{
    if (P->own_oracles)
    {
        oracle_free(P->OA);
        oracle_free(P->Oy);
    }
    oracle_free(P->OX);
    oracle_free(P->Oys);
    P->OA = P->Oy = P->OX = P->Oys = NULL;
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
    return P->has_data && mat_is_rational(P->A) && mat_is_rational(P->y) && mat_is_rational(P->w)
        && kd_real_is_fmpq(P->param);
}

int
_kd_problem_reads_exact(const kd_problem_t P)
{
    return P->OA != NULL && P->Oy != NULL && kd_oracle_is_exact(P->OA)
        && kd_oracle_is_exact(P->Oy) && mat_is_rational(P->w) && kd_real_is_fmpq(P->param);
}

/* Exact entries from an exact oracle (at any level: an exact answer is a
   valid level-n answer), else the oracle's answer at level n. */
static kd_status
read_oracle(fmpq_mat_struct * re, fmpq_mat_struct * im, int * exact, kd_oracle_struct * O,
            slong n)
{
    *exact = kd_oracle_is_exact(O);
    if (n < 0 || *exact)
        return kd_oracle_get_exact(re, im, O);
    return kd_oracle_get(re, O->is_complex ? im : NULL, O, n);
}

/* Exact weights when rational (level -1), else dyadics within 2^-n. */
static kd_status
get_weights(fmpq_mat_struct * re, int * exact, const kd_mat_struct * w, slong n, slong cap)
{
    slong i;
    kd_status st;
    fmpq_mat_t wi;
    *exact = mat_is_rational(w);
    if (n < 0 || *exact)
    {
        if (!*exact)
            return kd_error_set(KD_ERR_ARG, "exact data requested but a weight is irrational");
        for (i = 0; i < w->r * w->c; i++)
            kd_real_get_fmpq(re->entries + i, &w->entries[i].re);
        return KD_OK;
    }
    fmpq_mat_init(wi, w->r, w->c);
    st = kd_mat_approx(re, wi, NULL, w, n, cap);
    fmpq_mat_clear(wi);
    return st;
}

kd_status
kd_qproblem_init(kd_qproblem_t Q, const kd_problem_t P, slong n)
{
    return _kd_qproblem_init_oracles(Q, P, P->OA, P->Oy, n);
}

kd_status
_kd_qproblem_init_data(kd_qproblem_t Q, const kd_problem_t P, slong n)
{
    kd_oracle_t OA, Oy;
    kd_status st, st2;
    if (!P->has_data)
    {
        st = _kd_qproblem_init_oracles(Q, P, NULL, NULL, n);
        return kd_error_set(KD_ERR_ARG, "the problem has no exact data (given by oracles only): "
                            "nothing to certify against");
    }
    st = kd_oracle_init_mat(OA, P->A);
    st2 = kd_oracle_init_mat(Oy, P->y);
    kd_oracle_set_prec_cap(OA, P->prec_cap);
    kd_oracle_set_prec_cap(Oy, P->prec_cap);
    if (st == KD_OK)
        st = st2;
    if (st == KD_OK)
        st = _kd_qproblem_init_oracles(Q, P, OA, Oy, n);
    else
        _kd_qproblem_init_oracles(Q, P, NULL, NULL, n);
    kd_oracle_clear(OA);
    kd_oracle_clear(Oy);
    return st;
}

kd_status
_kd_qproblem_init_oracles(kd_qproblem_t Q, const kd_problem_t P, kd_oracle_struct * OA,
                          kd_oracle_struct * Oy, slong n)
{
    kd_status st;
    int ea = 0, ey = 0, ew = 0;
    mag_t e;
    slong m = P->m, N = P->N;

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
    if (OA == NULL || Oy == NULL)
        st = kd_error_set(KD_ERR_ARG, "the problem has no data (an empty problem)");
    else
        st = read_oracle(Q->A, Q->Ai, &ea, OA, n);
    if (st == KD_OK)
        st = read_oracle(Q->y, Q->yi, &ey, Oy, n);
    if (st == KD_OK)
        st = get_weights(Q->w, &ew, P->w, n, P->prec_cap);
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
