/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Spectra with error control: certified Hermitian eigenvalues from a level-n
   oracle (Δ₁) and certified spectral points of self-adjoint tridiagonal
   operators from finite sections (Σ₁); proofs in
   proofs-notes/sci-spectrum.md. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "kdigits/spectrum.h"
#include "kdigits/util.h"

/* ================================================ Hermitian matrices */

#define HERM_CHECK_CAP_DEFAULT 4096

/* x = s y (s = +1 or -1) for exact reals: KD_TRUE when recognised exactly,
   KD_FALSE when the difference is proved non-zero, KD_UNKNOWN otherwise. */
static kd_status
real_equal_signed(kd_truth * res, const kd_real_t x, const kd_real_t y, int s, slong cap)
{
    fmpq_t p, q;
    kd_real_t d, ny;
    arb_t b;
    char * sx, * sy;
    slong prec;
    kd_status st = KD_OK;

    fmpq_init(p);
    fmpq_init(q);
    kd_real_init(d);
    kd_real_init(ny);
    arb_init(b);
    *res = KD_UNKNOWN;
    if (s > 0)
        kd_real_set(ny, y);
    else
        kd_real_neg(ny, y);
    if (kd_real_get_fmpq(p, x) && kd_real_get_fmpq(q, ny))
    {
        *res = fmpq_equal(p, q) ? KD_TRUE : KD_FALSE;
        goto done;
    }
    kd_real_sub(d, x, ny);
    if (kd_real_is_zero(d))
    {
        *res = KD_TRUE;
        goto done;
    }
    /* the same expression denotes the same number (kd_real_get_str is
       faithful: parsing it back gives the value) */
    sx = kd_real_get_str(x);
    sy = kd_real_get_str(ny);
    if (strcmp(sx, sy) == 0)
        *res = KD_TRUE;
    flint_free(sx);
    flint_free(sy);
    if (*res == KD_TRUE)
        goto done;
    if (s < 0)
    {
        kd_real_t nx;
        kd_real_init(nx);
        kd_real_neg(nx, x);
        sx = kd_real_get_str(nx);
        sy = kd_real_get_str(y);
        if (strcmp(sx, sy) == 0)
            *res = KD_TRUE;
        flint_free(sx);
        flint_free(sy);
        kd_real_clear(nx);
        if (*res == KD_TRUE)
            goto done;
    }
    for (prec = 64; prec <= cap; prec *= 2)
    {
        st = kd_real_eval_arb(b, d, prec);
        if (st == KD_ERR_UNDECIDED)
        {
            st = KD_OK;
            continue;
        }
        if (st != KD_OK)
            break;
        if (!arb_contains_zero(b))
        {
            *res = KD_FALSE;
            break;
        }
    }
done:
    fmpq_clear(p);
    fmpq_clear(q);
    kd_real_clear(d);
    kd_real_clear(ny);
    arb_clear(b);
    return st;
}

kd_status
kd_spectrum_is_hermitian(kd_truth * res, slong * bi, slong * bj, const kd_mat_t A, slong prec_cap)
{
    slong i, j, N = A->r;
    kd_truth t, worst = KD_TRUE;
    kd_status st = KD_OK;

    if (A->r != A->c)
        return kd_error_set(KD_ERR_SIZE, "a Hermitian matrix must be square, not %ld x %ld",
                            A->r, A->c);
    if (prec_cap == 0)
        prec_cap = HERM_CHECK_CAP_DEFAULT;
    if ((st = kd_check_prec_cap(prec_cap)) != KD_OK)
        return st;
    if (bi != NULL)
        *bi = -1;
    if (bj != NULL)
        *bj = -1;
    /* the first refuted pair wins over an unknown one */
    for (i = 0; i < N && worst != KD_FALSE; i++)
        for (j = i; j < N && worst != KD_FALSE; j++)
        {
            const kd_complex_struct * x = kd_mat_entry(A, i, j), * y = kd_mat_entry(A, j, i);
            st = real_equal_signed(&t, &x->re, &y->re, 1, prec_cap);
            if (st == KD_OK && t != KD_FALSE)
            {
                kd_truth u;
                st = real_equal_signed(&u, &x->im, &y->im, -1, prec_cap);
                if (u != KD_TRUE)
                    t = u;
            }
            if (st != KD_OK)
            {
                kd_error_prefix("entry (%ld, %ld)", i + 1, j + 1);
                return st;
            }
            if (t != KD_TRUE && (worst == KD_TRUE || t == KD_FALSE))
            {
                worst = t;
                if (bi != NULL)
                    *bi = i;
                if (bj != NULL)
                    *bj = j;
            }
        }
    *res = worst;
    return KD_OK;
}

static int
cmp_arb_mid(const void * a, const void * b)
{
    return arf_cmp(arb_midref((const arb_struct *) a), arb_midref((const arb_struct *) b));
}

/* Real enclosures in ascending order from the output of acb_mat_eig_multiple
   (disjoint or identical boxes, a cluster of k identical boxes holding k
   eigenvalues): §1 of the notes proves that the j-th box in this order holds
   the j-th smallest eigenvalue. Returns 0 if the contract is visibly
   broken (a box off the real axis, overlapping distinct boxes). */
static int
sorted_real_parts(arb_ptr eig, acb_srcptr E, slong N)
{
    slong j;
    for (j = 0; j < N; j++)
    {
        if (!arb_contains_zero(acb_imagref(E + j)))
            return 0;
        arb_set(eig + j, acb_realref(E + j));
    }
    qsort(eig, N, sizeof(arb_struct), cmp_arb_mid);
    for (j = 0; j + 1 < N; j++)
        if (!arb_equal(eig + j, eig + j + 1) && arb_overlaps(eig + j, eig + j + 1))
            return 0;
    return 1;
}

kd_status
kd_spectrum_hermitian_exact(arb_ptr eig, const fmpq_mat_t re, const fmpq_mat_t im,
                            slong target, slong prec, slong prec_cap)
{
    slong N = fmpq_mat_nrows(re), i, j, p;
    acb_mat_t B, R;
    acb_ptr E, F;
    arb_ptr best;
    arb_t tr;
    fmpq_t t;
    mag_t rad, goal;
    int have = 0, done = 0;
    kd_status st = KD_OK;

    if (fmpq_mat_ncols(re) != N || (im != NULL && (fmpq_mat_nrows(im) != N || fmpq_mat_ncols(im) != N)))
        return kd_error_set(KD_ERR_SIZE, "a Hermitian matrix must be square");
    if (N > KD_SPECTRUM_DIM_MAX)
        return kd_error_set(KD_ERR_SIZE, "matrix order %ld exceeds %d", N, KD_SPECTRUM_DIM_MAX);
    fmpq_init(t);
    for (i = 0; i < N && st == KD_OK; i++)
        for (j = i; j < N && st == KD_OK; j++)
        {
            if (!fmpq_equal(fmpq_mat_entry(re, i, j), fmpq_mat_entry(re, j, i)))
                st = KD_ERR_DOMAIN;
            if (im != NULL)
            {
                fmpq_neg(t, fmpq_mat_entry(im, j, i));
                if (!fmpq_equal(fmpq_mat_entry(im, i, j), t))
                    st = KD_ERR_DOMAIN;
            }
            if (st != KD_OK)
                kd_error_set(st, "the matrix is not Hermitian: entries (%ld, %ld) and (%ld, %ld)",
                             i + 1, j + 1, j + 1, i + 1);
        }
    fmpq_clear(t);
    if (st != KD_OK || N == 0)
        return st;
    if (prec < 64)
        prec = 64;
    if (prec_cap <= 0)
        prec_cap = FLINT_MAX(8 * prec, 2048);
    if (prec_cap < prec)
        prec_cap = prec;

    acb_mat_init(B, N, N);
    acb_mat_init(R, N, N);
    E = _acb_vec_init(N);
    F = _acb_vec_init(N);
    best = _arb_vec_init(N);
    arb_init(tr);
    mag_init(rad);
    mag_init(goal);
    mag_set_ui_2exp_si(goal, 1, -target);
    for (p = prec; !done; p *= 2)
    {
        if (p >= prec_cap)
        {
            p = prec_cap;
            done = 1;
        }
        for (i = 0; i < N; i++)
            for (j = 0; j < N; j++)
            {
                acb_struct * b = acb_mat_entry(B, i, j);
                arb_set_fmpq(acb_realref(b), fmpq_mat_entry(re, i, j), p);
                if (im != NULL)
                    arb_set_fmpq(acb_imagref(b), fmpq_mat_entry(im, i, j), p);
                else
                    arb_zero(acb_imagref(b));
            }
        /* the approximate eigenpairs only steer the certified step */
        acb_mat_approx_eig_qr(E, NULL, R, B, NULL, 0, p);
        if (!acb_mat_eig_multiple(F, B, E, R, p))
            continue;
        if (!sorted_real_parts(eig, F, N))
        {
            st = kd_error_set(KD_ERR_INTERNAL, "eigenvalue enclosures of a Hermitian matrix"
                              " violate their contract at %ld bits", p);
            break;
        }
        /* an independent sanity check of the enclosures: trace = sum */
        arb_zero(tr);
        for (i = 0; i < N; i++)
            arb_add(tr, tr, eig + i, p);
        fmpq_init(t);
        for (i = 0; i < N; i++)
            fmpq_add(t, t, fmpq_mat_entry(re, i, i));
        j = arb_contains_fmpq(tr, t);
        fmpq_clear(t);
        if (!j)
        {
            st = kd_error_set(KD_ERR_INTERNAL, "eigenvalue enclosures miss the trace at %ld bits", p);
            break;
        }
        _arb_vec_set(best, eig, N);
        have = 1;
        mag_zero(rad);
        for (i = 0; i < N; i++)
            mag_max(rad, rad, arb_radref(eig + i));
        if (mag_cmp(rad, goal) <= 0)
            break;
    }
    if (st == KD_OK)
    {
        if (have)
            _arb_vec_set(eig, best, N);
        else
            st = kd_error_set(KD_ERR_UNDECIDED, "could not enclose the eigenvalues at %ld bits"
                              " (raise the precision cap)", prec_cap);
    }
    acb_mat_clear(B);
    acb_mat_clear(R);
    _acb_vec_clear(E, N);
    _acb_vec_clear(F, N);
    _arb_vec_clear(best, N);
    arb_clear(tr);
    mag_clear(rad);
    mag_clear(goal);
    return st;
}

kd_status
kd_spectrum_hermitian(arb_ptr eig, kd_oracle_t O, slong n, slong prec_cap)
{
    slong N = O->r, i, j;
    fmpq_mat_t re, im, reB, imB;
    fmpq_t dr, di, lim;
    kd_status st;

    if (O->r != O->c)
        return kd_error_set(KD_ERR_SIZE, "a Hermitian matrix must be square, not %ld x %ld",
                            O->r, O->c);
    if (N > KD_SPECTRUM_DIM_MAX)
        return kd_error_set(KD_ERR_SIZE, "matrix order %ld exceeds %d", N, KD_SPECTRUM_DIM_MAX);
    if ((st = kd_check_level(n)) != KD_OK)
        return st;
    if (prec_cap != 0 && (st = kd_check_prec_cap(prec_cap)) != KD_OK)
        return st;
    fmpq_mat_init(re, N, N);
    fmpq_mat_init(im, N, N);
    fmpq_mat_init(reB, N, N);
    fmpq_mat_init(imB, N, N);
    fmpq_init(dr);
    fmpq_init(di);
    fmpq_init(lim);
    if ((st = kd_oracle_get(re, im, O, n)) != KD_OK)
        goto cleanup;
    /* A = A^* and ||A_n - A||_2 <= 2^-n force |(A_n - A_n^*)_ij| <= 2^(1-n)
       (an entry is at most the operator norm): a larger entry refutes the
       promise. limit: 4^(1-n) for the squared modulus. */
    fmpz_one(fmpq_numref(lim));
    fmpz_one(fmpq_denref(lim));
    if (n >= 1)
        fmpz_mul_2exp(fmpq_denref(lim), fmpq_denref(lim), 2 * (n - 1));
    else
        fmpz_set_ui(fmpq_numref(lim), 4);
    for (i = 0; i < N && st == KD_OK; i++)
        for (j = i; j < N && st == KD_OK; j++)
        {
            /* B = (A_n + A_n^*) / 2: Hermitian, ||B - A||_2 <= 2^-n (§1) */
            fmpq_add(fmpq_mat_entry(reB, i, j), fmpq_mat_entry(re, i, j), fmpq_mat_entry(re, j, i));
            fmpq_div_2exp(fmpq_mat_entry(reB, i, j), fmpq_mat_entry(reB, i, j), 1);
            fmpq_set(fmpq_mat_entry(reB, j, i), fmpq_mat_entry(reB, i, j));
            fmpq_sub(fmpq_mat_entry(imB, i, j), fmpq_mat_entry(im, i, j), fmpq_mat_entry(im, j, i));
            fmpq_div_2exp(fmpq_mat_entry(imB, i, j), fmpq_mat_entry(imB, i, j), 1);
            fmpq_neg(fmpq_mat_entry(imB, j, i), fmpq_mat_entry(imB, i, j));
            fmpq_sub(dr, fmpq_mat_entry(re, i, j), fmpq_mat_entry(re, j, i));
            fmpq_add(di, fmpq_mat_entry(im, i, j), fmpq_mat_entry(im, j, i));
            fmpq_mul(dr, dr, dr);
            fmpq_addmul(dr, di, di);
            if (fmpq_cmp(dr, lim) > 0)
                st = kd_error_set(KD_ERR_DOMAIN, "A is not Hermitian: the level-%ld oracle answer has"
                                  " |a_%ld,%ld - conj(a_%ld,%ld)| > 2^(1-n), impossible within 2^-n"
                                  " of a Hermitian matrix", n, i + 1, j + 1, j + 1, i + 1);
        }
    if (st != KD_OK)
        goto cleanup;
    st = kd_spectrum_hermitian_exact(eig, reB, O->is_complex ? imB : NULL, n + 20, n + 64, prec_cap);
    if (st == KD_OK)
        for (i = 0; i < N; i++)
            arb_add_error_2exp_si(eig + i, -n);     /* Weyl, §1 */
cleanup:
    fmpq_mat_clear(re);
    fmpq_mat_clear(im);
    fmpq_mat_clear(reB);
    fmpq_mat_clear(imB);
    fmpq_clear(dr);
    fmpq_clear(di);
    fmpq_clear(lim);
    return st;
}

/* ================================== self-adjoint tridiagonal operators */

void
kd_tridiag_op_init(kd_tridiag_op_t H, kd_tridiag_coef_fn diag, kd_tridiag_coef_fn offdiag,
                   void * data, void (*clear_data)(void *), const mag_t norm)
{
    H->diag = diag;
    H->offdiag = offdiag;
    H->data = data;
    H->clear_data = clear_data;
    mag_init(&H->norm);
    mag_set(&H->norm, norm);
}

void
kd_tridiag_op_clear(kd_tridiag_op_t H)
{
    if (H->clear_data != NULL)
        H->clear_data(H->data);
    H->data = NULL;
    H->clear_data = NULL;
    mag_clear(&H->norm);
}

typedef struct
{
    kd_real_t lambda, omega, theta;
    int lambda_zero;
    slong prec;         /* precision of the cached balls, 0: none */
    arb_t lam2, om, th;
}
amo_data;

static void
amo_clear(void * p)
{
    amo_data * a = p;
    kd_real_clear(a->lambda);
    kd_real_clear(a->omega);
    kd_real_clear(a->theta);
    arb_clear(a->lam2);
    arb_clear(a->om);
    arb_clear(a->th);
    flint_free(a);
}

static kd_status
amo_diag(arb_t res, slong k, void * p, slong prec)
{
    amo_data * a = p;
    kd_status st;
    if (a->lambda_zero)
    {
        arb_zero(res);
        return KD_OK;
    }
    if (a->prec != prec)
    {
        /* adaptive enclosures (a divisor may need more bits than prec);
           16 guard bits: omega k amplifies omega's radius by |k| */
        if ((st = kd_real_enclose(a->lam2, a->lambda, prec, 0)) != KD_OK
            || (st = kd_real_enclose(a->om, a->omega, prec + 16, 0)) != KD_OK
            || (st = kd_real_enclose(a->th, a->theta, prec + 16, 0)) != KD_OK)
        {
            a->prec = 0;
            return st;
        }
        arb_mul_2exp_si(a->lam2, a->lam2, 1);
        a->prec = prec;
    }
    /* 2 lambda cos(pi * 2 (omega k + theta)) */
    arb_mul_si(res, a->om, k, prec + 16);
    arb_add(res, res, a->th, prec + 16);
    arb_mul_2exp_si(res, res, 1);
    arb_cos_pi(res, res, prec);
    arb_mul(res, res, a->lam2, prec);
    return KD_OK;
}

static kd_status
amo_offdiag(arb_t res, slong k, void * p, slong prec)
{
    (void) k;
    (void) p;
    (void) prec;
    arb_one(res);
    return KD_OK;
}

/* An upper bound of |x| that is exact when the upper end has few bits (so
   that 2 + 2 |lambda| = 4 is stored as 4, not 4 + 1 ulp). */
static void
mag_set_arb_upper(mag_t m, const arb_t x)
{
    arf_t u;
    fmpz_t man, exp;
    arf_init(u);
    fmpz_init(man);
    fmpz_init(exp);
    arb_get_abs_ubound_arf(u, x, 64);
    arf_get_fmpz_2exp(man, exp, u);
    if (fmpz_sgn(man) > 0 && fmpz_bits(man) <= 30 && fmpz_fits_si(exp)
        && fmpz_bits(exp) < 20)
        mag_set_ui_2exp_si(m, fmpz_get_ui(man), fmpz_get_si(exp));
    else
        arf_get_mag(m, u);
    arf_clear(u);
    fmpz_clear(man);
    fmpz_clear(exp);
}

kd_status
kd_tridiag_op_init_almost_mathieu(kd_tridiag_op_t H, const kd_real_t lambda,
                                  const kd_real_t omega, const kd_real_t theta)
{
    amo_data * a = flint_malloc(sizeof(amo_data));
    arb_t l;
    mag_t norm;
    kd_status st;

    kd_real_init(a->lambda);
    kd_real_init(a->omega);
    kd_real_init(a->theta);
    kd_real_set(a->lambda, lambda);
    kd_real_set(a->omega, omega);
    kd_real_set(a->theta, theta);
    a->lambda_zero = kd_real_is_zero(lambda);
    a->prec = 0;
    arb_init(a->lam2);
    arb_init(a->om);
    arb_init(a->th);
    arb_init(l);
    mag_init(norm);
    /* ||H|| <= 2 sup |b_k| + sup |d_k| <= 2 + 2 |lambda| */
    st = kd_real_enclose(l, lambda, 64, 0);
    if (st == KD_OK)
    {
        arb_abs(l, l);
        arb_mul_2exp_si(l, l, 1);
        arb_add_ui(l, l, 2, 64);
        mag_set_arb_upper(norm, l);
    }
    else
        kd_error_prefix("lambda");
    kd_tridiag_op_init(H, amo_diag, amo_offdiag, a, amo_clear, norm);
    arb_clear(l);
    mag_clear(norm);
    return st;
}

void
kd_tridiag_section_clear(kd_tridiag_section_t S)
{
    slong m = 2 * S->n + 1;
    if (S->d != NULL)
        _arb_vec_clear(S->d, m);
    if (S->b != NULL)
        _arb_vec_clear(S->b, m + 1);
    flint_free(S->dd);
    flint_free(S->bd);
    S->d = S->b = NULL;
    S->dd = S->bd = NULL;
    S->n = 0;
}

kd_status
kd_tridiag_section_init(kd_tridiag_section_t S, const kd_tridiag_op_t H, slong n, slong prec)
{
    slong m, k;
    kd_status st = KD_OK;

    S->n = 0;
    S->prec = prec;
    S->d = S->b = NULL;
    S->dd = S->bd = NULL;
    if (n < 1 || n > KD_SPECTRUM_SECTION_MAX)
        return kd_error_set(KD_ERR_ARG, "section half-width n = %ld is out of range [1, %d]",
                            n, KD_SPECTRUM_SECTION_MAX);
    if (prec < 2 || prec > KD_PREC_CAP_MAX)
        return kd_error_set(KD_ERR_ARG, "precision %ld is out of range", prec);
    m = 2 * n + 1;
    S->n = n;
    S->d = _arb_vec_init(m);
    S->b = _arb_vec_init(m + 1);
    S->dd = flint_malloc(m * sizeof(double));
    S->bd = flint_malloc((m + 1) * sizeof(double));
    for (k = -n; k <= n && st == KD_OK; k++)
    {
        arb_struct * x = S->d + k + n;
        st = H->diag(x, k, H->data, prec);
        if (st == KD_OK && !arb_is_finite(x))
            st = kd_error_set(KD_ERR_ARG, "diagonal coefficient d_%ld is not a finite ball", k);
        if (st == KD_OK)
            S->dd[k + n] = arf_get_d(arb_midref(x), ARF_RND_NEAR);
        else
            kd_error_prefix("d_%ld", k);
    }
    for (k = -n - 1; k <= n && st == KD_OK; k++)
    {
        arb_struct * x = S->b + k + n + 1;
        st = H->offdiag(x, k, H->data, prec);
        if (st == KD_OK && !arb_is_finite(x))
            st = kd_error_set(KD_ERR_ARG, "off-diagonal coefficient b_%ld is not a finite ball", k);
        if (st == KD_OK)
            S->bd[k + n + 1] = arf_get_d(arb_midref(x), ARF_RND_NEAR);
        else
            kd_error_prefix("b_%ld", k);
    }
    return st;
}

/* out = x / max_c |x_c| (out may be x); 0, leaving out alone, when that
   maximum is 0 or not finite */
static int
scale_max(double * out, const double * x, slong m)
{
    double nrm = 0.0;
    slong c;
    for (c = 0; c < m; c++)
        nrm = fmax(nrm, fabs(x[c]));
    if (!(nrm > 0.0) || !isfinite(nrm))
        return 0;
    for (c = 0; c < m; c++)
        out[c] = x[c] / nrm;
    return 1;
}

/* Row r of the (m+2) x m section T = (H - z) P_n keeps its entries in
   columns r-2 .. r+2 (five slots; Givens fill-in stays there). */
#define W(r, c) w[5 * (r) + (c) - (r) + 2]

void
kd_spectrum_tridiag_vector(double * v, const kd_tridiag_section_t S, const arb_t z)
{
    slong n = S->n, m = 2 * n + 1, r, c, q, it;
    double * w = flint_calloc(5 * (m + 2), sizeof(double));
    double * x = flint_malloc(m * sizeof(double));
    double zd = arf_get_d(arb_midref(z), ARF_RND_NEAR);
    double scale = 0.0, tiny;
    ulong seed = 0x2545F4914F6CDD1DUL;

    /* row r <-> k = r - n - 1; column c <-> k = c - n */
    for (r = 0; r < m + 2; r++)
    {
        if (r <= m - 1)
            W(r, r) = S->bd[r];                 /* H_{k, k+1} = b_k */
        if (r >= 1 && r <= m)
            W(r, r - 1) = S->dd[r - 1] - zd;    /* d_k - z */
        if (r >= 2)
            W(r, r - 2) = S->bd[r - 1];         /* H_{k, k-1} = b_{k-1} */
    }
    for (c = 0; c < m; c++)
        for (q = c + 1; q <= c + 2 && q < m + 2; q++)
        {
            double a = W(c, c), b = W(q, c), h, cs, sn;
            slong j;
            if (b == 0.0)
                continue;
            h = hypot(a, b);
            cs = a / h;
            sn = b / h;
            for (j = c; j <= c + 2 && j < m; j++)
            {
                double s = W(c, j), t = W(q, j);
                W(c, j) = cs * s + sn * t;
                W(q, j) = -sn * s + cs * t;
            }
        }
    /* R = the upper triangle of rows 0..m-1; T^T T = R^T R */
    for (c = 0; c < m; c++)
        scale = fmax(scale, fabs(W(c, c)));
    tiny = (scale > 0.0 ? scale : 1.0) * 0x1p-52;
    for (c = 0; c < m; c++)
        if (fabs(W(c, c)) < tiny)
            W(c, c) = tiny;
    /* a fixed start with no symmetry (an even start would miss odd
       singular vectors of reflection-symmetric operators) */
    for (c = 0; c < m; c++)
    {
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        v[c] = 0.5 + (double) (seed >> 11) * 0x1p-53;
    }
    for (it = 0; it < 8; it++)
    {
        /* x = R^-T v, then x = R^-1 x, each normalised (scale is free) */
        for (c = 0; c < m; c++)
        {
            double s = v[c];
            if (c >= 1)
                s -= W(c - 1, c) * x[c - 1];
            if (c >= 2)
                s -= W(c - 2, c) * x[c - 2];
            x[c] = s / W(c, c);
        }
        if (!scale_max(x, x, m))
            break;
        for (c = m - 1; c >= 0; c--)
        {
            double s = x[c];
            if (c + 1 < m)
                s -= W(c, c + 1) * x[c + 1];
            if (c + 2 < m)
                s -= W(c, c + 2) * x[c + 2];
            x[c] = s / W(c, c);
        }
        if (!scale_max(v, x, m))
            break;
    }
    flint_free(w);
    flint_free(x);
}

#undef W

kd_status
kd_spectrum_tridiag_bound(mag_t bnd, const kd_tridiag_section_t S, const arb_t z, const double * v)
{
    slong n = S->n, m = 2 * n + 1, r, prec = S->prec;
    arb_t acc, t, num, den, vk;
    kd_status st = KD_OK;

    for (r = 0; r < m; r++)
        if (!isfinite(v[r]))
            return kd_error_set(KD_ERR_ARG, "the trial vector is not finite");
    arb_init(acc);
    arb_init(t);
    arb_init(num);
    arb_init(den);
    arb_init(vk);
    /* ((H - z) v)_k for k = -n-1 .. n+1 (row r <-> k = r - n - 1) is all of
       (H - z) v: no truncation for a tridiagonal H; in balls, so the ratio
       bounds dist(z, Sp(H)) from above (proofs-notes/sci-spectrum.md §2) */
    for (r = 0; r < m + 2; r++)
    {
        arb_zero(acc);
        if (r >= 2)
        {
            arb_set_d(vk, v[r - 2]);
            arb_addmul(acc, S->b + r - 1, vk, prec);
        }
        if (r >= 1 && r <= m)
        {
            arb_sub(t, S->d + r - 1, z, prec);
            arb_set_d(vk, v[r - 1]);
            arb_addmul(acc, t, vk, prec);
        }
        if (r <= m - 1)
        {
            arb_set_d(vk, v[r]);
            arb_addmul(acc, S->b + r, vk, prec);
        }
        arb_addmul(num, acc, acc, prec);
    }
    for (r = 0; r < m; r++)
    {
        arb_set_d(vk, v[r]);
        arb_addmul(den, vk, vk, prec);
    }
    if (!arb_is_positive(den))
        st = kd_error_set(KD_ERR_ARG, "the trial vector is zero");
    else
    {
        arb_div(t, num, den, prec);
        arb_sqrtpos(t, t, prec);
        arb_get_mag(bnd, t);
    }
    arb_clear(acc);
    arb_clear(t);
    arb_clear(num);
    arb_clear(den);
    arb_clear(vk);
    return st;
}

/* ------------------------------------------------------------- levels */

void
kd_spectrum_level_init(kd_spectrum_level_t L)
{
    memset(L, 0, sizeof(kd_spectrum_level_struct));
    mag_init(&L->max_bound);
}

void
kd_spectrum_level_clear(kd_spectrum_level_t L)
{
    if (L->grid_bound != NULL)
        _mag_vec_clear(L->grid_bound, L->grid_len);
    if (L->bound != NULL)
        _mag_vec_clear(L->bound, L->len);
    flint_free(L->j);
    mag_clear(&L->max_bound);
    memset(L, 0, sizeof(kd_spectrum_level_struct));
}

void
kd_spectrum_level_point(arf_t z, const kd_spectrum_level_t L, slong i)
{
    arf_set_si(z, L->j[i]);
    arf_mul_2exp_si(z, z, -L->e);
}

/* b[a] < b[c], ties to the smaller index */
static int
less_at(const mag_struct * b, slong a, slong c)
{
    int s = mag_cmp(b + a, b + c);
    return s < 0 || (s == 0 && a < c);
}

kd_status
kd_spectrum_tridiag_points(kd_spectrum_level_t L, const kd_tridiag_op_t H, slong n, slong e,
                           const fmpq_t lo, const fmpq_t hi, const mag_t tol, slong prec)
{
    kd_tridiag_section_t S;
    fmpz_t a, b;
    slong G, i, size, k;
    slong * tree = NULL;
    char * sel = NULL;
    double * v = NULL;
    arb_t z;
    mag_t t;
    arf_t w;
    kd_status st = KD_OK;

    kd_spectrum_level_clear(L);
    kd_spectrum_level_init(L);
    if (e < 0 || e > 60)
        return kd_error_set(KD_ERR_ARG, "grid exponent %ld is out of range [0, 60]", e);
    if (fmpq_cmp(lo, hi) > 0)
        return kd_error_set(KD_ERR_ARG, "empty grid range (lo > hi)");
    fmpz_init(a);
    fmpz_init(b);
    /* j from ceil(lo 2^e) to floor(hi 2^e) */
    fmpz_mul_2exp(a, fmpq_numref(lo), e);
    fmpz_cdiv_q(a, a, fmpq_denref(lo));
    fmpz_mul_2exp(b, fmpq_numref(hi), e);
    fmpz_fdiv_q(b, b, fmpq_denref(hi));
    fmpz_sub(b, b, a);
    fmpz_add_ui(b, b, 1);
    if (fmpz_cmp_si(b, KD_SPECTRUM_GRID_MAX) > 0 || !fmpz_fits_si(a)
        || fmpz_bits(a) > 61)
    {
        fmpz_clear(a);
        fmpz_clear(b);
        return kd_error_set(KD_ERR_ARG, "the grid has more than %d points (use a coarser grid)", KD_SPECTRUM_GRID_MAX);
    }
    G = fmpz_get_si(b);
    L->n = n;
    L->e = e;
    L->grid_lo = fmpz_get_si(a);
    fmpz_clear(a);
    fmpz_clear(b);
    if (G <= 0)
        return KD_OK;

    if ((st = kd_tridiag_section_init(S, H, n, prec)) != KD_OK)
    {
        kd_tridiag_section_clear(S);
        return st;
    }
    L->grid_len = G;
    L->grid_bound = _mag_vec_init(G);
    arb_init(z);
    mag_init(t);
    arf_init(w);
    v = flint_malloc((2 * n + 1) * sizeof(double));
    for (i = 0; i < G && st == KD_OK; i++)
    {
        arb_set_si(z, L->grid_lo + i);
        arb_mul_2exp_si(z, z, -e);
        kd_spectrum_tridiag_vector(v, S, z);
        st = kd_spectrum_tridiag_bound(L->grid_bound + i, S, z, v);
    }
    if (st != KD_OK)
        goto cleanup;

    /* the local-minimiser rule (§3): each seed's window contributes its
       first minimiser; range minima with a segment tree of indices */
    for (size = 1; size < G; size *= 2)
        ;
    tree = flint_malloc(2 * size * sizeof(slong));
    for (i = 0; i < size; i++)
        tree[size + i] = i < G ? i : -1;
    for (i = size - 1; i >= 1; i--)
    {
        slong l = tree[2 * i], r = tree[2 * i + 1];
        tree[i] = r < 0 ? l : l < 0 ? r : less_at(L->grid_bound, r, l) ? r : l;
    }
    sel = flint_calloc(G, 1);
    for (i = 0; i < G; i++)
    {
        slong half, l, r, best = -1;
        if (mag_cmp(L->grid_bound + i, tol) > 0)
            continue;
        L->seeds++;
        /* the window: grid points within b(z_i) of z_i (floor is exact) */
        mag_mul_2exp_si(t, L->grid_bound + i, e);
        if (mag_cmp_2exp_si(t, 62) >= 0)
            half = G;
        else
        {
            arf_set_mag(w, t);
            half = arf_get_si(w, ARF_RND_FLOOR);
        }
        l = FLINT_MAX(i - half, 0) + size;
        r = FLINT_MIN(i + half, G - 1) + size + 1;
        for (; l < r; l /= 2, r /= 2)
        {
            if (l & 1)
            {
                if (best < 0 || less_at(L->grid_bound, tree[l], best))
                    best = tree[l];
                l++;
            }
            if (r & 1)
            {
                r--;
                if (best < 0 || less_at(L->grid_bound, tree[r], best))
                    best = tree[r];
            }
        }
        sel[best] = 1;
    }
    for (i = 0; i < G; i++)
        L->len += sel[i];
    L->j = flint_malloc(FLINT_MAX(L->len, 1) * sizeof(slong));
    L->bound = _mag_vec_init(L->len);
    for (i = 0, k = 0; i < G; i++)
        if (sel[i])
        {
            L->j[k] = L->grid_lo + i;
            mag_set(L->bound + k, L->grid_bound + i);
            mag_max(&L->max_bound, &L->max_bound, L->bound + k);
            k++;
        }
cleanup:
    kd_tridiag_section_clear(S);
    flint_free(tree);
    flint_free(sel);
    flint_free(v);
    arb_clear(z);
    mag_clear(t);
    arf_clear(w);
    return st;
}

int
kd_spectrum_level_extent(arf_t lo, arf_t hi, const kd_spectrum_level_t L)
{
    slong i;
    arf_t z, b, s;
    if (L->len == 0)
        return 0;
    arf_init(z);
    arf_init(b);
    arf_init(s);
    for (i = 0; i < L->len; i++)
    {
        kd_spectrum_level_point(z, L, i);
        arf_set_mag(b, L->bound + i);
        arf_add(s, z, b, 64, ARF_RND_CEIL);
        if (i == 0 || arf_cmp(s, lo) < 0)
            arf_set(lo, s);
        arf_sub(s, z, b, 64, ARF_RND_FLOOR);
        if (i == 0 || arf_cmp(s, hi) > 0)
            arf_set(hi, s);
    }
    arf_clear(z);
    arf_clear(b);
    arf_clear(s);
    return 1;
}

void
kd_spectrum_level_excess(arf_t d, const kd_spectrum_level_t B, const kd_spectrum_level_t A)
{
    slong i, l, r, mid;
    arf_t x, y, t, best;
    arf_zero(d);
    if (B->len == 0)
        return;
    if (A->len == 0)
    {
        arf_pos_inf(d);
        return;
    }
    arf_init(x);
    arf_init(y);
    arf_init(t);
    arf_init(best);
    for (i = 0; i < B->len; i++)
    {
        kd_spectrum_level_point(x, B, i);
        /* l = the first point of A that is >= x; the nearest point of A is
           A[l] or A[l - 1] (A is ascending); differences of dyadics are exact */
        l = 0;
        r = A->len;
        while (l < r)
        {
            mid = l + (r - l) / 2;
            kd_spectrum_level_point(y, A, mid);
            if (arf_cmp(y, x) < 0)
                l = mid + 1;
            else
                r = mid;
        }
        arf_pos_inf(best);
        if (l < A->len)
        {
            kd_spectrum_level_point(y, A, l);
            arf_sub(best, y, x, ARF_PREC_EXACT, ARF_RND_DOWN);
        }
        if (l > 0)
        {
            kd_spectrum_level_point(y, A, l - 1);
            arf_sub(t, x, y, ARF_PREC_EXACT, ARF_RND_DOWN);
            if (arf_cmp(t, best) < 0)
                arf_set(best, t);
        }
        if (arf_cmp(best, d) > 0)
            arf_set(d, best);
    }
    arf_clear(x);
    arf_clear(y);
    arf_clear(t);
    arf_clear(best);
}
