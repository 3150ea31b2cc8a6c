/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The algorithms that play the regimes of the barrier theorem on Omega_K
   (theory.md §5): the built-in ones (solvers, LISTA, read-until-decided,
   guessers, the K-1- and K-2-digit algorithms) and the helpers a user's own
   algorithm can use. */
#include <math.h>
#include <string.h>
#include "kdigits/regimes.h"
#include "kdigits/iter.h"
#include "kdigits/lista.h"

/* the level at which the solver-type algorithms read their data */
#define DATA_LEVEL 30

/* Fills an algorithm descriptor (every constructor below). */
static void
alg_set(kd_regimes_alg_t a, const char * name, kd_regimes_fn run, void * state,
        void (*clear_state)(void *), ulong seed)
{
    a->name = name;
    a->run = run;
    a->state = state;
    a->clear_state = clear_state;
    a->seed = seed;
}

void
kd_regimes_alg_clear(kd_regimes_alg_t a)
{
    if (a->clear_state != NULL && a->state != NULL)
        a->clear_state(a->state);
    a->state = NULL;
}

/* ------------------------------------------------------------ helpers */

/* The class parameter as a rational (exact when it is a dyadic of modest
   size, else within 2^-200: the algorithms only need a working value). */
static kd_status
class_param(fmpq_t p, const kd_omega_class_t C)
{
    if (C->kind == KD_PROBLEM_BP)
    {
        fmpq_zero(p);
        return KD_OK;
    }
    {
        mag_t e;
        kd_status st;
        mag_init(e);
        st = kd_real_approx(p, e, C->param, 200, C->prec_cap);
        mag_clear(e);
        return st;
    }
}

/* q = q / n for a positive integer n */
static void
fmpq_div_slong(fmpq_t q, slong n)
{
    fmpz_mul_si(fmpq_denref(q), fmpq_denref(q), n);
    fmpq_canonicalise(q);
}

kd_status
kd_regimes_first_row(arb_mat_t r, const fmpq_mat_t An, const kd_omega_class_t C, slong prec)
{
    kd_omega_t G;
    acb_mat_t D;
    arb_t t, s;
    slong i, l, m;
    kd_status st;

    kd_omega_init(G);
    /* D is the same on the whole class: take it from the tie instance */
    st = kd_omega_class_instance(G, C, 1, 0, KD_OMEGA_TIE);
    if (st != KD_OK)
    {
        kd_omega_clear(G);
        return st;
    }
    m = G->m;
    if (fmpq_mat_nrows(An) != m || fmpq_mat_ncols(An) != G->N)
    {
        kd_omega_clear(G);
        return kd_error_set(KD_ERR_SIZE, "regimes: A_k is not %ld x %ld", m, G->N);
    }
    acb_mat_init(D, m, m);
    st = kd_mat_eval_acb_mat(D, G->D, prec);
    arb_init(t);
    arb_init(s);
    arb_mat_clear(r);
    arb_mat_init(r, 1, C->N1);
    for (i = 0; st == KD_OK && i < C->N1; i++)
    {
        /* (D^T An)_{0,i} = sum_l D_{l,0} An_{l,i} */
        arb_zero(s);
        for (l = 0; l < m; l++)
        {
            arb_set_fmpq(t, fmpq_mat_entry(An, l, i), prec);
            arb_addmul(s, t, acb_realref(acb_mat_entry(D, l, 0)), prec);
        }
        arb_set(arb_mat_entry(r, 0, i), s);
    }
    arb_clear(t);
    arb_clear(s);
    acb_mat_clear(D);
    kd_omega_clear(G);
    return st;
}

void
kd_regimes_decide(slong * j, const arb_mat_t r, slong k, slong prec)
{
    slong i, best = 0, n = arb_mat_ncols(r);
    arb_t g, thr;

    /* the candidate: largest midpoint */
    for (i = 1; i < n; i++)
        if (arf_cmp(arb_midref(arb_mat_entry(r, 0, i)), arb_midref(arb_mat_entry(r, 0, best))) > 0)
            best = i;
    arb_init(g);
    arb_init(thr);
    /* |r_i - a_i| <= 2^-k, so r_best - r_i > 2 2^-k proves a_best > a_i */
    arb_one(thr);
    arb_mul_2exp_si(thr, thr, 1 - k);
    *j = best;
    for (i = 0; i < n; i++)
    {
        if (i == best)
            continue;
        arb_sub(g, arb_mat_entry(r, 0, best), arb_mat_entry(r, 0, i), prec);
        if (!arb_gt(g, thr))
        {
            *j = -1;
            break;
        }
    }
    arb_clear(g);
    arb_clear(thr);
}

kd_status
kd_regimes_vertex(fmpq_mat_t x, const kd_omega_class_t C, const fmpq_t a, slong j)
{
    fmpq_t tau, p, t;
    slong i, N = C->N1 + C->N2;
    kd_status st;

    if (fmpq_sgn(a) <= 0)
        return kd_error_set(KD_ERR_ARG, "regimes: the column estimate must be positive");
    fmpq_init(tau);
    fmpq_init(p);
    fmpq_init(t);
    st = class_param(p, C);
    fmpq_inv(tau, a);
    if (C->kind == KD_PROBLEM_P2)
    {
        /* (1/a)(1 - lambda/(2a)) */
        fmpq_div(t, p, a);
        fmpq_div_2exp(t, t, 1);
        fmpq_sub_si(t, t, 1);
        fmpq_neg(t, t);
        fmpq_mul(tau, tau, t);
    }
    else if (C->kind == KD_PROBLEM_P1)
    {
        fmpq_sub_si(t, p, 1);
        fmpq_neg(t, t);
        fmpq_mul(tau, tau, t);
    }
    fmpq_mat_clear(x);
    fmpq_mat_init(x, N, 1);
    if (j == KD_OMEGA_TIE)
    {
        fmpq_div_slong(tau, C->N1);
        for (i = 0; i < C->N1; i++)
            fmpq_set(fmpq_mat_entry(x, i, 0), tau);
    }
    else
        fmpq_set(fmpq_mat_entry(x, j, 0), tau);
    fmpq_clear(tau);
    fmpq_clear(p);
    fmpq_clear(t);
    return st;
}

/* a rational estimate of a column value (ball midpoint) */
static void
mid_q(fmpq_t q, const arb_t b)
{
    arf_get_fmpq(q, arb_midref(b));
}

/* mean of the first-row entries (the tie value for the centroid map) */
static void
row_mean(fmpq_t q, const arb_mat_t r)
{
    fmpq_t t;
    slong i, n = arb_mat_ncols(r);
    fmpq_init(t);
    fmpq_zero(q);
    for (i = 0; i < n; i++)
    {
        mid_q(t, arb_mat_entry(r, 0, i));
        fmpq_add(q, q, t);
    }
    fmpq_div_slong(q, n);
    fmpq_clear(t);
}

static slong
row_prec(const kd_omega_class_t C, slong k)
{
    return k + 4 * C->K + 128;
}

/* r = the first row of A read at level k, a = its mean */
static kd_status
read_row(arb_mat_t r, fmpq_t a, kd_oracle_t OA, const kd_omega_class_t C, slong k)
{
    fmpq_mat_t A;
    kd_status st;
    fmpq_mat_init(A, 0, 0);
    st = kd_oracle_get(A, NULL, OA, k);
    if (st == KD_OK)
        st = kd_regimes_first_row(r, A, C, row_prec(C, k));
    if (st == KD_OK)
        row_mean(a, r);
    fmpq_mat_clear(A);
    return st;
}

/* ------------------------------------------------------------ algorithms */

static void
free_state(void * s)
{
    flint_free(s);
}

static kd_status
iter_run(fmpq_mat_t xhat, kd_oracle_t OA, kd_oracle_t Oy, const kd_omega_class_t C,
         int which, slong restarts)
{
    fmpq_mat_t A, y;
    fmpq_t lam;
    kd_iter_result_t R;
    kd_iter_data_t D;
    kd_arith_t ar;
    kd_status st;

    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(y, 0, 0);
    fmpq_init(lam);
    kd_iter_result_init(R);
    kd_arith_set_double(ar);
    st = kd_oracle_get(A, NULL, OA, DATA_LEVEL);
    if (st == KD_OK)
        st = kd_oracle_get(y, NULL, Oy, DATA_LEVEL);
    if (st == KD_OK)
        st = class_param(lam, C);
    if (st == KD_OK && (C->kind == KD_PROBLEM_P1 || fmpq_sgn(lam) <= 0))
        fmpq_one(lam);
    if (st == KD_OK)
    {
        kd_iter_data_init(D, A, NULL, y, NULL, NULL);
        if (which == 0)
        {
            kd_iter_firenet_params_t fp;
            kd_iter_firenet_params_init(fp);
            fp->n = restarts;
            st = kd_iter_firenet(R, D, lam, fp, ar);
            kd_iter_firenet_params_clear(fp);
        }
        else
        {
            kd_iter_opts_t io;
            kd_iter_opts_init(io);
            io->max_iter = 2000;
            st = kd_iter_fista(R, D, lam, io, ar);
        }
    }
    if (st == KD_OK)
    {
        fmpq_mat_clear(xhat);
        fmpq_mat_init(xhat, fmpq_mat_nrows(R->x_re), 1);
        fmpq_mat_set(xhat, R->x_re);
    }
    kd_iter_result_clear(R);
    fmpq_clear(lam);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    return st;
}

static kd_status
firenet_fn(fmpq_mat_t xhat, kd_oracle_t OA, kd_oracle_t Oy, const kd_omega_class_t C,
           void * state, ulong seed)
{
    (void) seed;
    return iter_run(xhat, OA, Oy, C, 0, *(slong *) state);
}

void
kd_regimes_alg_firenet(kd_regimes_alg_t a, slong restarts)
{
    static char names[4][32];
    slong * s = flint_malloc(sizeof(slong));
    int slot = restarts <= 5 ? 0 : restarts <= 15 ? 1 : restarts <= 30 ? 2 : 3;
    *s = restarts;
    snprintf(names[slot], sizeof names[slot], "FIRENET (n = %ld)", restarts);
    alg_set(a, names[slot], firenet_fn, s, free_state, 0);
}

static kd_status
fista_fn(fmpq_mat_t xhat, kd_oracle_t OA, kd_oracle_t Oy, const kd_omega_class_t C,
         void * state, ulong seed)
{
    (void) state;
    (void) seed;
    return iter_run(xhat, OA, Oy, C, 1, 0);
}

void
kd_regimes_alg_fista(kd_regimes_alg_t a)
{
    alg_set(a, "FISTA (P2, 2000 it.)", fista_fn, NULL, NULL, 0);
}

/* The exact solver as an algorithm: kd_solve itself reads the adversary's
   oracles (the one door: every read is in their logs) at level DATA_LEVEL. */
static kd_status
exact_fn(fmpq_mat_t xhat, kd_oracle_t OA, kd_oracle_t Oy, const kd_omega_class_t C,
         void * state, ulong seed)
{
    kd_problem_t P;
    kd_solve_opts_t o;
    kd_solve_result_t R;
    kd_status st;
    slong i;

    (void) state;
    (void) seed;
    kd_solve_opts_init(o);
    kd_solve_result_init(R);
    o->method = KD_METHOD_EXACT;
    o->level = DATA_LEVEL;
    o->certify = 0;
    st = kd_problem_init_oracles(P, C->kind, OA, Oy, NULL,
                                 C->kind == KD_PROBLEM_BP ? NULL : C->param, C->prec_cap);
    if (st == KD_OK)
        st = kd_solve(R, P, o);
    if (st == KD_OK)
    {
        fmpq_mat_clear(xhat);
        fmpq_mat_init(xhat, R->N, 1);
        if (!R->algebraic)
            fmpq_mat_set(xhat, &R->xr);
        else    /* algebraic entries: their rational midpoints */
            for (i = 0; i < R->N; i++)
                arf_get_fmpq(fmpq_mat_entry(xhat, i, 0),
                             arb_midref(arb_mat_entry(&R->xball, i, 0)));
    }
    kd_solve_result_clear(R);
    kd_solve_opts_clear(o);
    kd_problem_clear(P);
    return st;
}

void
kd_regimes_alg_exact(kd_regimes_alg_t a)
{
    alg_set(a, "exact solve on A_30", exact_fn, NULL, NULL, 0);
}

typedef struct
{
    slong R, epochs;
}
lista_state;

/* a standard normal draw (Box-Muller in double: training data only) */
static double
gauss(flint_rand_t st)
{
    double u1 = (n_randlimb(st) >> 11) * 0x1p-53 + 0x1p-54;
    double u2 = (n_randlimb(st) >> 11) * 0x1p-53;
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static kd_status
lista_fn(fmpq_mat_t xhat, kd_oracle_t OA, kd_oracle_t Oy, const kd_omega_class_t C,
         void * state, ulong seed)
{
    const lista_state * ls = state;
    fmpq_mat_t A, y;
    arb_mat_t r;
    double * B = NULL, * X = NULL, * Y = NULL, * aj = NULL, s2, c2, LB;
    slong m, N, N1 = C->N1, i, k, l, e, s = 3, R = ls->R;
    kd_lista_t net;
    kd_lista_report_t rep;
    kd_lista_train_opts_t to;
    flint_rand_t rs;
    kd_status st;
    int have_net = 0;

    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(y, 0, 0);
    arb_mat_init(r, 1, N1);
    kd_lista_report_init(rep);
    flint_randinit(rs);
    flint_randseed(rs, seed + 77, seed ^ 0x5DEECE66DUL);
    st = kd_oracle_get(A, NULL, OA, DATA_LEVEL);
    if (st == KD_OK)
        st = kd_oracle_get(y, NULL, Oy, DATA_LEVEL);
    if (st == KD_OK)
        st = kd_regimes_first_row(r, A, C, row_prec(C, DATA_LEVEL));
    if (st != KD_OK)
        goto out;
    m = fmpq_mat_nrows(A);
    N = fmpq_mat_ncols(A);
    if (s > N - N1)
        s = N - N1;
    /* 2^e ~ 10^K, as in src/omega/table.c: weights of order 1 */
    e = (slong) floor((double) C->K * 3.321928094887362 + 0.5);
    s2 = ldexp(1.0, (int) e);
    B = flint_malloc(m * N * sizeof(double));
    X = flint_calloc(R * N, sizeof(double));
    Y = flint_calloc(R * m, sizeof(double));
    aj = flint_malloc(N1 * sizeof(double));
    for (i = 0; i < m * N; i++)
        B[i] = fmpq_get_d(fmpq_mat_entry(A, i / N, i % N));
    c2 = 0;
    for (i = 0; i < N1; i++)
    {
        aj[i] = arf_get_d(arb_midref(arb_mat_entry(r, 0, i)), ARF_RND_NEAR);
        c2 += aj[i] * aj[i];
    }
    c2 = sqrt(c2);
    /* samples from the data read: x = e_j / a_j + z, y = A_k x */
    for (k = 0; k < R; k++)
    {
        double * x = X + k * N, * yy = Y + k * m;
        slong j = (slong) n_randint(rs, N1);
        x[j] = 1.0 / aj[j];
        for (l = 0; l < s; l++)
            x[N1 + (slong) n_randint(rs, N - N1)] = gauss(rs) / c2;
        for (i = 0; i < m; i++)
            for (l = 0; l < N; l++)
                yy[i] += B[i * N + l] * x[l];
    }
    for (i = 0; i < R * N; i++)
        X[i] *= s2;
    for (i = 0; i < m * N; i++)
        B[i] /= s2;
    if ((st = kd_lista_init(net, 5, m, N)) != KD_OK)
        goto out;
    have_net = 1;
    st = kd_lista_set_ista(net, &LB, B, 1e-3, 0);
    kd_lista_train_opts_init(to);
    to->epochs = ls->epochs;
    to->lr = 1e-2;
    to->lr_decay = 0.9;
    to->seed = seed + 1;
    if (st == KD_OK)
        st = kd_lista_train(rep, net, Y, X, R, to);
    if (st == KD_OK)
    {
        fmpq_mat_clear(xhat);
        fmpq_mat_init(xhat, N, 1);
        st = kd_lista_apply_fmpq(xhat, net, y);
    }
    if (st == KD_OK)
        for (i = 0; i < fmpq_mat_nrows(xhat); i++)
            fmpq_div_2exp(fmpq_mat_entry(xhat, i, 0), fmpq_mat_entry(xhat, i, 0), e);
out:
    if (have_net)
        kd_lista_clear(net);
    flint_free(B);
    flint_free(X);
    flint_free(Y);
    flint_free(aj);
    flint_randclear(rs);
    kd_lista_report_clear(rep);
    arb_mat_clear(r);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    return st;
}

void
kd_regimes_alg_lista(kd_regimes_alg_t a, slong R, slong epochs)
{
    lista_state * s = flint_malloc(sizeof(lista_state));
    s->R = R;
    s->epochs = epochs;
    alg_set(a, "LISTA (5 layers, trained)", lista_fn, s, free_state, 2022);
}

/* Reads levels first..budget until decided. *j = the decided column or
   -1; a = the value used for tau (the decided entry, else the mean). */
static kd_status
read_until(slong * j, fmpq_t a, kd_oracle_t OA, const kd_omega_class_t C, slong first,
           slong budget)
{
    fmpq_mat_t A;
    arb_mat_t r;
    slong k;
    kd_status st = KD_OK;

    fmpq_mat_init(A, 0, 0);
    arb_mat_init(r, 1, C->N1);
    *j = -1;
    if (budget < 0)
        budget = 4096;
    for (k = first; k <= budget && *j < 0; k++)
    {
        slong prec = row_prec(C, k);
        if ((st = kd_oracle_get(A, NULL, OA, k)) != KD_OK
            || (st = kd_regimes_first_row(r, A, C, prec)) != KD_OK)
            break;
        kd_regimes_decide(j, r, k, prec);
    }
    if (st == KD_OK)
    {
        if (*j >= 0)
            mid_q(a, arb_mat_entry(r, 0, *j));
        else
            row_mean(a, r);
    }
    arb_mat_clear(r);
    fmpq_mat_clear(A);
    return st;
}

static kd_status
read_until_fn(fmpq_mat_t xhat, kd_oracle_t OA, kd_oracle_t Oy, const kd_omega_class_t C,
              void * state, ulong seed)
{
    slong j;
    fmpq_t a;
    kd_status st;
    (void) Oy;
    (void) seed;
    fmpq_init(a);
    st = read_until(&j, a, OA, C, 1, *(slong *) state);
    if (st == KD_OK)
        st = kd_regimes_vertex(xhat, C, a, j >= 0 ? j : KD_OMEGA_TIE);
    fmpq_clear(a);
    return st;
}

void
kd_regimes_alg_read_until(kd_regimes_alg_t a, slong budget)
{
    static char name[48];
    slong * s = flint_malloc(sizeof(slong));
    *s = budget;
    snprintf(name, sizeof name, "read until decided (M = %ld)", budget);
    alg_set(a, name, read_until_fn, s, free_state, 0);
}

static kd_status
guess_fn(fmpq_mat_t xhat, kd_oracle_t OA, kd_oracle_t Oy, const kd_omega_class_t C,
         void * state, ulong seed)
{
    arb_mat_t r;
    fmpq_t a;
    flint_rand_t rs;
    kd_status st;
    (void) Oy;
    (void) state;
    arb_mat_init(r, 1, C->N1);
    fmpq_init(a);
    flint_randinit(rs);
    flint_randseed(rs, seed * 2654435761UL + 1, seed ^ 0x9E3779B97F4A7C15UL);
    st = read_row(r, a, OA, C, 1);
    if (st == KD_OK)
        st = kd_regimes_vertex(xhat, C, a, (slong) n_randint(rs, C->N1));
    flint_randclear(rs);
    fmpq_clear(a);
    arb_mat_clear(r);
    return st;
}

void
kd_regimes_alg_guess(kd_regimes_alg_t a)
{
    alg_set(a, "randomised guesser", guess_fn, NULL, NULL, 1);
}

/* scale 1 iff the first-row mean exceeds a0(K)/sqrt(10), the geometric
   middle of the two scales (the factor 10 is visible in the first datum,
   theory.md §4) */
static kd_status
scale_of(slong * scale, const fmpq_t mean, const kd_omega_class_t C)
{
    arb_t a0, t;
    slong prec = 64 + 4 * C->K;
    arb_init(a0);
    arb_init(t);
    arb_sqrt_ui(a0, 2, prec);
    arb_div_ui(a0, a0, 3, prec);
    arb_ui_pow_ui(t, 10, C->K, prec);
    arb_mul(a0, a0, t, prec);
    arb_sqrt_ui(t, 10, prec);
    arb_div(a0, a0, t, prec);
    arb_set_fmpq(t, mean, prec);
    *scale = arb_gt(t, a0) ? 1 : 2;
    arb_clear(a0);
    arb_clear(t);
    return KD_OK;
}

static kd_status
k1_fn(fmpq_mat_t xhat, kd_oracle_t OA, kd_oracle_t Oy, const kd_omega_class_t C,
      void * state, ulong seed)
{
    slong budget = *(slong *) state, scale, j;
    arb_mat_t r;
    fmpq_t a;
    kd_status st;
    (void) Oy;

    arb_mat_init(r, 1, C->N1);
    fmpq_init(a);
    st = read_row(r, a, OA, C, 1);
    if (st == KD_OK)
        st = scale_of(&scale, a, C);
    if (st == KD_OK && scale == 1)
        /* Omega(1): the centroid map, error tau sqrt(1 - 1/N1) < 10^-(K-1) */
        st = kd_regimes_vertex(xhat, C, a, KD_OMEGA_TIE);
    else if (st == KD_OK)
    {
        kd_regimes_decide(&j, r, 1, row_prec(C, 1));
        if (j < 0 && (budget < 0 || budget >= 2))
            st = read_until(&j, a, OA, C, 2, budget);
        else if (j >= 0)
            mid_q(a, arb_mat_entry(r, 0, j));
        if (st == KD_OK && j < 0)
        {
            /* out of budget: no choice is better than a random column */
            flint_rand_t rs;
            flint_randinit(rs);
            flint_randseed(rs, seed * 2654435761UL + 7, seed ^ 0x2545F4914F6CDD1DUL);
            j = (slong) n_randint(rs, C->N1);
            flint_randclear(rs);
        }
        if (st == KD_OK)
            st = kd_regimes_vertex(xhat, C, a, j);
    }
    fmpq_clear(a);
    arb_mat_clear(r);
    return st;
}

void
kd_regimes_alg_k1(kd_regimes_alg_t a, slong budget)
{
    slong * s = flint_malloc(sizeof(slong));
    *s = budget;
    alg_set(a, "K-1 digits (theory.md §5 (ii))", k1_fn, s, free_state, 0);
}

static kd_status
k2_fn(fmpq_mat_t xhat, kd_oracle_t OA, kd_oracle_t Oy, const kd_omega_class_t C,
      void * state, ulong seed)
{
    arb_mat_t r;
    fmpq_t a;
    kd_status st;
    (void) Oy;
    (void) state;
    (void) seed;
    arb_mat_init(r, 1, C->N1);
    fmpq_init(a);
    /* one datum; level 10 only sharpens the estimate of tau */
    st = read_row(r, a, OA, C, 10);
    if (st == KD_OK)
        st = kd_regimes_vertex(xhat, C, a, KD_OMEGA_TIE);
    fmpq_clear(a);
    arb_mat_clear(r);
    return st;
}

void
kd_regimes_alg_k2(kd_regimes_alg_t a)
{
    alg_set(a, "K-2 digits (theory.md §5 (iii))", k2_fn, NULL, NULL, 0);
}
