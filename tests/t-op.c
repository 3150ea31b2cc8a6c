/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the matrix-free operators: containment against the dense
   exact built-ins, sequency order by counting sign changes, adjointness and
   orthogonality in ball arithmetic, the double path against the balls, the
   level oracle against a high-precision dense product, the sampling
   patterns, and the Cholesky-certified ||A||_2 bound against a certified
   lower bound ||A v||/||v||. */
#include "kdigits/op.h"
#include "kdigits/iter.h"
#include "../src/iter/internal.h"
#include <math.h>
#include <string.h>
#include "testutil.h"

#define PREC 128

/* every entry of M overlaps the corresponding exact entry of E */
static int
acb_mat_all_overlap(const acb_mat_t M, const acb_mat_t E)
{
    slong i, j;
    for (i = 0; i < acb_mat_nrows(M); i++)
        for (j = 0; j < acb_mat_ncols(M); j++)
            if (!acb_overlaps(acb_mat_entry(M, i, j), acb_mat_entry(E, i, j)))
                return 0;
    return 1;
}

static void
dense_of(acb_mat_t M, const char * spec)
{
    kd_op_t A;
    ck_assert_int_eq(kd_op_parse(A, spec), KD_OK);
    acb_mat_init(M, A->nrows, A->ncols);
    kd_op_get_acb_mat(M, A, PREC);
    kd_op_clear(A);
}

START_TEST(test_dense_builtins)
{
    static const slong sizes[] = { 2, 4, 8, 16 };
    slong t;
    for (t = 0; t < 4; t++)
    {
        slong n = sizes[t];
        char spec[64];
        acb_mat_t M, E;
        kd_mat_t Q;
        kd_mat_init(Q, 0, 0);
        /* DCT-II */
        flint_sprintf(spec, "dct:%wd", n);
        dense_of(M, spec);
        ck_assert_int_eq(kd_mat_dct2(Q, n), KD_OK);
        acb_mat_init(E, n, n);
        ck_assert_int_eq(kd_mat_eval_acb_mat(E, Q, PREC), KD_OK);
        ck_assert_msg(acb_mat_all_overlap(M, E), "dct:%ld differs from kd_mat_dct2", (long) n);
        acb_mat_clear(M);
        /* DFT */
        flint_sprintf(spec, "dft:%wd", n);
        dense_of(M, spec);
        ck_assert_int_eq(kd_mat_dft(Q, n), KD_OK);
        ck_assert_int_eq(kd_mat_eval_acb_mat(E, Q, PREC), KD_OK);
        ck_assert_msg(acb_mat_all_overlap(M, E), "dft:%ld differs from kd_mat_dft", (long) n);
        acb_mat_clear(M);
        acb_mat_clear(E);
        kd_mat_clear(Q);
    }
}
END_TEST

/* row s of the sequency-ordered Walsh matrix: entries +-1/sqrt(n) with
   exactly s sign changes */
START_TEST(test_walsh_sequency)
{
    slong n = 32, s, j, changes;
    acb_mat_t M;
    arb_t c, e;
    arb_init(c);
    arb_init(e);
    arb_rsqrt_ui(c, n, PREC);
    dense_of(M, "walsh:32");
    for (s = 0; s < n; s++)
    {
        changes = 0;
        for (j = 0; j < n; j++)
        {
            acb_srcptr z = acb_mat_entry(M, s, j);
            arb_abs(e, acb_realref(z));
            ck_assert(arb_overlaps(e, c) && arb_contains_zero(acb_imagref(z)));
            if (j > 0 && arb_is_positive(acb_realref(z))
                != arb_is_positive(acb_realref(acb_mat_entry(M, s, j - 1))))
                changes++;
        }
        ck_assert_msg(changes == s, "row %ld has %ld sign changes", (long) s, (long) changes);
    }
    acb_mat_clear(M);
    arb_clear(c);
    arb_clear(e);
}
END_TEST

static const char * orth_specs[] = {
    "walsh:16", "walsh2:4", "walsh2:8", "dct:16", "dct2d:4", "dft:16", "dft2d:4",
    "haar:16:1", "haar:16:4", "haar2d:8:1", "haar2d:8:3", "walsh2:8:haar:2",
    "dct2d:8:haar:3", "walsh2:8:haar:2:ml:0.3:7", "dft2d:8:haar:2:unif:0.25:11",
    "walsh:16:haar:4:ml:0.5:3"
};
#define NUM_ORTH ((int) (sizeof(orth_specs) / sizeof(orth_specs[0])))

/* M M^* contains the identity (rows orthonormal, so ||A||_2 = 1 as
   kd_op_opnorm_ubound claims), and M^* M too for square operators */
START_TEST(test_orthogonality)
{
    const char * spec = orth_specs[_i];
    acb_mat_t M, Mh, P, I;
    kd_op_t A;
    arf_t L;
    slong r, c;
    dense_of(M, spec);
    r = acb_mat_nrows(M);
    c = acb_mat_ncols(M);
    acb_mat_init(Mh, c, r);
    acb_mat_conjugate_transpose(Mh, M);
    acb_mat_init(P, r, r);
    acb_mat_init(I, r, r);
    acb_mat_one(I);
    acb_mat_mul(P, M, Mh, PREC);
    ck_assert_msg(acb_mat_contains(P, I), "%s: A A^* does not contain I", spec);
    if (r == c)
    {
        acb_mat_mul(P, Mh, M, PREC);
        ck_assert_msg(acb_mat_contains(P, I), "%s: A^* A does not contain I", spec);
    }
    arf_init(L);
    ck_assert_int_eq(kd_op_parse(A, spec), KD_OK);
    ck_assert(kd_op_opnorm_ubound(L, A) == 1 && arf_is_one(L));
    kd_op_clear(A);
    arf_clear(L);
    acb_mat_clear(M);
    acb_mat_clear(Mh);
    acb_mat_clear(P);
    acb_mat_clear(I);
}
END_TEST

/* <A x, y> and <x, A^* y> overlap; the double path lies within 1e-12 of
   the balls, forward and adjoint */
START_TEST(test_adjoint_and_double)
{
    const char * spec = orth_specs[_i];
    flint_rand_t st;
    kd_op_t A;
    slong i, r, c;
    acb_ptr x, y, Ax, Ahy;
    acb_t s1, s2, t;
    double * xr, * xi, * yr, * yi;
    kd_test_randinit(st, 1300 + _i);
    ck_assert_int_eq(kd_op_parse(A, spec), KD_OK);
    r = A->nrows;
    c = A->ncols;
    x = _acb_vec_init(c);
    Ax = _acb_vec_init(r);
    y = _acb_vec_init(r);
    Ahy = _acb_vec_init(c);
    xr = flint_malloc(2 * (r + c) * sizeof(double));
    xi = xr + c;
    yr = xi + c;
    yi = yr + r;
    acb_init(s1);
    acb_init(s2);
    acb_init(t);
    for (i = 0; i < c; i++)
    {
        xr[i] = (double) (slong) n_randint(st, 2001) / 1000.0 - 1.0;
        xi[i] = A->is_complex ? (double) (slong) n_randint(st, 2001) / 1000.0 - 1.0 : 0.0;
        acb_set_d_d(x + i, xr[i], xi[i]);
    }
    for (i = 0; i < r; i++)
        acb_set_d_d(y + i, (double) (slong) n_randint(st, 2001) / 1000.0 - 1.0,
                    A->is_complex ? (double) (slong) n_randint(st, 2001) / 1000.0 - 1.0 : 0.0);
    kd_op_apply_acb(Ax, A, x, 0, PREC);
    kd_op_apply_acb(Ahy, A, y, 1, PREC);
    /* <u, v> = sum u_i conj(v_i) */
    for (i = 0; i < r; i++)
    {
        acb_conj(t, y + i);
        acb_addmul(s1, Ax + i, t, PREC);
    }
    for (i = 0; i < c; i++)
    {
        acb_conj(t, Ahy + i);
        acb_addmul(s2, x + i, t, PREC);
    }
    ck_assert_msg(acb_overlaps(s1, s2), "%s: <Ax, y> != <x, A^* y> (seed %lu)", spec,
                  kd_test_seed(1300 + _i));
    kd_op_apply_d(yr, yi, A, xr, xi, 0);
    for (i = 0; i < r; i++)
    {
        acb_set_d_d(t, yr[i], yi[i]);
        acb_sub(t, t, Ax + i, PREC);
        acb_abs(acb_realref(s1), t, PREC);
        ck_assert_msg(arf_cmpabs_2exp_si(arb_midref(acb_realref(s1)), -40) < 0,
                      "%s: double forward differs at %ld", spec, (long) i);
    }
    for (i = 0; i < r; i++)
    {
        yr[i] = arf_get_d(arb_midref(acb_realref(y + i)), ARF_RND_NEAR);
        yi[i] = arf_get_d(arb_midref(acb_imagref(y + i)), ARF_RND_NEAR);
    }
    kd_op_apply_d(xr, xi, A, yr, yi, 1);
    for (i = 0; i < c; i++)
    {
        acb_set_d_d(t, xr[i], xi[i]);
        acb_sub(t, t, Ahy + i, PREC);
        acb_abs(acb_realref(s1), t, PREC);
        ck_assert_msg(arf_cmpabs_2exp_si(arb_midref(acb_realref(s1)), -40) < 0,
                      "%s: double adjoint differs at %ld", spec, (long) i);
    }
    kd_op_clear(A);
    _acb_vec_clear(x, c);
    _acb_vec_clear(Ax, r);
    _acb_vec_clear(y, r);
    _acb_vec_clear(Ahy, c);
    flint_free(xr);
    acb_clear(s1);
    acb_clear(s2);
    acb_clear(t);
    flint_randclear(st);
}
END_TEST

/* ||y - A x||_2 <= 2^-n ||x||_2 against the dense exact DCT at 1600 bits */
START_TEST(test_level_oracle)
{
    static const slong levels[] = { 0, 10, 53, 200 };
    slong t, i, n = 16;
    kd_op_t A;
    kd_mat_t Q;
    acb_mat_t E;
    acb_ptr x, y, ex;
    acb_t d;
    arb_t s, u, b;
    ck_assert_int_eq(kd_op_parse(A, "dct:16"), KD_OK);
    kd_mat_init(Q, 0, 0);
    ck_assert_int_eq(kd_mat_dct2(Q, n), KD_OK);
    acb_mat_init(E, n, n);
    ck_assert_int_eq(kd_mat_eval_acb_mat(E, Q, 1600), KD_OK);
    x = _acb_vec_init(n);
    y = _acb_vec_init(n);
    ex = _acb_vec_init(n);
    acb_init(d);
    arb_init(s);
    arb_init(u);
    arb_init(b);
    for (i = 0; i < n; i++)
    {
        acb_set_si(x + i, 3 * i - 7);
        arb_add_si(b, b, (3 * i - 7) * (3 * i - 7), 1600);
    }
    for (i = 0; i < n; i++)
    {
        slong j;
        for (j = 0; j < n; j++)
            acb_addmul(ex + i, acb_mat_entry(E, i, j), x + j, 1600);
    }
    for (t = 0; t < 4; t++)
    {
        ck_assert_int_eq(kd_op_apply_level(y, A, x, 0, levels[t], 0), KD_OK);
        arb_zero(s);
        for (i = 0; i < n; i++)
        {
            ck_assert(acb_is_exact(y + i));
            acb_sub(d, y + i, ex + i, 1600);
            acb_abs(u, d, 1600);
            arb_addmul(s, u, u, 1600);
        }
        arb_mul_2exp_si(u, b, -2 * levels[t]);
        ck_assert_msg(arb_le(s, u), "level %ld not reached", (long) levels[t]);
    }
    ck_assert_int_eq(A->nreads, 4);
    ck_assert_int_eq(A->max_level, 200);
    kd_op_clear(A);
    kd_mat_clear(Q);
    acb_mat_clear(E);
    _acb_vec_clear(x, n);
    _acb_vec_clear(y, n);
    _acb_vec_clear(ex, n);
    acb_clear(d);
    arb_clear(s);
    arb_clear(u);
    arb_clear(b);
}
END_TEST

START_TEST(test_sampling)
{
    slong om1[4096], om2[4096], k1, k2, i, n = 64, N = 64 * 64, full = 0;
    ck_assert_int_eq(kd_op_sample_multilevel(om1, &k1, n, 2, 0, 600, 42), KD_OK);
    ck_assert_int_eq(kd_op_sample_multilevel(om2, &k2, n, 2, 0, 600, 42), KD_OK);
    ck_assert_int_eq(k1, k2);
    ck_assert_int_eq(k1, 600);
    for (i = 0; i < k1; i++)
    {
        ck_assert_int_eq(om1[i], om2[i]);
        ck_assert(om1[i] >= 0 && om1[i] < N && (i == 0 || om1[i] > om1[i - 1]));
        /* the 8 x 8 lowest frequencies (levels 0-2, 64 rows <= 600/4) */
        full += (om1[i] / n < 8 && om1[i] % n < 8);
    }
    ck_assert_int_eq(full, 64);
    ck_assert_int_eq(kd_op_sample_uniform(om1, N, 500, 9), KD_OK);
    for (i = 1; i < 500; i++)
        ck_assert(om1[i] > om1[i - 1]);
    ck_assert_int_eq(kd_op_sample_uniform(om1, N, N + 1, 9), KD_ERR_ARG);
}
END_TEST

/* DAS sampling: k sorted distinct indices, reproducible; the count of each
   block (a, b) of bands is proportional to the density
   d_ab = sum_l s_l 2^-(|l-a|+|l-b|) (recomputed here) up to rounding,
   except for blocks sampled entirely */
static slong
das_band(slong a, slong n, slong r)
{
    slong c = n >> r, l;
    if (a < c)
        return 0;
    for (l = 1; (c << l) <= a; l++)
        ;
    return FLINT_MIN(l, r);
}

START_TEST(test_sampling_das)
{
    slong n = 32, N = 32 * 32, r = 4, nb = 5, k = 180, kk, i, a, b, l;
    slong s[5] = { 1, 3, 10, 30, 5 }, om[1024], om2[1024], cnt[25] = { 0 }, size[25] = { 0 };
    double d[25] = { 0 }, lo = HUGE_VAL, hi = 0;
    ck_assert_int_eq(kd_op_sample_das(om, &kk, n, 0, k, s, r, 3), KD_OK);
    ck_assert_int_eq(kk, k);
    ck_assert_int_eq(kd_op_sample_das(om2, &kk, n, 0, k, s, r, 3), KD_OK);
    for (i = 0; i < k; i++)
    {
        ck_assert_int_eq(om[i], om2[i]);
        ck_assert(om[i] >= 0 && om[i] < N && (i == 0 || om[i] > om[i - 1]));
        cnt[das_band(om[i] / n, n, r) * nb + das_band(om[i] % n, n, r)]++;
    }
    for (i = 0; i < N; i++)
        size[das_band(i / n, n, r) * nb + das_band(i % n, n, r)]++;
    for (a = 0; a < nb; a++)
        for (b = 0; b < nb; b++)
            for (l = 0; l < nb; l++)
                d[a * nb + b] += (double) s[l] / (double) (WORD(1) << (FLINT_ABS(l - a) + FLINT_ABS(l - b)));
    /* uncapped blocks: cnt / d within a common range, up to one sample of
       rounding and one of the remainder */
    for (i = 0; i < nb * nb; i++)
    {
        ck_assert(cnt[i] <= size[i]);
        if (cnt[i] < size[i])
        {
            lo = FLINT_MIN(lo, (double) (cnt[i] + 1) / d[i]);
            hi = FLINT_MAX(hi, (double) (cnt[i] - 1) / d[i]);
        }
    }
    ck_assert_msg(hi <= lo, "counts not proportional to the density: %g > %g", hi, lo);
    /* the heaviest level (3) gets more rows than the empty-ish finest one per
       band pair (3, 3) vs (4, 4), though the latter is 4 times larger */
    ck_assert(cnt[3 * nb + 3] > cnt[4 * nb + 4]);
    ck_assert_int_eq(kd_op_sample_das(om, &kk, n, 0, N + 1, s, r, 3), KD_ERR_ARG);
    ck_assert_int_eq(kd_op_sample_das(om, &kk, n, 0, k, s, 6, 3), KD_ERR_ARG);
}
END_TEST

START_TEST(test_parse_errors)
{
    static const char * bad[] = { "walsh:12", "foo:8", "haar:8:4", "haar:8", "dct2d:8:ml:0:1",
                                  "dct:8:ml:0.5", "walsh:1", "dft2d:65536", "dct2:8" };
    kd_op_t A;
    slong i;
    for (i = 0; i < 9; i++)
        ck_assert_msg(kd_op_parse(A, bad[i]) == KD_ERR_ARG, "%s accepted", bad[i]);
}
END_TEST

/* ||A v||_2 / ||v||_2 <= ||A||_2 in ball arithmetic (A = Re + i Im, Im
   may be NULL), v a double power-iteration vector taken exactly */
static void
certified_lower(arb_t lo, const fmpq_mat_t Ar, const fmpq_mat_t Ai)
{
    slong m = fmpq_mat_nrows(Ar), N = fmpq_mat_ncols(Ar), i, j, t;
    double * a = flint_malloc(2 * m * N * sizeof(double)), * b = a + m * N;
    double * v = flint_malloc(2 * (N + m) * sizeof(double)), * vi = v + N, * w = vi + N, * wi = w + m;
    arb_t s, x, y, nw, nv;
    arb_init(s); arb_init(x); arb_init(y); arb_init(nw); arb_init(nv);
    for (i = 0; i < m * N; i++)
    {
        a[i] = fmpq_get_d(fmpq_mat_entry(Ar, i / N, i % N));
        b[i] = Ai ? fmpq_get_d(fmpq_mat_entry(Ai, i / N, i % N)) : 0.0;
    }
    for (j = 0; j < N; j++)
        v[j] = 1.0 + j % 3, vi[j] = 0.0;
    for (t = 0; t < 500; t++)
    {
        double nrm = 0.0;
        for (i = 0; i < m; i++)
        {
            w[i] = wi[i] = 0.0;
            for (j = 0; j < N; j++)
            {
                w[i] += a[i * N + j] * v[j] - b[i * N + j] * vi[j];
                wi[i] += a[i * N + j] * vi[j] + b[i * N + j] * v[j];
            }
        }
        for (j = 0; j < N; j++)
        {
            v[j] = vi[j] = 0.0;
            for (i = 0; i < m; i++)
            {
                v[j] += a[i * N + j] * w[i] + b[i * N + j] * wi[i];
                vi[j] += a[i * N + j] * wi[i] - b[i * N + j] * w[i];
            }
            nrm = fmax(nrm, fmax(fabs(v[j]), fabs(vi[j])));
        }
        for (j = 0; j < N; j++)
            v[j] /= nrm, vi[j] /= nrm;
    }
    arb_zero(nw);
    arb_zero(nv);
    for (i = 0; i < m; i++)
    {
        arb_t re, im;
        arb_init(re); arb_init(im);
        for (j = 0; j < N; j++)
        {
            arb_set_fmpq(x, fmpq_mat_entry(Ar, i, j), PREC);
            arb_set_fmpq(y, Ai ? fmpq_mat_entry(Ai, i, j) : fmpq_mat_entry(Ar, i, j), PREC);
            if (!Ai)
                arb_zero(y);
            arb_set_d(s, v[j]);
            arb_addmul(re, x, s, PREC);
            arb_addmul(im, y, s, PREC);
            arb_set_d(s, vi[j]);
            arb_submul(re, y, s, PREC);
            arb_addmul(im, x, s, PREC);
        }
        arb_addmul(nw, re, re, PREC);
        arb_addmul(nw, im, im, PREC);
        arb_clear(re); arb_clear(im);
    }
    for (j = 0; j < N; j++)
    {
        arb_set_d(s, v[j]);
        arb_addmul(nv, s, s, PREC);
        arb_set_d(s, vi[j]);
        arb_addmul(nv, s, s, PREC);
    }
    arb_div(lo, nw, nv, PREC);
    arb_sqrt(lo, lo, PREC);
    arb_clear(s); arb_clear(x); arb_clear(y); arb_clear(nw); arb_clear(nv);
    flint_free(a);
    flint_free(v);
}

/* the Cholesky-certified bound is >= a certified lower bound ||Av||/||v||
   of ||A||_2 and within 2^-13 of it, real and complex */
START_TEST(test_opnorm_chol)
{
    flint_rand_t st;
    slong m = 40, N = 70, c;
    fmpq_mat_t A, Ai;
    arf_t L;
    arb_t lo, Lb;
    kd_test_randinit(st, 1399);
    fmpq_mat_init(A, m, N);
    fmpq_mat_init(Ai, m, N);
    kd_test_rand_fmpq_mat(A, st, 1000, 7);
    kd_test_rand_fmpq_mat(Ai, st, 1000, 3);
    arf_init(L);
    arb_init(lo);
    arb_init(Lb);
    for (c = 0; c < 2; c++)
    {
        ck_assert_int_eq(_kd_iter_opnorm_chol(L, A, c ? Ai : NULL), KD_OK);
        ck_assert(arf_is_finite(L));
        certified_lower(lo, A, c ? Ai : NULL);
        arb_set_arf(Lb, L);
        ck_assert_msg(arb_le(lo, Lb), "bound below ||Av||/||v|| (complex %ld, seed %lu)",
                      (long) c, kd_test_seed(1399));
        arb_div(Lb, Lb, lo, PREC);
        arb_sub_ui(Lb, Lb, 1, PREC);
        ck_assert_msg(arf_cmpabs_2exp_si(arb_midref(Lb), -13) < 0, "bound not tight (complex %ld)",
                      (long) c);
    }
    fmpq_mat_clear(A);
    fmpq_mat_clear(Ai);
    arf_clear(L);
    arb_clear(lo);
    arb_clear(Lb);
    flint_randclear(st);
}
END_TEST

static void
q_set_arf(fmpq_t q, const arf_t a)
{
    arf_get_fmpq(q, a);
}

/* P2 with orthogonal A (dct:32): F(x) = lambda ||x||_1 + ||x - A^T y||^2,
   F* = sum_i f(c_i), f(c) = c^2 (|c| <= lambda/2), lambda |c| - lambda^2/4
   (else): the gap bound is >= F(x) - F* and tight at the minimiser */
START_TEST(test_gap_p2_closed_form)
{
    flint_rand_t st;
    slong n = 32, i, trial;
    kd_op_t A;
    fmpq_mat_t x, y;
    fmpq_t lam;
    acb_ptr yb, c;
    arb_t Fs, t, l2, F;
    arf_t gap, v;
    kd_test_randinit(st, 1310);
    ck_assert_int_eq(kd_op_parse(A, "dct:32"), KD_OK);
    fmpq_mat_init(x, n, 1);
    fmpq_mat_init(y, n, 1);
    fmpq_init(lam);
    fmpq_set_si(lam, 1, 5);
    yb = _acb_vec_init(n);
    c = _acb_vec_init(n);
    arb_init(Fs); arb_init(t); arb_init(l2); arb_init(F);
    arf_init(gap); arf_init(v);
    kd_test_rand_fmpq_mat(y, st, 100, 97);
    for (i = 0; i < n; i++)
        arb_set_fmpq(acb_realref(yb + i), fmpq_mat_entry(y, i, 0), 300);
    kd_op_apply_acb(c, A, yb, 1, 300);
    arb_set_fmpq(l2, lam, 300);
    arb_mul_2exp_si(l2, l2, -1);
    for (i = 0; i < n; i++)
    {
        arb_abs(t, acb_realref(c + i));
        ck_assert(!arb_overlaps(t, l2));
        if (arb_lt(t, l2))
            arb_addmul(Fs, t, t, 300);
        else
        {
            arb_mul_2exp_si(t, t, 1);
            arb_sub(t, t, l2, 300);
            arb_addmul(Fs, t, l2, 300);     /* lambda|c| - lambda^2/4 = l2 (2|c| - l2) */
        }
    }
    for (trial = 0; trial < 4; trial++)
    {
        for (i = 0; i < n; i++)
        {
            /* the minimiser soft(c, lambda/2), rounded, plus a perturbation */
            arb_abs(t, acb_realref(c + i));
            arb_sub(t, t, l2, 300);
            if (arb_is_negative(t))
                arf_zero(v);
            else
            {
                arf_set(v, arb_midref(t));
                if (arf_sgn(arb_midref(acb_realref(c + i))) < 0)
                    arf_neg(v, v);
            }
            arf_set_round(v, v, 60, ARF_RND_NEAR);
            q_set_arf(fmpq_mat_entry(x, i, 0), v);
            if (trial > 0)
            {
                fmpq_t d;
                fmpq_init(d);
                fmpq_set_si(d, (slong) n_randint(st, 201) - 100, UWORD(1) << (4 * trial));
                fmpq_add(fmpq_mat_entry(x, i, 0), fmpq_mat_entry(x, i, 0), d);
                fmpq_clear(d);
            }
        }
        ck_assert_int_eq(kd_op_gap_ubound(gap, F, KD_OP_P2, A, x, NULL, y, NULL, NULL, lam, 200), KD_OK);
        arb_sub(t, F, Fs, 300);
        arb_get_lbound_arf(v, t, 300);
        ck_assert_msg(arf_cmp(v, gap) <= 0, "gap below F(x) - F* (trial %ld, seed %lu)",
                      (long) trial, kd_test_seed(1310));
        if (trial == 0)
            ck_assert_msg(arf_cmp_2exp_si(gap, -30) < 0, "gap not tight at the minimiser");
    }
    kd_op_clear(A);
    fmpq_mat_clear(x);
    fmpq_mat_clear(y);
    fmpq_clear(lam);
    _acb_vec_clear(yb, n);
    _acb_vec_clear(c, n);
    arb_clear(Fs); arb_clear(t); arb_clear(l2); arb_clear(F);
    arf_clear(gap); arf_clear(v);
    flint_randclear(st);
}
END_TEST

/* FISTA (P2) and PD (P3, P1) on operators, double and MPFR: the bound at
   an early iterate is >= F(early) - F(late) (F* <= F(late)), and shrinks */
static const char * solve_specs[] = { "walsh2:8:haar:2:ml:0.5:3", "dft:32:haar:3:unif:0.5:5" };

START_TEST(test_gap_solvers)
{
    const char * spec = solve_specs[_i % 2];
    int mpfr = _i / 2;          /* 0 double, 1 MPFR-113, 2 Arb-113 */
    flint_rand_t st;
    kd_op_t A;
    fmpq_mat_t y, yi;
    fmpq_t lam;
    kd_iter_data_t D;
    kd_iter_opts_t o;
    kd_iter_result_t R1, R2;
    kd_arith_t ar;
    arf_t g1, g2, lo;
    arb_t F1, F2, d;
    int p;
    kd_test_randinit(st, 1320 + _i);
    ck_assert_int_eq(kd_op_parse(A, spec), KD_OK);
    fmpq_mat_init(y, A->nrows, 1);
    fmpq_mat_init(yi, A->nrows, 1);
    kd_test_rand_fmpq_mat(y, st, 50, 16);
    kd_test_rand_fmpq_mat(yi, st, 50, 16);
    fmpq_init(lam);
    fmpq_set_si(lam, 1, 10);
    arf_init(g1); arf_init(g2); arf_init(lo);
    arb_init(F1); arb_init(F2); arb_init(d);
    if (mpfr == 2)
        kd_arith_set_arb(ar, 113);
    else if (mpfr)
        kd_arith_set_mpfr(ar, 113);
    else
        kd_arith_set_double(ar);
    for (p = 2; p <= 3; p++)
    {
        kd_iter_data_init_op(D, A, y, A->is_complex ? yi : NULL, NULL);
        kd_iter_opts_init(o);
        o->tol = -1;
        kd_iter_result_init(R1);
        kd_iter_result_init(R2);
        o->max_iter = 5;
        ck_assert_int_eq((p == 2 ? kd_iter_fista : kd_iter_pd_p3)(R1, D, lam, o, ar), KD_OK);
        o->max_iter = 400;
        ck_assert_int_eq((p == 2 ? kd_iter_fista : kd_iter_pd_p3)(R2, D, lam, o, ar), KD_OK);
        ck_assert(fmpq_is_one(R1->L_A) == 0 && fmpq_cmp_ui(R1->L_A, 2) < 0);
        ck_assert_int_eq(kd_op_gap_ubound_dual(g1, F1, p, A, R1->x_re, R1->x_im, y,
                                               A->is_complex ? yi : NULL, R1->z_re, R1->z_im,
                                               NULL, lam, 128), KD_OK);
        ck_assert_int_eq(kd_op_gap_ubound_dual(g2, F2, p, A, R2->x_re, R2->x_im, y,
                                               A->is_complex ? yi : NULL, R2->z_re, R2->z_im,
                                               NULL, lam, 128), KD_OK);
        arb_sub(d, F1, F2, 128);
        arb_get_lbound_arf(lo, d, 128);
        ck_assert_msg(arf_cmp(lo, g1) <= 0, "%s P%d: gap below F(x5) - F(x400)", spec, p);
        ck_assert_msg(arf_cmp(g2, g1) < 0 || arf_cmp_2exp_si(g2, -40) < 0,
                      "%s P%d: gap did not shrink (%g -> %g)", spec, p,
                      arf_get_d(g1, ARF_RND_UP), arf_get_d(g2, ARF_RND_UP));
        arf_mul_2exp_si(lo, g2, 3);
        ck_assert_msg(arf_cmp(lo, g1) < 0 || arf_cmp_2exp_si(g2, -40) < 0,
                      "%s P%d: gap at 400 iterations not 8 times smaller (%s: %g -> %g)",
                      spec, p, mpfr == 2 ? "arb" : mpfr ? "mpfr" : "double", arf_get_d(g1, ARF_RND_UP),
                      arf_get_d(g2, ARF_RND_UP));
        kd_iter_result_clear(R1);
        kd_iter_result_clear(R2);
    }
    /* P1: x = A^* y has A x = y (orthonormal rows): feasible for eta = 0 */
    {
        fmpq_mat_t x0, x0i;
        acb_ptr yb = _acb_vec_init(A->nrows), xb = _acb_vec_init(A->ncols);
        fmpq_t eta;
        slong i;
        fmpq_init(eta);
        fmpq_set_si(eta, 1, 1000);
        fmpq_mat_init(x0, A->ncols, 1);
        fmpq_mat_init(x0i, A->ncols, 1);
        for (i = 0; i < A->nrows; i++)
        {
            acb_set_fmpq(yb + i, fmpq_mat_entry(y, i, 0), 200);
            mag_zero(arb_radref(acb_realref(yb + i)));      /* a dyadic within 2^-200 */
        }
        ck_assert_int_eq(kd_op_apply_level(xb, A, yb, 1, 100, 0), KD_OK);
        for (i = 0; i < A->ncols; i++)
        {
            arf_get_fmpq(fmpq_mat_entry(x0, i, 0), arb_midref(acb_realref(xb + i)));
            arf_get_fmpq(fmpq_mat_entry(x0i, i, 0), arb_midref(acb_imagref(xb + i)));
        }
        ck_assert_int_eq(kd_op_gap_ubound(g1, F1, KD_OP_P1, A, x0, x0i, y, NULL, NULL, eta, 128),
                         KD_OK);
        ck_assert(arf_sgn(g1) >= 0);
        fmpq_mat_zero(x0);
        fmpq_mat_zero(x0i);
        ck_assert_int_eq(kd_op_gap_ubound(g1, F1, KD_OP_P1, A, x0, x0i, y, NULL, NULL, eta, 128),
                         KD_ERR_UNDECIDED);
        fmpq_mat_clear(x0);
        fmpq_mat_clear(x0i);
        fmpq_clear(eta);
        _acb_vec_clear(yb, A->nrows);
        _acb_vec_clear(xb, A->ncols);
    }
    kd_op_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(yi);
    fmpq_clear(lam);
    arf_clear(g1); arf_clear(g2); arf_clear(lo);
    arb_clear(F1); arb_clear(F2); arb_clear(d);
    flint_randclear(st);
}
END_TEST

/* ISTA, FISTA or PD for P3 (meth 0, 1, 2) */
static kd_status
run_method(slong meth, kd_iter_result_t R, const kd_iter_data_t D, const fmpq_t lam,
           const kd_iter_opts_t o, const kd_arith_t a)
{
    if (meth == 0)
        return kd_iter_ista(R, D, lam, o, a);
    return (meth == 1 ? kd_iter_fista : kd_iter_pd_p3)(R, D, lam, o, a);
}

/* the Arb backend (exact digit products, solvers.md §7) agrees with the
   MPFR backend to about its precision on dense real and complex ISTA,
   FISTA and PD, at 53, 113 and 150 bits */
START_TEST(test_arb_backend)
{
    flint_rand_t st;
    slong m = 12, N = 20, i, c, meth, prec = _i == 0 ? 113 : _i == 1 ? 53 : 150;
    fmpq_mat_t A, Ai, y, yi;
    fmpq_t lam, d;
    kd_iter_data_t D;
    kd_iter_opts_t o;
    kd_iter_result_t R1, R2;
    kd_arith_t am, aa;
    kd_test_randinit(st, 1330);
    fmpq_mat_init(A, m, N);
    fmpq_mat_init(Ai, m, N);
    fmpq_mat_init(y, m, 1);
    fmpq_mat_init(yi, m, 1);
    kd_test_rand_fmpq_mat(A, st, 100, 37);
    kd_test_rand_fmpq_mat(Ai, st, 100, 37);
    kd_test_rand_fmpq_mat(y, st, 100, 11);
    kd_test_rand_fmpq_mat(yi, st, 100, 11);
    fmpq_init(lam);
    fmpq_init(d);
    fmpq_set_si(lam, 1, 3);
    kd_arith_set_mpfr(am, prec);
    ck_assert_int_eq(kd_arith_set_arb(aa, prec), KD_OK);
    if (prec == 113)
        ck_assert_str_eq(kd_arith_name(aa), "arb-113");
    for (c = 0; c < 2; c++)
        for (meth = 0; meth < 3; meth++)
        {
            kd_iter_data_init(D, A, c ? Ai : NULL, y, c ? yi : NULL, NULL);
            kd_iter_opts_init(o);
            o->tol = -1;
            o->max_iter = 60;
            kd_iter_result_init(R1);
            kd_iter_result_init(R2);
            ck_assert_int_eq(run_method(meth, R1, D, lam, o, am), KD_OK);
            ck_assert_int_eq(run_method(meth, R2, D, lam, o, aa), KD_OK);
            ck_assert_int_eq(R2->prec, prec);
            for (i = 0; i < N; i++)
            {
                fmpq_sub(d, fmpq_mat_entry(R1->x_re, i, 0), fmpq_mat_entry(R2->x_re, i, 0));
                fmpq_abs(d, d);
                ck_assert_msg(fmpq_cmp_si(d, 0) == 0 || fmpz_bits(fmpq_denref(d)) > prec - 33 + fmpz_bits(fmpq_numref(d)),
                              "arb and mpfr differ at %ld (complex %ld, method %ld, prec %ld)",
                              (long) i, (long) c, (long) meth, (long) prec);
            }
            kd_iter_result_clear(R1);
            kd_iter_result_clear(R2);
        }
    fmpq_mat_clear(A);
    fmpq_mat_clear(Ai);
    fmpq_mat_clear(y);
    fmpq_mat_clear(yi);
    fmpq_clear(lam);
    fmpq_clear(d);
    flint_randclear(st);
}
END_TEST

/* one workspace serving operators of varying sizes (growing and
   shrinking), forward and adjoint, real and complex input: the products are
   those of kd_op_apply_d bit for bit */
START_TEST(test_apply_ws)
{
    flint_rand_t st;
    kd_op_ws_t W;
    slong t, i, pass;
    kd_test_randinit(st, 1700);
    kd_op_ws_init(W);
    for (pass = 0; pass < 2; pass++)
        for (t = 0; t < 2 * NUM_ORTH; t++)
        {
            const char * spec = orth_specs[pass == 0 ? t / 2 : NUM_ORTH - 1 - t / 2];
            int adj = t % 2, cplx;
            kd_op_t A;
            slong lin, lout;
            double * x, * y1, * y2;
            ck_assert_int_eq(kd_op_parse(A, spec), KD_OK);
            cplx = A->is_complex || pass == 1;
            lin = adj ? A->nrows : A->ncols;
            lout = adj ? A->ncols : A->nrows;
            x = flint_malloc(2 * lin * sizeof(double));
            y1 = flint_calloc(2 * lout, sizeof(double));
            y2 = flint_calloc(2 * lout, sizeof(double));
            for (i = 0; i < 2 * lin; i++)
                x[i] = (double) (slong) n_randint(st, 2001) / 1000.0 - 1.0;
            kd_op_apply_d(y1, cplx ? y1 + lout : NULL, A, x, cplx ? x + lin : NULL, adj);
            kd_op_apply_d_ws(y2, cplx ? y2 + lout : NULL, A, x, cplx ? x + lin : NULL, adj, W);
            ck_assert_msg(memcmp(y1, y2, 2 * lout * sizeof(double)) == 0,
                          "%s (adjoint %d, pass %ld): the workspace changes the product (seed %lu)",
                          spec, adj, (long) pass, kd_test_seed(1700));
            flint_free(x);
            flint_free(y1);
            flint_free(y2);
            kd_op_clear(A);
        }
    kd_op_ws_clear(W);
    flint_randclear(st);
}
END_TEST

/* ||v||_2 of the balls v (length n), in balls */
static void
acb_vec_norm2(arb_t r, acb_srcptr v, slong n)
{
    slong i;
    arb_t t;
    arb_init(t);
    arb_zero(r);
    for (i = 0; i < n; i++)
    {
        acb_abs(t, v + i, PREC);
        arb_addmul(r, t, t, PREC);
    }
    arb_sqrtpos(r, r, PREC);
    arb_clear(t);
}

/* nr = ||A x - y||_2 in balls for the doubles x (N) and y (m), re parts
   then im parts; xb (N) and rb (m) scratch */
static void
residual_norm(arb_t nr, const kd_op_t A, const double * x, const double * y, acb_ptr xb,
              acb_ptr rb)
{
    slong i, m = A->nrows, N = A->ncols;
    for (i = 0; i < N; i++)
        acb_set_d_d(xb + i, x[i], x[N + i]);
    kd_op_apply_acb(rb, A, xb, 0, PREC);
    for (i = 0; i < m; i++)
    {
        acb_set_d_d(xb, y[i], y[m + i]);
        acb_sub(rb + i, rb + i, xb, PREC);
    }
    acb_vec_norm2(nr, rb, m);
}

/* |a/b - 1| < 2^-40 is proved */
static int
arb_rel_close(const arb_t a, const arb_t b)
{
    arb_t q;
    int ok;
    arb_init(q);
    arb_div(q, a, b, PREC);
    arb_sub_ui(q, q, 1, PREC);
    arb_abs(q, q);
    ok = arb_is_finite(q) && arf_cmp_2exp_si(arb_midref(q), -40) < 0
         && mag_cmp_2exp_si(arb_radref(q), -40) < 0;
    arb_clear(q);
    return ok;
}

/* the projection onto ||A x - y|| <= eta (operators.md §5c), evaluated in
   balls from the exact operator: x' lands on the sphere (||A x' - y|| =
   eta to 2^-40, relative), moves by ||r|| - eta (A^* an isometry), and a
   point inside the ball is returned unchanged */
START_TEST(test_project)
{
    const char * spec = orth_specs[_i];
    flint_rand_t st;
    kd_op_t A;
    slong i, m, N;
    double * x, * y, * xp, eta;
    acb_ptr xb, rb;
    arb_t nr, e, d;
    int moved;
    kd_test_randinit(st, 1800 + _i);
    ck_assert_int_eq(kd_op_parse(A, spec), KD_OK);
    ck_assert(kd_op_rows_orthonormal(A));       /* as test_orthogonality shows densely */
    m = A->nrows;
    N = A->ncols;
    x = flint_malloc(2 * N * sizeof(double));
    xp = flint_malloc(2 * N * sizeof(double));
    y = flint_malloc(2 * m * sizeof(double));
    xb = _acb_vec_init(N);
    rb = _acb_vec_init(m);
    arb_init(nr);
    arb_init(e);
    arb_init(d);
    for (i = 0; i < 2 * N; i++)
        x[i] = (double) (slong) n_randint(st, 2001) / 1000.0 - 1.0;
    for (i = 0; i < 2 * m; i++)
        y[i] = (double) (slong) n_randint(st, 2001) / 1000.0 - 1.0;
    /* ||A x - y|| in balls; eta about half of it */
    residual_norm(nr, A, x, y, xb, rb);
    eta = 0.5 * arf_get_d(arb_midref(nr), ARF_RND_NEAR);
    ck_assert_int_eq(kd_op_project_ball_d(xp, xp + N, &moved, A, x, x + N, y, y + m, eta, NULL),
                     KD_OK);
    ck_assert(moved);
    /* ||A x' - y|| = eta */
    residual_norm(e, A, xp, y, xb, rb);
    arb_set_d(d, eta);
    ck_assert_msg(arb_rel_close(e, d), "%s: ||A x' - y|| != eta (seed %lu)", spec,
                  kd_test_seed(1800 + _i));
    /* ||x - x'|| = ||r|| - eta */
    for (i = 0; i < N; i++)
        acb_set_d_d(xb + i, x[i] - xp[i], x[N + i] - xp[N + i]);
    acb_vec_norm2(e, xb, N);
    arb_sub(d, nr, d, PREC);
    ck_assert_msg(arb_rel_close(e, d), "%s: ||x - x'|| != ||r|| - eta (seed %lu)", spec,
                  kd_test_seed(1800 + _i));
    /* inside: unchanged */
    ck_assert_int_eq(kd_op_project_ball_d(xp, xp + N, &moved, A, x, x + N, y, y + m, 4 * eta,
                                          NULL), KD_OK);
    ck_assert(!moved);
    ck_assert(memcmp(x, xp, 2 * N * sizeof(double)) == 0);
    ck_assert_int_eq(kd_op_project_ball_d(xp, xp + N, &moved, A, x, x + N, y, y + m, -1.0,
                                          NULL), KD_ERR_ARG);
    kd_error_clear();
    flint_free(x);
    flint_free(xp);
    flint_free(y);
    _acb_vec_clear(xb, N);
    _acb_vec_clear(rb, m);
    arb_clear(nr);
    arb_clear(e);
    arb_clear(d);
    kd_op_clear(A);
    flint_randclear(st);
}
END_TEST

Suite *
kd_suite_op(void)
{
    Suite * s = suite_create("op");
    TCase * tc = tcase_create("exact");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_dense_builtins);
    tcase_add_test(tc, test_walsh_sequency);
    tcase_add_loop_test(tc, test_orthogonality, 0, NUM_ORTH);
    tcase_add_loop_test(tc, test_adjoint_and_double, 0, NUM_ORTH);
    tcase_add_test(tc, test_level_oracle);
    tcase_add_test(tc, test_sampling);
    tcase_add_test(tc, test_sampling_das);
    tcase_add_test(tc, test_parse_errors);
    tcase_add_test(tc, test_opnorm_chol);
    tcase_add_test(tc, test_gap_p2_closed_form);
    tcase_add_loop_test(tc, test_gap_solvers, 0, 6);
    tcase_add_loop_test(tc, test_arb_backend, 0, 3);
    tcase_add_test(tc, test_apply_ws);
    tcase_add_loop_test(tc, test_project, 0, NUM_ORTH);
    suite_add_tcase(s, tc);
    return s;
}
