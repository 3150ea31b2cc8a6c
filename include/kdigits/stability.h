/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Stability of reconstruction maps with certified bounds: the worst-case
   perturbation search of Antun et al. (PNAS 2020) on LISTA, unrolled ISTA
   and FIRENET, the certified sandwich lower <= Lip(Psi) <= upper around
   what it finds, and the troublesome kernel (Gottschling-Antun-Adcock-
   Hansen) made exact. Proofs: proofs-notes/stability.md. */
#ifndef KDIGITS_STABILITY_H
#define KDIGITS_STABILITY_H

#include "kdigits/mat.h"
#include "kdigits/lista.h"
#include "kdigits/omega.h"
#include "kdigits/op.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ the maps

   A reconstruction map Psi : R^m -> R^N with fixed parameters, all of them
   exact dyadic rationals (the stored doubles), so Psi is a well-defined
   mathematical map:
   - LISTA and ISTA: the network of kdigits/lista.h (ISTA: the weights of
     kd_lista_set_ista, L steps of ISTA for (1/2)||Bx - y||^2 + lambda ||x||_1).
   - FIRENET (theory.md §7, w = 1): n restarts of p Chambolle-Pock steps for
     P3 with matrix A, lambda, tau = sigma = t, the scales alpha_1..alpha_n
     fixed once (from eps0, delta and L_A at construction):
         psi_0 = 0; for k = 1..n: x^0 = alpha_k psi_{k-1}, z^0 = 0,
           x^{j+1} = S_{t lambda}(x^j - t A^T z^j),
           z^{j+1} = P(z^j + t A (2 x^{j+1} - x^j) - t alpha_k y),
           psi_k = (x^1 + ... + x^p) / (p alpha_k);
         Psi(y) = psi_n,   P(v) = v min(1, 1/||v||_2).
   - EXACT P3: Psi(y) = the minimiser of lambda ||x||_1 + ||A x - y||_2 for
     the exact A (rational or algebraic) and lambda, where it is unique;
     evaluated by the certified truth (kdigits/truth.h). The search runs on
     the map's closed form on the pattern (support E, signs s) of y
     (proofs-notes/stability.md §2.3); the upper bound holds on that
     pattern region. */
typedef enum
{
    KD_STAB_LISTA = 0,
    KD_STAB_ISTA,
    KD_STAB_FIRENET,
    KD_STAB_EXACT_P3            /* the exact P3 solution map (below) */
} kd_stab_kind;

/* "lista", "ista", "firenet", "exact-p3"; parse: KD_ERR_ARG for another name. */
const char * kd_stab_kind_name(kd_stab_kind k);
kd_status kd_stab_kind_parse(kd_stab_kind * k, const char * s);

typedef struct
{
    kd_stab_kind kind;
    slong m, N;
    kd_lista_t net;             /* LISTA, ISTA */
    double * A;                 /* FIRENET: m x N row-major */
    double lambda, t, LA;       /* FIRENET: lambda, tau = sigma = t, ||A||_2 <= LA */
    slong p, n;                 /* FIRENET: inner steps, restarts */
    double * alpha;             /* FIRENET: n scales */
    kd_mat_struct * P3A;        /* EXACT P3: the exact A (owned); lambda above */
    slong p3nE;                 /* EXACT P3: the pattern of y (E, s) */
    slong * p3E;
    int * p3s;
    int p3regime;               /* 1: residual != 0; 2: |E| = m, zero residual; 0: none */
    double * p3model;           /* A_E (m x nE), A_E^+ (nE x m), G^-1 s (nE), double */
    double p3kappa;             /* lambda / sqrt(1 - lambda^2 s^T G^-1 s) (regime 1) */
    const char * p3reason;      /* why no pattern at y (static), else NULL */
    kd_op_struct * op;          /* FIRENET, ISTA on a matrix-free operator: the exact
                                   real operator A (an owned copy); NULL: dense */
    char * opspec;              /* its spec (owned), for the JSON */
    int op_orthonormal;         /* A A^T = I proved (kd_op_opnorm_ubound) */
}
kd_stab_map_struct;

typedef kd_stab_map_struct kd_stab_map_t[1];

void kd_stab_map_init(kd_stab_map_t F);
void kd_stab_map_clear(kd_stab_map_t F);

/* F = the LISTA network (copied), kind LISTA or ISTA (a label only). */
kd_status kd_stab_map_set_lista(kd_stab_map_t F, const kd_lista_t net, kd_stab_kind kind);

/* F = FIRENET for the m x N matrix A (finite doubles), lambda > 0, p, n >= 1,
   t = RD(theta / LA) with LA the certified bound of kd_iter_opnorm_ubound
   rounded up to double and 0 < theta < 1 (so t ||A||_2 <= theta < 1),
   delta > 0, eps0 > 0: alpha_k = p^-1 (2 LA / eps_k), eps_k = e^-1 (delta +
   eps_{k-1}) in double (the values fixed here are the map's parameters).
   KD_ERR_ARG for a bad parameter. */
kd_status kd_stab_map_set_firenet(kd_stab_map_t F, const double * A, slong m, slong N,
                                  double lambda, slong p, slong n, double theta, double delta,
                                  double eps0);

/* F = the exact P3 solution map for A (exact, real, m x N) and lambda > 0
   (a double, read as the exact dyadic it denotes), with the pattern of the
   base point y (exact) certified at prec bits. No certified unique
   minimiser at y is not an error: F->p3reason says why, F->p3regime = 0
   (the search then sees the zero map, the verdict is unknown). */
kd_status kd_stab_map_set_exact_p3(kd_stab_map_t F, const kd_mat_t A, double lambda,
                                   const fmpq_mat_t y, slong prec);

/* The same maps on a matrix-free operator (kdigits/op.h; real: no DFT
   factor, else KD_ERR_ARG), spec its name for the JSON (copied, may be
   NULL). A is copied; it is the exact operator, applied in double
   (kd_op_apply_d, O(N log N)) by the search and in ball arithmetic
   (kd_op_apply_acb) by the certified evaluation, with L_A = the
   structural bound of kd_op_opnorm_ubound (1).
   FIRENET: as kd_stab_map_set_firenet, t = RD(theta / L_A).
   ISTA: layers steps x^0 = 0, x^{k+1} = S_theta(x^k + t A^T (y - A x^k)) with
   t = 1 / L_A^2 and theta = RN(t lambda) (lambda >= 0; layers in [1, 100000]);
   its Lipschitz bound is layers t L_A once t L_A^2 <= 2 is proved
   (proofs-notes/stability.md §2.5). LISTA and exact P3 need a dense matrix:
   kd_stab_run refuses them on an operator. */
kd_status kd_stab_map_set_firenet_op(kd_stab_map_t F, const kd_op_t A, const char * spec,
                                     double lambda, slong p, slong n, double theta,
                                     double delta, double eps0);
kd_status kd_stab_map_set_ista_op(kd_stab_map_t F, const kd_op_t A, const char * spec,
                                  double lambda, slong layers);

/* x (N) = Psi(y) in double (not certified; for the search). */
kd_status kd_stab_map_eval_d(double * x, const kd_stab_map_t F, const double * y);

/* gy (m) = J^T v at y (reverse mode; the kinks of S and P take the
   one-sided derivative used in training); x = Psi(y) unless NULL. */
kd_status kd_stab_map_vjp_d(double * gy, double * x, const kd_stab_map_t F, const double * y,
                            const double * v);

/* x (N x 1 balls) contains Psi(y) for an exact y (m x 1): LISTA and ISTA
   exactly in Q (radius 0), FIRENET in ball arithmetic at prec bits. */
kd_status kd_stab_map_eval_arb(arb_mat_t x, const kd_stab_map_t F, const fmpq_mat_t y,
                               slong prec);

/* *u = a certified upper bound on the global Lipschitz constant of Psi
   (2-norms), proofs-notes/stability.md §2: LISTA/ISTA
   l_{k+1} = ||I - W_k B|| l_k + ||W_k||; FIRENET
   l_k = l_{k-1} / sqrt(1 - q) + (p + 1) t / (2 (1 - q)), q = t LA.
   EXACT P3: no global bound is computed (u indeterminate); kd_stab_search
   gives the bound on the pattern region of y (§2.3). */
kd_status kd_stab_map_lipschitz_ubound(arb_t u, const kd_stab_map_t F, slong prec);

/* ------------------------------------------------------------ the search

   Maximise Q(r) = 1/2 ||Psi(y + A r) - Psi(y)||^2 - (lambda/2) ||r||^2 over
   r in R^N (or its kernel / row-space part) by gradient ascent with
   momentum: v <- gamma v + eta grad Q(r), r <- r + v, from r_0 with
   entries 1e-3 s (2u - 1), u uniform from splitmix64(seed), s the largest
   |x_i| of the signal (1 without one: the authors' images have entries in
   [0, 1]). Then e = A r rounded to dyadics (53 bits) and the certified
   sandwich at e. */
typedef enum
{
    KD_STAB_SUB_ALL = 0,        /* r in R^N */
    KD_STAB_SUB_RANGE,          /* r in ker(A)^perp = range(A^T) */
    KD_STAB_SUB_KERNEL          /* r in ker(A) */
} kd_stab_subspace;

const char * kd_stab_subspace_name(kd_stab_subspace s);
kd_status kd_stab_subspace_parse(kd_stab_subspace * s, const char * str);

typedef struct
{
    double lambda;              /* >= 0; default 0.01 */
    double step;                /* eta > 0; default 1e-3 */
    double momentum;            /* gamma in [0, 1); default 0.9 */
    slong steps;                /* >= 1; default 300 */
    ulong seed;                 /* default 1 */
    kd_stab_subspace subspace;
    double threshold;           /* the verdict's threshold; default 1 */
    int lipschitz_verdict;      /* 0 (default): the verdict is on the amplification
                                   sup ||Psi(y+Ar) - Psi(y)|| / ||r||; 1: on Lip(Psi) itself
                                   (lipschitz_lower / lipschitz_upper) */
    slong prec;                 /* certification precision; default 128 */
    /* per step (may be NULL): step index from 0, ||r||, ||dPsi||, ratio */
    void (*progress)(void * data, slong step, slong steps, double rnorm, double dnorm,
                     double ratio);
    void * progress_data;
}
kd_stab_opts_struct;

typedef kd_stab_opts_struct kd_stab_opts_t[1];

void kd_stab_opts_init(kd_stab_opts_t o);

/* Three-valued verdict on the amplification sup_r ||Psi(y+Ar) - Psi(y)|| / ||r||
   (or on Lip(Psi), opts->lipschitz_verdict). */
typedef enum
{
    KD_STAB_UNKNOWN = 0,
    KD_STAB_UNSTABLE,           /* certified lower bound > threshold */
    KD_STAB_STABLE              /* certified upper bound < threshold */
} kd_stab_verdict;

const char * kd_stab_verdict_name(kd_stab_verdict v);

typedef struct
{
    slong steps;
    double * log;               /* 4 per step: ||r||, ||Psi(y+Ar)-Psi(y)||, ratio, ||r||/||x|| (0 without x) */
    double * r;                 /* N: the final r (double) */
    fmpq_mat_t y;               /* m x 1: the base point (exact) */
    fmpq_mat_t e;               /* m x 1: A r rounded to dyadics (exact) */
    /* certified: ratio = ||Psi(y+e) - Psi(y)|| / ||e|| <= Lip(Psi) <= upper */
    arb_t dpsi;                 /* ||Psi(y+e) - Psi(y)|| */
    arb_t enorm;                /* ||e|| */
    arb_t lip_lower;            /* the ratio (a lower bound on Lip(Psi)) */
    arb_t lip_upper;            /* the certified upper bound of Lip(Psi) */
    arb_t rnorm_min;            /* ||A^+ e||: the least ||r|| with A r = e (indeterminate if unknown) */
    arb_t amp_lower;            /* dpsi / ||A^+ e|| */
    arb_t amp_upper;            /* lip_upper ||A||_2 */
    double threshold;
    int lipschitz_verdict;      /* as in the options */
    kd_stab_verdict verdict;
    const char * reason;        /* why unknown (static), else NULL */
    const char * upper_scope;   /* what lip_upper bounds (static): "global", or
                                   the pattern region (EXACT P3) */
    const char * upper_reason;  /* why lip_upper is not available (static), else NULL */
}
kd_stab_result_struct;

typedef kd_stab_result_struct kd_stab_result_t[1];

void kd_stab_result_init(kd_stab_result_t R);
void kd_stab_result_clear(kd_stab_result_t R);

/* Runs the search and the sandwich for Psi = F at the exact base point y
   (m x 1) with measurement matrix A (exact, m x N, real; the search uses
   its nearest doubles); x (N x 1, may be NULL) is the signal, only for the
   log's ||r||/||x||. KD_ERR_SIZE for mismatched shapes, KD_ERR_ARG for bad
   options (message says which), KD_ERR_DOMAIN if the search diverges
   (non-finite values). */
kd_status kd_stab_search(kd_stab_result_t R, const kd_stab_map_t F, const kd_mat_t A,
                         const fmpq_mat_t y, const fmpq_mat_t x, const kd_stab_opts_t o);

/* The same for a map on an operator (F->op, kd_stab_map_set_*_op): the
   search applies A and A^T by kd_op_apply_d; the subspaces range and
   kernel need A A^T = I (F->op_orthonormal: then the projection onto
   ker(A) is I - A^T A), else KD_ERR_ARG; the least-norm preimage is
   A^T e, so ||A^+ e|| = ||e|| (orthonormal rows; otherwise not
   available) and ||A||_2 <= L_A. */
kd_status kd_stab_search_op(kd_stab_result_t R, const kd_stab_map_t F, const fmpq_mat_t y,
                            const fmpq_mat_t x, const kd_stab_opts_t o);

/* The default instance: the Omega_K gadget (P3, lambda = 1, N1 = 2,
   N2 = 20, DCT) with column 1 raised at level n (the table's A_n), A its
   exact matrix, y its data rounded to 2^-(n + 60) (kd_oracle), x its exact
   minimiser rounded likewise. */
kd_status kd_stab_omega_instance(kd_mat_t A, fmpq_mat_t y, fmpq_mat_t x, slong K, slong n);

/* net = LISTA (L layers, ISTA start, Adam as the Omega_K table: R samples,
   s = 5, epochs, lr 1e-2, decay 0.9, seed) trained on the Omega_K instance
   of kd_stab_omega_instance, returned in the unscaled layout (Psi(y) ~ x;
   the training runs on the 2^e ~ 10^K rescaled problem and the weights are
   rescaled by powers of two, exactly). *train_mse and *val_mse (unless
   NULL) are the final MSEs on the unscaled problem. */
kd_status kd_stab_omega_lista(kd_lista_t net, double * train_mse, double * val_mse, slong K,
                              slong n, slong L, slong R, slong epochs, ulong seed);

/* The matrix of the double values of A (m x N row-major): each entry the
   nearest double to the midpoint of a prec-bit enclosure. */
kd_status kd_stab_mat_get_d(double * Ad, const kd_mat_t A, slong prec);

/* ------------------------------------------------------------ one run

   What `kdigits stability` runs: builds the instance and the map, then
   kd_stab_search. */
typedef struct
{
    kd_stab_kind kind;
    slong K, n;                 /* Omega_K instance (default K = 3, n = 10) */
    const char * matrix;        /* user A (FILE.mtx or builtin:NAME), or NULL */
    const char * signal;        /* user x (FILE.mtx, N x 1), needed with matrix */
    const char * net_file;      /* LISTA weights (kd_lista_load format), or NULL */
    slong layers;               /* LISTA/ISTA layers; default 10 */
    slong train_R, epochs;      /* LISTA training on Omega_K; 8000, 30 */
    ulong train_seed;           /* default 20220316 */
    double ista_lambda;         /* ISTA's lambda; default 1e-4 */
    slong fn_n, fn_p;           /* FIRENET restarts and inner steps; 5, 5 */
    double fn_lambda;           /* FIRENET's and EXACT P3's P3 lambda; default 1 */
    double fn_theta;            /* t = theta / L_A; default 1/2 */
    double fn_delta;            /* default 1e-6 */
}
kd_stab_setup_struct;

typedef kd_stab_setup_struct kd_stab_setup_t[1];

void kd_stab_setup_init(kd_stab_setup_t S);

typedef struct
{
    kd_mat_t A;                 /* the measurement matrix (exact) */
    fmpq_mat_t y;               /* the base point */
    fmpq_mat_t x;               /* the signal */
    kd_stab_map_t F;            /* the map */
    double train_mse, val_mse;  /* LISTA trained here (else 0) */
    slong phantom_n;            /* operator run with the default signal: the phantom's
                                   side (else 0) */
    slong phantom_levels;       /* its Haar levels (0: x is the image itself) */
    kd_stab_result_t R;
}
kd_stab_run_struct;

typedef kd_stab_run_struct kd_stab_run_t[1];

void kd_stab_run_init(kd_stab_run_t T);
void kd_stab_run_clear(kd_stab_run_t T);

/* Builds the instance (Omega_K unless S->matrix: then y = A x rounded to
   2^-80 by kd_oracle) and the map (LISTA: S->net_file, or trained on
   Omega_K; ISTA: kd_lista_set_ista on A's doubles; FIRENET:
   kd_stab_map_set_firenet on A's doubles with eps0 = ||y||), then runs
   kd_stab_search. With S->matrix = "builtin:OPSPEC" naming a matrix-free
   operator (kd_solve_op_spec): x = S->signal, or by default the Haar
   coefficients of kd_conv_phantom at the operator's side (c = H f with
   the operator's Haar factor; the image f itself without one), as
   doubles; y = A x at oracle level 80 (kd_op_apply_level); the map
   kd_stab_map_set_firenet_op / _ista_op; kd_stab_search_op. LISTA and
   exact P3 on an operator: KD_ERR_ARG (they need a dense matrix). */
kd_status kd_stab_run(kd_stab_run_t T, const kd_stab_setup_t S, const kd_stab_opts_t o);

/* ------------------------------------------------------------ the kernel

   For a rational A (m x N): an exact basis k_1..k_d of ker(A) (the
   reduced row echelon form, one basis vector per free column, scaled to
   integers), and for x: the pair x, x + k_1 with A x = A (x + k_1) exactly,
   so every map Psi has max(||Psi(Ax) - x||, ||Psi(Ax) - x - k_1||) >=
   ||k_1||/2 (certified ball). */
typedef struct
{
    slong m, N, dim;
    fmpq_mat_t basis;           /* N x dim */
    fmpq_mat_t Ak;              /* m x dim: A times the basis (checked zero) */
    arb_t half_norm;            /* ||k_1|| / 2 (0 when dim = 0) */
    kd_truth verified;          /* KD_TRUE: A k_i = 0 checked exactly */
    /* algebraic A (entries in a cyclotomic field Q(zeta_L), theory of
       kdigits/alg.h): the basis is exact in that field; basis (above) is
       then 0 x 0 and these hold it */
    int algebraic;              /* 1: A was not rational */
    slong L;                    /* the conductor (algebraic) */
    char ** expr;               /* N * dim exact expressions, column by column:
                                   entry i of k_c is expr[c * N + i], in the
                                   parser's grammar (sums of rational multiples
                                   of cospi(2k/L)) */
    arb_mat_t enc;              /* N x dim enclosures of the basis (both cases) */
}
kd_stab_kernel_struct;

typedef kd_stab_kernel_struct kd_stab_kernel_t[1];

void kd_stab_kernel_init(kd_stab_kernel_t K);
void kd_stab_kernel_clear(kd_stab_kernel_t K);
/* Rational A: the integer basis of the reduced row echelon form. A real A
   with algebraic entries (sqrt, cospi, ... : kdigits/alg.h): the basis of
   the exact reduced row echelon form in the cyclotomic field of the
   entries, A k = 0 re-checked in that field, the basis exported as exact
   expressions. KD_ERR_UNSUPPORTED when an entry has no cyclotomic field
   within the degree cap (message says why), KD_ERR_ARG for complex A. */
kd_status kd_stab_kernel(kd_stab_kernel_t K, const kd_mat_t A, slong prec);

/* Entry i of basis vector c as an exact string (a rational, or an
   expression for algebraic A); flint_free it. */
char * kd_stab_kernel_entry_str(const kd_stab_kernel_t K, slong i, slong c);

/* Near-kernel bound: for k with ||A k|| = eps > 0 and any map Psi accurate
   to within d on x and x + k (||Psi(Ax) - x|| <= d, ||Psi(A(x+k)) - x - k||
   <= d), Lip(Psi) >= (||k|| - 2 d) / eps. lb = that bound in balls (exact
   A, k rational; d rational >= 0); indeterminate when eps = 0. */
kd_status kd_stab_near_kernel_bound(arb_t lb, const fmpq_mat_t A, const fmpq_mat_t k,
                                    const fmpq_t d, slong prec);

/* ------------------------------------------------------------ hallucination

   The troublesome kernel in training (Gottschling-Antun-Hansen-Adcock):
   LISTA trained on signals x_r = z_r + k, z_r sparse and k a fixed detail
   in ker(A) (A k = 0 exactly, so y_r = A z_r carries no trace of k),
   evaluated on test signals x = z without the detail. For each test the
   exact score
       c = <Psi(A x) - x, k> / ||k||^2     (exact rational: Psi in Q)
   (c = 1: the detail reproduced in full) and the certified error bound
   ||Psi(A x) - x|| >= |c| ||k|| (Cauchy-Schwarz); a control network
   trained on the z_r alone gives c near 0. */
typedef struct
{
    slong m, N;                 /* A is m x N; default 10 x 20 (seeded integers) */
    const char * matrix;        /* a rational A (FILE.mtx or builtin:NAME), or NULL */
    slong s;                    /* sparsity of z; default 3 */
    slong layers;               /* default 10 */
    slong train_R, epochs;      /* default 4000, 30 */
    slong tests;                /* default 20 */
    ulong seed;                 /* default 1 */
}
kd_stab_halluc_opts_struct;

typedef kd_stab_halluc_opts_struct kd_stab_halluc_opts_t[1];

void kd_stab_halluc_opts_init(kd_stab_halluc_opts_t o);

typedef struct
{
    slong m, N, tests;
    fmpq_mat_t A;               /* m x N, exact */
    fmpq_mat_t k;               /* N x 1: the detail, A k = 0 (checked) */
    arb_t half_norm;            /* ||k|| / 2: every map errs by this on x or x + k */
    kd_lista_t net;             /* trained with the detail */
    kd_lista_t control;         /* trained without it */
    double train_mse, control_mse;      /* final training MSEs (double) */
    fmpq * c;                   /* tests: the score of net (exact) */
    fmpq * c_control;           /* tests: the score of control (exact) */
    arb_struct * err_lower;     /* tests: |c| ||k|| <= ||Psi(A x) - x|| */
    fmpq_t c_min, c_max, cc_min, cc_max;        /* ranges of the two scores */
    fmpq_t c_mean, cc_mean;     /* their means (exact) */
}
kd_stab_halluc_struct;

typedef kd_stab_halluc_struct kd_stab_halluc_t[1];

void kd_stab_halluc_init(kd_stab_halluc_t H);
void kd_stab_halluc_clear(kd_stab_halluc_t H);
/* Runs the demonstration. KD_ERR_ARG for bad options, a non-rational A or
   ker(A) = {0}; errors of the training. */
kd_status kd_stab_hallucinate(kd_stab_halluc_t H, const kd_stab_halluc_opts_t o, slong prec);

#ifdef __cplusplus
}
#endif
#endif
