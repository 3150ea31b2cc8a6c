/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The LASSO failure probe of lasso-probe.md §3: MATLAB's coordinate descent
   on the double-rounded A_delta, certified against the exact truth, with an
   exact-arithmetic prediction of the sweep count for cells too slow to run. */
#include <math.h>
#include <string.h>
#include "kdigits/lasso.h"
#include "kdigits/util.h"
#include "internal.h"

const char *
kd_lasso_setting_name(kd_lasso_setting s)
{
    return s == KD_LASSO_SETTING_DEFAULT ? "default"
         : s == KD_LASSO_SETTING_RELTOL_EPS ? "reltol-eps" : "reltol-eps-maxiter";
}

kd_status
kd_lasso_setting_parse(kd_lasso_setting * s, const char * str)
{
    int k;
    for (k = 0; k < 3; k++)
        if (strcmp(str, kd_lasso_setting_name((kd_lasso_setting) k)) == 0)
        {
            *s = (kd_lasso_setting) k;
            return KD_OK;
        }
    return kd_error_set(KD_ERR_ARG, "unknown setting '%s' (expected default, reltol-eps or "
                        "reltol-eps-maxiter)", str);
}

kd_status
kd_lasso_setting_parse_list(kd_lasso_setting * s, slong * n, const char * list)
{
    const char * p;
    char * tok;
    size_t len;
    kd_status st = KD_OK;

    *n = 0;
    for (p = list; *p != '\0' && st == KD_OK; p += len + (p[len] == ','))
    {
        if ((len = strcspn(p, ",")) == 0)
            continue;
        tok = flint_malloc(len + 1);
        memcpy(tok, p, len);
        tok[len] = '\0';
        if (*n == 3)
            st = kd_error_set(KD_ERR_ARG, "at most three settings");
        else if ((st = kd_lasso_setting_parse(&s[*n], tok)) == KD_OK)
            (*n)++;
        flint_free(tok);
    }
    return st;
}

void
kd_lasso_setting_opts(kd_iter_cd_opts_t opts, kd_lasso_setting s)
{
    kd_iter_cd_opts_init_matlab(opts);     /* RelTol 1e-4, MaxIter 1e5 */
    opts->standardize = 1;
    opts->intercept = 1;
    if (s != KD_LASSO_SETTING_DEFAULT)
        opts->tol = ldexp(1.0, -52);       /* MATLAB's eps */
    if (s == KD_LASSO_SETTING_RELTOL_EPS_MAXITER)
        opts->max_iter = WORD(1) << 52;    /* 1/eps */
}

const char *
kd_lasso_verdict_name(kd_lasso_verdict v)
{
    return v == KD_LASSO_RIGHT_SUPPORT ? "right support"
         : v == KD_LASSO_SPLIT ? "split" : "wrong support";
}

const char *
kd_lasso_support_name(int s)
{
    return s == 0 ? "{}" : s == 1 ? "{1}" : s == 2 ? "{2}" : s == 3 ? "{1,2}" : "not a point";
}

kd_lasso_verdict
kd_lasso_verdict_of(const fmpq_mat_t B)
{
    int z1 = fmpq_is_zero(fmpq_mat_entry(B, 0, 0)), z2 = fmpq_is_zero(fmpq_mat_entry(B, 1, 0));
    if (!z1 && !z2)
        return KD_LASSO_SPLIT;
    return (z1 && !z2) ? KD_LASSO_RIGHT_SUPPORT : KD_LASSO_WRONG_SUPPORT;
}

kd_status
kd_lasso_probe_round_double(fmpq_mat_t A, fmpq_mat_t y, const kd_real_t delta, int mirror)
{
    return kd_lasso_probe_round_prec(A, y, delta, mirror, 53);
}

kd_status
kd_lasso_probe_round_prec(fmpq_mat_t A, fmpq_mat_t y, const kd_real_t delta, int mirror,
                          slong p)
{
    kd_mat_t Ae, ye;
    kd_status st;
    slong i, j;

    if (p < 2 || p > KD_ARITH_PREC_MAX)
        return kd_error_set(KD_ERR_ARG, "precision %ld out of range", (long) p);
    kd_mat_init(Ae, 0, 0);
    kd_mat_init(ye, 0, 0);
    st = kd_lasso_probe_instance(Ae, ye, delta, mirror);
    fmpq_mat_clear(A);
    fmpq_mat_init(A, 3, 2);
    fmpq_mat_clear(y);
    fmpq_mat_init(y, 3, 1);
    for (i = 0; i < 3 && st == KD_OK; i++)
    {
        for (j = 0; j < 2 && st == KD_OK; j++)
            st = kd_real_round_prec(fmpq_mat_entry(A, i, j), kd_mat_entry_re(Ae, i, j), p);
        if (st == KD_OK)
            st = kd_real_round_prec(fmpq_mat_entry(y, i, 0), kd_mat_entry_re(ye, i, 0), p);
    }
    kd_mat_clear(Ae);
    kd_mat_clear(ye);
    return st;
}

kd_status
_kd_lasso_eval_inv_rho2(arb_t t, const kd_real_t delta, slong prec)
{
    kd_status st = kd_real_eval_arb(t, delta, prec);
    if (st != KD_OK)
        return st;
    arb_sqr(t, t, prec);
    arb_mul_ui(t, t, 6, prec);
    arb_add_ui(t, t, 1, prec);
    return KD_OK;
}

kd_status
_kd_lasso_eval_rho(arb_t rho, arb_t rho2, const kd_real_t delta, slong prec)
{
    kd_status st = _kd_lasso_eval_inv_rho2(rho2, delta, prec);
    if (st != KD_OK)
        return st;
    arb_inv(rho2, rho2, prec);
    arb_sqrt(rho, rho2, prec);
    return KD_OK;
}

void
_kd_lasso_eval_c(arb_t c, const fmpq_t Lambda, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_sqrt_ui(t, 3, prec);
    arb_mul_fmpz(c, t, fmpq_numref(Lambda), prec);
    arb_div_fmpz(c, c, fmpq_denref(Lambda), prec);
    arb_sub_ui(c, c, 1, prec);
    arb_neg(c, c);
    arb_clear(t);
}

kd_status
kd_lasso_probe_truth(kd_truth * cert, arb_mat_t Bstar, arb_t slack, const kd_real_t delta,
                     const fmpq_t param, kd_scaled_convention conv, slong prec_max)
{
    kd_mat_t A, y;
    kd_problem_t P;
    kd_real_t Lr;
    fmpq_t L;
    arb_t rho, rho2, mu;
    arb_mat_t x;
    slong E[1] = {1}, prec;
    int s[1] = {1};
    kd_status st;

    *cert = KD_UNKNOWN;
    fmpq_init(L);
    fmpq_set(L, param);
    if (conv == KD_SCALED_MEAN)
        fmpq_div_2exp(L, L, 1);            /* Lambda = lambda/2 (lasso-probe.md §1) */
    arb_init(rho);
    arb_init(rho2);
    arb_init(mu);
    arb_mat_init(x, 2, 1);
    kd_real_init(Lr);
    kd_real_set_fmpq(Lr, param);
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_problem_init_empty(P);

    /* closed form: B* = (0, 1 - sqrt(3) Lambda), slack Lambda (1 - rho) */
    arb_zero(arb_mat_entry(Bstar, 0, 0));
    _kd_lasso_eval_c(arb_mat_entry(Bstar, 1, 0), L, prec_max);
    arb_set_fmpq(mu, L, prec_max);
    if ((st = _kd_lasso_eval_rho(rho, rho2, delta, prec_max)) != KD_OK)
        goto done;
    arb_sub_ui(slack, rho, 1, prec_max);
    arb_neg(slack, slack);
    arb_mul(slack, slack, mu, prec_max);

    /* proof: the pattern E = {2}, s = + is that of the unique minimiser of
       the exact scaled problem (kd_certify_pattern's strict KKT test) */
    if ((st = kd_lasso_probe_instance(A, y, delta, 0)) != KD_OK)
        goto done;
    if ((kd_problem_clear(P), st = kd_problem_init_scaled(P, A, y, Lr, conv, 1, 1, 0)) != KD_OK)
        goto done;
    for (prec = 64; prec <= prec_max; prec *= 2)
    {
        if ((st = kd_certify_pattern(cert, x, mu, P, E, s, 1, prec)) != KD_OK)
            goto done;
        if (*cert != KD_UNKNOWN)
            break;
    }
    if (*cert == KD_TRUE && (!arb_overlaps(arb_mat_entry(x, 0, 0), arb_mat_entry(Bstar, 0, 0))
                             || !arb_overlaps(arb_mat_entry(x, 1, 0), arb_mat_entry(Bstar, 1, 0))))
        *cert = KD_FALSE;
done:
    kd_problem_clear(P);
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_real_clear(Lr);
    arb_mat_clear(x);
    arb_clear(rho);
    arb_clear(rho2);
    arb_clear(mu);
    fmpq_clear(L);
    return st;
}

/* ---- the sweep count in exact arithmetic (lasso-probe.md §3) ----

   Standardised, the exact problem has G = X0^T X0/m = [[1, rho], [rho, 1]]
   and c = X0^T Y0/m = (rho, 1)/sqrt(3); with s_j = 1 the update of
   coordinate j is b_j <- soft(c_j - rho b_other, L), L = Lambda.

   Sweep 1: the empty active sweep changes nothing, so the screen runs:
   |X0_j^T Y0| = 3 c_j > L for both j, and the sweep over {1, 2} gives
   b1 = rho/sqrt(3) - L > 0 and b2 = (1 - rho)((1 + rho)/sqrt(3) - L) > 0;
   the active set grows, so sweep 2 follows.

   While both stay positive the sweep is the affine Gauss-Seidel map
   b1' = c1 - L - rho b2, b2' = c2 - L - rho b1', whose fixed point is the
   unconstrained u = G^{-1}(c - L 1) = (-L/(1+rho), 1/sqrt(3) - L/(1+rho)).
   The error e = b - u obeys e1' = -rho e2, e2' = -rho e1' = rho^2 e2, and
   sweep 1 already has e2 = -rho e1, so for k >= 1

       b1_k = -L/(1+rho) + rho^(2(k-1)) Ec,     Ec = rho (1/sqrt(3) - L/(1+rho)),
       b2_k = 1/sqrt(3) - L/(1+rho) - rho^(2k-1) Ec,

   and the changes are |db1_k| = Ec (1 - rho^2) rho^(2k-4), |db2_k| = rho |db1_k|:
   mass moves at rate 1 - rho^2 = 6 delta^2 rho^2 per sweep.

   Two events end this phase:
   (T) the relative-change test at sweep k >= 2,
         max(|db1_k|/(1 + b1_{k-1}), |db2_k|/(1 + b2_{k-1})) < RelTol.
       Both ratios decrease in k (the first by the factor
       rho^2 (1 + db1/(1 + b1_k)) <= rho^2 + Ec rho^2 (1 - rho^2) < 1), so
       the first such k is found by bisection. Then the screen finds the
       active coordinates (|X0_j^T r| = 3L > L at the sweep's own KKT point
       for b2, the screen has no 1/m) and one more sweep inside the same
       iteration leaves active u P = active: the run stops after k sweeps.
   (C) b1 reaches the threshold: the first kc with b1_kc <= 0 in the affine
       formula. Then soft() gives b1 = 0 exactly and b2 = c2 - L =
       1/sqrt(3) - L = b2*: the iterate is the minimiser. The test at kc
       sees db1 = -b1_{kc-1}, db2 = b2* - b2_{kc-1}; it fires at kc, or at
       kc + 1 where the change is 0.
   The prediction is min over (T) and (C), capped at MaxIter. It is exact
   arithmetic on the exact data; a double run differs by rounding (the
   tests measure how much). */

typedef struct
{
    arb_t rho, rho2, Ec, u1, u2, L, one_m;  /* one_m = 1 - rho^2 */
    slong prec;
}
cd_model;

/* b1_k, b2_k of the affine phase */
static void
model_b(arb_t b1, arb_t b2, cd_model * M, slong k)
{
    arb_t t;
    arb_init(t);
    arb_pow_ui(t, M->rho2, (ulong) (k - 1), M->prec);
    arb_mul(t, t, M->Ec, M->prec);
    arb_add(b1, M->u1, t, M->prec);
    arb_mul(t, t, M->rho, M->prec);
    arb_sub(b2, M->u2, t, M->prec);
    arb_clear(t);
}

/* three-valued: the test (T) has fired at sweep k >= 2 */
static kd_truth
model_tol(cd_model * M, slong k, const arb_t tol)
{
    arb_t b1, b2, d, r1, r2;
    kd_truth res;
    arb_init(b1);
    arb_init(b2);
    arb_init(d);
    arb_init(r1);
    arb_init(r2);
    model_b(b1, b2, M, k - 1);
    arb_pow_ui(d, M->rho2, (ulong) (k - 2), M->prec);
    arb_mul(d, d, M->Ec, M->prec);
    arb_mul(d, d, M->one_m, M->prec);
    arb_add_ui(b1, b1, 1, M->prec);
    arb_div(r1, d, b1, M->prec);
    arb_mul(d, d, M->rho, M->prec);
    arb_add_ui(b2, b2, 1, M->prec);
    arb_div(r2, d, b2, M->prec);
    if (arb_lt(r1, tol) && arb_lt(r2, tol))
        res = KD_TRUE;
    else if (arb_ge(r1, tol) || arb_ge(r2, tol))
        res = KD_FALSE;
    else
        res = KD_UNKNOWN;
    arb_clear(b1);
    arb_clear(b2);
    arb_clear(d);
    arb_clear(r1);
    arb_clear(r2);
    return res;
}

/* three-valued: b1_k <= 0 (event (C) at or before k) */
static kd_truth
model_cross(cd_model * M, slong k)
{
    arb_t b1, b2;
    kd_truth res;
    arb_init(b1);
    arb_init(b2);
    model_b(b1, b2, M, k);
    res = arb_is_nonpositive(b1) ? KD_TRUE : arb_is_positive(b1) ? KD_FALSE : KD_UNKNOWN;
    arb_clear(b1);
    arb_clear(b2);
    return res;
}

/* first k in [lo, hi] with pred(k) true (pred monotone, pred(hi) assumed
   true when hi is the cap); -1 when undecided */
static slong
first_true(cd_model * M, const arb_t tol, int which, slong lo, slong hi)
{
    while (lo < hi)
    {
        slong mid = lo + (hi - lo) / 2;
        kd_truth t = which ? model_cross(M, mid) : model_tol(M, mid, tol);
        if (t == KD_UNKNOWN)
            return -1;
        if (t == KD_TRUE)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

kd_status
kd_lasso_probe_predict_sweeps(slong * sweeps, int * converged, const kd_real_t delta,
                              const fmpq_t Lambda, double reltol, slong max_iter)
{
    cd_model M;
    arb_t tol, s3, t, b1, b2;
    slong prec, cap = WORD(1) << 62, kt, kc, k = -1;
    kd_status st = KD_OK;

    arb_init(M.rho);
    arb_init(M.rho2);
    arb_init(M.Ec);
    arb_init(M.u1);
    arb_init(M.u2);
    arb_init(M.L);
    arb_init(M.one_m);
    arb_init(tol);
    arb_init(s3);
    arb_init(t);
    arb_init(b1);
    arb_init(b2);
    arb_set_d(tol, reltol);
    for (prec = 128; prec <= 4096 && k < 0; prec *= 2)
    {
        M.prec = prec;
        if ((st = _kd_lasso_eval_rho(M.rho, M.rho2, delta, prec)) != KD_OK)
            break;
        arb_set_fmpq(M.L, Lambda, prec);
        arb_rsqrt_ui(s3, 3, prec);                       /* 1/sqrt(3) */
        arb_add_ui(t, M.rho, 1, prec);
        arb_div(M.u1, M.L, t, prec);                     /* L/(1+rho) */
        arb_sub(M.u2, s3, M.u1, prec);
        arb_mul(M.Ec, M.u2, M.rho, prec);
        arb_neg(M.u1, M.u1);
        arb_sub_ui(M.one_m, M.rho2, 1, prec);
        arb_neg(M.one_m, M.one_m);
        if (!arb_is_positive(M.one_m))
        {
            st = kd_error_set(KD_ERR_ARG, "the prediction needs delta != 0");
            break;
        }
        kc = first_true(&M, tol, 1, 1, cap);
        if (kc < 0)
            continue;
        if (kc == 1)
        {
            st = kd_error_set(KD_ERR_ARG, "the prediction needs rho/sqrt(3) > Lambda");
            break;
        }
        kt = kc <= 2 ? kc : first_true(&M, tol, 0, 2, kc);
        if (kt < 0)
            continue;
        if (kt < kc)
        {
            k = kt;
            break;
        }
        /* event (C) at kc: the changes to b1 = 0 and b2 = b2* */
        model_b(b1, b2, &M, kc - 1);
        arb_add_ui(t, b1, 1, prec);
        arb_div(t, b1, t, prec);
        if (arb_lt(t, tol))
        {
            arb_sub(t, s3, M.L, prec);
            arb_sub(t, t, b2, prec);
            arb_abs(t, t);
            arb_add_ui(b2, b2, 1, prec);
            arb_div(t, t, b2, prec);
            if (arb_lt(t, tol))
                k = kc;
            else if (arb_ge(t, tol))
                k = kc + 1;
        }
        else if (arb_ge(t, tol))
            k = kc + 1;
    }
    if (st == KD_OK && k < 0)
        st = kd_error_set(KD_ERR_UNDECIDED, "cannot decide the predicted sweep count");
    if (st == KD_OK)
    {
        *converged = k <= max_iter;
        *sweeps = k <= max_iter ? k : max_iter;
    }
    arb_clear(M.rho);
    arb_clear(M.rho2);
    arb_clear(M.Ec);
    arb_clear(M.u1);
    arb_clear(M.u2);
    arb_clear(M.L);
    arb_clear(M.one_m);
    arb_clear(tol);
    arb_clear(s3);
    arb_clear(t);
    arb_clear(b1);
    arb_clear(b2);
    return st;
}

void
kd_lasso_cell_init(kd_lasso_cell_t C)
{
    memset(C, 0, sizeof *C);
    fmpq_mat_init(C->B, 2, 1);
    arb_init(&C->error);
    arb_indeterminate(&C->error);
    C->predicted_sweeps = -1;
}

void
kd_lasso_cell_clear(kd_lasso_cell_t C)
{
    fmpq_mat_clear(C->B);
    arb_clear(&C->error);
}

/* Directly in balls: B is exact, so the radius is that of V and of the
   rounding at prec bits. */
void
_kd_lasso_dist(arb_t d, const fmpq_mat_t B, const arb_mat_t V, slong prec)
{
    arb_t t;
    slong j;
    arb_init(t);
    arb_zero(d);
    for (j = 0; j < 2; j++)
    {
        arb_set_fmpq(t, fmpq_mat_entry(B, j, 0), prec);
        arb_sub(t, t, arb_mat_entry(V, j, 0), prec);
        arb_addmul(d, t, t, prec);
    }
    arb_sqrtpos(d, d, prec);
    arb_clear(t);
}

/* Sweeps of the calibration run (a few hundredths of a second). */
#define CALIB_SWEEPS 1000000L

kd_status
kd_lasso_probe_cell(kd_lasso_cell_t C, const kd_real_t delta, const fmpq_t Lambda,
                    kd_lasso_setting s, const arb_mat_t Bstar, slong run_limit)
{
    fmpq_mat_t A, y;
    kd_iter_cd_opts_t opts, copts;
    kd_iter_result_t R;
    kd_arith_t ar;
    kd_status st;
    slong pred = -1;
    int conv = 0, full;

    fmpq_mat_init(A, 3, 2);
    fmpq_mat_init(y, 3, 1);
    kd_iter_result_init(R);
    kd_arith_set_double(ar);
    C->setting = s;
    C->predicted = 0;
    kd_lasso_setting_opts(opts, s);
    if ((st = kd_lasso_probe_round_double(A, y, delta, 0)) != KD_OK)
        goto done;
    if (!kd_real_is_zero(delta)
        && kd_lasso_probe_predict_sweeps(&pred, &conv, delta, Lambda, opts->tol,
                                         opts->max_iter) == KD_OK)
        C->predicted_sweeps = pred;
    else
        pred = -1;
    /* calibration: also the whole run when it stops early (e.g. the
       bit-identical standardised columns for delta <= 2^-28) */
    *copts = *opts;
    if (copts->max_iter > CALIB_SWEEPS)
        copts->max_iter = CALIB_SWEEPS;
    if ((st = kd_iter_cd_matlab(R, A, y, Lambda, copts, ar)) != KD_OK)
        goto done;
    full = R->iterations < copts->max_iter || copts->max_iter == opts->max_iter;
    if (!full && (pred < 0 || pred > run_limit))
    {
        double rate = R->seconds / (double) R->iterations;
        C->predicted = 1;
        C->sweeps = pred >= 0 ? pred : opts->max_iter;
        C->warned = pred >= 0 ? !conv : 1;
        C->seconds = rate * (double) C->sweeps;
        /* in exact arithmetic event (C) lands on b*: error 0, right support */
        C->verdict = KD_LASSO_RIGHT_SUPPORT;
        arb_indeterminate(&C->error);
        fmpq_mat_zero(C->B);
        goto done;
    }
    if (!full && (st = kd_iter_cd_matlab(R, A, y, Lambda, opts, ar)) != KD_OK)
        goto done;
    C->sweeps = R->iterations;
    C->warned = R->warned;
    C->seconds = R->seconds;
    fmpq_mat_set(C->B, R->B);
    C->verdict = kd_lasso_verdict_of(C->B);
    _kd_lasso_dist(&C->error, C->B, Bstar, 256);
done:
    kd_iter_result_clear(R);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    return st;
}

/* the P2 problem of the rational data in MATLAB's convention, centred and
   standardised exactly when pre != 0, else taken as X0, Y0 as they are */
static kd_status
rational_problem(kd_problem_t P, const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_t Lambda,
                 int pre)
{
    kd_mat_t Am, ym;
    kd_real_t L, v;
    slong i, j;
    kd_status st;

    kd_mat_init(Am, 3, 2);
    kd_mat_init(ym, 3, 1);
    kd_real_init(L);
    kd_real_init(v);
    for (i = 0; i < 3; i++)
    {
        for (j = 0; j < 2; j++)
        {
            kd_real_set_fmpq(v, fmpq_mat_entry(A, i, j));
            kd_mat_set_entry_real(Am, i, j, v);
        }
        kd_real_set_fmpq(v, fmpq_mat_entry(y, i, 0));
        kd_mat_set_entry_real(ym, i, 0, v);
    }
    kd_real_set_fmpq(L, Lambda);
    kd_problem_clear(P);    /* the constructor initialises P itself */
    st = kd_problem_init_scaled(P, Am, ym, L, KD_SCALED_HALF_MEAN, pre, pre, 0);
    kd_mat_clear(Am);
    kd_mat_clear(ym);
    kd_real_clear(L);
    kd_real_clear(v);
    return st;
}

kd_status
kd_lasso_probe_input_support(int * support, int * sigma_equal, const fmpq_mat_t A,
                             const fmpq_mat_t y, const fmpq_t Lambda, slong std_prec)
{
    fmpq_mat_t X0, Y0;
    kd_problem_t P;
    kd_truth_set_t T;
    kd_status st = KD_OK;
    slong j;

    fmpq_mat_init(X0, 0, 0);
    fmpq_mat_init(Y0, 0, 0);
    kd_problem_init_empty(P);
    kd_truth_set_init(T, fmpq_mat_ncols(A));
    *support = -1;
    if (sigma_equal)
        *sigma_equal = 0;
    if (std_prec > 0)
        st = kd_lasso_standardize_prec(X0, Y0, sigma_equal, A, y, std_prec);
    if (st != KD_OK
        || (st = rational_problem(P, std_prec > 0 ? X0 : A, std_prec > 0 ? Y0 : y, Lambda,
                                  std_prec <= 0)) != KD_OK
        || (st = kd_truth_set_compute(T, P, 64, 128)) != KD_OK)
        goto done;
    if (T->found == KD_TRUE && T->unique == KD_TRUE)
    {
        *support = 0;
        for (j = 0; j < fmpq_mat_ncols(A); j++)
        {
            if (arb_is_zero(arb_mat_entry(&T->x, j, 0)))
                continue;
            if (!arb_contains_zero(arb_mat_entry(&T->x, j, 0)))
                *support |= 1 << j;
            else
            {
                *support = -1;
                break;
            }
        }
    }
done:
    kd_truth_set_clear(T);
    kd_problem_clear(P);
    fmpq_mat_clear(X0);
    fmpq_mat_clear(Y0);
    return st;
}

kd_status
kd_lasso_probe_rounded_support(int * support, int * differs, int * sigma_equal,
                               const kd_real_t delta, const fmpq_t Lambda, slong std_prec)
{
    fmpq_mat_t A, y;
    kd_status st;

    fmpq_mat_init(A, 3, 2);
    fmpq_mat_init(y, 3, 1);
    *support = -1;
    if (sigma_equal)
        *sigma_equal = 0;
    if ((st = kd_lasso_probe_round_double(A, y, delta, 0)) == KD_OK)
        st = kd_lasso_probe_input_support(support, sigma_equal, A, y, Lambda, std_prec);
    /* a non-point (or uncertified) solution set is not the truth either */
    *differs = *support != 2;
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    return st;
}

void
kd_lasso_prec_row_init(kd_lasso_prec_row_t R)
{
    memset(R, 0, sizeof *R);
    fmpq_mat_init(R->B, 2, 1);
    arb_init(&R->error);
    R->support = -1;
}

void
kd_lasso_prec_row_clear(kd_lasso_prec_row_t R)
{
    fmpq_mat_clear(R->B);
    arb_clear(&R->error);
}

kd_status
kd_lasso_probe_prec_row(kd_lasso_prec_row_t R, const kd_real_t delta, const fmpq_t Lambda,
                        slong p, kd_lasso_setting s, const arb_mat_t Bstar)
{
    fmpq_mat_t A, y;
    kd_iter_cd_opts_t opts;
    kd_iter_result_t It;
    kd_arith_t ar;
    kd_status st;

    fmpq_mat_init(A, 3, 2);
    fmpq_mat_init(y, 3, 1);
    kd_iter_result_init(It);
    R->prec = p;
    kd_lasso_setting_opts(opts, s);
    if (s == KD_LASSO_SETTING_RELTOL_EPS_MAXITER)
    {
        st = kd_error_set(KD_ERR_ARG, "the precision sweep runs the default and reltol-eps "
                          "settings only (MaxIter = 1/eps would not finish)");
        goto done;
    }
    if (p == 53)
        kd_arith_set_double(ar);
    else if ((st = kd_arith_set_mpfr(ar, p)) != KD_OK)
        goto done;
    if ((st = kd_lasso_probe_round_prec(A, y, delta, 0, p)) != KD_OK
        || (st = kd_lasso_probe_input_support(&R->support, &R->sigma_equal, A, y, Lambda,
                                              p)) != KD_OK
        || (st = kd_iter_cd_matlab(It, A, y, Lambda, opts, ar)) != KD_OK)
        goto done;
    R->sweeps = It->iterations;
    R->warned = It->warned;
    R->seconds = It->seconds;
    fmpq_mat_set(R->B, It->B);
    R->verdict = kd_lasso_verdict_of(R->B);
    _kd_lasso_dist(&R->error, R->B, Bstar, 256);
done:
    kd_iter_result_clear(It);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    return st;
}

const char *
kd_lasso_side_name(kd_lasso_side n)
{
    return n == KD_LASSO_NEARER_BSTAR ? "B*" : n == KD_LASSO_NEARER_WRONG ? "wrong vertex"
         : n == KD_LASSO_EQUIDISTANT ? "equidistant" : "undecided";
}

kd_lasso_side
kd_lasso_nearer(const fmpq_mat_t B, const fmpq_t Lambda)
{
    /* ||B - B*||^2 - ||B - W||^2 = 2 c (B_1 - B_2), c = 1 - sqrt(3) Lambda:
       with c > 0, B is nearer B* iff B_1 < B_2 (exact comparison) */
    arb_t c;
    int pos, cmp;
    arb_init(c);
    _kd_lasso_eval_c(c, Lambda, 128);
    pos = arb_is_positive(c);
    arb_clear(c);
    if (!pos)
        return KD_LASSO_NEARER_UNDECIDED;
    cmp = fmpq_cmp(fmpq_mat_entry(B, 0, 0), fmpq_mat_entry(B, 1, 0));
    return cmp < 0 ? KD_LASSO_NEARER_BSTAR : cmp > 0 ? KD_LASSO_NEARER_WRONG
         : KD_LASSO_EQUIDISTANT;
}

kd_status
kd_lasso_probe_breakdown(arb_t kappa, arb_t eps_b, arb_mat_t mid, const fmpq_t Lambda,
                         slong prec)
{
    arb_t c, t;
    kd_status st = KD_OK;

    arb_init(c);
    arb_init(t);
    /* c = 1 - sqrt(3) Lambda must be certified positive, Lambda > 0 */
    _kd_lasso_eval_c(c, Lambda, prec);
    if (fmpq_sgn(Lambda) <= 0 || !arb_is_positive(c))
    {
        st = kd_error_set(KD_ERR_ARG, "Lambda must lie in (0, 1/sqrt(3)) for the breakdown "
                          "epsilon of the LASSO-probe class");
        goto out;
    }
    arb_sqrt_ui(t, 2, prec);
    arb_mul(kappa, t, c, prec);
    arb_mul_2exp_si(eps_b, kappa, -1);
    arb_mat_zero(mid);
    arb_mul_2exp_si(arb_mat_entry(mid, 0, 0), c, -1);
    arb_set(arb_mat_entry(mid, 1, 0), arb_mat_entry(mid, 0, 0));
out:
    arb_clear(c);
    arb_clear(t);
    return st;
}
