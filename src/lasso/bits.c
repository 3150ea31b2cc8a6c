/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* How many input bits the LASSO probe needs (proofs-notes/lasso-probe.md):
   a certificate valid for every instance consistent with the level-n
   oracle answers (two forms: entry balls, and a mean-value form that sees
   the cancellation), a certified instance with another support that no
   read up to level n_L can exclude, and the exact minimiser of the problem
   that MATLAB's p-bit standardisation defines. */
#include <math.h>
#include <string.h>
#include "kdigits/lasso.h"
#include "kdigits/oracle.h"
#include "internal.h"

/* ---- the certificate as a function of the data ----

   For data (A, y) (3 x 2, 3 x 1), MATLAB's preprocessing in exact
   arithmetic is mu_j = sum_i A_ij / 3, c_ij = A_ij - mu_j,
   sigma_j = sqrt(sum_i c_ij^2 / 3), X_ij = c_ij / sigma_j, Y = y - mean(y).
   Then sum_i X_i2^2 / 3 = 1 exactly, so the candidate with support {2},
   sign + is b2 = X_2^T Y / 3 - Lambda, and it is the unique minimiser iff
   b2 > 0 and |g| < Lambda, g = X_1^T (Y - X_2 b2) / 3 (strict KKT with a
   one-column active set of full rank: proofs-notes/solvers.md §3).

   The functions below evaluate (b2, g) on balls, optionally with their
   gradients with respect to the 9 data entries (forward mode), so that a
   ball of data gives both a direct enclosure and a mean-value enclosure. */

#define NV 9    /* A_00, A_01, A_10, A_11, A_20, A_21, y_0, y_1, y_2 */

typedef struct
{
    arb_t v;
    arb_t g[NV];
}
dnum;

static void
dn_init(dnum * a)
{
    int k;
    arb_init(a->v);
    for (k = 0; k < NV; k++)
        arb_init(a->g[k]);
}

static void
dn_clear(dnum * a)
{
    int k;
    arb_clear(a->v);
    for (k = 0; k < NV; k++)
        arb_clear(a->g[k]);
}

static void
dn_add(dnum * r, const dnum * a, const dnum * b, slong prec)
{
    int k;
    arb_add(r->v, a->v, b->v, prec);
    for (k = 0; k < NV; k++)
        arb_add(r->g[k], a->g[k], b->g[k], prec);
}

static void
dn_sub(dnum * r, const dnum * a, const dnum * b, slong prec)
{
    int k;
    arb_sub(r->v, a->v, b->v, prec);
    for (k = 0; k < NV; k++)
        arb_sub(r->g[k], a->g[k], b->g[k], prec);
}

/* r = a * b; r may alias neither a nor b */
static void
dn_mul(dnum * r, const dnum * a, const dnum * b, slong prec)
{
    int k;
    arb_mul(r->v, a->v, b->v, prec);
    for (k = 0; k < NV; k++)
    {
        arb_mul(r->g[k], a->v, b->g[k], prec);
        arb_addmul(r->g[k], b->v, a->g[k], prec);
    }
}

/* r = a / b; r may alias a, not b */
static void
dn_div(dnum * r, const dnum * a, const dnum * b, slong prec)
{
    arb_t t;
    int k;
    arb_init(t);
    arb_div(r->v, a->v, b->v, prec);
    for (k = 0; k < NV; k++)
    {
        arb_mul(t, r->v, b->g[k], prec);
        arb_sub(r->g[k], a->g[k], t, prec);
        arb_div(r->g[k], r->g[k], b->v, prec);
    }
    arb_clear(t);
}

/* r = a / c for an exact integer c */
static void
dn_div_ui(dnum * r, const dnum * a, ulong c, slong prec)
{
    int k;
    arb_div_ui(r->v, a->v, c, prec);
    for (k = 0; k < NV; k++)
        arb_div_ui(r->g[k], a->g[k], c, prec);
}

/* r = sqrt(a); r may alias a */
static void
dn_sqrt(dnum * r, const dnum * a, slong prec)
{
    arb_t twice;
    int k;
    arb_init(twice);
    arb_sqrtpos(r->v, a->v, prec);
    if (!arb_is_positive(a->v))
        arb_indeterminate(r->v);
    arb_mul_2exp_si(twice, r->v, 1);
    for (k = 0; k < NV; k++)
        arb_div(r->g[k], a->g[k], twice, prec);
    arb_clear(twice);
}

/* (b2, g) of the data balls A (6, row-major) and y (3); gradients seeded
   with the identity when grad != 0 (else left zero). */
static void
cert_eval(dnum * b2, dnum * g, arb_srcptr A, arb_srcptr y, const fmpq_t Lambda, int grad,
          slong prec)
{
    dnum in[NV], X[6], Y[3], t, u, acc;
    arb_t L;
    slong i, j, k;

    arb_init(L);
    arb_set_fmpq(L, Lambda, prec);
    for (k = 0; k < NV; k++)
    {
        dn_init(&in[k]);
        arb_set(in[k].v, k < 6 ? A + k : y + (k - 6));
        if (grad)
            arb_one(in[k].g[k]);
    }
    for (k = 0; k < 6; k++)
        dn_init(&X[k]);
    for (k = 0; k < 3; k++)
        dn_init(&Y[k]);
    dn_init(&t);
    dn_init(&u);
    dn_init(&acc);

    for (j = 0; j < 2; j++)
    {
        /* acc = mean of column j; X_ij = A_ij - mean */
        dn_add(&acc, &in[j], &in[2 + j], prec);
        dn_add(&acc, &acc, &in[4 + j], prec);
        dn_div_ui(&acc, &acc, 3, prec);
        for (i = 0; i < 3; i++)
            dn_sub(&X[2 * i + j], &in[2 * i + j], &acc, prec);
        /* sigma_j = sqrt(sum c^2 / 3) */
        dn_mul(&acc, &X[j], &X[j], prec);
        for (i = 1; i < 3; i++)
        {
            dn_mul(&t, &X[2 * i + j], &X[2 * i + j], prec);
            dn_add(&acc, &acc, &t, prec);
        }
        dn_div_ui(&acc, &acc, 3, prec);
        dn_sqrt(&acc, &acc, prec);
        for (i = 0; i < 3; i++)
            dn_div(&X[2 * i + j], &X[2 * i + j], &acc, prec);
    }
    dn_add(&acc, &in[6], &in[7], prec);
    dn_add(&acc, &acc, &in[8], prec);
    dn_div_ui(&acc, &acc, 3, prec);
    for (i = 0; i < 3; i++)
        dn_sub(&Y[i], &in[6 + i], &acc, prec);

    /* b2 = X_2^T Y / 3 - Lambda */
    dn_mul(b2, &X[1], &Y[0], prec);
    for (i = 1; i < 3; i++)
    {
        dn_mul(&t, &X[2 * i + 1], &Y[i], prec);
        dn_add(b2, b2, &t, prec);
    }
    dn_div_ui(b2, b2, 3, prec);
    arb_sub(b2->v, b2->v, L, prec);
    /* g = X_1^T (Y - X_2 b2) / 3 */
    for (i = 0; i < 3; i++)
    {
        dn_mul(&t, &X[2 * i + 1], b2, prec);
        dn_sub(&t, &Y[i], &t, prec);
        dn_mul(&u, &X[2 * i], &t, prec);
        if (i == 0)
        {
            arb_set(g->v, u.v);
            for (k = 0; k < NV; k++)
                arb_set(g->g[k], u.g[k]);
        }
        else
            dn_add(g, g, &u, prec);
    }
    dn_div_ui(g, g, 3, prec);

    for (k = 0; k < NV; k++)
        dn_clear(&in[k]);
    for (k = 0; k < 6; k++)
        dn_clear(&X[k]);
    for (k = 0; k < 3; k++)
        dn_clear(&Y[k]);
    dn_clear(&t);
    dn_clear(&u);
    dn_clear(&acc);
    arb_clear(L);
}

/* The mean-value enclosure: f over the admissible set is contained in
   f(centre) +- (||grad_A f||_F sqrt(2) r + ||grad_y f||_2 r), the
   gradient enclosed over the entry box (which contains every A' with
   ||A' - A_n||_2 <= r, since entries are bounded by the operator norm,
   and the segment to it); rank(A' - A_n) <= 2 gives ||.||_F <= sqrt(2) ||.||_2. */
static void
mean_value(arb_t res, const arb_t centre, const dnum * box, const arb_t r, slong prec)
{
    arb_t nA, ny, t;
    mag_t m;
    int k;
    arb_init(nA);
    arb_init(ny);
    arb_init(t);
    mag_init(m);
    for (k = 0; k < NV; k++)
        arb_addmul(k < 6 ? nA : ny, box->g[k], box->g[k], prec);
    arb_sqrtpos(nA, nA, prec);
    arb_sqrtpos(ny, ny, prec);
    arb_sqrt_ui(t, 2, prec);
    arb_mul(nA, nA, t, prec);
    arb_add(nA, nA, ny, prec);
    arb_mul(nA, nA, r, prec);
    arb_get_mag(m, nA);
    arb_set(res, centre);
    arb_add_error_mag(res, m);
    arb_clear(nA);
    arb_clear(ny);
    arb_clear(t);
    mag_clear(m);
}

static kd_truth
conditions(const arb_t b2, const arb_t g, const fmpq_t Lambda, slong prec)
{
    arb_t L, a;
    kd_truth res;
    arb_init(L);
    arb_init(a);
    arb_set_fmpq(L, Lambda, prec);
    arb_abs(a, g);
    res = (arb_is_positive(b2) && arb_lt(a, L)) ? KD_TRUE : KD_UNKNOWN;
    arb_clear(L);
    arb_clear(a);
    return res;
}

kd_status
kd_lasso_probe_certify_level(kd_truth * res, const kd_real_t delta, const fmpq_t Lambda,
                             slong n, int sharp)
{
    kd_mat_t A, y;
    fmpq_mat_t An, yn;
    arb_ptr Ab, yb;
    arb_t r, vb, vg;
    dnum b2, g, b2c, gc;
    slong k, prec = kd_level_prec(n, 64);
    kd_oracle_t OA, Oy;
    kd_status st;

    *res = KD_UNKNOWN;
    if (n < 1 || n > KD_LEVEL_MAX)
        return kd_error_set(KD_ERR_ARG, "level %ld out of range", (long) n);
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    fmpq_mat_init(An, 3, 2);
    fmpq_mat_init(yn, 3, 1);
    Ab = _arb_vec_init(6);
    yb = _arb_vec_init(3);
    arb_init(r);
    arb_init(vb);
    arb_init(vg);
    dn_init(&b2);
    dn_init(&g);
    dn_init(&b2c);
    dn_init(&gc);
    /* the certificate reads the data as any algorithm would: through
       oracles, at level n */
    st = kd_lasso_probe_instance(A, y, delta, 0);
    {
        kd_status sa = kd_oracle_init_mat(OA, A), sy = kd_oracle_init_mat(Oy, y);
        if (st == KD_OK)
            st = sa != KD_OK ? sa : sy;
    }
    if (st != KD_OK || (st = kd_oracle_get(An, NULL, OA, n)) != KD_OK
        || (st = kd_oracle_get(yn, NULL, Oy, n)) != KD_OK)
        goto done;
    /* the entry box of radius r = 2^-n around the level-n answers */
    arb_one(r);
    arb_mul_2exp_si(r, r, -n);
    for (k = 0; k < 6; k++)
    {
        arb_set_fmpq(Ab + k, fmpq_mat_entry(An, k / 2, k % 2), prec);
        arb_add_error(Ab + k, r);
    }
    for (k = 0; k < 3; k++)
    {
        arb_set_fmpq(yb + k, fmpq_mat_entry(yn, k, 0), prec);
        arb_add_error(yb + k, r);
    }
    cert_eval(&b2, &g, Ab, yb, Lambda, sharp, prec);
    if (!sharp)
    {
        *res = conditions(b2.v, g.v, Lambda, prec);
        goto done;
    }
    /* centre: the exact dyadic answers */
    for (k = 0; k < 6; k++)
        arb_set_fmpq(Ab + k, fmpq_mat_entry(An, k / 2, k % 2), prec);
    for (k = 0; k < 3; k++)
        arb_set_fmpq(yb + k, fmpq_mat_entry(yn, k, 0), prec);
    cert_eval(&b2c, &gc, Ab, yb, Lambda, 0, prec);
    mean_value(vb, b2c.v, &b2, r, prec);
    mean_value(vg, gc.v, &g, r, prec);
    *res = conditions(vb, vg, Lambda, prec);
done:
    kd_oracle_clear(OA);
    kd_oracle_clear(Oy);
    kd_mat_clear(A);
    kd_mat_clear(y);
    fmpq_mat_clear(An);
    fmpq_mat_clear(yn);
    _arb_vec_clear(Ab, 6);
    _arb_vec_clear(yb, 3);
    arb_clear(r);
    arb_clear(vb);
    arb_clear(vg);
    dn_clear(&b2);
    dn_clear(&g);
    dn_clear(&b2c);
    dn_clear(&gc);
    return st;
}

/* The perturbation y' = y + t w, w = (-1, -1, 2)/sqrt(6) (orthogonal to
   the second column, in the plane of both): g grows by rho sqrt(2) delta t
   (b2 does not move), so the support {2} fails once
   t > Lambda (1 - rho) / (rho sqrt(2) delta). Returns in *j the least
   exponent tried with t = 2^j beyond that threshold and *flipped = KD_TRUE
   when g(A_delta, y') > Lambda is proved at the exact data. */
static kd_status
flip_exponent(slong * j, kd_truth * flipped, const kd_real_t delta, const fmpq_t Lambda,
              slong prec)
{
    kd_mat_t A, y;
    arb_ptr Ab, yb;
    arb_t d, rho, thr, t, w, L;
    dnum b2, g;
    slong k, tries;
    kd_status st;

    *flipped = KD_UNKNOWN;
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    Ab = _arb_vec_init(6);
    yb = _arb_vec_init(3);
    arb_init(d);
    arb_init(rho);
    arb_init(thr);
    arb_init(t);
    arb_init(w);
    arb_init(L);
    dn_init(&b2);
    dn_init(&g);
    if ((st = kd_lasso_probe_instance(A, y, delta, 0)) != KD_OK
        || (st = kd_real_eval_arb(d, delta, prec)) != KD_OK)
        goto done;
    if (!arb_is_positive(d))
    {
        st = kd_error_set(KD_ERR_ARG, "the input-bits bracket needs delta > 0");
        goto done;
    }
    /* threshold (t holds rho^2, unused) */
    if ((st = _kd_lasso_eval_rho(rho, t, delta, prec)) != KD_OK)
        goto done;
    arb_sub_ui(thr, rho, 1, prec);
    arb_neg(thr, thr);
    arb_set_fmpq(L, Lambda, prec);
    arb_mul(thr, thr, L, prec);
    arb_sqrt_ui(t, 2, prec);
    arb_mul(t, t, rho, prec);
    arb_mul(t, t, d, prec);
    arb_div(thr, thr, t, prec);
    *j = (slong) ceil(log2(arf_get_d(arb_midref(thr), ARF_RND_NEAR)));
    for (k = 0; k < 6; k++)
        if ((st = kd_real_eval_arb(Ab + k, kd_mat_entry_re(A, k / 2, k % 2), prec)) != KD_OK)
            goto done;
    for (tries = 0; tries < 8 && *flipped != KD_TRUE; tries++, (*j)++)
    {
        for (k = 0; k < 3; k++)
            if ((st = kd_real_eval_arb(yb + k, kd_mat_entry_re(y, k, 0), prec)) != KD_OK)
                goto done;
        /* y += 2^j w */
        arb_rsqrt_ui(w, 6, prec);
        arb_mul_2exp_si(w, w, *j);
        arb_sub(yb + 0, yb + 0, w, prec);
        arb_sub(yb + 1, yb + 1, w, prec);
        arb_mul_2exp_si(w, w, 1);
        arb_add(yb + 2, yb + 2, w, prec);
        cert_eval(&b2, &g, Ab, yb, Lambda, 0, prec);
        if (arb_gt(g.v, L) && arb_is_positive(b2.v))
        {
            *flipped = KD_TRUE;
            break;
        }
    }
done:
    kd_mat_clear(A);
    kd_mat_clear(y);
    _arb_vec_clear(Ab, 6);
    _arb_vec_clear(yb, 3);
    arb_clear(d);
    arb_clear(rho);
    arb_clear(thr);
    arb_clear(t);
    arb_clear(w);
    arb_clear(L);
    dn_clear(&b2);
    dn_clear(&g);
    return st;
}

kd_status
kd_lasso_probe_input_bits(kd_lasso_bits_t B, const kd_real_t delta, const fmpq_t Lambda,
                          slong max_level)
{
    kd_truth t, flipped;
    slong n, j = 0, prec;
    kd_status st = KD_OK;

    B->level_lower = -1;
    B->flip_log2 = 0;
    B->level_sharp = -1;
    B->level_naive = -1;
    if (max_level < 1 || max_level > 100000)
        return kd_error_set(KD_ERR_ARG, "max_level %ld out of range", (long) max_level);
    for (prec = 256; prec <= 16384; prec *= 2)
    {
        if ((st = flip_exponent(&j, &flipped, delta, Lambda, prec)) != KD_OK)
            return st;
        if (flipped == KD_TRUE)
            break;
    }
    if (flipped == KD_TRUE)
    {
        /* y and y + 2^j w are both within 2^-n of one dyadic answer iff
           2^(j-1) < 2^-n: every level n <= -j */
        B->flip_log2 = j;
        B->level_lower = -j;
    }
    for (n = 1; n <= max_level && (B->level_sharp < 0 || B->level_naive < 0); n++)
    {
        if (B->level_sharp < 0)
        {
            if ((st = kd_lasso_probe_certify_level(&t, delta, Lambda, n, 1)) != KD_OK)
                return st;
            if (t == KD_TRUE)
                B->level_sharp = n;
        }
        if (B->level_naive < 0)
        {
            if ((st = kd_lasso_probe_certify_level(&t, delta, Lambda, n, 0)) != KD_OK)
                return st;
            if (t == KD_TRUE)
                B->level_naive = n;
        }
    }
    return KD_OK;
}

/* ---- MATLAB's preprocessing in p-bit arithmetic ---- */

static void
mpfr_from_fmpq(mpfr_t r, const fmpq_t q)
{
    mpq_t t;
    mpq_init(t);
    fmpq_get_mpq(t, q);
    mpfr_set_q(r, t, MPFR_RNDN);
    mpq_clear(t);
}

static void
fmpq_from_mpfr(fmpq_t q, const mpfr_t x)
{
    arf_t a;
    arf_init(a);
    arf_set_mpfr(a, x);
    arf_get_fmpq(q, a);
    arf_clear(a);
}

kd_status
kd_lasso_standardize_prec(fmpq_mat_t X0, fmpq_mat_t Y0, int * sigma_equal, const fmpq_mat_t X,
                          const fmpq_mat_t y, slong p)
{
    slong m = fmpq_mat_nrows(X), N = fmpq_mat_ncols(X), i, j;
    mpfr_t acc, t, mu, sig, sig0;
    mpfr_ptr Xr;

    if (p < 2 || p > 1000000)
        return kd_error_set(KD_ERR_ARG, "precision %ld out of range", (long) p);
    if (m < 1 || N < 1 || fmpq_mat_nrows(y) != m || fmpq_mat_ncols(y) != 1)
        return kd_error_set(KD_ERR_SIZE, "standardize: X is %ld x %ld, y is %ld x %ld",
                            (long) m, (long) N, (long) fmpq_mat_nrows(y),
                            (long) fmpq_mat_ncols(y));
    fmpq_mat_clear(X0);
    fmpq_mat_init(X0, m, N);
    fmpq_mat_clear(Y0);
    fmpq_mat_init(Y0, m, 1);
    mpfr_inits2(p, acc, t, mu, sig, sig0, (mpfr_ptr) 0);
    Xr = flint_malloc(m * sizeof(__mpfr_struct));
    for (i = 0; i < m; i++)
        mpfr_init2(Xr + i, p);
    if (sigma_equal)
        *sigma_equal = 1;
    for (j = 0; j < N; j++)
    {
        /* the same operations, in the same order, as src/iter/impl.h */
        for (i = 0; i < m; i++)
            mpfr_from_fmpq(Xr + i, fmpq_mat_entry(X, i, j));
        mpfr_set_zero(acc, 1);
        for (i = 0; i < m; i++)
            mpfr_add(acc, acc, Xr + i, MPFR_RNDN);
        mpfr_div_si(mu, acc, m, MPFR_RNDN);
        mpfr_set_zero(acc, 1);
        for (i = 0; i < m; i++)
        {
            mpfr_sub(Xr + i, Xr + i, mu, MPFR_RNDN);
            mpfr_mul(t, Xr + i, Xr + i, MPFR_RNDN);
            mpfr_add(acc, acc, t, MPFR_RNDN);
        }
        mpfr_div_si(acc, acc, m, MPFR_RNDN);
        mpfr_sqrt(sig, acc, MPFR_RNDN);
        if (mpfr_zero_p(sig))
            mpfr_set_si(sig, 1, MPFR_RNDN);
        if (j == 0)
            mpfr_set(sig0, sig, MPFR_RNDN);
        else if (sigma_equal && !mpfr_equal_p(sig, sig0))
            *sigma_equal = 0;
        for (i = 0; i < m; i++)
        {
            mpfr_div(Xr + i, Xr + i, sig, MPFR_RNDN);
            fmpq_from_mpfr(fmpq_mat_entry(X0, i, j), Xr + i);
        }
    }
    for (i = 0; i < m; i++)
        mpfr_from_fmpq(Xr + i, fmpq_mat_entry(y, i, 0));
    mpfr_set_zero(acc, 1);
    for (i = 0; i < m; i++)
        mpfr_add(acc, acc, Xr + i, MPFR_RNDN);
    mpfr_div_si(mu, acc, m, MPFR_RNDN);
    for (i = 0; i < m; i++)
    {
        mpfr_sub(Xr + i, Xr + i, mu, MPFR_RNDN);
        fmpq_from_mpfr(fmpq_mat_entry(Y0, i, 0), Xr + i);
    }
    for (i = 0; i < m; i++)
        mpfr_clear(Xr + i);
    flint_free(Xr);
    mpfr_clears(acc, t, mu, sig, sig0, (mpfr_ptr) 0);
    return KD_OK;
}
