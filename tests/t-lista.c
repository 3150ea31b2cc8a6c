/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the LISTA module (Gregor-LeCun 2010, trained with Adam,
   Kingma-Ba 2015): gradients against finite differences, the ISTA
   initialisation against ISTA written out here, learning, determinism,
   exact output and the exact text format, and error paths. */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "kdigits/lista.h"

/* uniform-ish in [-a, a) from the FLINT state */
static double
rand_d(flint_rand_t state, double a)
{
    double u = (double) (n_randlimb(state) >> 11) * 0x1p-53;
    return a * (2.0 * u - 1.0);
}

static void
rand_vec(double * v, slong n, flint_rand_t state, double a)
{
    slong i;
    for (i = 0; i < n; i++)
        v[i] = rand_d(state, a);
}

/* s-sparse x (N) with entries in [-1, 1] and y = B x (m), summed in order */
static void
sparse_pair(double * y, double * x, const double * B, slong m, slong N, slong s,
            flint_rand_t state)
{
    slong i, j;
    for (j = 0; j < N; j++)
        x[j] = 0.0;
    for (i = 0; i < s; i++)
        x[n_randint(state, N)] = rand_d(state, 1.0);
    for (i = 0; i < m; i++)
    {
        double acc = 0.0;
        for (j = 0; j < N; j++)
            acc += B[i * N + j] * x[j];
        y[i] = acc;
    }
}

/* the orthonormal (1/3)[[1,2,2],[2,1,-2],[2,-2,1]], rounded to double */
static void
orthonormal3(double * B)
{
    static const int A[9] = {1, 2, 2, 2, 1, -2, 2, -2, 1};
    int i;
    for (i = 0; i < 9; i++)
        B[i] = A[i] / 3.0;
}

/* ------------------------------------------------------------ gradient */

START_TEST(test_grad_fd)
{
    flint_rand_t state;
    const ulong salt = 100 + _i;
    slong L = 1 + _i % 3, m = 2 + _i % 3, N = 3 + _i % 2, R = 6, k, n;
    double B[16], Y[6 * 4], X[6 * 4], gW[3 * 4 * 4], gt[3], mse, num = 0, den = 0;
    kd_lista_t net;

    kd_test_randinit(state, salt);
    kd_assert_ok(kd_lista_init(net, L, m, N));
    rand_vec(B, m * N, state, 1.0);
    kd_assert_ok(kd_lista_set_random(net, B, kd_test_seed(salt), 0.6, 0.0));
    for (k = 0; k < L; k++)     /* thresholds away from 0, some t_k negative */
        net->t[k] = (0.05 + 0.1 * (double) n_randint(state, 3)) * (n_randint(state, 2) ? 1 : -1);
    rand_vec(Y, R * m, state, 1.0);
    rand_vec(X, R * N, state, 1.0);
    kd_assert_ok(kd_lista_loss_grad(&mse, gW, gt, net, Y, X, R));

    n = L * N * m + L;
    for (k = 0; k < n; k++)
    {
        double * p = (k < L * N * m) ? net->W + k : net->t + (k - L * N * m);
        double g = (k < L * N * m) ? gW[k] : gt[k - L * N * m];
        double p0 = *p, h = 1e-6, fp, fm, fd;
        *p = p0 + h;
        kd_assert_ok(kd_lista_mse_d(&fp, net, Y, X, R));
        *p = p0 - h;
        kd_assert_ok(kd_lista_mse_d(&fm, net, Y, X, R));
        *p = p0;
        fd = (fp - fm) / ((p0 + h) - (p0 - h));
        num += (fd - g) * (fd - g);
        den += g * g;
    }
    ck_assert_msg(den > 1e-6, "seed %lu: gradient is (almost) zero, test is vacuous",
                  kd_test_seed(salt));
    ck_assert_msg(sqrt(num / den) < 1e-8,
                  "seed %lu: L=%ld m=%ld N=%ld: relative gradient error %g",
                  kd_test_seed(salt), (long) L, (long) m, (long) N, sqrt(num / den));
    /* the loss itself agrees with the forward pass */
    {
        double x[4], e = 0;
        slong r, i;
        for (r = 0; r < R; r++)
        {
            kd_assert_ok(kd_lista_forward_d(x, net, Y + r * m));
            for (i = 0; i < N; i++)
                e += (x[i] - X[r * N + i]) * (x[i] - X[r * N + i]);
        }
        ck_assert_msg(fabs(e / R - mse) <= 1e-14 * (1 + mse), "seed %lu: mse %g vs %g",
                      kd_test_seed(salt), mse, e / R);
    }
    kd_lista_clear(net);
    flint_randclear(state);
}
END_TEST

/* ------------------------------------------------------------ ISTA */

START_TEST(test_ista_init_is_ista)
{
    flint_rand_t state;
    const ulong salt = 200 + _i;
    const slong L = 10, m = 5, N = 8;
    double B[40], y[5], x[8], xr[8], xs[8], r[5], LB = 4.0, lambda = 0.05 * (1 + _i);
    slong k, i, j, nz = 0;
    kd_lista_t net;

    kd_test_randinit(state, salt);
    rand_vec(B, m * N, state, 0.25);      /* ||B||_2^2 <= ||B||_F^2 <= 2.5 < 4 */
    rand_vec(y, m, state, 1.0);
    kd_assert_ok(kd_lista_init(net, L, m, N));
    kd_assert_ok(kd_lista_set_ista(net, NULL, B, lambda, LB));
    ck_assert_int_eq(kd_lista_layers(net), L);
    kd_assert_ok(kd_lista_forward_d(x, net, y));

    /* L steps of ISTA for (1/2)||Bx - y||^2 + lambda ||x||_1, step 1/4 */
    for (i = 0; i < N; i++)
        xr[i] = 0.0;
    for (k = 0; k < L; k++)
    {
        for (i = 0; i < m; i++)
        {
            double acc = 0.0;
            for (j = 0; j < N; j++)
                acc += B[i * N + j] * xr[j];
            r[i] = y[i] - acc;
        }
        for (j = 0; j < N; j++)
        {
            double acc = 0.0, u, th = lambda / LB;
            for (i = 0; i < m; i++)
                acc += B[i * N + j] * r[i];
            u = xr[j] + acc / LB;
            xs[j] = fabs(u) <= th ? 0.0 : (u > 0 ? u - th : u + th);
        }
        memcpy(xr, xs, sizeof(xr));
    }
    for (i = 0; i < N; i++)
    {
        ck_assert_msg(x[i] == xr[i], "seed %lu: x_%ld = %a, ISTA gives %a", kd_test_seed(salt),
                      (long) i, x[i], xr[i]);
        nz += (xr[i] != 0);
    }
    /* some test: an all-zero output would make the comparison weak */
    ck_assert_msg(nz > 0 || lambda > 0.1, "seed %lu: ISTA output is zero", kd_test_seed(salt));
    kd_lista_clear(net);
    flint_randclear(state);
}
END_TEST

START_TEST(test_ista_certified_lb)
{
    flint_rand_t state;
    const ulong salt = 300 + _i;
    const slong m = 4 + _i, N = 6;
    double B[7 * 6], v[6], w[7], LB, fro = 0, rq = 0;
    slong it, i, j;
    kd_lista_t net;

    kd_test_randinit(state, salt);
    rand_vec(B, m * N, state, 2.0);
    kd_assert_ok(kd_lista_init(net, 2, m, N));
    kd_assert_ok(kd_lista_set_ista(net, &LB, B, 1.0, 0.0));
    for (i = 0; i < m * N; i++)
        fro += B[i] * B[i];
    /* power iteration: the Rayleigh quotient ||Bv||^2/||v||^2 <= ||B||^2 */
    for (j = 0; j < N; j++)
        v[j] = 1.0 + j;
    for (it = 0; it < 200; it++)
    {
        double nv = 0, nw = 0;
        for (j = 0; j < N; j++)
            nv += v[j] * v[j];
        for (i = 0; i < m; i++)
        {
            w[i] = 0;
            for (j = 0; j < N; j++)
                w[i] += B[i * N + j] * v[j];
            nw += w[i] * w[i];
        }
        rq = nw / nv;
        nv = 0;
        for (j = 0; j < N; j++)
        {
            v[j] = 0;
            for (i = 0; i < m; i++)
                v[j] += B[i * N + j] * w[i];
            nv += v[j] * v[j];
        }
        nv = sqrt(nv);
        for (j = 0; j < N; j++)
            v[j] /= nv;
    }
    ck_assert_msg(LB >= rq * (1 - 1e-12) && LB <= rq * (1 + 1e-6) && LB <= fro * (1 + 1e-12),
                  "seed %lu: L_B = %.17g, power iteration %.17g, Frobenius^2 %.17g",
                  kd_test_seed(salt), LB, rq, fro);
    ck_assert(net->W[0] == B[0] / LB && kd_lista_theta(net, 1) == 1.0 / LB);
    kd_lista_clear(net);
    flint_randclear(state);
}
END_TEST

/* ------------------------------------------------------------ training */

static int
count_epochs(slong epoch, double tr, double va, void * arg)
{
    (void) tr;
    (void) va;
    *(slong *) arg = epoch + 1;
    return 0;
}

START_TEST(test_train_learns)
{
    flint_rand_t state;
    const ulong salt = 400;
    const slong L = 3, m = 3, N = 3, R = 600;
    double B[9], * Y, * X, mse0, val0, LB;
    slong r, seen = 0;
    kd_lista_t net;
    kd_lista_report_t rep;
    kd_lista_train_opts_t opts;

    kd_test_randinit(state, salt);
    orthonormal3(B);
    Y = flint_malloc(R * m * sizeof(double));
    X = flint_malloc(R * N * sizeof(double));
    for (r = 0; r < R; r++)
        sparse_pair(Y + r * m, X + r * N, B, m, N, 1, state);
    kd_assert_ok(kd_lista_init(net, L, m, N));
    kd_assert_ok(kd_lista_set_ista(net, &LB, B, 0.2, 0.0));
    /* kd_iter_opnorm_ubound is within a factor 1.01 of ||B||_2 = 1 */
    ck_assert_msg(LB >= 1.0 - 1e-15 && LB <= 1.0201, "L_B = %.17g", LB);
    kd_assert_ok(kd_lista_mse_d(&mse0, net, Y, X, R - R / 5));
    kd_assert_ok(kd_lista_mse_d(&val0, net, Y + (R - R / 5) * m, X + (R - R / 5) * N, R / 5));

    kd_lista_train_opts_init(opts);
    opts->epochs = 40;
    opts->batch = 32;
    opts->lr = 3e-3;
    opts->val_fraction = 0.2;
    opts->callback = count_epochs;
    opts->callback_arg = &seen;
    kd_lista_report_init(rep);
    kd_assert_ok(kd_lista_train(rep, net, Y, X, R, opts));
    ck_assert_int_eq(rep->epochs, 40);
    ck_assert_int_eq(seen, 40);
    ck_assert_int_eq(rep->n_val, R / 5);
    ck_assert_int_eq(rep->n_train, R - R / 5);
    ck_assert_int_eq(rep->steps, 40 * ((R - R / 5 + 31) / 32));
    {
        double chk;
        kd_assert_ok(kd_lista_mse_d(&chk, net, Y, X, R - R / 5));
        ck_assert(chk == rep->train_mse);
        kd_assert_ok(kd_lista_mse_d(&chk, net, Y + (R - R / 5) * m, X + (R - R / 5) * N,
                                    R / 5));
        ck_assert(chk == rep->val_mse && chk == rep->val_hist[39]);
    }
    ck_assert_msg(rep->train_mse < mse0 / 100 && rep->val_mse < val0 / 100
                  && rep->val_mse < 10 * rep->train_mse + 1e-12,
                  "seed %lu: train %g -> %g, validation %g -> %g", kd_test_seed(salt), mse0,
                  rep->train_mse, val0, rep->val_mse);
    ck_assert(rep->train_hist[39] < rep->train_hist[0]);
    ck_assert(rep->seconds >= 0 && rep->seconds_per_epoch >= 0);
    kd_lista_report_clear(rep);
    kd_lista_clear(net);
    flint_free(Y);
    flint_free(X);
    flint_randclear(state);
}
END_TEST

static int
stop_after_two(slong epoch, double tr, double va, void * arg)
{
    (void) tr;
    (void) va;
    (void) arg;
    return epoch >= 1;
}

START_TEST(test_train_deterministic)
{
    flint_rand_t state;
    const ulong salt = 500;
    const slong L = 4, m = 4, N = 6, R = 300;
    double B[24], * Y, * X;
    slong r;
    kd_lista_t n0, n1, n2, n3;
    kd_lista_report_t r1, r2, r3;
    kd_lista_train_opts_t opts;

    kd_test_randinit(state, salt);
    rand_vec(B, m * N, state, 0.5);
    Y = flint_malloc(R * m * sizeof(double));
    X = flint_malloc(R * N * sizeof(double));
    for (r = 0; r < R; r++)
        sparse_pair(Y + r * m, X + r * N, B, m, N, 2, state);
    kd_assert_ok(kd_lista_init(n0, L, m, N));
    kd_assert_ok(kd_lista_set_random(n0, B, 7, 0.3, 0.01));
    kd_assert_ok(kd_lista_init(n1, 1, 1, 1));
    kd_assert_ok(kd_lista_init(n2, 1, 1, 1));
    kd_assert_ok(kd_lista_init(n3, 1, 1, 1));
    kd_assert_ok(kd_lista_set(n1, n0));
    kd_assert_ok(kd_lista_set(n2, n0));
    kd_assert_ok(kd_lista_set(n3, n0));
    ck_assert(kd_lista_equal(n1, n0));

    kd_lista_train_opts_init(opts);
    opts->epochs = 5;
    opts->batch = 16;
    opts->lr = 1e-2;
    opts->seed = 11;
    kd_lista_report_init(r1);
    kd_lista_report_init(r2);
    kd_lista_report_init(r3);
    kd_assert_ok(kd_lista_train(r1, n1, Y, X, R, opts));
    kd_assert_ok(kd_lista_train(r2, n2, Y, X, R, opts));
    ck_assert_msg(kd_lista_equal(n1, n2), "same seed, different weights");
    ck_assert(!kd_lista_equal(n1, n0));
    ck_assert(memcmp(r1->train_hist, r2->train_hist, 5 * sizeof(double)) == 0);
    ck_assert(memcmp(r1->val_hist, r2->val_hist, 5 * sizeof(double)) == 0);
    ck_assert(memcmp(&r1->train_mse, &r2->train_mse, sizeof(double)) == 0);
    opts->seed = 12;
    kd_assert_ok(kd_lista_train(r3, n3, Y, X, R, opts));
    ck_assert_msg(!kd_lista_equal(n1, n3), "different shuffle seeds, same weights");

    /* seeded initialisation: same seed equal, other seed different */
    kd_assert_ok(kd_lista_set_random(n1, B, 7, 0.3, 0.01));
    ck_assert(kd_lista_equal(n1, n0));
    kd_assert_ok(kd_lista_set_random(n1, B, 8, 0.3, 0.01));
    ck_assert(!kd_lista_equal(n1, n0));

    /* early stop from the callback */
    opts->callback = stop_after_two;
    kd_assert_ok(kd_lista_train(r3, n3, Y, X, R, opts));
    ck_assert_int_eq(r3->epochs, 2);

    kd_lista_report_clear(r1);
    kd_lista_report_clear(r2);
    kd_lista_report_clear(r3);
    kd_lista_clear(n0);
    kd_lista_clear(n1);
    kd_lista_clear(n2);
    kd_lista_clear(n3);
    flint_free(Y);
    flint_free(X);
    flint_randclear(state);
}
END_TEST

/* ------------------------------------------------------------ exact output */

START_TEST(test_apply_fmpq)
{
    flint_rand_t state;
    const ulong salt = 600 + _i;
    const slong L = 3, m = 4, N = 5;
    double B[20], yd[4], xd[5];
    slong i;
    fmpq_mat_t y, x, xbad;
    mpq_t q;
    mpfr_t t;
    kd_lista_t net;

    kd_test_randinit(state, salt);
    rand_vec(B, m * N, state, 0.5);
    kd_assert_ok(kd_lista_init(net, L, m, N));
    kd_assert_ok(kd_lista_set_random(net, B, salt, 0.5, 0.05));
    fmpq_mat_init(y, m, 1);
    fmpq_mat_init(x, N, 1);
    fmpq_mat_init(xbad, N, 2);
    mpq_init(q);
    mpfr_init2(t, 53);
    for (i = 0; i < m; i++)
    {
        /* p/q with odd q: not a double, so rounding matters */
        fmpq_set_si(fmpq_mat_entry(y, i, 0), (slong) n_randint(state, 2001) - 1000,
                    2 * (slong) n_randint(state, 500) + 3);
        fmpq_get_mpq(q, fmpq_mat_entry(y, i, 0));
        mpfr_set_q(t, q, MPFR_RNDN);
        yd[i] = mpfr_get_d(t, MPFR_RNDN);
    }
    kd_assert_ok(kd_lista_apply_fmpq(x, net, y));
    kd_assert_ok(kd_lista_forward_d(xd, net, yd));
    for (i = 0; i < N; i++)
    {
        mpq_t e;
        mpq_init(e);
        mpq_set_d(e, xd[i]);    /* exact */
        fmpq_get_mpq(q, fmpq_mat_entry(x, i, 0));
        ck_assert_msg(mpq_equal(e, q) && kd_test_fmpq_is_dyadic(fmpq_mat_entry(x, i, 0)),
                      "seed %lu: entry %ld is not the double %a", kd_test_seed(salt), (long) i,
                      xd[i]);
        mpq_clear(e);
    }
    ck_assert_int_eq(kd_lista_apply_fmpq(xbad, net, y), KD_ERR_SIZE);
    ck_assert_int_eq(kd_lista_apply_fmpq(x, net, x), KD_ERR_SIZE);
    /* a y that overflows double */
    fmpz_one(fmpq_numref(fmpq_mat_entry(y, 0, 0)));
    fmpz_mul_2exp(fmpq_numref(fmpq_mat_entry(y, 0, 0)), fmpq_numref(fmpq_mat_entry(y, 0, 0)), 2000);
    fmpz_one(fmpq_denref(fmpq_mat_entry(y, 0, 0)));
    ck_assert_int_eq(kd_lista_apply_fmpq(x, net, y), KD_ERR_ARG);
    mpfr_clear(t);
    mpq_clear(q);
    fmpq_mat_clear(y);
    fmpq_mat_clear(x);
    fmpq_mat_clear(xbad);
    kd_lista_clear(net);
    flint_randclear(state);
}
END_TEST

/* ------------------------------------------------------------ text format */

static kd_status
read_string(kd_lista_t net, const char * s)
{
    kd_status st;
    FILE * f = tmpfile();
    ck_assert(f != NULL);
    fputs(s, f);
    rewind(f);
    st = kd_lista_read(net, f);
    fclose(f);
    return st;
}

START_TEST(test_save_load)
{
    flint_rand_t state;
    const ulong salt = 700;
    const slong L = 3, m = 3, N = 4, R = 64;
    double B[12], Y[64 * 3], X[64 * 4];
    kd_lista_t net, back, keep;
    kd_lista_report_t rep;
    kd_lista_train_opts_t opts;
    FILE * f;
    char buf[256];
    slong r;

    kd_test_randinit(state, salt);
    rand_vec(B, m * N, state, 0.5);
    for (r = 0; r < R; r++)
        sparse_pair(Y + r * m, X + r * N, B, m, N, 1, state);
    kd_assert_ok(kd_lista_init(net, L, m, N));
    kd_assert_ok(kd_lista_set_random(net, B, 3, 0.4, 0.02));
    kd_lista_train_opts_init(opts);
    opts->epochs = 2;
    opts->batch = 8;
    kd_lista_report_init(rep);
    kd_assert_ok(kd_lista_train(rep, net, Y, X, R, opts));
    net->t[1] = -net->t[1];
    net->W[0] = -0.0;
    net->W[1] = 0x1p-1070;      /* subnormal */
    net->W[2] = -0.75;
    net->B[0] = 0x1.fffffffffffffp+1000;
    net->Bt[0] = net->B[0];

    kd_assert_ok(kd_lista_init(back, 1, 2, 2));
    f = tmpfile();
    ck_assert(f != NULL);
    kd_assert_ok(kd_lista_write(f, net));
    rewind(f);
    kd_assert_ok(kd_lista_read(back, f));
    ck_assert(kd_lista_equal(back, net));
    /* the text holds -0.75 as -3p-2 (an exact dyadic), -0 as -0 */
    rewind(f);
    {
        int found = 0, found0 = 0;
        while (fscanf(f, "%255s", buf) == 1)
        {
            found += strcmp(buf, "-3p-2") == 0;
            found0 += strcmp(buf, "-0") == 0;
        }
        ck_assert(found == 1 && found0 == 1);
    }
    fclose(f);
    /* by file name */
    kd_assert_ok(kd_lista_save("t-lista-weights.tmp", net));
    kd_lista_clear(back);
    kd_assert_ok(kd_lista_init(back, 1, 1, 1));
    kd_assert_ok(kd_lista_load(back, "t-lista-weights.tmp"));
    ck_assert(kd_lista_equal(back, net));
    remove("t-lista-weights.tmp");
    ck_assert_int_eq(kd_lista_load(back, "/nonexistent/dir/w.txt"), KD_ERR_IO);

    /* malformed files are refused and leave the net as it was */
    kd_assert_ok(kd_lista_init(keep, 1, 1, 1));
    kd_assert_ok(kd_lista_set(keep, back));
    ck_assert_int_eq(read_string(back, "kdigits-lista 1\n1 1 1\n1p0\n1p-1\n3p0\n"), KD_OK);
    ck_assert(back->L == 1 && back->B[0] == 1.0 && back->t[0] == 0.5 && back->W[0] == 3.0);
    kd_assert_ok(kd_lista_set(back, keep));
    ck_assert_int_eq(read_string(back, "kdigits-lista 1\n1 1 1\n0.5\n1p-1\n3p0\n"),
                     KD_ERR_FORMAT);
    ck_assert(strstr(kd_error_message(), "line 3") != NULL);
    ck_assert_int_eq(read_string(back, "kdigits-lista 1\n1 1 1\n2p0\n1p-1\n3p0\n"),
                     KD_ERR_FORMAT);
    ck_assert_int_eq(read_string(back, "kdigits-lista 1\n1 1 1\n1p0\n1p-1\n"), KD_ERR_FORMAT);
    ck_assert_int_eq(read_string(back, "kdigits-lista 1\n1 1 1\n1p0\n1p-1\n3p0 x\n"),
                     KD_ERR_FORMAT);
    ck_assert_int_eq(read_string(back, "kdigits-lista 1\n1 1 1\n1p0\n1p-1\n1p5000\n"),
                     KD_ERR_FORMAT);
    ck_assert_int_eq(read_string(back, "kdigits-lista 2\n1 1 1\n1p0\n1p-1\n3p0\n"),
                     KD_ERR_FORMAT);
    ck_assert_int_eq(read_string(back, "kdigits-lista 1\n0 1 1\n"), KD_ERR_FORMAT);
    ck_assert_int_eq(read_string(back, "LISTA\n"), KD_ERR_FORMAT);
    ck_assert(kd_lista_equal(back, keep));

    kd_lista_report_clear(rep);
    kd_lista_clear(net);
    kd_lista_clear(back);
    kd_lista_clear(keep);
    flint_randclear(state);
}
END_TEST

/* ------------------------------------------------------------ errors */

START_TEST(test_errors)
{
    const slong L = 2, m = 2, N = 3, R = 10;
    double B[6] = {1, 0, 0.5, 0, 1, -0.5}, Y[20], X[30], x[3];
    kd_lista_t net, copy;
    kd_lista_report_t rep;
    kd_lista_train_opts_t opts;
    slong i;

    for (i = 0; i < R * m; i++)
        Y[i] = 0.1 * i;
    for (i = 0; i < R * N; i++)
        X[i] = 0.01 * i;
    ck_assert_int_eq(kd_lista_init(net, 0, m, N), KD_ERR_ARG);
    ck_assert(strlen(kd_error_message()) > 0);
    kd_lista_clear(net);
    ck_assert_int_eq(kd_lista_init(net, L, 0, N), KD_ERR_ARG);
    kd_lista_clear(net);
    ck_assert_int_eq(kd_lista_init(net, L, m, -1), KD_ERR_ARG);
    kd_lista_clear(net);

    kd_assert_ok(kd_lista_init(net, L, m, N));
    ck_assert_int_eq(kd_lista_set_ista(net, NULL, B, -1.0, 0.0), KD_ERR_ARG);
    ck_assert_int_eq(kd_lista_set_ista(net, NULL, B, 1.0, -2.0), KD_ERR_ARG);
    kd_assert_ok(kd_lista_set_ista(net, NULL, B, 0.1, 0.0));
    kd_assert_ok(kd_lista_init(copy, 1, 1, 1));
    kd_assert_ok(kd_lista_set(copy, net));
    B[3] = NAN;
    ck_assert_int_eq(kd_lista_set_ista(net, NULL, B, 0.1, 0.0), KD_ERR_ARG);
    ck_assert_int_eq(kd_lista_set_random(net, B, 1, 0.1, 0.0), KD_ERR_ARG);
    ck_assert(kd_lista_equal(net, copy));

    kd_lista_train_opts_init(opts);
    kd_lista_report_init(rep);
    ck_assert_int_eq(kd_lista_train(rep, net, Y, X, 0, opts), KD_ERR_ARG);
    ck_assert(strstr(kd_error_message(), "R = 0") != NULL);
    opts->lr = -1e-3;
    ck_assert_int_eq(kd_lista_train(rep, net, Y, X, R, opts), KD_ERR_ARG);
    ck_assert(strstr(kd_error_message(), "learning rate") != NULL);
    kd_lista_train_opts_init(opts);
    opts->batch = 0;
    ck_assert_int_eq(kd_lista_train(rep, net, Y, X, R, opts), KD_ERR_ARG);
    kd_lista_train_opts_init(opts);
    opts->epochs = 0;
    ck_assert_int_eq(kd_lista_train(rep, net, Y, X, R, opts), KD_ERR_ARG);
    kd_lista_train_opts_init(opts);
    opts->val_fraction = 1.0;
    ck_assert_int_eq(kd_lista_train(rep, net, Y, X, R, opts), KD_ERR_ARG);
    opts->val_fraction = 0.95;  /* floor(9.5) = 9 validation, 1 training: fine */
    opts->epochs = 1;
    kd_assert_ok(kd_lista_train(rep, net, Y, X, R, opts));
    ck_assert_int_eq(rep->n_train, 1);
    kd_assert_ok(kd_lista_set(net, copy));
    kd_lista_train_opts_init(opts);
    Y[5] = NAN;
    ck_assert_int_eq(kd_lista_train(rep, net, Y, X, R, opts), KD_ERR_ARG);
    ck_assert(strstr(kd_error_message(), "Y") != NULL);
    ck_assert_int_eq(kd_lista_forward_d(x, net, Y + 4), KD_ERR_ARG);
    Y[5] = 0;
    X[7] = INFINITY;
    ck_assert_int_eq(kd_lista_train(rep, net, Y, X, R, opts), KD_ERR_ARG);
    ck_assert_int_eq(kd_lista_mse_d(x, net, Y, X, R), KD_ERR_ARG);
    ck_assert_int_eq(kd_lista_loss_grad(x, NULL, NULL, net, Y, X, 0), KD_ERR_ARG);
    ck_assert(kd_lista_equal(net, copy));
    ck_assert_int_eq(rep->epochs, 1);   /* report of the last success kept */

    kd_lista_report_clear(rep);
    kd_lista_clear(net);
    kd_lista_clear(copy);
}
END_TEST

Suite *
kd_suite_lista(void)
{
    Suite * s = suite_create("lista");
    TCase * tc;

    tc = tcase_create("gradient");
    tcase_add_loop_test(tc, test_grad_fd, 0, 6);
    suite_add_tcase(s, tc);

    tc = tcase_create("ista");
    tcase_add_loop_test(tc, test_ista_init_is_ista, 0, 4);
    tcase_add_loop_test(tc, test_ista_certified_lb, 0, 3);
    suite_add_tcase(s, tc);

    tc = tcase_create("train");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_train_learns);
    tcase_add_test(tc, test_train_deterministic);
    suite_add_tcase(s, tc);

    tc = tcase_create("io");
    tcase_add_loop_test(tc, test_apply_fmpq, 0, 3);
    tcase_add_test(tc, test_save_load);
    tcase_add_test(tc, test_errors);
    suite_add_tcase(s, tc);

    return s;
}
