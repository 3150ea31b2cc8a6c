/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The certified solution set of an exact problem: exact when the data are
   rational, else the pattern of exact solutions of rational instances
   certified on the exact data (proofs-notes/solvers.md §5). */
#include <string.h>
#include "kdigits/truth.h"
#include "kdigits/certify.h"
#include "../solve/internal.h"
#include "complex_internal.h"

void
kd_truth_set_init(kd_truth_set_t T, slong N)
{
    T->found = KD_UNKNOWN;
    T->unique = KD_UNKNOWN;
    arb_mat_init(&T->x, N, 1);
    arb_mat_init(&T->xi, N, 1);
    T->has_face = 0;
    T->face = NULL;
    T->levels = NULL;
    T->nlevels = 0;
    T->how[0] = '\0';
    T->E = NULL;
    T->s = NULL;
    T->nE = -1;
    T->prec = 0;
    T->xexact = NULL;
    T->fexact = NULL;
}

void
_kd_truth_set_clear_exact(kd_truth_set_t T)
{
    slong j;
    if (T->xexact == NULL)
        return;
    for (j = 0; j < arb_mat_nrows(&T->x); j++)
        flint_free(T->xexact[j]);
    flint_free(T->xexact);
    T->xexact = NULL;
}

void
kd_truth_set_clear(kd_truth_set_t T)
{
    arb_mat_clear(&T->x);
    arb_mat_clear(&T->xi);
    if (T->face != NULL)
    {
        kd_face_clear(T->face);
        flint_free(T->face);
    }
    flint_free(T->levels);
    flint_free(T->E);
    flint_free(T->s);
    _kd_truth_set_clear_exact(T);
    if (T->fexact != NULL)
    {
        kd_face_exact_clear(T->fexact);
        flint_free(T->fexact);
    }
}

void
kd_truth_set_set(kd_truth_set_t T, const kd_truth_set_t S)
{
    slong N = arb_mat_nrows(&S->x);
    if (T == S)
        return;
    kd_truth_set_clear(T);
    kd_truth_set_init(T, N);
    T->found = S->found;
    T->unique = S->unique;
    arb_mat_set(&T->x, &S->x);
    arb_mat_set(&T->xi, &S->xi);
    if (S->has_face)
    {
        T->has_face = 1;
        T->face = flint_malloc(sizeof(kd_face_struct));
        kd_face_init(T->face);
        kd_face_set_face(T->face, S->face);
    }
    T->levels = flint_malloc((S->nlevels + 1) * sizeof(slong));
    T->nlevels = S->nlevels;
    if (S->nlevels > 0)
        memcpy(T->levels, S->levels, S->nlevels * sizeof(slong));
    memcpy(T->how, S->how, sizeof T->how);
    T->nE = S->nE;
    if (S->nE >= 0)
    {
        T->E = flint_malloc((S->nE + 1) * sizeof(slong));
        T->s = flint_malloc((S->nE + 1) * sizeof(int));
        if (S->nE > 0)
        {
            memcpy(T->E, S->E, S->nE * sizeof(slong));
            memcpy(T->s, S->s, S->nE * sizeof(int));
        }
    }
    T->prec = S->prec;
    if (S->fexact != NULL)
    {
        T->fexact = flint_malloc(sizeof(kd_face_exact_struct));
        kd_face_exact_init(T->fexact);
        kd_face_exact_set(T->fexact, S->fexact);
    }
    if (S->xexact != NULL)
    {
        slong j;
        T->xexact = flint_calloc(N + 1, sizeof(char *));
        for (j = 0; j < N; j++)
        {
            T->xexact[j] = flint_malloc(strlen(S->xexact[j]) + 1);
            strcpy(T->xexact[j], S->xexact[j]);
        }
    }
}

/* Records the certified pattern (E, s) of the point Xi. */
static void
set_pattern(kd_truth_set_t T, const slong * E, const int * s, slong nE)
{
    T->E = flint_realloc(T->E, (nE + 1) * sizeof(slong));
    T->s = flint_realloc(T->s, (nE + 1) * sizeof(int));
    if (nE > 0)
    {
        memcpy(T->E, E, nE * sizeof(slong));
        memcpy(T->s, s, nE * sizeof(int));
    }
    T->nE = nE;
}

static void
add_level(kd_truth_set_t T, slong n)
{
    T->levels = flint_realloc(T->levels, (T->nlevels + 1) * sizeof(slong));
    T->levels[T->nlevels++] = n;
}

/* Xi as the face of the instance S's tight set, described exactly
   (kd_certify_face; check_dual: the dual certificate proved on P's exact
   data, else the exact LP of rational data proved it). On success T holds
   the description and how says what it is; *found tells. */
static kd_status
describe_face(kd_truth_set_t T, const kd_problem_t P, const exact_sol * S, int check_dual,
              slong prec, const char * what)
{
    kd_status st;
    kd_truth v, u;
    kd_face_exact_t F;
    kd_face_exact_init(F);
    st = kd_certify_face(&v, &u, F, P, S->face->E, S->face->sign, S->face->len, S->E, S->nE,
                         check_dual, prec);
    if (st == KD_OK && v == KD_TRUE)
    {
        char * d = kd_face_exact_get_str(F, 300);
        if (T->fexact == NULL)
        {
            T->fexact = flint_malloc(sizeof(kd_face_exact_struct));
            kd_face_exact_init(T->fexact);
        }
        kd_face_exact_set(T->fexact, F);
        T->found = KD_TRUE;
        T->unique = u;
        T->prec = prec;
        snprintf(T->how, sizeof T->how, "%s: %s", what, d);
        flint_free(d);
    }
    kd_face_exact_clear(F);
    return st;
}

/* The truth of rational data: the exact solution (set). */
static kd_status
truth_rational(kd_truth_set_t T, const kd_problem_t P, slong prec)
{
    kd_status st;
    exact_sol S;
    kd_qproblem_t Q;
    _kd_exact_sol_init(&S, P->N);
    st = _kd_qproblem_init_data(Q, P, -1);
    if (st == KD_OK)
        st = _kd_exact_sol_solve_set(&S, Q);
    if (st == KD_OK)
    {
        T->unique = S.unique;
        T->prec = prec;
        if (S.unique == KD_TRUE)
        {
            T->found = KD_TRUE;
            if (S.algebraic)    /* enclose the exact entries at the requested precision */
                kd_qvec_get_arb_mat(&T->x, S.xq, prec);
            else
                arb_mat_set_fmpq_mat(&T->x, S.x, prec);
            set_pattern(T, S.E, S.s, S.nE);
            snprintf(T->how, sizeof T->how, "exact solution of the rational data (unique)");
        }
        else if (S.has_face)
        {
            T->found = KD_TRUE;
            T->has_face = 1;
            T->face = flint_malloc(sizeof(kd_face_struct));
            kd_face_init(T->face);
            st = kd_face_set_face(T->face, S.face);
            snprintf(T->how, sizeof T->how,
                     "exact solution set of the rational data (not a single point: a face)");
            if (st == KD_OK && (P->kind == KD_PROBLEM_BP || P->kind == KD_PROBLEM_P1))
                st = describe_face(T, P, &S, 0, prec, "exact solution set of the rational data");
        }
        else
            snprintf(T->how, sizeof T->how, "the solution set of the rational data is not a "
                     "single point (its minimiser is not unique) and is not described: "
                     "distances to it are not certified");
    }
    kd_qproblem_clear(Q);
    _kd_exact_sol_clear(&S);
    return st;
}

/* What the search over levels saw, for the diagnosis when it fails. */
typedef struct
{
    slong * E;              /* the last pattern certified (undecided) */
    int * s;
    slong nE;               /* -1: none yet */
    slong prec0;            /* precision of its first undecided attempt */
    slong prec;             /* of its last attempt */
    slong level0;           /* level it first came from */
    char why[256];          /* why it was undecided */
    slong nonunique_run;    /* consecutive levels with non-unique instances */
    slong changes;          /* times the pattern changed from one level to the next */
    int refuted;            /* some pattern was refuted on the exact data */
    int structural;         /* the same message at every precision tried */
}
search_log;

/* Raising the level and the precision further cannot help: the instances
   have had several minimisers at three levels in a row, or the same pattern
   stayed undecided at two precisions for the same stated reason (a reason
   that does not depend on the precision: an equality, not a margin, is
   missing; an undecided margin leaves no message, an unproved inversion
   names its precision). */
static int
search_hopeless(const search_log * L)
{
    return L->nonunique_run >= 3 || (L->nE >= 0 && L->prec > L->prec0 && L->structural);
}

static void
diagnose(kd_truth_set_t T, const search_log * L, slong level_max)
{
    slong last = T->nlevels ? T->levels[T->nlevels - 1] : 0;
    if (L->nonunique_run >= 3)
        snprintf(T->how, sizeof T->how, "not certifiable: the rational instances at levels "
                 "%ld to %ld all have more than one minimiser, so the solution set of the exact "
                 "problem is probably not a single point (a pattern certificate proves single "
                 "points only); stopped at level %ld", T->levels[T->nlevels - 3], last, last);
    else if (L->nE >= 0 && L->prec > L->prec0 && L->structural)
        snprintf(T->how, sizeof T->how, "not certifiable: the pattern of the rational instances "
                 "(|E| = %ld, from level %ld on) stays undecided on the exact data at %ld and "
                 "%ld bits for the same reason, which more precision cannot remove: %.200s; stopped "
                 "at level %ld", L->nE,
                 L->level0, L->prec0, L->prec, L->why, last);
    else
        snprintf(T->how, sizeof T->how, "not certifiable with the levels read (up to %ld%s)%s%.200s%s",
                 last, last < level_max ? ", stopped early" : "",
                 L->why[0] ? ": " : "", L->why,
                 L->changes >= 2 ? "; the pattern changed from level to level: the minimiser "
                 "may not be unique, or sit where the pattern is degenerate"
                 : L->nonunique_run > 0 ? "; the last instances had several minimisers: the "
                 "solution set is probably not a single point" : "");
}

static int
same_pattern_as(const search_log * L, const slong * E, const int * sg, slong nE)
{
    return L->nE == nE && memcmp(L->E, E, nE * sizeof(slong)) == 0
           && memcmp(L->s, sg, nE * sizeof(int)) == 0;
}

/* The pattern (E, sg) certified on the exact data at precision p, unless
   the same pattern was already undecided at p or more; logged in L. */
static kd_status
attempt(kd_truth_set_t T, search_log * L, const kd_problem_t P, const slong * E,
        const int * sg, slong nE, slong n, slong p, const char * from)
{
    kd_status st = KD_OK;
    kd_truth v = KD_UNKNOWN;
    int same = same_pattern_as(L, E, sg, nE);
    arb_t mu;
    if (L->nE >= 0 && !same)
        L->changes++;
    if (same && p <= L->prec)
        return KD_OK;
    arb_init(mu);
    kd_error_clear();
    if (T->xexact == NULL)
        T->xexact = flint_calloc(P->N + 1, sizeof(char *));
    st = kd_certify_pattern_exact(&v, &T->x, mu, T->xexact, P, E, sg, nE, p);
    if (!(st == KD_OK && v == KD_TRUE) || T->xexact[0] == NULL)
        _kd_truth_set_clear_exact(T);
    if (st == KD_OK && v == KD_TRUE)
    {
        T->found = KD_TRUE;
        T->unique = KD_TRUE;
        T->prec = p;
        set_pattern(T, E, sg, nE);
        snprintf(T->how, sizeof T->how, "%s at level %ld certified on the exact data (%ld bits)",
                 from, n, p);
    }
    else if (st == KD_OK && v == KD_FALSE)
    {
        L->refuted = 1;
        L->nE = -1;
        snprintf(L->why, sizeof L->why,
                 "the pattern of the rational instance was refuted on the exact data");
    }
    else if (st == KD_OK)
    {
        if (!same || L->nE < 0)
        {
            L->E = flint_realloc(L->E, (nE + 1) * sizeof(slong));
            L->s = flint_realloc(L->s, (nE + 1) * sizeof(int));
            if (nE > 0)
            {
                memcpy(L->E, E, nE * sizeof(slong));
                memcpy(L->s, sg, nE * sizeof(int));
            }
            L->nE = nE;
            L->prec0 = p;
            L->level0 = n;
            L->structural = kd_error_message()[0] != '\0';
        }
        else
            L->structural = L->structural && strcmp(L->why, kd_error_message()) == 0;
        L->prec = p;
        snprintf(L->why, sizeof L->why, "%s", kd_error_message());
        /* a new pattern undecided for a stated reason: is it the precision?
           Once more at twice the precision costs one certificate, far less
           than the exact solutions of higher levels. */
        if (L->structural && L->prec0 == p)
        {
            arb_clear(mu);
            return attempt(T, L, P, E, sg, nE, n, 2 * p, from);
        }
    }
    arb_clear(mu);
    return st;
}

/* The large entries of the instance's solution x: those above
   2^(-n/2) max |x_j|, when they are separated from the others by that gap
   (the others then look like the level's perturbation, e.g. a zero-residual
   solution that interpolates y_n with m tiny entries). A proposal only:
   the certificate on the exact data decides. Returns the size of the
   sub-pattern, or -1 when there is none. */
static slong
large_entries(slong * E, int * sg, const exact_sol * S, slong n)
{
    slong k, nE = 0;
    arb_t t, mx, thr;
    int gap = 1;
    if (S->nE == 0)
        return -1;
    arb_init(t);
    arb_init(mx);
    arb_init(thr);
    for (k = 0; k < S->nE; k++)
    {
        arb_abs(t, arb_mat_entry(S->xball, S->E[k], 0));
        arb_max(mx, mx, t, 64);
    }
    arb_mul_2exp_si(thr, mx, -(n / 2));
    for (k = 0; k < S->nE; k++)
    {
        arb_abs(t, arb_mat_entry(S->xball, S->E[k], 0));
        if (arb_gt(t, thr))
        {
            E[nE] = S->E[k];
            sg[nE++] = S->s[k];
        }
        else if (!arb_lt(t, thr))
            gap = 0;
    }
    arb_clear(t);
    arb_clear(mx);
    arb_clear(thr);
    return gap && nE < S->nE ? nE : -1;
}

/* One level: the pattern of the rational instance at level n, and its large
   entries when the others look like the level's noise, certified on the
   exact data at precision p. */
static kd_status
try_level(kd_truth_set_t T, search_log * L, const kd_problem_t P, slong n, slong p)
{
    kd_status st;
    exact_sol S;
    kd_qproblem_t Q;
    slong * E = flint_malloc((P->N + 1) * sizeof(slong)), nE;
    int * sg = flint_malloc((P->N + 1) * sizeof(int));
    _kd_exact_sol_init(&S, P->N);
    add_level(T, n);
    st = _kd_qproblem_init_data(Q, P, n);
    if (st == KD_OK)
        st = _kd_exact_sol_solve_set(&S, Q);
    if (st == KD_OK)
    {
        L->nonunique_run = S.unique == KD_FALSE ? L->nonunique_run + 1 : 0;
        if (S.unique == KD_FALSE && S.has_face
            && (P->kind == KD_PROBLEM_BP || P->kind == KD_PROBLEM_P1))
        {
            char what[128];
            kd_error_clear();
            snprintf(what, sizeof what, "the face of the tight set at level %ld, certified on "
                     "the exact data (%ld bits)", n, p);
            st = describe_face(T, P, &S, 1, p, what);
            if (st != KD_OK || T->found == KD_TRUE)
                goto done;
            snprintf(L->why, sizeof L->why, "%s", kd_error_message());
        }
        nE = large_entries(E, sg, &S, n);
        if (nE < 0)
            st = attempt(T, L, P, S.E, S.s, S.nE, n, p, "pattern of the exact solution");
        else
        {
            /* the full pattern, without logging it (the sub-pattern is the
               candidate followed), then the large entries */
            search_log L2;
            memset(&L2, 0, sizeof L2);
            L2.nE = -1;
            st = attempt(T, &L2, P, S.E, S.s, S.nE, n, p, "pattern of the exact solution");
            flint_free(L2.E);
            flint_free(L2.s);
            if (st == KD_OK && T->found != KD_TRUE)
                st = attempt(T, L, P, E, sg, nE, n, p,
                             "pattern of the large entries of the exact solution");
        }
    }
done:
    kd_qproblem_clear(Q);
    _kd_exact_sol_clear(&S);
    flint_free(E);
    flint_free(sg);
    return st;
}

kd_status
kd_truth_set_compute(kd_truth_set_t T, const kd_problem_t P, slong level_max, slong prec)
{
    return kd_truth_set_compute_progress(T, P, level_max, prec, NULL, NULL);
}

kd_status
kd_truth_set_compute_progress(kd_truth_set_t T, const kd_problem_t P, slong level_max,
                              slong prec, kd_truth_progress_fn progress, void * data)
{
    kd_status st = KD_OK;
    slong n, i, total = 0;
    search_log L;
    char what[128];

    if (!P->has_data)
        return kd_error_set(KD_ERR_ARG, "the problem has no exact data (given by oracles only): "
                            "nothing to certify against");
    if (P->is_complex)
        return _kd_truth_set_compute_complex(T, P, prec);
    if (kd_problem_is_rational(P))
    {
        if (progress != NULL)
            progress(data, 1, 1, "exact solution of the rational data");
        return truth_rational(T, P, prec);
    }

    /* irrational data: patterns from rational instances, certified on the
       exact data (proofs-notes/solvers.md §5) */
    for (n = 16; n <= level_max; n *= 2)
        total++;
    memset(&L, 0, sizeof L);
    L.nE = -1;
    for (n = 16, i = 1; n <= level_max && T->found != KD_TRUE; n *= 2, i++)
    {
        slong p = FLINT_MAX(prec, kd_level_prec(n, 0));
        if (progress != NULL)
        {
            snprintf(what, sizeof what, "truth: exact solution at level %ld, its pattern "
                     "certified at %ld bits", n, p);
            progress(data, i, total, what);
        }
        st = try_level(T, &L, P, n, p);
        if (st == KD_ERR_UNSUPPORTED || st == KD_ERR_DOMAIN)
            break;
        if (st != KD_OK && st != KD_ERR_ARG)
            break;
        st = KD_OK;
        if (T->found != KD_TRUE && search_hopeless(&L))
            break;
    }
    if (T->found != KD_TRUE && T->how[0] == '\0')
        diagnose(T, &L, level_max);
    flint_free(L.E);
    flint_free(L.s);
    return st;
}

kd_status
kd_truth_set_dist(arb_t d, const kd_truth_set_t T, const fmpq_mat_t xr,
                  const fmpq_mat_t xi, slong prec)
{
    if (T->found != KD_TRUE)
    {
        arb_indeterminate(d);
        return KD_OK;
    }
    if (!T->has_face && T->fexact != NULL)
    {
        arb_mat_t x;
        kd_status st;
        arb_mat_init(x, fmpq_mat_nrows(xr), 1);
        arb_mat_set_fmpq_mat(x, xr, prec);
        st = kd_face_exact_dist(d, T->fexact, x, prec);
        arb_mat_clear(x);
        return st;
    }
    if (!T->has_face)
        return kd_certify_dist_to_enclosure(d, xr, xi, &T->x, &T->xi, prec);
    {
        fmpq_mat_t p;
        fmpq_t d2;
        kd_status st;
        fmpq_mat_init(p, fmpq_mat_nrows(xr), 1);
        fmpq_init(d2);
        st = kd_face_project(p, d2, T->face, xr);
        if (st == KD_OK)
        {
            arb_set_fmpq(d, d2, prec);
            arb_sqrt(d, d, prec);
        }
        fmpq_mat_clear(p);
        fmpq_clear(d2);
        return st;
    }
}

kd_truth
kd_truth_set_support_verdict(const kd_truth_set_t T, const fmpq_mat_t xr, const fmpq_mat_t xi)
{
    kd_truth t;
    arb_mat_t x;
    slong j;
    if (T->found != KD_TRUE || T->has_face || T->fexact != NULL)
        return KD_UNKNOWN;
    /* an entry of a complex candidate is zero iff both parts are: judge
       |x_j| through an exact enclosure (0 exactly, or a ball away from 0) */
    arb_mat_init(x, fmpq_mat_nrows(xr), 1);
    for (j = 0; j < fmpq_mat_nrows(xr); j++)
    {
        int z = fmpq_is_zero(fmpq_mat_entry(xr, j, 0))
                && (xi == NULL || fmpq_is_zero(fmpq_mat_entry(xi, j, 0)));
        if (!z)
            arb_one(arb_mat_entry(x, j, 0));
    }
    t = kd_truth_set_support_verdict_arb(T, x);
    arb_mat_clear(x);
    return t;
}

kd_truth
kd_truth_set_support_verdict_arb(const kd_truth_set_t T, const arb_mat_t x)
{
    slong j;
    kd_truth t = KD_TRUE;
    if (T->found != KD_TRUE || T->has_face || T->fexact != NULL)
        return KD_UNKNOWN;
    for (j = 0; j < arb_mat_nrows(x); j++)
    {
        /* entry j of the truth is x_j + i xi_j (xi is zero for real problems) */
        const arb_struct * b = arb_mat_entry(&T->x, j, 0), * bi = arb_mat_entry(&T->xi, j, 0);
        const arb_struct * c = arb_mat_entry(x, j, 0);
        int zhat = arb_is_zero(c), nzhat = !arb_contains_zero(c);
        if (arb_is_zero(b) && arb_is_zero(bi))
        {
            if (nzhat)
                return KD_FALSE;
            if (!zhat)
                t = KD_UNKNOWN;
        }
        else if (!arb_contains_zero(b) || !arb_contains_zero(bi))
        {
            if (zhat)
                return KD_FALSE;
            if (!nzhat)
                t = KD_UNKNOWN;
        }
        else
            t = KD_UNKNOWN;
    }
    return t;
}
