/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The teaching examples of theory.md §9 on the oracle machinery: the towers
   for x > 0 (Sigma_1), sign(x) (Delta_2) and rank (Sigma_1), the exact
   singular-value count they rest on, and the argmin examples: the breakdown
   epsilon of the LASSO-probe class and of the basis-pursuit gadget of
   Omega_K, with its generalised-hardness thresholds (proofs-notes/sci.md
   §3-§6). */
#include "kdigits/sci.h"

/* ------------------------------------------------------------ singular
   values, exactly (proofs-notes/sci.md §4) */

kd_status
kd_sci_sv_count_gt(slong * count, const fmpq_mat_t re, const fmpq_mat_t im, const fmpq_t t)
{
    slong r = fmpq_mat_nrows(re), c = fmpq_mat_ncols(re), i, j, s, changes;
    int cplx = im != NULL && !fmpq_mat_is_zero(im), prev = 0, sg;
    fmpq_mat_t B;
    fmpz_mat_t Z, Zt, G;
    fmpz_t den;
    fmpq_t T;
    fmpz_poly_t p;

    *count = 0;
    if (fmpq_sgn(t) < 0)
        return kd_error_set(KD_ERR_ARG, "a singular-value threshold must be >= 0");
    if (im != NULL && (fmpq_mat_nrows(im) != r || fmpq_mat_ncols(im) != c))
        return kd_error_set(KD_ERR_SIZE, "real part %ld x %ld, imaginary part %ld x %ld",
                            r, c, fmpq_mat_nrows(im), fmpq_mat_ncols(im));
    if (r == 0 || c == 0)
        return KD_OK;

    /* the real embedding [Re -Im; Im Re] has the singular values of M, each
       twice */
    fmpq_mat_init(B, cplx ? 2 * r : r, cplx ? 2 * c : c);
    for (i = 0; i < r; i++)
        for (j = 0; j < c; j++)
        {
            fmpq_set(fmpq_mat_entry(B, i, j), fmpq_mat_entry(re, i, j));
            if (cplx)
            {
                fmpq_set(fmpq_mat_entry(B, r + i, c + j), fmpq_mat_entry(re, i, j));
                fmpq_neg(fmpq_mat_entry(B, i, c + j), fmpq_mat_entry(im, i, j));
                fmpq_set(fmpq_mat_entry(B, r + i, j), fmpq_mat_entry(im, i, j));
            }
        }
    r = fmpq_mat_nrows(B);
    c = fmpq_mat_ncols(B);

    /* B = Z / den with Z integral; sigma(B) > t iff sigma(Z) > den t, and the
       squares are the eigenvalues of the smaller Gram matrix G (the larger
       one only adds zeros, never counted since the test is strict) */
    fmpz_mat_init(Z, r, c);
    fmpz_mat_init(Zt, c, r);
    fmpz_init(den);
    fmpq_mat_get_fmpz_mat_matwise(Z, den, B);
    fmpz_mat_transpose(Zt, Z);
    s = FLINT_MIN(r, c);
    fmpz_mat_init(G, s, s);
    if (c <= r)
        fmpz_mat_mul(G, Zt, Z);
    else
        fmpz_mat_mul(G, Z, Zt);

    /* H = q G - p I with p/q = (den t)^2: same inertia as G - (den t)^2 I */
    fmpq_init(T);
    fmpq_mul_fmpz(T, t, den);
    fmpq_mul(T, T, T);
    fmpz_mat_scalar_mul_fmpz(G, G, fmpq_denref(T));
    for (i = 0; i < s; i++)
        fmpz_sub(fmpz_mat_entry(G, i, i), fmpz_mat_entry(G, i, i), fmpq_numref(T));

    /* p(x) = det(x I - H) is real-rooted: the number of positive roots is
       the number of sign changes of its coefficients (Descartes, exact
       here) */
    fmpz_poly_init(p);
    fmpz_mat_charpoly(p, G);
    changes = 0;
    for (i = 0; i <= fmpz_poly_degree(p); i++)
    {
        sg = fmpz_sgn(fmpz_poly_get_coeff_ptr(p, i));
        if (sg == 0)
            continue;
        if (prev != 0 && sg != prev)
            changes++;
        prev = sg;
    }
    *count = cplx ? changes / 2 : changes;

    fmpz_poly_clear(p);
    fmpq_clear(T);
    fmpz_mat_clear(G);
    fmpz_clear(den);
    fmpz_mat_clear(Zt);
    fmpz_mat_clear(Z);
    fmpq_mat_clear(B);
    return KD_OK;
}

kd_status
kd_sci_opnorm_le_2exp(int * le, const fmpq_mat_t re, const fmpq_mat_t im, slong e)
{
    fmpq_t t;
    slong cnt = 0;
    kd_status st;
    fmpq_init(t);
    fmpq_one(t);
    if (e >= 0)
        fmpq_div_2exp(t, t, e);
    else
        fmpq_mul_2exp(t, t, -e);
    st = kd_sci_sv_count_gt(&cnt, re, im, t);
    *le = (cnt == 0);
    fmpq_clear(t);
    return st;
}

/* ------------------------------------------------------------ the
   example towers (proofs-notes/sci.md §3, §4) */

const char *
kd_sci_yes_no(slong v)
{
    return v == 1 ? "yes" : v == 0 ? "no" : "?";
}

/* Reads the level-n answer q_n of a real (1 x 1) oracle: *sgn = sign(q_n)
   and *beyond = whether |q_n| > 2^-n, in which case x has the sign of q_n
   (|x - q_n| <= 2^-n). */
static kd_status
read_real_sign(int * sgn, int * beyond, kd_oracle_t O, slong n)
{
    fmpq_mat_t re;
    fmpq_t a, t;
    kd_status st;
    *sgn = *beyond = 0;
    if (O->r != 1 || O->c != 1 || O->is_complex)
        return kd_error_set(KD_ERR_SIZE, "this tower reads a real number (a 1 x 1 real oracle), "
                            "not a %ld x %ld%s oracle", O->r, O->c, O->is_complex ? " complex" : "");
    fmpq_mat_init(re, 1, 1);
    fmpq_init(a);
    fmpq_init(t);
    st = kd_oracle_get(re, NULL, O, n);
    if (st == KD_OK)
    {
        *sgn = fmpq_sgn(fmpq_mat_entry(re, 0, 0));
        fmpq_abs(a, fmpq_mat_entry(re, 0, 0));
        fmpq_one(t);
        fmpq_div_2exp(t, t, n);
        *beyond = fmpq_cmp(a, t) > 0;
    }
    fmpq_clear(a);
    fmpq_clear(t);
    fmpq_mat_clear(re);
    return st;
}

/* |q_n| > 2^-n proves sign(x) = sign(q_n); otherwise 0, never certain:
   x = 0 gives |q_n| <= 2^-n at every n. */
static kd_status
sign_base(kd_tower_out_t out, const slong * n, kd_oracle_t O, void * data)
{
    int sgn, beyond;
    kd_status st;
    (void) data;
    st = read_real_sign(&sgn, &beyond, O, n[0]);
    if (st == KD_OK)
    {
        out->value = beyond ? sgn : 0;
        out->certified = beyond;
    }
    return st;
}

/* q_n > 2^-n proves x >= q_n - 2^-n > 0: the positive case of sign_base;
   q_n <= 2^-n is consistent with x = 0, so "no" is never certain. */
static kd_status
positive_base(kd_tower_out_t out, const slong * n, kd_oracle_t O, void * data)
{
    kd_status st = sign_base(out, n, O, data);
    if (st == KD_OK && out->value < 0)
    {
        out->value = 0;
        out->certified = 0;
    }
    return st;
}

void
kd_sci_tower_positive(kd_tower_t T)
{
    kd_tower_set(T, "x > 0", 1, KD_TOWER_INT, KD_TOWER_CERT_LOWER, positive_base, NULL);
    T->sci_class = "Sigma_1";
    T->value_name = kd_sci_yes_no;
}

void
kd_sci_tower_sign(kd_tower_t T)
{
    kd_tower_set(T, "sign(x)", 1, KD_TOWER_INT, KD_TOWER_CERT_EXACT, sign_base, NULL);
    T->sci_class = "Delta_2";
}

/* Weyl: sigma_i(A) >= sigma_i(A_n) - ||A - A_n||_2 >= sigma_i(A_n) - 2^-n,
   so every singular value of A_n above 2^-n is a non-zero one of A. */
static kd_status
rank_base(kd_tower_out_t out, const slong * n, kd_oracle_t O, void * data)
{
    fmpq_mat_t re, im;
    fmpq_t t;
    kd_status st;
    (void) data;
    fmpq_mat_init(re, O->r, O->c);
    fmpq_mat_init(im, O->r, O->c);
    fmpq_init(t);
    st = kd_oracle_get(re, O->is_complex ? im : NULL, O, n[0]);
    if (st == KD_OK)
    {
        fmpq_one(t);
        fmpq_div_2exp(t, t, n[0]);
        st = kd_sci_sv_count_gt(&out->value, re, O->is_complex ? im : NULL, t);
        out->certified = (st == KD_OK);
    }
    fmpq_clear(t);
    fmpq_mat_clear(im);
    fmpq_mat_clear(re);
    return st;
}

void
kd_sci_tower_rank(kd_tower_t T)
{
    kd_tower_set(T, "rank(A)", 1, KD_TOWER_INT, KD_TOWER_CERT_LOWER, rank_base, NULL);
    T->sci_class = "Sigma_1";
}

/* Reads the real number at levels first..L until an answer is 1: with
   rounding, whether the reading q is >= 0; else whether it proves the
   number positive, q > 2^-k at level k. */
static kd_status
positive_read(slong * answer, kd_oracle_t O, slong first, slong L, int rounding)
{
    slong k;
    int sgn, beyond;
    kd_status st = KD_OK;
    *answer = 0;
    for (k = first; k <= L && st == KD_OK && *answer == 0; k++)
    {
        st = read_real_sign(&sgn, &beyond, O, k);
        *answer = st == KD_OK && (rounding ? sgn >= 0 : sgn > 0 && beyond);
    }
    return st;
}

kd_status
kd_sci_positive_alg_cautious(slong * answer, kd_oracle_t O, void * data)
{
    slong L = *(const slong *) data;
    return positive_read(answer, O, L, L, 0);
}

kd_status
kd_sci_positive_alg_rounding(slong * answer, kd_oracle_t O, void * data)
{
    slong L = *(const slong *) data;
    return positive_read(answer, O, L, L, 1);
}

kd_status
kd_sci_positive_alg_patient(slong * answer, kd_oracle_t O, void * data)
{
    return positive_read(answer, O, 0, *(const slong *) data, 0);
}

/* ------------------------------------------------------------ argmin:
   the LASSO-probe class (proofs-notes/sci.md §5) */

void
kd_sci_lasso_row_init(kd_sci_lasso_row_t row)
{
    row->n = 0;
    kd_real_init(row->delta);
    arb_init(&row->dist);
    row->consistent = KD_UNKNOWN;
    row->truth_cert = KD_UNKNOWN;
    arb_mat_init(&row->Bstar, 2, 1);
    arb_mat_init(&row->W, 2, 1);
    arb_init(&row->kappa);
    arb_init(&row->eps_b);
    arb_init(row->mid_err + 0);
    arb_init(row->mid_err + 1);
}

void
kd_sci_lasso_row_clear(kd_sci_lasso_row_t row)
{
    kd_real_clear(row->delta);
    arb_clear(&row->dist);
    arb_mat_clear(&row->Bstar);
    arb_mat_clear(&row->W);
    arb_clear(&row->kappa);
    arb_clear(&row->eps_b);
    arb_clear(row->mid_err + 0);
    arb_clear(row->mid_err + 1);
}

/* R = the real balls of A's entries (A real) at prec bits. */
static kd_status
eval_real(arb_mat_t R, const kd_mat_t A, slong prec)
{
    slong i, j;
    kd_status st = KD_OK;
    for (i = 0; i < A->r && st == KD_OK; i++)
        for (j = 0; j < A->c && st == KD_OK; j++)
            st = kd_real_eval_arb(arb_mat_entry(R, i, j), kd_mat_entry_re(A, i, j), prec);
    return st;
}

/* d = ||x - y||_2 for 2 x 1 ball vectors */
static void
dist2(arb_t d, const arb_mat_t x, const arb_mat_t y, slong prec)
{
    arb_t a, b;
    arb_init(a);
    arb_init(b);
    arb_sub(a, arb_mat_entry(x, 0, 0), arb_mat_entry(y, 0, 0), prec);
    arb_sub(b, arb_mat_entry(x, 1, 0), arb_mat_entry(y, 1, 0), prec);
    arb_sqr(a, a, prec);
    arb_addmul(a, b, b, prec);
    arb_sqrtpos(d, a, prec);
    arb_clear(a);
    arb_clear(b);
}

kd_status
kd_sci_lasso_row(kd_sci_lasso_row_t row, const fmpq_t Lambda, slong n, slong prec)
{
    kd_mat_t A0, Ad, Am, y;
    arb_mat_t Rd, Rm, M, mid;
    fmpq_mat_t Ak;
    arb_t b, slack;
    kd_real_t zero;
    slong k, wprec;
    kd_truth t;
    kd_status st;

    if (n < 0 || n > 2000)
        return kd_error_set(KD_ERR_ARG, "argmin: level n = %ld out of range [0, 2000]", n);
    wprec = kd_level_prec(n, prec);
    row->n = n;
    kd_real_set_2exp(row->delta, -(n + 3));
    kd_mat_init(A0, 0, 0);
    kd_mat_init(Ad, 0, 0);
    kd_mat_init(Am, 0, 0);
    kd_mat_init(y, 0, 0);
    arb_mat_init(Rd, 3, 2);
    arb_mat_init(Rm, 3, 2);
    arb_mat_init(M, 3, 2);
    arb_mat_init(mid, 2, 1);
    fmpq_mat_init(Ak, 3, 2);
    arb_init(b);
    arb_init(slack);
    kd_real_init(zero);

    /* the breakdown epsilon first: it validates Lambda */
    st = kd_lasso_probe_breakdown(&row->kappa, &row->eps_b, mid, Lambda, wprec);
    if (st == KD_OK)
        st = kd_lasso_probe_instance(A0, y, zero, 0);
    if (st == KD_OK)
        st = kd_lasso_probe_instance(Ad, y, row->delta, 0);
    if (st == KD_OK)
        st = kd_lasso_probe_instance(Am, y, row->delta, 1);
    if (st == KD_OK)
        st = eval_real(Rd, Ad, wprec);
    if (st == KD_OK)
        st = eval_real(Rm, Am, wprec);

    /* ||A_delta - mirror||_2 = sqrt(12) delta (a rank-one difference) */
    arb_sqrt_ui(&row->dist, 12, wprec);
    arb_mul_2exp_si(&row->dist, &row->dist, -(n + 3));

    /* the adversary's answers A_0 rounded at level k + 1, k = 0..n */
    row->consistent = KD_TRUE;
    for (k = 0; k <= n && st == KD_OK; k++)
    {
        /* the adversary builds its answers (an oracle's side, not a read) */
        st = kd_mat_approx(Ak, NULL, NULL, A0, k + 1, 0);
        if (st != KD_OK)
            break;
        arb_one(b);
        arb_mul_2exp_si(b, b, -k);
        arb_mat_set_fmpq_mat(M, Ak, wprec);
        arb_mat_sub(M, M, Rd, wprec);
        kd_omega_opnorm_lt(&t, M, b, wprec);
        if (t != KD_TRUE && row->consistent != KD_FALSE)
            row->consistent = t;
        arb_mat_set_fmpq_mat(M, Ak, wprec);
        arb_mat_sub(M, M, Rm, wprec);
        kd_omega_opnorm_lt(&t, M, b, wprec);
        if (t != KD_TRUE && row->consistent != KD_FALSE)
            row->consistent = t;
    }

    /* the certified minimiser of A_delta; the mirror's is its swap (the
       problem is invariant under swapping columns and coordinates) */
    if (st == KD_OK)
        st = kd_lasso_probe_truth(&row->truth_cert, &row->Bstar, slack, row->delta, Lambda,
                                  KD_SCALED_HALF_MEAN, 8 * n + 2048);
    if (st == KD_OK)
    {
        arb_set(arb_mat_entry(&row->W, 0, 0), arb_mat_entry(&row->Bstar, 1, 0));
        arb_set(arb_mat_entry(&row->W, 1, 0), arb_mat_entry(&row->Bstar, 0, 0));
        dist2(row->mid_err + 0, mid, &row->Bstar, wprec);
        dist2(row->mid_err + 1, mid, &row->W, wprec);
    }

    kd_real_clear(zero);
    arb_clear(slack);
    arb_clear(b);
    fmpq_mat_clear(Ak);
    arb_mat_clear(mid);
    arb_mat_clear(M);
    arb_mat_clear(Rm);
    arb_mat_clear(Rd);
    kd_mat_clear(y);
    kd_mat_clear(Am);
    kd_mat_clear(Ad);
    kd_mat_clear(A0);
    return st;
}

/* ------------------------------------------------------------ argmin:
   the basis-pursuit gadget of Omega_K (proofs-notes/sci.md §6) */

kd_status
kd_sci_bp_class_init(kd_omega_class_t C, slong K)
{
    if (K < 2 || K > 30)
    {
        kd_omega_class_init(C, KD_PROBLEM_BP, NULL, 2, 2, 1, 1, 0);
        return kd_error_set(KD_ERR_ARG, "argmin: K = %ld out of range [2, 30]", K);
    }
    return kd_omega_class_init(C, KD_PROBLEM_BP, NULL, K, 2, 1, 1, 0);
}

void
kd_sci_gha_thresholds(fmpq_t eps0, fmpq_t eps1, slong K)
{
    /* eps0 = tau_inf / sqrt(2) with tau_inf = 1/a0 = 3 / (sqrt(2) 10^K) */
    fmpz_t p;
    fmpz_init(p);
    fmpz_ui_pow_ui(p, 10, (ulong) K);
    fmpz_mul_ui(p, p, 2);
    fmpz_set_ui(fmpq_numref(eps0), 3);
    fmpz_set(fmpq_denref(eps0), p);
    fmpq_canonicalise(eps0);
    fmpq_mul_ui(eps1, eps0, 10);
    fmpz_clear(p);
}

void
kd_sci_bp_row_init(kd_sci_bp_row_t row)
{
    row->K = row->scale = row->n = 0;
    row->indist = KD_UNKNOWN;
    arb_init(&row->tau);
    arb_init(&row->kappa);
    arb_init(&row->eps);
    arb_init(row->mid_err + 0);
    arb_init(row->mid_err + 1);
}

void
kd_sci_bp_row_clear(kd_sci_bp_row_t row)
{
    arb_clear(&row->tau);
    arb_clear(&row->kappa);
    arb_clear(&row->eps);
    arb_clear(row->mid_err + 0);
    arb_clear(row->mid_err + 1);
}

kd_status
kd_sci_bp_row(kd_sci_bp_row_t row, slong K, slong scale, slong n, slong prec)
{
    kd_omega_class_t C;
    kd_omega_t G0, G1;
    arb_mat_t R0, R1;
    fmpq_mat_t x;
    fmpq_t tq;
    mag_t e;
    arb_t b;
    slong wprec;
    kd_status st;

    if (scale != 1 && scale != 2)
        return kd_error_set(KD_ERR_ARG, "argmin: scale must be 1 or 2");
    if (n < 0 || n > 10000)
        return kd_error_set(KD_ERR_ARG, "argmin: level n = %ld out of range [0, 10^4]", n);
    wprec = kd_level_prec(n, prec + 8 * K);
    row->K = K;
    row->scale = scale;
    row->n = n;
    st = kd_sci_bp_class_init(C, K);
    kd_omega_init(G0);
    kd_omega_init(G1);
    arb_mat_init(R0, 0, 0);
    arb_mat_init(R1, 0, 0);
    fmpq_mat_init(x, 3, 1);
    fmpq_init(tq);
    mag_init(e);
    arb_init(b);
    if (st == KD_OK)
        st = kd_omega_class_instance(G0, C, scale, n, 0);
    if (st == KD_OK)
        st = kd_omega_class_instance(G1, C, scale, n, 1);
    /* the two instances differ by less than 2^-n (omega-k.md §1, Claim 3) */
    if (st == KD_OK)
        st = kd_omega_eval(R0, NULL, G0, wprec);
    if (st == KD_OK)
        st = kd_omega_eval(R1, NULL, G1, wprec);
    if (st == KD_OK)
    {
        arb_mat_sub(R0, R0, R1, wprec);
        arb_one(b);
        arb_mul_2exp_si(b, b, -n);
        kd_omega_opnorm_lt(&row->indist, R0, b, wprec);
        st = kd_real_eval_arb(&row->tau, G0->tau, wprec);
    }
    if (st == KD_OK)
    {
        arb_sqrt_ui(&row->kappa, 2, wprec);
        arb_mul(&row->kappa, &row->kappa, &row->tau, wprec);
        arb_mul_2exp_si(&row->eps, &row->kappa, -1);
        /* the midpoint (tau/2)(e_0 + e_1) with tau rounded to a dyadic */
        st = kd_real_approx(tq, e, G0->tau, wprec / 2, C->prec_cap);
    }
    if (st == KD_OK)
    {
        fmpq_div_2exp(tq, tq, 1);
        fmpq_set(fmpq_mat_entry(x, 0, 0), tq);
        fmpq_set(fmpq_mat_entry(x, 1, 0), tq);
        st = kd_omega_dist(row->mid_err + 0, G0, x, wprec);
    }
    if (st == KD_OK)
        st = kd_omega_dist(row->mid_err + 1, G1, x, wprec);
    arb_clear(b);
    mag_clear(e);
    fmpq_clear(tq);
    fmpq_mat_clear(x);
    arb_mat_clear(R1);
    arb_mat_clear(R0);
    kd_omega_clear(G1);
    kd_omega_clear(G0);
    kd_omega_class_clear(C);
    return st;
}
