/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Tests of the stability module against independent references: finite
   differences for the reverse mode, an exact re-evaluation in Q of the
   exported network at the exported y and e (from the JSON strings), random
   pairs under the Lipschitz upper bound, the kernel checked in Q. */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "kdigits/stability.h"
#include "kdigits/alg.h"
#include "kdigits/path.h"

/* the Omega_K instance (K = 2, n = 10) in double */
/* Initialises A, y, x to the Omega_2 instance at level 10 and Ad to A in
   double; omega_small_clear clears them. */
static void
omega_small(kd_mat_t A, fmpq_mat_t y, fmpq_mat_t x, double * Ad)
{
    kd_mat_init(A, 0, 0);
    fmpq_mat_init(y, 0, 1);
    fmpq_mat_init(x, 0, 1);
    kd_assert_ok(kd_stab_omega_instance(A, y, x, 2, 10));
    kd_assert_ok(kd_stab_mat_get_d(Ad, A, 128));
}

static void
omega_small_clear(kd_mat_t A, fmpq_mat_t y, fmpq_mat_t x)
{
    kd_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(x);
}

/* v . Psi(y) by central differences against the reverse mode */
static void
check_vjp(const kd_stab_map_t F, const double * y, ulong salt)
{
    const slong m = F->m, N = F->N;
    double * v = flint_malloc((size_t) (2 * N + 3 * m) * sizeof(double)), * x = v + N,
           * gy = x + N, * yp = gy + m, * ym = yp + m;
    flint_rand_t st;
    slong i, j, bad = 0;
    kd_test_randinit(st, salt);
    for (i = 0; i < N; i++)
        v[i] = (double) n_randint(st, 2001) / 1000.0 - 1.0;
    kd_assert_ok(kd_stab_map_vjp_d(gy, x, F, y, v));
    for (j = 0; j < m; j++)
    {
        double h = 1e-6 * (fabs(y[j]) + 1e-3), fp = 0, fm = 0, fd;
        memcpy(yp, y, (size_t) m * sizeof(double));
        memcpy(ym, y, (size_t) m * sizeof(double));
        yp[j] += h;
        ym[j] -= h;
        kd_assert_ok(kd_stab_map_eval_d(x, F, yp));
        for (i = 0; i < N; i++)
            fp += v[i] * x[i];
        kd_assert_ok(kd_stab_map_eval_d(x, F, ym));
        for (i = 0; i < N; i++)
            fm += v[i] * x[i];
        fd = (fp - fm) / (2 * h);
        /* a kink crossed inside [y - h, y + h] may spoil one coordinate */
        if (fabs(fd - gy[j]) > 1e-4 * (fabs(gy[j]) + fabs(fd)) + 1e-9)
            bad++;
    }
    ck_assert_msg(bad <= 1, "%s: %ld of %ld coordinates of J^T v disagree with finite "
                  "differences (seed %lu)", kd_stab_kind_name(F->kind), (long) bad, (long) m,
                  kd_test_seed(salt));
    flint_randclear(st);
    flint_free(v);
}

START_TEST(test_vjp)
{
    kd_mat_t A;
    fmpq_mat_t y, x;
    double Ad[21 * 22], yd[21];
    kd_lista_t net;
    kd_stab_map_t F;
    slong i;

    omega_small(A, y, x, Ad);
    for (i = 0; i < 21; i++)
        yd[i] = fmpq_get_d(fmpq_mat_entry(y, i, 0)) + 0.01 * (i % 3 - 1);
    kd_stab_map_init(F);
    kd_lista_init(net, 4, 21, 22);
    kd_assert_ok(kd_lista_set_random(net, Ad, 7 + _i, 1e-2, 1e-4));
    kd_assert_ok(kd_stab_map_set_lista(F, net, KD_STAB_LISTA));
    check_vjp(F, yd, 100 + _i);
    kd_assert_ok(kd_stab_map_set_firenet(F, Ad, 21, 22, 1.0, 3 + _i, 2, 0.5, 1e-6, 1.0));
    check_vjp(F, yd, 200 + _i);
    kd_stab_map_clear(F);
    kd_lista_clear(net);
    omega_small_clear(A, y, x);
}
END_TEST

/* random pairs y1, y2: ||Psi(y1) - Psi(y2)|| <= upper ||y1 - y2|| (FIRENET
   in balls, LISTA exactly) */
static void
check_upper(const kd_stab_map_t F, const fmpq_mat_t y, ulong salt)
{
    const slong m = F->m, N = F->N;
    fmpq_mat_t y1, y2;
    arb_mat_t X1, X2;
    arb_t up, d, e, s;
    flint_rand_t st;
    slong t, i;
    kd_test_randinit(st, salt);
    fmpq_mat_init(y1, m, 1);
    fmpq_mat_init(y2, m, 1);
    arb_mat_init(X1, N, 1);
    arb_mat_init(X2, N, 1);
    arb_init(up);
    arb_init(d);
    arb_init(e);
    arb_init(s);
    kd_assert_ok(kd_stab_map_lipschitz_ubound(up, F, 128));
    ck_assert(arb_is_finite(up));
    for (t = 0; t < 4; t++)
    {
        fmpq_t q;
        fmpq_init(q);
        arb_zero(d);
        arb_zero(e);
        for (i = 0; i < m; i++)
        {
            fmpq_set_si(q, (slong) n_randint(st, 2001) - 1000, 100000 * (t + 1));
            fmpq_add(fmpq_mat_entry(y1, i, 0), fmpq_mat_entry(y, i, 0), q);
            fmpq_set_si(q, (slong) n_randint(st, 2001) - 1000, 100000 * (t + 1));
            fmpq_add(fmpq_mat_entry(y2, i, 0), fmpq_mat_entry(y, i, 0), q);
            fmpq_sub(q, fmpq_mat_entry(y1, i, 0), fmpq_mat_entry(y2, i, 0));
            arb_set_fmpq(s, q, 128);
            arb_addmul(e, s, s, 128);
        }
        fmpq_clear(q);
        kd_assert_ok(kd_stab_map_eval_arb(X1, F, y1, 128));
        kd_assert_ok(kd_stab_map_eval_arb(X2, F, y2, 128));
        for (i = 0; i < N; i++)
        {
            arb_sub(s, arb_mat_entry(X1, i, 0), arb_mat_entry(X2, i, 0), 128);
            arb_addmul(d, s, s, 128);
        }
        /* d <= up^2 e must not be refuted */
        arb_mul(s, up, up, 128);
        arb_mul(s, s, e, 128);
        ck_assert_msg(!arb_gt(d, s), "%s: a pair beats the Lipschitz upper bound (seed %lu)",
                      kd_stab_kind_name(F->kind), kd_test_seed(salt));
    }
    flint_randclear(st);
    fmpq_mat_clear(y1);
    fmpq_mat_clear(y2);
    arb_mat_clear(X1);
    arb_mat_clear(X2);
    arb_clear(up);
    arb_clear(d);
    arb_clear(e);
    arb_clear(s);
}

START_TEST(test_upper)
{
    kd_mat_t A;
    fmpq_mat_t y, x;
    double Ad[21 * 22];
    kd_lista_t net;
    kd_stab_map_t F;

    omega_small(A, y, x, Ad);
    kd_stab_map_init(F);
    kd_lista_init(net, 3, 21, 22);
    kd_assert_ok(kd_lista_set_ista(net, NULL, Ad, 1e-4, 0));
    kd_assert_ok(kd_stab_map_set_lista(F, net, KD_STAB_ISTA));
    check_upper(F, y, 300);
    kd_assert_ok(kd_stab_map_set_firenet(F, Ad, 21, 22, 1.0, 3, 3, 0.5, 1e-6, 1.0));
    check_upper(F, y, 301);
    kd_stab_map_clear(F);
    kd_lista_clear(net);
    omega_small_clear(A, y, x);
}
END_TEST

/* ---- independent re-evaluation from the JSON document */

static void
json_vec(fmpq_mat_t v, json_t * a)
{
    slong i, n = (slong) json_array_size(a);
    fmpq_mat_clear(v);
    fmpq_mat_init(v, n, 1);
    for (i = 0; i < n; i++)
    {
        json_t * e = json_array_get(a, i);
        /* kd_json_fmpq_mat: rows of one entry each */
        if (json_is_array(e))
            e = json_array_get(e, 0);
        ck_assert(fmpq_set_str(fmpq_mat_entry(v, i, 0), json_string_value(e), 10) == 0);
    }
}

static void
json_mat(fmpq_mat_t M, json_t * a, slong r, slong c)
{
    slong i, j;
    ck_assert_int_eq(json_array_size(a), r);
    for (i = 0; i < r; i++)
        for (j = 0; j < c; j++)
            ck_assert(fmpq_set_str(fmpq_mat_entry(M, i, j),
                                   json_string_value(json_array_get(json_array_get(a, i), j)), 10) == 0);
}

/* x = the LISTA map of the JSON network at y, in Q (written here again) */
static void
lista_q(fmpq_mat_t x, json_t * net, const fmpq_mat_t y)
{
    slong L = json_integer_value(json_object_get(net, "L"));
    slong m = json_integer_value(json_object_get(net, "m"));
    slong N = json_integer_value(json_object_get(net, "N"));
    fmpq_mat_t B, W, r, u;
    fmpq_t th, a;
    slong k, i;
    fmpq_mat_init(B, m, N);
    fmpq_mat_init(W, N, m);
    fmpq_mat_init(r, m, 1);
    fmpq_mat_init(u, N, 1);
    fmpq_init(th);
    fmpq_init(a);
    json_mat(B, json_object_get(net, "B"), m, N);
    fmpq_mat_zero(x);
    for (k = 0; k < L; k++)
    {
        json_mat(W, json_array_get(json_object_get(net, "W"), k), N, m);
        ck_assert(fmpq_set_str(th, json_string_value(json_array_get(json_object_get(net, "t"), k)), 10) == 0);
        fmpq_abs(th, th);
        fmpq_mat_mul(r, B, x);
        fmpq_mat_sub(r, y, r);
        fmpq_mat_mul(u, W, r);
        fmpq_mat_add(u, u, x);
        for (i = 0; i < N; i++)
        {
            fmpq_abs(a, fmpq_mat_entry(u, i, 0));
            fmpq_sub(a, a, th);
            if (fmpq_sgn(a) <= 0)
                fmpq_zero(fmpq_mat_entry(x, i, 0));
            else if (fmpq_sgn(fmpq_mat_entry(u, i, 0)) > 0)
                fmpq_set(fmpq_mat_entry(x, i, 0), a);
            else
                fmpq_neg(fmpq_mat_entry(x, i, 0), a);
        }
    }
    fmpq_mat_clear(B);
    fmpq_mat_clear(W);
    fmpq_mat_clear(r);
    fmpq_mat_clear(u);
    fmpq_clear(th);
    fmpq_clear(a);
}

START_TEST(test_json_reeval)
{
    kd_stab_setup_t S;
    kd_stab_opts_t o;
    kd_stab_run_t T;
    json_t * j, * net;
    fmpq_mat_t y, e, y1, x0, x1;
    fmpq_t num, den;
    arb_t lo, r2;
    slong i, N;

    kd_stab_setup_init(S);
    S->kind = _i == 0 ? KD_STAB_LISTA : KD_STAB_ISTA;
    S->train_R = 300;
    S->epochs = 2;
    S->layers = 4;
    kd_stab_opts_init(o);
    o->steps = 20;
    kd_stab_run_init(T);
    kd_assert_ok(kd_stab_run(T, S, o));
    j = kd_stab_result_json(T->R, T->F, o);
    net = json_object_get(j, "network");
    N = json_integer_value(json_object_get(net, "N"));
    fmpq_mat_init(y, 0, 1);
    fmpq_mat_init(e, 0, 1);
    json_vec(y, json_object_get(j, "y"));
    json_vec(e, json_object_get(j, "e"));
    fmpq_mat_init(y1, fmpq_mat_nrows(y), 1);
    fmpq_mat_add(y1, y, e);
    fmpq_mat_init(x0, N, 1);
    fmpq_mat_init(x1, N, 1);
    lista_q(x0, net, y);
    lista_q(x1, net, y1);
    /* the exact ratio^2 = ||x1 - x0||^2 / ||e||^2 in Q */
    fmpq_init(num);
    fmpq_init(den);
    fmpq_mat_sub(x1, x1, x0);
    for (i = 0; i < N; i++)
        fmpq_addmul(num, fmpq_mat_entry(x1, i, 0), fmpq_mat_entry(x1, i, 0));
    for (i = 0; i < fmpq_mat_nrows(e); i++)
        fmpq_addmul(den, fmpq_mat_entry(e, i, 0), fmpq_mat_entry(e, i, 0));
    ck_assert(!fmpq_is_zero(den));
    fmpq_div(num, num, den);
    arb_init(lo);
    arb_init(r2);
    kd_test_arb_set_json(lo, json_object_get(j, "lipschitz_lower"), 256);
    arb_mul(lo, lo, lo, 256);
    arb_set_fmpq(r2, num, 256);
    ck_assert_msg(arb_overlaps(lo, r2), "the lower bound's ball misses the exact ratio");
    /* lower <= upper */
    kd_test_arb_set_json(r2, json_object_get(j, "lipschitz_upper"), 256);
    arb_mul(r2, r2, r2, 256);
    ck_assert(!arb_gt(lo, r2));
    ck_assert_int_eq(json_array_size(json_object_get(j, "log")), 20);
    json_decref(j);
    arb_clear(lo);
    arb_clear(r2);
    fmpq_clear(num);
    fmpq_clear(den);
    fmpq_mat_clear(y);
    fmpq_mat_clear(e);
    fmpq_mat_clear(y1);
    fmpq_mat_clear(x0);
    fmpq_mat_clear(x1);
    kd_stab_run_clear(T);
}
END_TEST

START_TEST(test_kernel)
{
    flint_rand_t st;
    fmpq_mat_t Aq, P;
    kd_mat_t A;
    kd_stab_kernel_t K;
    arb_t s, h;
    slong m = 2 + _i, N = 5, i, j;
    kd_test_randinit(st, 400 + _i);
    fmpq_mat_init(Aq, m, N);
    fmpq_mat_init(P, m, 1);
    kd_test_rand_fmpq_mat(Aq, st, 9, 7);
    kd_mat_init(A, m, N);
    for (i = 0; i < m; i++)
        for (j = 0; j < N; j++)
        {
            kd_real_t r;
            kd_real_init(r);
            kd_assert_ok(kd_real_set_si_si(r, fmpz_get_si(fmpq_numref(fmpq_mat_entry(Aq, i, j))),
                                           fmpz_get_si(fmpq_denref(fmpq_mat_entry(Aq, i, j)))));
            kd_mat_set_entry_real(A, i, j, r);
            kd_real_clear(r);
        }
    kd_stab_kernel_init(K);
    kd_assert_ok(kd_stab_kernel(K, A, 128));
    {
        fmpq_mat_t E;
        fmpq_mat_init(E, m, N);
        ck_assert_int_eq(K->dim, N - fmpq_mat_rref(E, Aq));
        fmpq_mat_clear(E);
    }
    ck_assert_int_eq(K->verified, KD_TRUE);
    arb_init(s);
    arb_init(h);
    for (j = 0; j < K->dim; j++)
    {
        fmpq_mat_t k;
        fmpq_mat_window_init(k, K->basis, 0, j, N, j + 1);
        fmpq_mat_mul(P, Aq, k);
        ck_assert(fmpq_mat_is_zero(P));
        ck_assert(!fmpq_mat_is_zero(k));
        fmpq_mat_window_clear(k);
    }
    /* ||k_1||/2 */
    for (i = 0; i < N; i++)
    {
        arb_set_fmpq(h, fmpq_mat_entry(K->basis, i, 0), 128);
        arb_addmul(s, h, h, 128);
    }
    arb_mul_2exp_si(h, K->half_norm, 1);
    arb_mul(h, h, h, 128);
    ck_assert(arb_overlaps(h, s));
    arb_clear(s);
    arb_clear(h);
    kd_stab_kernel_clear(K);
    kd_mat_clear(A);
    fmpq_mat_clear(Aq);
    fmpq_mat_clear(P);
    flint_randclear(st);
}
END_TEST

START_TEST(test_near_kernel)
{
    /* A = (1, 1), k = (1, -1 + 2^-10): ||A k|| = 2^-10, ||k||^2 = 1 + (1 - 2^-10)^2 */
    fmpq_mat_t A, k;
    fmpq_t d;
    arb_t lb, ref;
    fmpq_mat_init(A, 1, 2);
    fmpq_mat_init(k, 2, 1);
    fmpq_init(d);
    arb_init(lb);
    arb_init(ref);
    fmpq_set_si(fmpq_mat_entry(A, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(A, 0, 1), 1, 1);
    fmpq_set_si(fmpq_mat_entry(k, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(k, 1, 0), -1023, 1024);
    fmpq_set_si(d, 1, 100);
    kd_assert_ok(kd_stab_near_kernel_bound(lb, A, k, d, 128));
    /* (sqrt(1 + (1023/1024)^2) - 2/100) * 1024 */
    arb_set_si(ref, 1023);
    arb_div_si(ref, ref, 1024, 128);
    arb_mul(ref, ref, ref, 128);
    arb_add_si(ref, ref, 1, 128);
    arb_sqrt(ref, ref, 128);
    arb_sub_ui(ref, ref, 0, 128);
    {
        arb_t t;
        arb_init(t);
        arb_set_si(t, 2);
        arb_div_si(t, t, 100, 128);
        arb_sub(ref, ref, t, 128);
        arb_clear(t);
    }
    arb_mul_si(ref, ref, 1024, 128);
    ck_assert(arb_overlaps(lb, ref));
    fmpq_set_si(fmpq_mat_entry(k, 1, 0), -1, 1);
    kd_assert_ok(kd_stab_near_kernel_bound(lb, A, k, d, 128));
    ck_assert(!arb_is_finite(lb));
    fmpq_mat_clear(A);
    fmpq_mat_clear(k);
    fmpq_clear(d);
    arb_clear(lb);
    arb_clear(ref);
}
END_TEST

/* a real kd_mat from small integer fractions num[i]/den[i] (row-major) */
static void
mat_from_si(kd_mat_t A, fmpq_mat_t Aq, slong m, slong N, const slong * num, const slong * den)
{
    slong i;
    kd_assert_ok(kd_mat_resize(A, m, N));
    for (i = 0; i < m * N; i++)
    {
        kd_real_t r;
        kd_real_init(r);
        kd_assert_ok(kd_real_set_si_si(r, num[i], den[i]));
        kd_mat_set_entry_real(A, i / N, i % N, r);
        kd_real_clear(r);
        if (Aq != NULL)
            fmpq_set_si(fmpq_mat_entry(Aq, i / N, i % N), num[i], den[i]);
    }
}

/* the certified sandwich of exact P3: lower <= upper whenever both exist */
static void
check_sandwich(const kd_stab_result_t R)
{
    if (arb_is_finite(R->lip_lower) && arb_is_finite(R->lip_upper))
        ck_assert_msg(!arb_gt(R->lip_lower, R->lip_upper), "exact-p3: lower > upper");
    if (arb_is_finite(R->amp_lower) && arb_is_finite(R->amp_upper))
        ck_assert_msg(!arb_gt(R->amp_lower, R->amp_upper), "exact-p3: amp lower > upper");
}

/* the closed form (double) at y against a certified reference enclosure */
static void
check_closed_form(const kd_stab_map_t F, const fmpq_mat_t y, const arb_mat_t Xref,
                  const char * what)
{
    double * yd = flint_malloc((size_t) (F->m + F->N) * sizeof(double)), * xd = yd + F->m;
    slong i;
    for (i = 0; i < F->m; i++)
        yd[i] = fmpq_get_d(fmpq_mat_entry(y, i, 0));
    kd_assert_ok(kd_stab_map_eval_d(xd, F, yd));
    for (i = 0; i < F->N; i++)
    {
        double t = arf_get_d(arb_midref(arb_mat_entry(Xref, i, 0)), ARF_RND_NEAR);
        ck_assert_msg(fabs(xd[i] - t) <= 1e-12, "closed form %g vs %s %g at %ld", xd[i], what,
                      t, i);
    }
    flint_free(yd);
}

/* the search with the given steps; both bounds finite and ordered */
static void
search_sandwich(const kd_stab_map_t F, const kd_mat_t A, const fmpq_mat_t y,
                const fmpq_mat_t x, slong steps)
{
    kd_stab_opts_t o;
    kd_stab_result_t R;
    kd_stab_result_init(R);
    kd_stab_opts_init(o);
    o->steps = steps;
    kd_assert_ok(kd_stab_search(R, F, A, y, x, o));
    ck_assert(arb_is_finite(R->lip_lower));
    ck_assert_msg(arb_is_finite(R->lip_upper), "exact-p3: no upper bound (%s)",
                  R->upper_reason ? R->upper_reason : "");
    check_sandwich(R);
    kd_stab_result_clear(R);
}

/* exact P3 on Omega_2: the zero-residual pattern (|E| = m), the closed form
   at y against the certified truth, the sandwich */
START_TEST(test_p3_omega)
{
    kd_mat_t A;
    fmpq_mat_t y, x;
    double Ad[21 * 22];
    arb_mat_t X;
    kd_stab_map_t F;

    omega_small(A, y, x, Ad);
    kd_stab_map_init(F);
    kd_assert_ok(kd_stab_map_set_exact_p3(F, A, 1.0, y, 128));
    ck_assert_int_eq(F->p3regime, 2);
    ck_assert_int_eq(F->p3nE, 21);
    arb_mat_init(X, 22, 1);
    kd_assert_ok(kd_stab_map_eval_arb(X, F, y, 128));
    check_closed_form(F, y, X, "truth");
    search_sandwich(F, A, y, x, 40);
    arb_mat_clear(X);
    kd_stab_map_clear(F);
    omega_small_clear(A, y, x);
}
END_TEST

/* exact P3 with residual != 0 on a rational 3 x 4 A: the closed form at y
   against the exact homotopy solver (an independent route), the sandwich */
START_TEST(test_p3_residual)
{
    static const slong num[12] = {1, 0, 1, 2, 1, 1, -1, 1, 0, 1, 1, -1};
    static const slong den[12] = {1, 1, 4, 3, 2, 1, 1, 5, 1, 3, 1, 2};
    static const slong xn[4] = {1, -1, 1, 1}, xden[4] = {1, 1, 1, 2};
    kd_mat_t A;
    fmpq_mat_t Aq, y, x;
    fmpq_t lam;
    kd_qsol_t sol;
    arb_mat_t Xs;
    kd_stab_map_t F;
    slong i;

    kd_mat_init(A, 0, 0);
    fmpq_mat_init(Aq, 3, 4);
    fmpq_mat_init(y, 3, 1);
    fmpq_mat_init(x, 4, 1);
    mat_from_si(A, Aq, 3, 4, num, den);
    for (i = 0; i < 4; i++)
        fmpq_set_si(fmpq_mat_entry(x, i, 0), xn[i], xden[i]);
    fmpq_mat_mul(y, Aq, x);
    kd_stab_map_init(F);
    kd_assert_ok(kd_stab_map_set_exact_p3(F, A, 0.75, y, 128));
    ck_assert_int_eq(F->p3regime, 1);
    /* independent: the exact P3 solution through the P2 path */
    fmpq_init(lam);
    fmpq_set_si(lam, 3, 4);
    kd_qsol_init(sol);
    kd_assert_ok(kd_p3_solve_exact(sol, Aq, y, NULL, lam));
    arb_mat_init(Xs, 4, 1);
    kd_qvec_get_arb_mat(Xs, sol->x, 128);
    check_closed_form(F, y, Xs, "path");
    search_sandwich(F, A, y, x, 100);
    arb_mat_clear(Xs);
    kd_qsol_clear(sol);
    fmpq_clear(lam);
    kd_stab_map_clear(F);
    kd_mat_clear(A);
    fmpq_mat_clear(Aq);
    fmpq_mat_clear(y);
    fmpq_mat_clear(x);
}
END_TEST

/* a tie (two equal columns, the minimiser not unique): no Lipschitz
   constant, the verdict unknown with that reason */
START_TEST(test_p3_tie)
{
    static const slong num[6] = {1, 1, 0, 0, 0, 1}, den[6] = {1, 1, 1, 1, 1, 1};
    kd_mat_t A;
    fmpq_mat_t Aq, y, x;
    kd_stab_map_t F;
    kd_stab_opts_t o;
    kd_stab_result_t R;

    kd_mat_init(A, 0, 0);
    fmpq_mat_init(Aq, 2, 3);
    fmpq_mat_init(y, 2, 1);
    fmpq_mat_init(x, 3, 1);
    mat_from_si(A, Aq, 2, 3, num, den);
    fmpq_set_si(fmpq_mat_entry(x, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(x, 2, 0), 1, 1);
    fmpq_mat_mul(y, Aq, x);
    kd_stab_map_init(F);
    kd_assert_ok(kd_stab_map_set_exact_p3(F, A, 0.125, y, 128));
    ck_assert_int_eq(F->p3regime, 0);
    ck_assert(F->p3reason != NULL && strncmp(F->p3reason, "unbounded", 9) == 0);
    kd_stab_result_init(R);
    kd_stab_opts_init(o);
    o->steps = 5;
    kd_assert_ok(kd_stab_search(R, F, A, y, x, o));
    ck_assert_int_eq(R->verdict, KD_STAB_UNKNOWN);
    ck_assert(R->reason != NULL && strncmp(R->reason, "unbounded", 9) == 0);
    ck_assert(!arb_is_finite(R->lip_upper));
    kd_stab_result_clear(R);
    kd_stab_map_clear(F);
    kd_mat_clear(A);
    fmpq_mat_clear(Aq);
    fmpq_mat_clear(y);
    fmpq_mat_clear(x);
}
END_TEST

/* the kernel of two DCT-II rows (sqrt 2, cos(pi q)): the exported
   expressions re-parsed and A k = 0 checked independently in qqbar, with A
   built there from qqbar_cos_pi and qqbar_sqrt_ui */
START_TEST(test_kernel_alg)
{
    kd_mat_t Q, A;
    kd_stab_kernel_t K;
    qqbar_t a, k, s, t;
    arb_t b;
    slong i, j, c;

    kd_mat_init(Q, 0, 0);
    kd_mat_init(A, 2, 4);
    kd_assert_ok(kd_mat_dct2(Q, 4));
    for (i = 0; i < 2; i++)
        for (j = 0; j < 4; j++)
            kd_mat_set_entry(A, i, j, kd_mat_entry(Q, i, j));
    kd_stab_kernel_init(K);
    kd_assert_ok(kd_stab_kernel(K, A, 128));
    ck_assert_int_eq(K->algebraic, 1);
    ck_assert_int_eq(K->dim, 2);
    ck_assert_int_eq(K->verified, KD_TRUE);
    qqbar_init(a);
    qqbar_init(k);
    qqbar_init(s);
    qqbar_init(t);
    arb_init(b);
    for (c = 0; c < K->dim; c++)
    {
        int nonzero = 0;
        for (i = 0; i < 2; i++)
        {
            qqbar_zero(s);
            for (j = 0; j < 4; j++)
            {
                kd_real_t r;
                kd_real_init(r);
                kd_assert_ok(kd_real_parse(r, K->expr[c * 4 + j]));
                kd_assert_ok(kd_alg_qqbar_set_real(k, r, 0));
                kd_real_clear(r);
                nonzero |= !qqbar_is_zero(k);
                /* A[i][j] = 1/2 (i = 0), cos(pi (2j+1)/8) / sqrt(2) (i = 1) */
                if (i == 0)
                    qqbar_set_si(a, 1);
                else
                {
                    qqbar_cos_pi(a, 2 * j + 1, 8);
                    qqbar_sqrt_ui(t, 2);
                    qqbar_mul(a, a, t);
                }
                qqbar_div_ui(a, a, 2);
                qqbar_mul(t, a, k);
                qqbar_add(s, s, t);
                /* the enclosure contains the exact entry */
                qqbar_get_arb(b, k, 128);
                ck_assert(arb_overlaps(b, arb_mat_entry(K->enc, j, c)));
            }
            ck_assert_msg(qqbar_is_zero(s), "A k_%ld != 0 in qqbar (row %ld)", c + 1, i);
        }
        ck_assert(nonzero);
    }
    ck_assert(arb_is_positive(K->half_norm));
    qqbar_clear(a);
    qqbar_clear(k);
    qqbar_clear(s);
    qqbar_clear(t);
    arb_clear(b);
    kd_stab_kernel_clear(K);
    kd_mat_clear(A);
    kd_mat_clear(Q);
}
END_TEST

/* the hallucination demo: k in ker(A) exactly, the exact scores ordered,
   the detail reproduced by the network trained with it (fixed seed; the
   training is bit-reproducible) and not by the control */
START_TEST(test_hallucinate)
{
    kd_stab_halluc_opts_t o;
    kd_stab_halluc_t H;
    fmpq_mat_t Ak;
    arb_t s, h;
    fmpq_t half;
    slong i;
    kd_stab_halluc_opts_init(o);
    o->train_R = 2000;
    o->epochs = 15;
    o->tests = 10;
    kd_stab_halluc_init(H);
    kd_assert_ok(kd_stab_hallucinate(H, o, 128));
    fmpq_mat_init(Ak, H->m, 1);
    fmpq_mat_mul(Ak, H->A, H->k);
    ck_assert(fmpq_mat_is_zero(Ak));
    ck_assert(!fmpq_mat_is_zero(H->k));
    fmpq_init(half);
    fmpq_set_si(half, 1, 2);
    arb_init(s);
    arb_init(h);
    for (i = 0; i < H->N; i++)
    {
        fmpq_t a;
        fmpq_init(a);
        fmpq_abs(a, fmpq_mat_entry(H->k, i, 0));
        ck_assert(fmpq_cmp(a, half) <= 0);
        fmpq_clear(a);
        arb_set_fmpq(h, fmpq_mat_entry(H->k, i, 0), 128);
        arb_addmul(s, h, h, 128);
    }
    arb_sqrt(s, s, 128);
    arb_mul_2exp_si(s, s, -1);
    ck_assert(arb_overlaps(s, H->half_norm));
    ck_assert(fmpq_cmp(H->c_min, H->c_mean) <= 0 && fmpq_cmp(H->c_mean, H->c_max) <= 0);
    ck_assert(fmpq_cmp(H->cc_min, H->cc_mean) <= 0 && fmpq_cmp(H->cc_mean, H->cc_max) <= 0);
    ck_assert_msg(fmpq_get_d(H->c_mean) > 0.5 && fabs(fmpq_get_d(H->cc_mean)) < 0.2,
                  "hallucination: mean scores %g (with the detail), %g (control)",
                  fmpq_get_d(H->c_mean), fmpq_get_d(H->cc_mean));
    fmpq_clear(half);
    arb_clear(s);
    arb_clear(h);
    fmpq_mat_clear(Ak);
    kd_stab_halluc_clear(H);
}
END_TEST

START_TEST(test_errors)
{
    kd_mat_t A;
    fmpq_mat_t y, x;
    double Ad[21 * 22];
    kd_lista_t net;
    kd_stab_map_t F;
    kd_stab_opts_t o;
    kd_stab_result_t R;

    omega_small(A, y, x, Ad);
    kd_stab_map_init(F);
    kd_stab_result_init(R);
    kd_lista_init(net, 2, 21, 22);
    kd_assert_ok(kd_lista_set_ista(net, NULL, Ad, 1e-4, 0));
    kd_assert_ok(kd_stab_map_set_lista(F, net, KD_STAB_ISTA));
    kd_stab_opts_init(o);
    o->lambda = -1;
    ck_assert_int_eq(kd_stab_search(R, F, A, y, x, o), KD_ERR_ARG);
    kd_stab_opts_init(o);
    o->steps = 0;
    ck_assert_int_eq(kd_stab_search(R, F, A, y, x, o), KD_ERR_ARG);
    kd_stab_opts_init(o);
    ck_assert_int_eq(kd_stab_search(R, F, A, x, x, o), KD_ERR_SIZE);
    ck_assert_int_eq(kd_stab_map_set_firenet(F, Ad, 21, 22, 1.0, 3, 3, 1.5, 1e-6, 1.0), KD_ERR_ARG);
    kd_stab_result_clear(R);
    kd_stab_map_clear(F);
    kd_lista_clear(net);
    omega_small_clear(A, y, x);
}
END_TEST

Suite *
kd_suite_stability(void)
{
    Suite * s = suite_create("stability");
    TCase * tc;

    tc = tcase_create("maps");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_vjp, 0, 2);
    tcase_add_test(tc, test_upper);
    tcase_add_test(tc, test_errors);
    suite_add_tcase(s, tc);

    tc = tcase_create("search");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_json_reeval, 0, 2);
    suite_add_tcase(s, tc);

    tc = tcase_create("kernel");
    tcase_add_loop_test(tc, test_kernel, 0, 3);
    tcase_add_test(tc, test_near_kernel);
    tcase_add_test(tc, test_kernel_alg);
    tcase_add_test(tc, test_hallucinate);
    suite_add_tcase(s, tc);

    tc = tcase_create("exact-p3");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_p3_omega);
    tcase_add_test(tc, test_p3_residual);
    tcase_add_test(tc, test_p3_tie);
    suite_add_tcase(s, tc);
    return s;
}
