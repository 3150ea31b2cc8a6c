/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The iterative solvers practitioners use (ISTA, FISTA, Chambolle-Pock,
   FIRENET, coordinate descent), run in a chosen working arithmetic: IEEE
   double, or MPFR at any precision, from one implementation. */
#ifndef KDIGITS_ITER_H
#define KDIGITS_ITER_H

#include "kdigits/deps.h"
#include "kdigits/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
   Working arithmetic

   Every solver below is written once (src/iter/impl.h) against a handful of
   scalar operations and compiled twice: for IEEE double, and for MPFR at a
   precision of p bits. Only +, -, *, /, sqrt rounded to nearest (ties to
   even), exact negation and absolute value, exact scaling by powers of two,
   and comparisons are used, in an order fixed by the source, with no fused
   multiply-add. These are the operations on which MPFR at p = 53 and IEEE
   binary64 agree bit for bit, so:

       a run with KD_BACKEND_MPFR at p = 53 returns exactly the same iterate
       and iteration count as the same run with KD_BACKEND_DOUBLE,

   provided no intermediate value overflows or falls into double's
   subnormal range (MPFR's exponent range is far wider than double's; the
   data are rejected if they do not fit, but an iteration may still diverge).

   Complex data are handled as pairs of reals inside the same template:
   (a + ib)(c + id) = (ac - bd) + i(ad + bc), |u| = sqrt(re^2 + im^2), each
   step rounded to nearest. This is deliberately neither C's complex
   multiplication nor MPC's correctly rounded mpc_mul (which round
   differently); it is what makes the two backends agree on complex data.
   ------------------------------------------------------------------------ */

typedef enum
{
    KD_BACKEND_DOUBLE = 0,      /* IEEE binary64, hardware arithmetic */
    KD_BACKEND_MPFR = 1,        /* MPFR with p-bit significands, MPFR_RNDN */
    KD_BACKEND_ARB = 2          /* Arb midpoints (arf) with p-bit rounding to
                                   nearest per scalar operation, and the dense
                                   products A x, A^* r one dot product per
                                   row/column rounded once (up to ~180
                                   bits: exact integer digit products,
                                   solvers.md §7; else arb_approx_dot), so
                                   results differ from the MPFR backend's in
                                   the last bits; coordinate descent refuses
                                   it */
} kd_backend;

typedef struct
{
    kd_backend backend;
    slong prec;                 /* 53 for KD_BACKEND_DOUBLE */
}
kd_arith_struct;

typedef kd_arith_struct kd_arith_t[1];

/* Bounds on the MPFR working precision accepted by kd_arith_set_mpfr. */
#define KD_ARITH_PREC_MIN 2
#define KD_ARITH_PREC_MAX 1048576

void kd_arith_set_double(kd_arith_t a);
/* MPFR at prec bits; KD_ERR_ARG unless KD_ARITH_PREC_MIN <= prec <=
   KD_ARITH_PREC_MAX (a is then left unchanged). */
kd_status kd_arith_set_mpfr(kd_arith_t a, slong prec);
/* "double", "mpfr-<p>" or "arb-<p>" (a static or thread-local buffer; do not free). */
/* The Arb backend at prec bits (same range as MPFR). */
kd_status kd_arith_set_arb(kd_arith_t a, slong prec);
const char * kd_arith_name(const kd_arith_t a);

/* r = q rounded to nearest in the working format of a: mpfr_set_q at
   a->prec bits with MPFR_RNDN; for double the same at 53 bits (so both
   backends start from identical data). KD_ERR_ARG when the rounded value
   is outside double's normal range (zero excepted) for the double backend. */
kd_status kd_arith_round_fmpq(fmpq_t r, const fmpq_t q, const kd_arith_t a);

/* ------------------------------------------------------------------------
   Input data

   The data are exact: A = A_re + i A_im (m x N), y = y_re + i y_im (m x 1),
   weights w (N x 1, all > 0; NULL means w = 1). A_im and y_im may be NULL
   (real data; if exactly one of them is NULL the missing part is zero). A
   solver rounds every entry to nearest in the working format
   (kd_arith_round_fmpq) and iterates on the rounded data. The struct only
   points to the caller's matrices: nothing is copied, nothing to clear.
   ------------------------------------------------------------------------ */

struct kd_op_struct;

typedef struct
{
    const fmpq_mat_struct * A_re;
    const fmpq_mat_struct * A_im;
    const fmpq_mat_struct * y_re;
    const fmpq_mat_struct * y_im;
    const fmpq_mat_struct * w;
    const struct kd_op_struct * op;     /* a matrix-free operator instead of A
                                           (kd_iter_data_init_op), else NULL */
}
kd_iter_data_struct;

typedef kd_iter_data_struct kd_iter_data_t[1];

void kd_iter_data_init(kd_iter_data_t D, const fmpq_mat_t A_re, const fmpq_mat_t A_im,
                       const fmpq_mat_t y_re, const fmpq_mat_t y_im, const fmpq_mat_t w);

/* Data with a matrix-free operator A (kdigits/op.h, not copied) instead of
   a dense matrix: ISTA, FISTA, PD and FIRENET then apply A and A^* in
   O(N log N) per product in the working arithmetic (double: kd_op_apply_d;
   MPFR: kd_op_apply_acb at the working precision, midpoints rounded to
   nearest), never forming A. L_A is the structural bound
   kd_op_opnorm_ubound (1 for P_Omega U) times (1 + 2^-20), the margin for
   the working arithmetic's transform (operators.md §4). The MPFR-53 =
   double identity of the dense path does not hold here (different
   transforms), and coordinate descent refuses operators. */
void kd_iter_data_init_op(kd_iter_data_t D, const struct kd_op_struct * A,
                          const fmpq_mat_t y_re, const fmpq_mat_t y_im, const fmpq_mat_t w);

/* ------------------------------------------------------------------------
   Certified operator-norm bound

   Sets L to an upper bound of ||A||_2, A = A_re + i A_im exact (A_im may be
   NULL; KD_ERR_SIZE if its shape differs), computed in ball arithmetic at
   prec bits (64 is plenty) and returned as an exact arf: L is a certified
   upper bound of

       min( ||A||_F, sqrt(||A||_1 ||A||_inf), ||G^s||_F^(1/(2s)) ),

   each of which is >= ||A||_2. G = A^*A or AA^* (the smaller, k x k with
   k = min(m, N)) and s = 2^j is reached by j squarings in Arb. Since
   ||G||_2^s <= ||G^s||_F <= sqrt(k) ||G||_2^s, the last bound exceeds
   ||A||_2 by a factor <= k^(1/(4s)); j (<= 8) is the least making that
   <= 1.01 within a budget of about 10^9 scalar products (m N k for G,
   k^3 per squaring; G is skipped when m N k alone exceeds it). In practice
   the bound is within 1e-10 relative of ||A||_2 once the largest singular
   value is separated. A zero matrix gives L = 0.

   Larger matrices (m N k > 10^9, or too few squarings for the 1.01
   factor): a floating-point Cholesky certificate of c I - A A^* in IEEE
   double with a priori rounding bounds (proofs-notes/solvers.md §6; Gram
   matrix k^2 n/2 operations, a Lanczos shift, one k^3/6 factorisation)
   gives a bound within ~1e-6 relative. For m N k > 10^9 it is the bound
   when it succeeds; otherwise it joins the minimum above.
   ------------------------------------------------------------------------ */
kd_status kd_iter_opnorm_ubound(arf_t L, const fmpq_mat_t A_re, const fmpq_mat_t A_im,
                                slong prec);

/* ------------------------------------------------------------------------
   Results
   ------------------------------------------------------------------------ */

typedef enum
{
    KD_ITER_STOP_TOLERANCE = 0, /* the method's own stopping test fired */
    KD_ITER_STOP_MAX_ITER,      /* the iteration cap was reached */
    KD_ITER_STOP_COMPLETED,     /* a fixed-length method (FIRENET) ran to its end */
    KD_ITER_STOP_NONFINITE      /* the output has an Inf or NaN (double backend,
                                   e.g. a divergent iteration); x is then set
                                   to zero */
} kd_iter_stop;

/* "tolerance", "max-iterations", "completed", "non-finite". */
const char * kd_iter_stop_name(kd_iter_stop s);

typedef struct
{
    /* every method */
    fmpq_mat_t x_re;            /* N x 1: the exact values of the final floats */
    fmpq_mat_t x_im;            /* N x 1: zero for real data */
    int is_complex;
    slong iterations;           /* iterations; FIRENET: n p inner steps;
                                   coordinate descent: sweeps (MATLAB's count) */
    kd_iter_stop stop;
    double seconds;             /* wall time of the iteration itself (input
                                   rounding, step-size bounds and the exact
                                   conversion of the output are excluded) */
    slong prec;                 /* working precision (53 for double) */
    /* step sizes actually used (exact values of the working-format numbers);
       zero where a method has none */
    fmpq_t L_A;                 /* ISTA/FISTA/PD/FIRENET: the ||A||_2 bound used */
    fmpq_t step;                /* ISTA/FISTA: 1/L with L >= 2 ||A||_2^2 */
    fmpq_t tau;                 /* PD/FIRENET: primal step */
    fmpq_t sigma;               /* PD/FIRENET: dual step */
    /* FIRENET */
    slong layers;               /* 3 n p + 1 */
    /* coordinate descent (scaled LASSO) */
    fmpq_mat_t B;               /* N x 1: coefficients on the original scale */
    fmpq_t intercept;           /* mean(y) - mu^T B (0 without intercept) */
    int warned;                 /* the iteration cap was reached ("maximum
                                   iterations reached" in MATLAB, glmnet's
                                   jerr = -m) */
    /* primal-dual methods (PD P3/P1): the last dual iterate z (m x 1, the
       exact values of the floats; 0 x 1 for the other methods), a dual
       candidate for the certified gap (kd_op_gap_ubound_dual) */
    fmpq_mat_t z_re;
    fmpq_mat_t z_im;
}
kd_iter_result_struct;

typedef kd_iter_result_struct kd_iter_result_t[1];

void kd_iter_result_init(kd_iter_result_t R);
void kd_iter_result_clear(kd_iter_result_t R);

/* What an observer of FIRENET sees (kd_iter_firenet_params's observe):
   after inner step l of restart k, the primal-dual iterate (x^l, z^l) of
   the rescaled problem (b = alpha_k y; x^l / alpha_k is the iterate of the
   original problem, z^l its dual iterate); after the restart, its output
   psi_k (step 0, scale 1, no dual). The values are the working numbers
   rounded to nearest double (exact for the double backend); the arrays
   are valid during the call only. ISTA, FISTA and PD (kd_iter_opts'
   observe) call it after every observe_every-th iteration k with
   restart = k, step = -1, scale 1 and (PD) the dual iterate z^k. */
typedef struct
{
    slong restart;              /* k, 1..n */
    slong step;                 /* l, 1..p; 0: the restart's output psi_k */
    slong N, m;
    const double * x_re;        /* N */
    const double * x_im;        /* N; NULL for real data */
    const double * z_re;        /* m; NULL at step 0 */
    const double * z_im;        /* m; NULL at step 0 or for real data */
    double scale;               /* alpha_k (1 at step 0) */
}
kd_iter_state_struct;

/* Called by kd_iter_firenet after every inner step and every restart (and
   by ISTA, FISTA, PD as set in kd_iter_opts); a status other than KD_OK
   stops the run, which returns it. */
typedef kd_status (*kd_iter_observer)(const kd_iter_state_struct * s, void * arg);

/* ------------------------------------------------------------------------
   Options of the first-order methods (ISTA, FISTA, primal-dual)
   ------------------------------------------------------------------------ */

typedef struct
{
    slong max_iter;             /* >= 1; default 10000 */
    double tol;                 /* stop when max_i |x^{k+1}_i - x^k_i| <= tol
                                   (real and imaginary parts separately; for
                                   PD the dual change counts too), tol rounded
                                   to the working format. 0 (the default):
                                   stop when the iterate no longer changes,
                                   which rounding may prevent (the iteration
                                   can end in a cycle of nearby floats; then
                                   max_iter stops it); negative: run exactly
                                   max_iter iterations */
    kd_iter_observer observe;   /* NULL (default) or called every
                                   observe_every iterations (ISTA, FISTA, PD) */
    void * observe_arg;
    slong observe_every;        /* >= 1 (default 1) */
}
kd_iter_opts_struct;

typedef kd_iter_opts_struct kd_iter_opts_t[1];

void kd_iter_opts_init(kd_iter_opts_t opts);

/* All solvers start from x = 0 (and dual z = 0) and return KD_OK with the
   result in R, or an error with R unchanged: KD_ERR_SIZE when the sizes of
   D disagree, KD_ERR_ARG for a bad parameter or option (the message says
   which), KD_ERR_NOMEM. */

/* ISTA for P2 (U-LASSO), min lambda ||x||_{1,w} + ||Ax - y||_2^2 (no 1/2):
       x <- S_{t lambda w}(x - 2t A^*(Ax - y)),
   t = RD(1/(2 L_A^2)) with L_A the certified bound of kd_iter_opnorm_ubound
   (applied to the exact A, plus ||A_rounded - A||_F so that it also bounds
   the rounded matrix), rounded up to the working format; so t <= 1/L with
   L = 2||A||_2^2 the Lipschitz constant of the gradient. S is the weighted
   soft threshold, sgn(u) = u/|u| for complex u. lambda > 0. */
kd_status kd_iter_ista(kd_iter_result_t R, const kd_iter_data_t D, const fmpq_t lambda,
                       const kd_iter_opts_t opts, const kd_arith_t arith);

/* FISTA (Beck-Teboulle 2009, constant step) for P2 with the same step and
   prox: x_k = prox(v_k), t_{k+1} = (1 + sqrt(1 + 4 t_k^2))/2,
   v_{k+1} = x_k + ((t_k - 1)/t_{k+1})(x_k - x_{k-1}). */
kd_status kd_iter_fista(kd_iter_result_t R, const kd_iter_data_t D, const fmpq_t lambda,
                        const kd_iter_opts_t opts, const kd_arith_t arith);

/* Chambolle-Pock (2011) primal-dual iteration for P3 (SR-LASSO),
   min lambda ||x||_{1,w} + ||Ax - y||_2, lambda > 0:
       x^{k+1} = S_{tau lambda w}(x^k - tau A^* z^k)
       z^{k+1} = P(z^k + sigma A(2x^{k+1} - x^k) - sigma y),
   P(v) = v min(1, 1/||v||_2); returns the last x. tau = sigma = the largest
   working-format number <= RD(1/L_A) with tau sigma L_A^2 < 1 (checked
   exactly), so tau sigma ||A||_2^2 < 1 is certified. */
kd_status kd_iter_pd_p3(kd_iter_result_t R, const kd_iter_data_t D, const fmpq_t lambda,
                        const kd_iter_opts_t opts, const kd_arith_t arith);

/* The same for P1 (QCBP), min ||x||_{1,w} s.t. ||Ax - y||_2 <= eta, eta >= 0.
   The dual prox is that of the conjugate of the indicator of the ball
   ||v - y|| <= eta; by Moreau's identity prox(v) = v - sigma proj(v/sigma),
   evaluated as the vector shrinkage u max(0, 1 - sigma eta/||u||),
   u = v - sigma y. */
kd_status kd_iter_pd_p1(kd_iter_result_t R, const kd_iter_data_t D, const fmpq_t eta,
                        const kd_iter_opts_t opts, const kd_arith_t arith);

/* ------------------------------------------------------------------------
   FIRENET (Colbrook-Antun-Hansen 2022; theory.md §7): n restarts of p
   Chambolle-Pock steps for weighted P3, unrolled into 3np + 1 layers.
       eps <- e^{-1}(delta + eps);  beta = eps/(2 L_A);  alpha = 1/(beta p)
       psi_k = Inner(b = alpha y, x0 = alpha psi_{k-1}) / alpha
   Inner is the PD iteration above from dual z = 0, returning the average of
   x^1..x^p. e^{-1} is the correctly rounded value at the working precision
   (MPFR's exp, converted), never libm's.
   ------------------------------------------------------------------------ */

typedef struct
{
    slong p;                    /* inner steps per restart, >= 1; default 50 */
    slong n;                    /* restarts, >= 1; default 30 */
    fmpq_t delta;               /* > 0; default 10^-6 */
    fmpq_t eps0;                /* > 0; 0 (default): ||y||_2 in working arithmetic */
    fmpq_t L_A;                 /* >= ||A||_2 expected; 0 (default): the certified
                                   bound (as for the other methods) */
    int replicate_published_steps;
                                /* 0 (default): tau = sigma chosen as in
                                   kd_iter_pd_p3 from L_A (tau sigma L_A^2 < 1);
                                   1: the authors' tau = sigma = sqrt(1/L_A),
                                   i.e. RN(sqrt(RN(1/L_A))); then tau sigma
                                   = 1/L_A, which violates tau sigma ||A||^2
                                   < 1 when L_A = ||A||_2 >= 1 */
    kd_iter_observer observe;  /* NULL (default) or called at every step */
    void * observe_arg;
}
kd_iter_firenet_params_struct;

typedef kd_iter_firenet_params_struct kd_iter_firenet_params_t[1];

void kd_iter_firenet_params_init(kd_iter_firenet_params_t P);
void kd_iter_firenet_params_clear(kd_iter_firenet_params_t P);

/* Runs FIRENET for weighted P3 with parameter lambda > 0; R->layers is
   3np + 1, R->iterations np, R->stop KD_ITER_STOP_COMPLETED (or
   KD_ITER_STOP_NONFINITE). */
kd_status kd_iter_firenet(kd_iter_result_t R, const kd_iter_data_t D, const fmpq_t lambda,
                          const kd_iter_firenet_params_t P, const kd_arith_t arith);

/* ------------------------------------------------------------------------
   Cyclic coordinate descent for the scaled LASSO
       min_b (1/(2m)) ||X0 b - Y0||_2^2 + Lambda ||b||_1
   (MATLAB's lasso, glmnet and scikit-learn's convention; the lecture-slide
   convention (1/m)||.||^2 + lambda ||.||_1 is Lambda = lambda/2). X is m x N
   real, y m x 1, Lambda > 0.

   Preprocessing (in working arithmetic): mu_j = (sum_i X_ij)/m and
   Y0 = y - (sum_i y_i)/m when intercept (else mu = 0, Y0 = y);
   sigma_j = sqrt(sum_i (X_ij - mu_j)^2 / m) (population std; 1 for a
   constant column or without standardize); X0 = (X - mu)/sigma.
   The update of coordinate j is z = (X0_j^T r)/m + s_j b_j,
   b_j <- soft(z, Lambda)/s_j, r <- r - X0_j (new - b_j), with s_j = 1
   exactly (no operation) when standardized, else s_j = sum_i X0_ij^2/m.
   Output: R->x = b (standardized scale), R->B = b/sigma (original scale),
   R->intercept = mean(y) - sum_j mu_j B_j, R->iterations = sweeps,
   R->warned, R->stop.
   ------------------------------------------------------------------------ */

typedef struct
{
    double tol;                 /* MATLAB RelTol (default 1e-4) or glmnet
                                   thresh (default 1e-7); > 0 */
    slong max_iter;             /* MATLAB MaxIter (default 1e5) or glmnet maxit
                                   (default 1e5); >= 1 */
    int standardize;            /* default 1 */
    int intercept;              /* default 1: centre X and y */
}
kd_iter_cd_opts_struct;

typedef kd_iter_cd_opts_struct kd_iter_cd_opts_t[1];

void kd_iter_cd_opts_init_matlab(kd_iter_cd_opts_t opts);
void kd_iter_cd_opts_init_glmnet(kd_iter_cd_opts_t opts);

/* MATLAB's rule (lasso-probe.md §3, exactly): b = 0, r = Y0, active = {};
   each iteration (sweep) copies b_old = b and updates the active
   coordinates in column order; when max_j |b_j - b_old_j|/(1 + |b_old_j|)
   < RelTol it sets b_old = b, screens P = { j : |X0_j^T (Y0 - X0 b)| >
   Lambda } (residual recomputed, no 1/m: the reconstruction that
   reproduces the published table), sweeps active u P once if P is not
   empty, stops if active u P = active, else enlarges the active set and
   stops if the relative change since b_old is < RelTol. Reaching MaxIter
   sets R->warned. */
kd_status kd_iter_cd_matlab(kd_iter_result_t R, const fmpq_mat_t X, const fmpq_mat_t y,
                            const fmpq_t Lambda, const kd_iter_cd_opts_t opts,
                            const kd_arith_t arith);

/* glmnet's rule (Friedman-Hastie-Tibshirani 2010, the naive update):
   alternate a full sweep over all coordinates with sweeps over the ever
   active set until their largest weighted change max_j xv_j (Delta b_j)^2
   is < thr; stop when a full sweep has it < thr. xv_j = 1 when
   standardized (else s_j), and thr = thresh var(Y0) with
   var(Y0) = sum Y0_i^2/m: glmnet standardizes y to unit variance, so its
   thresh is relative to the null deviance (thr = thresh for standardized
   y). Reaching maxit sweeps without converging sets R->warned. */
kd_status kd_iter_cd_glmnet(kd_iter_result_t R, const fmpq_mat_t X, const fmpq_mat_t y,
                            const fmpq_t Lambda, const kd_iter_cd_opts_t opts,
                            const kd_arith_t arith);

#ifdef __cplusplus
}
#endif
#endif
