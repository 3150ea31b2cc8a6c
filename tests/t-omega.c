/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the omega module: the facts of theory.md §4 about the
   Table-1 gadget, its closed-form minimisers against kdigits' certificates
   and exact solvers, distances to the tie simplex against independent
   formulas, the training samples, the two-scale class and the adversary of
   theory.md §5 (i). */
#include <string.h>
#include "testutil.h"
#include "kdigits/omega.h"
#include "kdigits/solve.h"

#define PREC 256

/* An independent a0 + eps = (sqrt(2)/3) 10^K + 2^-(n+1) (eps = 0: tie). */
static void
ref_a(arb_t a, slong K, slong n, int raised, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_sqrt_ui(a, 2, prec);
    arb_ui_pow_ui(t, 10, K, prec);
    arb_mul(a, a, t, prec);
    arb_div_ui(a, a, 3, prec);
    if (raised)
    {
        arb_one(t);
        arb_mul_2exp_si(t, t, -(n + 1));
        arb_add(a, a, t, prec);
    }
    arb_clear(t);
}

static void
real_param(kd_real_t p, const char * s)
{
    kd_assert_ok(kd_real_parse(p, s));
}

/* A rational rounding of a column of balls (midpoints). */
static void
mid_fmpq(fmpq_mat_t q, const arb_mat_t x)
{
    slong i;
    for (i = 0; i < arb_mat_nrows(x); i++)
        arf_get_fmpq(fmpq_mat_entry(q, i, 0), arb_midref(arb_mat_entry(x, i, 0)));
}

static void
eval_col(arb_mat_t R, const kd_mat_t x, slong prec)
{
    acb_mat_t C;
    slong i;
    acb_mat_init(C, x->r, 1);
    kd_assert_ok(kd_mat_eval_acb_mat(C, x, prec));
    for (i = 0; i < x->r; i++)
        arb_set(arb_mat_entry(R, i, 0), acb_realref(acb_mat_entry(C, i, 0)));
    acb_mat_clear(C);
}

/* theory.md §4 facts for one parameter set. */
static void
facts_case(slong K, slong n, slong N1, slong N2, int dct)
{
    kd_omega_t G0, G1;
    kd_real_t lam, del, aj;
    arb_mat_t A0, A1, At, AA, M, v, Mv, x1;
    arb_t c2, a, t, u, b;
    slong m = N2 + 1, N = N1 + N2, i, k;
    kd_truth tr;
    fmpq_t q;

    kd_omega_init(G0);
    kd_omega_init(G1);
    kd_real_init(lam);
    kd_real_init(del);
    kd_real_init(aj);
    arb_mat_init(A0, m, N);
    arb_mat_init(A1, m, N);
    arb_mat_init(At, N, m);
    arb_mat_init(AA, m, m);
    arb_mat_init(M, m, N);
    arb_mat_init(v, N, 1);
    arb_mat_init(Mv, m, 1);
    arb_mat_init(x1, N, 1);
    arb_init(c2);
    arb_init(a);
    arb_init(t);
    arb_init(u);
    arb_init(b);
    fmpq_init(q);
    real_param(lam, "1");
    real_param(del, "1/6");

    kd_assert_ok(kd_omega_set(G0, KD_PROBLEM_P3, lam, K, n, N1, N2, 0, dct, 0));
    kd_assert_ok(kd_omega_set(G1, KD_PROBLEM_P3, lam, K, n, N1, N2, 1, dct, 0));
    ck_assert_int_eq(G0->m, m);
    ck_assert_int_eq(G0->N, N);
    kd_assert_ok(kd_omega_eval(A0, NULL, G0, PREC));
    kd_assert_ok(kd_omega_eval(A1, NULL, G1, PREC));

    /* the paper's literal a_j = gamma lambda / rho_min equals a0 + eps */
    kd_assert_ok(kd_omega_paper_aj(aj, K, lam, del, n));
    kd_assert_ok(kd_real_eval_arb(t, aj, PREC));
    ref_a(a, K, n, 1, PREC);
    ck_assert(arb_overlaps(t, a));
    ck_assert(mag_cmp_2exp_si(arb_radref(t), -PREC / 2) < 0);

    /* column k of the first block is D e_1 a_k: with the DCT,
       (sqrt(1/m), sqrt(2/m) cos(pi/(2m)), ...) a_k */
    arb_set(u, a);
    if (dct)
    {
        arb_sqrt_ui(t, m, PREC);
        arb_div(u, u, t, PREC);
    }
    ck_assert(arb_overlaps(arb_mat_entry(A0, 0, 0), u));
    if (dct)
    {
        arb_set_ui(t, 1);
        arb_div_ui(t, t, 2 * m, PREC);
        arb_cos_pi(t, t, PREC);
        arb_mul(u, u, t, PREC);
        arb_sqrt_ui(t, 2, PREC);
        arb_mul(u, u, t, PREC);
        ck_assert(arb_overlaps(arb_mat_entry(A0, 1, 0), u));
    }
    else
        ck_assert(arb_is_zero(arb_mat_entry(A0, 1, 0)));

    /* AA^T = c^2 I, c^2 = (N1 - 1) a0^2 + (a0 + eps)^2 computed independently */
    ref_a(t, K, n, 0, PREC);
    arb_sqr(t, t, PREC);
    arb_mul_ui(c2, t, N1 - 1, PREC);
    arb_sqr(t, a, PREC);
    arb_add(c2, c2, t, PREC);
    arb_mat_transpose(At, A0);
    arb_mat_mul(AA, A0, At, PREC);
    for (i = 0; i < m; i++)
        for (k = 0; k < m; k++)
        {
            const arb_struct * e = arb_mat_entry(AA, i, k);
            if (i == k)
                ck_assert_msg(arb_overlaps(e, c2), "AA^T diagonal K=%ld n=%ld", K, n);
            else
                ck_assert_msg(arb_contains_zero(e), "AA^T off-diagonal K=%ld n=%ld", K, n);
            ck_assert(mag_cmp_2exp_si(arb_radref(e), 2 * K * 4 - PREC / 2) < 0);
        }

    /* ||A^(1) - A^(2)||_2 = 2^(-n-1/2) < 2^-n: rank one (same c), so the
       Frobenius norm is the operator norm; the lower bound from v = (e1 -
       e2)/sqrt(2), the upper from Frobenius and from the Cholesky test */
    arb_mat_sub(M, A0, A1, PREC);
    arb_zero(t);
    for (i = 0; i < m; i++)
        for (k = 0; k < N; k++)
            arb_addmul(t, arb_mat_entry(M, i, k), arb_mat_entry(M, i, k), PREC);
    arb_sqrtpos(t, t, PREC);
    arb_one(b);
    arb_mul_2exp_si(b, b, -n);
    arb_sqrt_ui(u, 2, PREC);
    arb_div(b, b, u, PREC);                 /* 2^(-n-1/2) */
    ck_assert(arb_overlaps(t, b));
    arb_inv(u, u, PREC);
    arb_set(arb_mat_entry(v, 0, 0), u);
    arb_neg(arb_mat_entry(v, 1, 0), u);
    arb_mat_mul(Mv, M, v, PREC);
    arb_zero(u);
    for (i = 0; i < m; i++)
        arb_addmul(u, arb_mat_entry(Mv, i, 0), arb_mat_entry(Mv, i, 0), PREC);
    arb_sqrtpos(u, u, PREC);
    ck_assert(arb_overlaps(u, b));
    arb_one(b);
    arb_mul_2exp_si(b, b, -n);
    kd_omega_opnorm_lt(&tr, M, b, PREC);
    ck_assert_int_eq(tr, KD_TRUE);
    arb_mul_2exp_si(b, b, -1);              /* 2^(-n-1) < 2^(-n-1/2): not provable */
    kd_omega_opnorm_lt(&tr, M, b, PREC);
    ck_assert_int_ne(tr, KD_TRUE);

    /* minimisers sqrt(2) rho_min/(lambda gamma) = sqrt(2)/a_j ~ 3 10^-K apart,
       ||x*|| = 1/a_j ~ 2.1213 10^-K */
    {
        kd_mat_t xs;
        arb_t d, lo, hi;
        kd_mat_init(xs, 0, 0);
        arb_init(d);
        arb_init(lo);
        arb_init(hi);
        kd_assert_ok(kd_omega_minimiser(xs, G1));
        eval_col(x1, xs, PREC);
        kd_assert_ok(kd_omega_dist_arb(d, G0, x1, PREC));
        arb_sqrt_ui(u, 2, PREC);
        arb_div(u, u, a, PREC);
        ck_assert(arb_overlaps(d, u));
        arb_set_d(lo, 2.99);
        arb_set_d(hi, 3.01);
        arb_ui_pow_ui(t, 10, K, PREC);
        arb_mul(d, d, t, PREC);
        ck_assert(arb_gt(d, lo) && arb_lt(d, hi));
        arb_abs(u, arb_mat_entry(x1, 1, 0));
        arb_mul(u, u, t, PREC);
        arb_set_d(lo, 2.1210);     /* 3/sqrt(2) = 2.12132; eps shifts K = 1 by 2e-4 */
        arb_set_d(hi, 2.1214);
        ck_assert(arb_gt(u, lo) && arb_lt(u, hi));
        /* the dyadic rounding of x* is at distance < 2^-100 */
        {
            fmpq_mat_t xq;
            fmpq_mat_init(xq, N, 1);
            mid_fmpq(xq, x1);
            kd_assert_ok(kd_omega_dist(d, G1, xq, PREC));
            arb_one(t);
            arb_mul_2exp_si(t, t, -100);
            ck_assert(arb_lt(d, t));
            kd_assert_ok(kd_omega_dist(d, G0, xq, PREC));
            ck_assert(arb_overlaps(d, u) || arb_gt(d, t));
            fmpq_mat_clear(xq);
        }
        kd_mat_clear(xs);
        arb_clear(d);
        arb_clear(lo);
        arb_clear(hi);
    }

    kd_omega_clear(G0);
    kd_omega_clear(G1);
    kd_real_clear(lam);
    kd_real_clear(del);
    kd_real_clear(aj);
    arb_mat_clear(A0);
    arb_mat_clear(A1);
    arb_mat_clear(At);
    arb_mat_clear(AA);
    arb_mat_clear(M);
    arb_mat_clear(v);
    arb_mat_clear(Mv);
    arb_mat_clear(x1);
    arb_clear(c2);
    arb_clear(a);
    arb_clear(t);
    arb_clear(u);
    arb_clear(b);
    fmpq_clear(q);
}

START_TEST(test_facts)
{
    static const slong Ks[] = {1, 3, 6}, ns[] = {10, 20, 40};
    slong i;
    for (i = 0; i < 3; i++)
    {
        facts_case(Ks[i], ns[i], 2, 1 + i, 1);
        facts_case(Ks[i], ns[(i + 1) % 3], 2 + i, 2, 0);
    }
    facts_case(6, 30, 2, 20, 1);    /* the Table-1 shape */
}
END_TEST

/* The exact minimiser tau e_j with the independent closed forms of
   theory.md §4. */
static void
ref_tau(arb_t tau, kd_problem_kind kind, const arb_t a, const arb_t par, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_inv(tau, a, prec);
    if (kind == KD_PROBLEM_P2)
    {
        arb_div(t, par, a, prec);
        arb_mul_2exp_si(t, t, -1);
        arb_sub_ui(t, t, 1, prec);
        arb_neg(t, t);
        arb_mul(tau, tau, t, prec);
    }
    else if (kind == KD_PROBLEM_P1)
    {
        arb_sub_ui(t, par, 1, prec);
        arb_neg(t, t);
        arb_mul(tau, tau, t, prec);
    }
    arb_clear(t);
}

/* Closed forms vs kd_certify_pattern (P2, P1), kd_omega_certify (all), and
   the exact solvers on a rational instance. */
static void
closed_form_case(kd_problem_kind kind, const char * param, slong K, slong n, slong N2,
                 slong j, int dct)
{
    kd_omega_t G;
    kd_real_t p;
    kd_problem_t P;
    arb_mat_t x, xs;
    arb_t mu, a, par, tau, d, t;
    kd_truth v;
    kd_mat_t xe;
    slong N1 = 2 + (j > 1), E = j, bad = (j == 0) ? 1 : 0, i;
    int plus = 1;

    kd_omega_init(G);
    kd_real_init(p);
    kd_mat_init(xe, 0, 0);
    arb_init(mu);
    arb_init(a);
    arb_init(par);
    arb_init(tau);
    arb_init(d);
    arb_init(t);
    real_param(p, param);
    kd_assert_ok(kd_omega_set(G, kind, p, K, n, N1, N2, j, dct, 0));
    arb_mat_init(x, G->N, 1);
    arb_mat_init(xs, G->N, 1);
    ref_a(a, K, n, 1, PREC);
    kd_assert_ok(kd_real_eval_arb(par, p, PREC));
    ref_tau(tau, kind, a, par, PREC);
    kd_assert_ok(kd_omega_minimiser(xe, G));
    eval_col(xs, xe, PREC);
    ck_assert(arb_overlaps(arb_mat_entry(xs, j, 0), tau));
    for (i = 0; i < G->N; i++)
        if (i != j)
            ck_assert(arb_is_zero(arb_mat_entry(xs, i, 0)));

    /* the library's own dual certificates */
    kd_assert_ok(kd_omega_certify(&v, G, PREC));
    ck_assert_msg(v == KD_TRUE, "%s K=%ld n=%ld: certificate", kd_problem_kind_name(kind), K, n);

    kd_assert_ok(kd_omega_problem_init(P, G, 0));
    if (kind == KD_PROBLEM_P2 || kind == KD_PROBLEM_P1)
    {
        kd_assert_ok(kd_certify_pattern(&v, x, mu, P, &E, &plus, 1, PREC));
        ck_assert_msg(v == KD_TRUE, "%s K=%ld n=%ld dct=%d: pattern ({j},+) not certified: %s",
                      kd_problem_kind_name(kind), K, n, dct, kd_error_message());
        ck_assert(arb_overlaps(arb_mat_entry(x, j, 0), tau));
        ck_assert(mag_cmp_2exp_si(arb_radref(arb_mat_entry(x, j, 0)), -100) < 0);
        kd_assert_ok(kd_certify_pattern(&v, x, mu, P, &bad, &plus, 1, PREC));
        ck_assert_int_eq(v, KD_FALSE);
    }

    /* the exact solver on the rational instance at level L, far below eps:
       perturbing A by 2^-L moves the minimiser by O(2^-L / a^2), and the
       support stays {j} (dual margin lambda eps / a_j >> 2^-L) */
    {
        kd_solve_opts_t o;
        kd_solve_result_t R;
        slong L = n + 20 + 4 * K;
        kd_solve_opts_init(o);
        kd_solve_result_init(R);
        o->method = KD_METHOD_EXACT;
        o->level = L;
        o->certify = 0;
        kd_assert_ok(kd_solve(R, P, o));
        for (i = 0; i < G->N; i++)
        {
            const arb_struct * e = arb_mat_entry(&R->xball, i, 0);
            if (i == j)
                ck_assert(arb_is_positive(e));
            else if (i < N1 || (kind != KD_PROBLEM_P3 && kind != KD_PROBLEM_BP))
                ck_assert_msg(arb_is_zero(e), "%s: support not {j} (entry %ld)",
                              kd_problem_kind_name(kind), i);
        }
        kd_assert_ok(kd_omega_dist_arb(d, G, &R->xball, PREC));
        arb_one(t);
        arb_mul_2exp_si(t, t, -(L - 6));
        ck_assert_msg(arb_lt(d, t), "%s K=%ld n=%ld: exact solver too far", kd_problem_kind_name(kind),
                      K, n);
        /* and the level-n instance of the *other* column is far: > 10^-K */
        kd_solve_result_clear(R);
        kd_solve_opts_clear(o);
    }
    {
        /* the tampered set (wrong column) is refuted by the certificate */
        slong keep = G->vert[0];
        G->vert[0] = bad;
        kd_assert_ok(kd_omega_certify(&v, G, PREC));
        ck_assert_int_eq(v, KD_FALSE);
        G->vert[0] = keep;
    }

    kd_problem_clear(P);
    kd_omega_clear(G);
    kd_real_clear(p);
    kd_mat_clear(xe);
    arb_mat_clear(x);
    arb_mat_clear(xs);
    arb_clear(mu);
    arb_clear(a);
    arb_clear(par);
    arb_clear(tau);
    arb_clear(d);
    arb_clear(t);
}

START_TEST(test_closed_forms)
{
    slong K, N2;
    int dct;
    for (K = 1; K <= 2; K++)
        for (N2 = 2; N2 <= 3; N2++)
            for (dct = 0; dct <= 1; dct++)
            {
                closed_form_case(KD_PROBLEM_P2, "1", K, 10, N2, (K + N2) % 2, dct);
                closed_form_case(KD_PROBLEM_P1, "1/2", K, 10, N2, 1, dct);
                closed_form_case(KD_PROBLEM_P3, "1", K, 10, N2, 0, dct);
            }
    closed_form_case(KD_PROBLEM_P2, "3/4", 2, 12, 2, 2, 1);
    closed_form_case(KD_PROBLEM_BP, "0", 1, 8, 2, 1, 1);
}
END_TEST

/* Bad parameters are refused with a message, the gadget left empty. */
START_TEST(test_validation)
{
    kd_omega_t G;
    kd_real_t p;
    kd_omega_init(G);
    kd_real_init(p);
    real_param(p, "1");
    ck_assert_int_eq(kd_omega_set(G, KD_PROBLEM_P3, p, 1, 10, 1, 2, 0, 1, 0), KD_ERR_ARG);
    ck_assert_int_eq(kd_omega_set(G, KD_PROBLEM_P3, p, 1, 10, 2, 0, 0, 1, 0), KD_ERR_ARG);
    ck_assert_int_eq(kd_omega_set(G, KD_PROBLEM_P3, p, 1, 10, 2, 2, 2, 1, 0), KD_ERR_ARG);
    ck_assert_int_eq(kd_omega_set(G, KD_PROBLEM_P3, p, 1, -1, 2, 2, 0, 1, 0), KD_ERR_ARG);
    /* a0 = sqrt(2)/3 < lambda = 1 at K = 0 */
    ck_assert_int_eq(kd_omega_set(G, KD_PROBLEM_P3, p, 0, 10, 2, 2, 0, 1, 0), KD_ERR_ARG);
    ck_assert(strstr(kd_error_message(), "a0 > lambda") != NULL);
    ck_assert_int_eq(G->N, 0);
    real_param(p, "1");
    ck_assert_int_eq(kd_omega_set(G, KD_PROBLEM_P1, p, 1, 10, 2, 2, 0, 1, 0), KD_ERR_ARG);
    real_param(p, "-1/2");
    ck_assert_int_eq(kd_omega_set(G, KD_PROBLEM_P2, p, 1, 10, 2, 2, 0, 1, 0), KD_ERR_ARG);
    kd_assert_ok(kd_omega_set(G, KD_PROBLEM_BP, NULL, 1, 10, 2, 2, 0, 1, 0));
    ck_assert(kd_omega_is_point(G));
    {
        kd_mat_t x;
        kd_mat_init(x, 0, 0);
        ck_assert_int_eq(kd_omega_vertex(x, G, 1), KD_ERR_ARG);
        kd_assert_ok(kd_omega_set(G, KD_PROBLEM_BP, NULL, 1, 0, 2, 2, KD_OMEGA_TIE, 1, 0));
        ck_assert_int_eq(kd_omega_minimiser(x, G), KD_ERR_ARG);
        kd_mat_clear(x);
    }
    kd_omega_clear(G);
    kd_real_clear(p);
}
END_TEST

/* The tie: Xi is the simplex {t >= 0 on the first block, sum t = tau,
   second block 0}. Distances against the independent segment formula
   (N1 = 2) and certificates for every kind. */
START_TEST(test_tie)
{
    static const kd_problem_kind kinds[] = {KD_PROBLEM_P3, KD_PROBLEM_P2, KD_PROBLEM_P1,
                                            KD_PROBLEM_BP};
    static const char * const params[] = {"1", "1", "1/3", "0"};
    flint_rand_t state;
    slong it, ik, i;
    kd_test_randinit(state, 71);
    for (ik = 0; ik < 4; ik++)
    {
        kd_omega_t G;
        kd_real_t p;
        kd_truth v;
        arb_t a, par, tau, d, ref, s, t, u;
        fmpq_mat_t xq;
        slong K = 1 + ik % 2, N2 = 2 + ik % 2;

        kd_omega_init(G);
        kd_real_init(p);
        arb_init(a);
        arb_init(par);
        arb_init(tau);
        arb_init(d);
        arb_init(ref);
        arb_init(s);
        arb_init(t);
        arb_init(u);
        real_param(p, params[ik]);
        kd_assert_ok(kd_omega_set(G, kinds[ik], p, K, 0, 2, N2, KD_OMEGA_TIE, ik % 2, 0));
        ck_assert(!kd_omega_is_point(G));
        ck_assert_int_eq(G->nvert, 2);
        kd_assert_ok(kd_omega_certify(&v, G, PREC));
        ck_assert_msg(v == KD_TRUE, "tie %s: certificate", kd_problem_kind_name(kinds[ik]));
        ref_a(a, K, 0, 0, PREC);
        kd_assert_ok(kd_real_eval_arb(par, p, PREC));
        ref_tau(tau, kinds[ik], a, par, PREC);
        fmpq_mat_init(xq, G->N, 1);
        for (it = 0; it < 40; it++)
        {
            /* random dyadic points near the segment, off the clamp
               boundaries: s* = (x1 - x2 + tau)/2 clamped to [0, tau] */
            for (i = 0; i < G->N; i++)
            {
                slong num = (slong) n_randint(state, 2001) - 1000;
                if (i >= 2 && n_randint(state, 2))
                    num = 0;
                fmpq_set_si(fmpq_mat_entry(xq, i, 0), num, 1000);
                fmpq_div_2exp(fmpq_mat_entry(xq, i, 0), fmpq_mat_entry(xq, i, 0), 3 * K);
            }
            kd_assert_ok(kd_omega_dist(d, G, xq, PREC));
            arb_set_fmpq(s, fmpq_mat_entry(xq, 0, 0), PREC);
            arb_set_fmpq(t, fmpq_mat_entry(xq, 1, 0), PREC);
            arb_sub(u, s, t, PREC);
            arb_add(u, u, tau, PREC);
            arb_mul_2exp_si(u, u, -1);
            if (!arb_is_positive(u))
                arb_zero(u);
            else if (arb_gt(u, tau))
                arb_set(u, tau);
            else
                ck_assert(arb_lt(u, tau));
            /* d^2 = (x1 - s*)^2 + (x2 - tau + s*)^2 + rest^2 */
            arb_sub(s, s, u, PREC);
            arb_sqr(ref, s, PREC);
            arb_sub(t, t, tau, PREC);
            arb_add(t, t, u, PREC);
            arb_addmul(ref, t, t, PREC);
            for (i = 2; i < G->N; i++)
            {
                arb_set_fmpq(t, fmpq_mat_entry(xq, i, 0), PREC);
                arb_addmul(ref, t, t, PREC);
            }
            arb_sqrtpos(ref, ref, PREC);
            ck_assert_msg(arb_overlaps(d, ref), "tie dist, seed %lu it %ld", kd_test_seed(71), it);
            ck_assert(mag_cmp_2exp_si(arb_radref(d), -PREC / 2) < 0);
        }
        /* points of the simplex are at distance ~0; the raised instances'
           minimisers are vertices of the tie set up to eps */
        fmpq_mat_zero(xq);
        arb_mul_2exp_si(t, tau, -2);
        arf_get_fmpq(fmpq_mat_entry(xq, 0, 0), arb_midref(t));
        arb_mul_ui(t, t, 3, PREC);
        arf_get_fmpq(fmpq_mat_entry(xq, 1, 0), arb_midref(t));
        kd_assert_ok(kd_omega_dist(d, G, xq, PREC));
        arb_one(t);
        arb_mul_2exp_si(t, t, -200);
        ck_assert(arb_lt(d, t));
        fmpq_mat_clear(xq);
        kd_omega_clear(G);
        kd_real_clear(p);
        arb_clear(a);
        arb_clear(par);
        arb_clear(tau);
        arb_clear(d);
        arb_clear(ref);
        arb_clear(s);
        arb_clear(t);
        arb_clear(u);
    }
    flint_randclear(state);
}
END_TEST

/* theory.md §5 (i): an algorithm that reads levels 0..k0 and outputs
   something is wrong by > 10^-K on a revealed instance consistent with
   every answer it read. */
START_TEST(test_adversary)
{
    flint_rand_t state;
    slong iter;
    kd_test_randinit(state, 83);
    for (iter = 0; iter < 4; iter++)
    {
        kd_omega_class_t C;
        kd_oracle_t O;
        kd_omega_t G, H;
        kd_real_t p;
        fmpq_mat_t An, xq;
        arb_t d, t;
        kd_truth v;
        slong K = 2 + iter % 3, k0 = 3 + (slong) n_randint(state, 40), k, i;
        slong prec = 2 * k0 + 192;

        kd_real_init(p);
        real_param(p, "1");
        kd_assert_ok(kd_omega_class_init(C, KD_PROBLEM_P3, p, K, 2 + iter % 2, 2, iter % 2, 0));
        kd_assert_ok(kd_omega_adversary_init(O, C));
        kd_omega_init(G);
        kd_omega_init(H);
        fmpq_mat_init(An, 0, 0);
        arb_init(d);
        arb_init(t);
        ck_assert_int_eq(kd_omega_adversary_level(O), 1);
        /* the "algorithm": reads a few levels up to k0, outputs the
           centroid-type guess 1/(N1 * a-estimate) on the first block */
        for (k = 0; k <= k0; k += 1 + (slong) n_randint(state, 3))
            kd_assert_ok(kd_oracle_get(An, NULL, O, k));
        kd_assert_ok(kd_oracle_get(An, NULL, O, k0));
        ck_assert_int_eq(kd_oracle_max_level(O), k0);
        ck_assert_int_eq(kd_omega_adversary_level(O), k0 + 2);
        fmpq_mat_init(xq, fmpq_mat_ncols(An), 1);
        /* the output: tau/N1 on each competing column with tau ~ 1/a_k read
           from the first answer's (0, 0) entry (times sqrt(m) under the DCT,
           roughly; any output will do) */
        for (i = 0; i < C->N1; i++)
        {
            fmpq_set_si(fmpq_mat_entry(xq, i, 0), 1, C->N1);
            fmpq_div(fmpq_mat_entry(xq, i, 0), fmpq_mat_entry(xq, i, 0), fmpq_mat_entry(An, 0, 0));
        }
        /* the revealed instance: wrong by > 10^-K */
        kd_assert_ok(kd_omega_adversary_reveal(G, d, O, xq, prec));
        ck_assert(kd_omega_is_point(G));
        ck_assert_int_eq(G->n, k0 + 2);
        arb_ui_pow_ui(t, 10, K, prec);
        arb_inv(t, t, prec);
        ck_assert_msg(arb_gt(d, t), "seed %lu: revealed distance not > 10^-K", kd_test_seed(83));
        /* both candidates are consistent with every answer given */
        kd_assert_ok(kd_omega_adversary_check(&v, O, G, prec));
        ck_assert_int_eq(v, KD_TRUE);
        kd_assert_ok(kd_omega_adversary_candidate(H, O, 1));
        kd_assert_ok(kd_omega_adversary_check(&v, O, H, prec));
        ck_assert_int_eq(v, KD_TRUE);
        kd_assert_ok(kd_omega_adversary_candidate(H, O, 0));
        kd_assert_ok(kd_omega_adversary_check(&v, O, H, prec));
        ck_assert_int_eq(v, KD_TRUE);
        /* negative control: a coarse raise (n = k0 - 3) is refuted */
        kd_assert_ok(kd_omega_class_instance(H, C, 1, k0 - 3, 0));
        kd_assert_ok(kd_omega_adversary_check(&v, O, H, prec));
        ck_assert_int_eq(v, KD_FALSE);
        /* and the scale-2 instances are far from the tie answers */
        kd_assert_ok(kd_omega_class_instance(H, C, 2, k0 + 2, 0));
        kd_assert_ok(kd_omega_adversary_check(&v, O, H, prec));
        ck_assert_int_eq(v, KD_FALSE);
        /* a plain oracle is not an adversary */
        {
            kd_oracle_t OA, Oy;
            kd_assert_ok(kd_omega_oracle_init(OA, Oy, G));
            ck_assert_int_eq(kd_omega_adversary_check(&v, OA, G, prec), KD_ERR_ARG);
            kd_oracle_clear(OA);
            kd_oracle_clear(Oy);
        }
        fmpq_mat_clear(xq);
        fmpq_mat_clear(An);
        arb_clear(d);
        arb_clear(t);
        kd_omega_clear(G);
        kd_omega_clear(H);
        kd_oracle_clear(O);
        kd_omega_class_clear(C);
        kd_real_clear(p);
    }
    flint_randclear(state);
}
END_TEST

/* Samples: exact minimisers with the planted support (independent residual
   check here), reproducible from the seed, roughly standard normal. */
START_TEST(test_samples)
{
    kd_omega_t G;
    kd_real_t p;
    kd_omega_samples_t S, S2, S3;
    kd_truth v;
    slong R = 60, s = 5, i, k;
    double *X, *Y, *X2, *Y2, mean = 0, var = 0;
    arb_mat_t A, x, y, r;
    kd_omega_init(G);
    kd_real_init(p);
    kd_omega_samples_init(S);
    kd_omega_samples_init(S2);
    kd_omega_samples_init(S3);
    real_param(p, "1");
    kd_assert_ok(kd_omega_set(G, KD_PROBLEM_P3, p, 1, 10, 2, 20, 1, 1, 0));
    kd_assert_ok(kd_omega_samples_draw(S, G, R, s, 1234));
    kd_assert_ok(kd_omega_samples_draw(S2, G, R, s, 1234));
    kd_assert_ok(kd_omega_samples_draw(S3, G, R, s, 1235));
    kd_assert_ok(kd_omega_samples_check(&v, S, G, PREC));
    ck_assert_int_eq(v, KD_TRUE);
    /* independent residual: A x - y in balls */
    arb_mat_init(A, G->m, G->N);
    arb_mat_init(x, G->N, 1);
    arb_mat_init(y, G->m, 1);
    arb_mat_init(r, G->m, 1);
    kd_assert_ok(kd_omega_eval(A, NULL, G, PREC));
    for (i = 0; i < R; i++)
    {
        eval_col(x, S->x + i, PREC);
        eval_col(y, S->y + i, PREC);
        arb_mat_mul(r, A, x, PREC);
        arb_mat_sub(r, r, y, PREC);
        for (k = 0; k < G->m; k++)
            ck_assert(arb_contains_zero(arb_mat_entry(r, k, 0))
                      && mag_cmp_2exp_si(arb_radref(arb_mat_entry(r, k, 0)), -PREC / 2) < 0);
        for (k = 0; k < s; k++)
        {
            ck_assert(S->supp[i * s + k] >= G->N1 && S->supp[i * s + k] < G->N);
            if (k > 0)
                ck_assert(S->supp[i * s + k] > S->supp[i * s + k - 1]);
            ck_assert(kd_test_fmpq_is_dyadic(S->g + i * s + k));
        }
    }
    /* reproducible bit for bit; another seed differs */
    X = flint_malloc(R * G->N * sizeof(double));
    Y = flint_malloc(R * G->m * sizeof(double));
    X2 = flint_malloc(R * G->N * sizeof(double));
    Y2 = flint_malloc(R * G->m * sizeof(double));
    kd_assert_ok(kd_omega_samples_get_d(X, Y, S, 128));
    kd_assert_ok(kd_omega_samples_get_d(X2, Y2, S2, 128));
    ck_assert(memcmp(X, X2, R * G->N * sizeof(double)) == 0);
    ck_assert(memcmp(Y, Y2, R * G->m * sizeof(double)) == 0);
    ck_assert(memcmp(S->supp, S2->supp, R * s * sizeof(slong)) == 0);
    for (i = 0; i < R * s; i++)
        ck_assert(fmpq_equal(S->g + i, S2->g + i));
    kd_assert_ok(kd_omega_samples_get_d(X2, Y2, S3, 128));
    ck_assert(memcmp(X, X2, R * G->N * sizeof(double)) != 0);
    /* the label's j entry is 1/a_j; the draws look standard normal */
    for (i = 0; i < R; i++)
        ck_assert(X[i * G->N + 1] > 0.2121 && X[i * G->N + 1] < 0.2122 && X[i * G->N] == 0.0);
    for (i = 0; i < R * s; i++)
        mean += fmpq_get_d(S->g + i);
    mean /= R * s;
    for (i = 0; i < R * s; i++)
        var += (fmpq_get_d(S->g + i) - mean) * (fmpq_get_d(S->g + i) - mean);
    var /= R * s - 1;
    ck_assert_msg(mean > -0.2 && mean < 0.2 && var > 0.7 && var < 1.3, "mean %g var %g", mean, var);
    /* the double A_n */
    kd_assert_ok(kd_omega_approx_d(X2, G, 20, 0));
    {
        arb_t e;
        arb_init(e);
        for (k = 0; k < G->m * G->N; k++)
        {
            arb_set_d(e, X2[k]);
            arb_sub(e, arb_mat_entry(A, k / G->N, k % G->N), e, 64);
            arb_abs(e, e);
            ck_assert(arf_cmpabs_2exp_si(arb_midref(e), -19) < 0);
        }
        arb_clear(e);
    }
    /* refusals */
    ck_assert_int_eq(kd_omega_samples_draw(S3, G, R, 21, 1), KD_ERR_ARG);
    kd_assert_ok(kd_omega_set(G, KD_PROBLEM_P2, p, 1, 10, 2, 20, 1, 1, 0));
    ck_assert_int_eq(kd_omega_samples_draw(S3, G, R, 2, 1), KD_ERR_ARG);
    flint_free(X);
    flint_free(Y);
    flint_free(X2);
    flint_free(Y2);
    arb_mat_clear(A);
    arb_mat_clear(x);
    arb_mat_clear(y);
    arb_mat_clear(r);
    kd_omega_samples_clear(S);
    kd_omega_samples_clear(S2);
    kd_omega_samples_clear(S3);
    kd_omega_clear(G);
    kd_real_clear(p);
}
END_TEST

/* The samples without the DAG (kd_omega_samples_draw_d) are bit for bit
   those of the DAG route (draw, then get_d), on P3 and BP gadgets with and
   without the DCT, several K, n, s, seeds and precisions; refusals agree. */
START_TEST(test_samples_draw_d)
{
    static const struct { kd_problem_kind kind; slong K, n, N2, s; int dct; slong prec; }
        cs[] = {{KD_PROBLEM_P3, 1, 10, 20, 5, 1, 128}, {KD_PROBLEM_P3, 6, 30, 20, 5, 1, 128},
                {KD_PROBLEM_P3, 3, 20, 7, 7, 1, 64}, {KD_PROBLEM_P3, 2, 12, 9, 0, 1, 128},
                {KD_PROBLEM_P3, 4, 40, 20, 3, 0, 128}, {KD_PROBLEM_BP, 1, 5, 12, 4, 1, 200},
                {KD_PROBLEM_P3, 12, 60, 1, 1, 1, 53}};
    slong c, R = 150;
    kd_omega_t G;
    kd_real_t p;
    kd_omega_samples_t S;
    double * X, * Y, * X2, * Y2;
    kd_omega_init(G);
    kd_real_init(p);
    kd_omega_samples_init(S);
    real_param(p, "1");
    for (c = 0; c < (slong) (sizeof cs / sizeof cs[0]); c++)
    {
        ulong seed = 20220316 + 1000 * cs[c].K + cs[c].n;
        slong N, m;
        kd_assert_ok(kd_omega_set(G, cs[c].kind, p, cs[c].K, cs[c].n, 2, cs[c].N2, 1, cs[c].dct, 0));
        N = G->N;
        m = G->m;
        X = flint_malloc(R * N * sizeof(double));
        Y = flint_malloc(R * m * sizeof(double));
        X2 = flint_malloc(R * N * sizeof(double));
        Y2 = flint_malloc(R * m * sizeof(double));
        kd_assert_ok(kd_omega_samples_draw(S, G, R, cs[c].s, seed));
        kd_assert_ok(kd_omega_samples_get_d(X, Y, S, cs[c].prec));
        kd_assert_ok(kd_omega_samples_draw_d(X2, Y2, G, R, cs[c].s, seed, cs[c].prec));
        ck_assert_msg(memcmp(X, X2, R * N * sizeof(double)) == 0, "case %ld seed %lu: X", c, seed);
        ck_assert_msg(memcmp(Y, Y2, R * m * sizeof(double)) == 0, "case %ld seed %lu: Y", c, seed);
        flint_free(X);
        flint_free(Y);
        flint_free(X2);
        flint_free(Y2);
    }
    /* refusals: too many non-zeros, another kind, the tie */
    X = flint_malloc(8 * sizeof(double));
    ck_assert_int_eq(kd_omega_samples_draw_d(X, X, G, 1, 2, 1, 128), KD_ERR_ARG);
    kd_assert_ok(kd_omega_set(G, KD_PROBLEM_P2, p, 1, 10, 2, 20, 1, 1, 0));
    ck_assert_int_eq(kd_omega_samples_draw_d(X, X, G, 1, 2, 1, 128), KD_ERR_ARG);
    kd_assert_ok(kd_omega_set(G, KD_PROBLEM_P3, p, 1, 10, 2, 20, KD_OMEGA_TIE, 1, 0));
    ck_assert_int_eq(kd_omega_samples_draw_d(X, X, G, 1, 2, 1, 128), KD_ERR_ARG);
    flint_free(X);
    kd_omega_samples_clear(S);
    kd_omega_clear(G);
    kd_real_clear(p);
}
END_TEST

/* rows a and b equal bit for bit (every field the table prints) */
static void
assert_rows_equal(const kd_omega_table_struct * a, const kd_omega_table_struct * b, slong jobs)
{
    slong k;
    ck_assert_int_eq(a->nrows, b->nrows);
    for (k = 0; k < a->nrows; k++)
    {
        const kd_omega_table_row_struct * x = a->rows + k, * y = b->rows + k;
        ck_assert_msg(x->K == y->K && x->n == y->n && arb_equal(&x->firenet, &y->firenet)
                      && arb_equal(&x->lista, &y->lista) && arb_equal(&x->ten_k, &y->ten_k)
                      && arb_equal(&x->x_norm, &y->x_norm)
                      && x->firenet_layers == y->firenet_layers
                      && x->firenet_k == y->firenet_k && x->firenet_k1 == y->firenet_k1
                      && x->lista_k == y->lista_k && x->lista_k1 == y->lista_k1
                      && memcmp(&x->lista_train_mse, &y->lista_train_mse, sizeof(double)) == 0
                      && memcmp(&x->lista_val_mse, &y->lista_val_mse, sizeof(double)) == 0
                      && x->lista_epochs == y->lista_epochs,
                      "row %ld differs with %ld threads", k, jobs);
    }
}

/* The table with threads is the serial table bit for bit, and a failure is
   the serial run's first one, with its message. */
START_TEST(test_table_jobs)
{
    static const slong Ks[] = {1, 3}, ns[] = {10, 20}, Kbad[] = {3, 1};
    kd_omega_table_opts_t o;
    kd_omega_table_t T1, T2;
    kd_status s1, s2;
    char msg[1024];
    slong jobs;
    kd_omega_table_opts_init(o);
    kd_omega_table_init(T1);
    kd_omega_table_init(T2);
    o->lista_R = 300;
    o->lista_epochs = 2;
    o->firenet.n = 4;
    kd_assert_ok(kd_omega_table_run(T1, Ks, 2, ns, 2, o));
    for (jobs = 2; jobs <= 3; jobs++)
    {
        o->jobs = jobs;
        kd_assert_ok(kd_omega_table_run(T2, Ks, 2, ns, 2, o));
        assert_rows_equal(T1, T2, jobs);
    }
    /* a parameter that is not a rational: serial, the same rows as jobs = 1 */
    o->jobs = 1;
    o->lista = 0;
    real_param(o->param, "sqrt(2)/2");
    kd_assert_ok(kd_omega_table_run(T1, Ks, 2, ns, 1, o));
    o->jobs = 2;
    kd_assert_ok(kd_omega_table_run(T2, Ks, 2, ns, 1, o));
    assert_rows_equal(T1, T2, 2);
    /* lambda = 5 > a0 at K = 1 only: the second row fails, in both runs */
    o->lista = 1;
    real_param(o->param, "5");
    o->jobs = 1;
    s1 = kd_omega_table_run(T1, Kbad, 2, ns, 1, o);
    snprintf(msg, sizeof msg, "%s", kd_error_message());
    kd_error_clear();
    o->jobs = 2;
    s2 = kd_omega_table_run(T2, Kbad, 2, ns, 1, o);
    ck_assert_int_eq(s1, KD_ERR_ARG);
    ck_assert_int_eq(s2, s1);
    ck_assert_str_eq(kd_error_message(), msg);
    ck_assert_int_ge(kd_omega_table_jobs(0), 1);
    ck_assert(kd_omega_table_jobs(5) == 5 || kd_omega_table_jobs(5) == 1);
    kd_omega_table_clear(T1);
    kd_omega_table_clear(T2);
    kd_omega_table_opts_clear(o);
}
END_TEST

/* The class: scale-2 instances are the gadget with a0/10, ties only at
   scale 1, membership, oracles with logs. */
START_TEST(test_class)
{
    kd_omega_class_t C;
    kd_omega_t G, H;
    kd_real_t p;
    kd_oracle_t OA, Oy;
    fmpq_mat_t Q;
    arb_t a, b;
    slong sc;
    kd_real_init(p);
    real_param(p, "1");
    kd_omega_init(G);
    kd_omega_init(H);
    arb_init(a);
    arb_init(b);
    kd_assert_ok(kd_omega_class_init(C, KD_PROBLEM_P3, p, 3, 2, 2, 1, 0));
    kd_assert_ok(kd_omega_class_instance(G, C, 1, 12, 1));
    kd_omega_class_member(&sc, C, G);
    ck_assert_int_eq(sc, 1);
    kd_assert_ok(kd_omega_class_instance(H, C, 2, 12, 1));
    kd_omega_class_member(&sc, C, H);
    ck_assert_int_eq(sc, 2);
    kd_assert_ok(kd_real_eval_arb(a, G->a0, PREC));
    kd_assert_ok(kd_real_eval_arb(b, H->a0, PREC));
    arb_mul_ui(b, b, 10, PREC);
    ck_assert(arb_overlaps(a, b));
    ck_assert_int_eq(kd_omega_class_instance(H, C, 2, 12, KD_OMEGA_TIE), KD_ERR_ARG);
    ck_assert_int_eq(kd_omega_class_instance(H, C, 3, 12, 0), KD_ERR_ARG);
    kd_assert_ok(kd_omega_class_instance(H, C, 1, 0, KD_OMEGA_TIE));
    kd_omega_class_member(&sc, C, H);
    ck_assert_int_eq(sc, 1);
    /* a gadget of scale K - 2 or another size is not in the class */
    kd_assert_ok(kd_omega_set(H, KD_PROBLEM_P3, p, 1, 12, 2, 2, 0, 1, 0));
    kd_omega_class_member(&sc, C, H);
    ck_assert_int_eq(sc, 0);
    kd_assert_ok(kd_omega_set(H, KD_PROBLEM_P3, p, 3, 12, 2, 3, 0, 1, 0));
    kd_omega_class_member(&sc, C, H);
    ck_assert_int_eq(sc, 0);
    /* the oracle serves any level and logs it */
    kd_assert_ok(kd_omega_oracle_init(OA, Oy, G));
    fmpq_mat_init(Q, 0, 0);
    kd_assert_ok(kd_oracle_get(Q, NULL, OA, 5));
    kd_assert_ok(kd_oracle_get(Q, NULL, OA, 200));
    kd_assert_ok(kd_oracle_get(Q, NULL, Oy, 7));
    ck_assert_int_eq(kd_oracle_nreads(OA), 2);
    ck_assert_int_eq(kd_oracle_max_level(OA), 200);
    ck_assert_int_eq(fmpq_mat_nrows(Q), 3);
    fmpq_mat_clear(Q);
    kd_oracle_clear(OA);
    kd_oracle_clear(Oy);
    kd_omega_class_clear(C);
    kd_omega_clear(G);
    kd_omega_clear(H);
    kd_real_clear(p);
    arb_clear(a);
    arb_clear(b);
}
END_TEST


/* One row of the Omega_K table: FIRENET on A_n lands near the midpoint of
   the two candidate minimisers, so its certified distance to Xi(A, y) is
   close to tau/sqrt(2) (theory.md §6: 0.15 10^(1-K)) and strictly between
   10^-K and 10^-(K-1): K-1 digits, not K. */
START_TEST(test_table_firenet_row)
{
    slong K = 2, n = 12;
    kd_omega_table_opts_t o;
    kd_omega_table_row_t r;
    arb_t lo, hi;
    kd_omega_table_opts_init(o);
    o->lista = 0;
    kd_omega_table_row_init(r);
    arb_init(lo);
    arb_init(hi);
    kd_assert_ok(kd_omega_table_firenet(r, K, n, o));
    ck_assert_int_eq(r->firenet_k, KD_FALSE);
    ck_assert_int_eq(r->firenet_k1, KD_TRUE);
    /* 0.149 10^(1-K) < dist < 0.151 10^(1-K) */
    arb_set_ui(lo, 149);
    arb_div_ui(lo, lo, 10000, 128);      /* 0.149 10^(1-K), K = 2 */
    arb_set_ui(hi, 151);
    arb_div_ui(hi, hi, 10000, 128);
    ck_assert(arb_gt(&r->firenet, lo) && arb_lt(&r->firenet, hi));
    ck_assert_int_eq(r->firenet_layers, 3 * 30 * 50 + 1);
    kd_omega_table_row_clear(r);
    kd_omega_table_opts_clear(o);
    arb_clear(lo);
    arb_clear(hi);
}
END_TEST

/* The table's protocol pieces: kind defaults, the closing verdict on rows
   set by hand, the published values (theory.md §6). */
START_TEST(test_table_verdict)
{
    kd_omega_table_opts_t o;
    kd_omega_table_t T;
    fmpq_t q;
    slong k;

    kd_omega_table_opts_init(o);
    fmpq_init(q);
    ck_assert_int_eq(kd_omega_table_opts_set_kind(o, KD_PROBLEM_BP), KD_ERR_ARG);
    kd_assert_ok(kd_omega_table_opts_set_kind(o, KD_PROBLEM_P3));
    ck_assert_int_eq(o->lista, 1);
    kd_assert_ok(kd_omega_table_opts_set_kind(o, KD_PROBLEM_P1));
    ck_assert_int_eq(o->lista, 0);
    ck_assert(kd_real_get_fmpq(q, o->param));
    ck_assert(fmpz_equal_si(fmpq_numref(q), 1) && fmpz_equal_si(fmpq_denref(q), 10));

    kd_omega_table_init(T);
    T->nrows = 2;
    T->rows = flint_malloc(2 * sizeof(kd_omega_table_row_struct));
    for (k = 0; k < 2; k++)
    {
        kd_omega_table_row_init(T->rows + k);
        T->rows[k].firenet_k = KD_FALSE;
        T->rows[k].firenet_k1 = KD_TRUE;
    }
    ck_assert_int_eq(kd_omega_table_verdict(T, o), KD_TRUE);
    o->lista = 1;                       /* LISTA verdicts still unknown */
    ck_assert_int_eq(kd_omega_table_verdict(T, o), KD_UNKNOWN);
    T->rows[1].lista_k = KD_TRUE;       /* K digits reached: the claim fails */
    ck_assert_int_eq(kd_omega_table_verdict(T, o), KD_FALSE);
    o->lista = 0;
    T->rows[0].firenet_k1 = KD_UNKNOWN;
    ck_assert_int_eq(kd_omega_table_verdict(T, o), KD_UNKNOWN);
    T->rows[1].firenet_k1 = KD_FALSE;
    ck_assert_int_eq(kd_omega_table_verdict(T, o), KD_FALSE);
    kd_omega_table_clear(T);
    ck_assert_int_eq(T->nrows, 0);

    ck_assert_str_eq(kd_omega_table_published(1, 1, 10), "0.2999690");
    ck_assert_str_eq(kd_omega_table_published(0, 1, 30), "0.2598052");
    ck_assert_str_eq(kd_omega_table_published(0, 6, 20), "0.0000015");
    ck_assert_ptr_null(kd_omega_table_published(1, 2, 10));
    ck_assert_ptr_null(kd_omega_table_published(1, 3, 40));
    ck_assert_ptr_nonnull(kd_omega_table_published_note(0, 3));
    ck_assert_ptr_null(kd_omega_table_published_note(1, 3));
    fmpq_clear(q);
    kd_omega_table_opts_clear(o);
}
END_TEST

Suite *
kd_suite_omega(void)
{
    Suite * s = suite_create("omega");
    TCase * tc = tcase_create("omega");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_facts);
    tcase_add_test(tc, test_table_firenet_row);
    tcase_add_test(tc, test_table_verdict);
    tcase_add_test(tc, test_closed_forms);
    tcase_add_test(tc, test_validation);
    tcase_add_test(tc, test_tie);
    tcase_add_test(tc, test_adversary);
    tcase_add_test(tc, test_samples);
    tcase_add_test(tc, test_samples_draw_d);
    tcase_add_test(tc, test_table_jobs);
    tcase_add_test(tc, test_class);
    suite_add_tcase(s, tc);
    return s;
}
