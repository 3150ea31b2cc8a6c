/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* LISTA (learned ISTA, Gregor-LeCun 2010) for real data: the network, its
   forward pass in IEEE double, exact output as dyadic rationals, training
   by hand-written backpropagation and Adam (Kingma-Ba 2015), and an exact
   text format for trained weights (theory.md §8). */
#ifndef KDIGITS_LISTA_H
#define KDIGITS_LISTA_H

#include "kdigits/deps.h"
#include "kdigits/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
   The network

   For a fixed measurement matrix B (m x N, real, in double) and L >= 1
   layers, the network Psi maps y (m) to x^L (N) by

       x^0 = 0,   x^{k+1} = S_{theta_k}(x^k + W_k (y - B x^k)),   k = 0..L-1,

   S_theta(u)_i = sign(u_i) max(|u_i| - theta, 0), with untied W_k (N x m)
   and scalar thresholds theta_k >= 0. The nonnegativity of theta_k is kept
   by the parametrisation theta_k = |t_k|: the trainable parameter is t_k,
   and d theta_k / d t_k is taken as sign(t_k) with sign(0) = +1 (a
   subgradient of |.|, chosen so that a zero threshold can still grow).

   Storage is contiguous and row-major: B[i*N + j], W_k[i][j] at
   W[(k*N + i)*m + j], t[k]. The struct also keeps Bt = B^T (N x m) for the
   inner loops. All arrays are owned by the struct.

   Arithmetic. Every function below evaluates with IEEE binary64 +, -, *,
   /, sqrt only (no libm transcendental, no fused multiply-add: the build is
   -std=c11, which makes GCC's default -ffp-contract=off), each sum in an
   order fixed by the source: (B x)_i and (W r)_i are summed over the column
   index in increasing order; zero entries of x are skipped in B x (this can
   only change the sign of a zero). Hence the same inputs give bit-identical
   outputs on any IEEE-conforming platform, and so does training (below).
   ------------------------------------------------------------------------ */

typedef struct
{
    slong L;                    /* layers, >= 1 */
    slong m;                    /* rows of B: length of y, >= 1 */
    slong N;                    /* columns of B: length of x, >= 1 */
    double * B;                 /* m x N */
    double * Bt;                /* N x m, the transpose of B (kept in sync) */
    double * W;                 /* L blocks of N x m */
    double * t;                 /* L raw threshold parameters, theta_k = |t_k| */
}
kd_lista_struct;

typedef kd_lista_struct kd_lista_t[1];

/* Largest accepted L, m, N (keeps every allocation size far from overflow). */
#define KD_LISTA_DIM_MAX 100000

/* Allocates a network with L layers for B of size m x N; B, W and t are
   zero. KD_ERR_ARG unless 1 <= L, m, N <= KD_LISTA_DIM_MAX (net is then
   left empty, and kd_lista_clear is still allowed), KD_ERR_NOMEM. */
kd_status kd_lista_init(kd_lista_t net, slong L, slong m, slong N);
void kd_lista_clear(kd_lista_t net);

/* dst = src (sizes may differ; dst is reallocated). Bit-exact copy. */
kd_status kd_lista_set(kd_lista_t dst, const kd_lista_t src);
/* 1 when L, m, N and every stored double (B, W, t) are identical bit for
   bit, else 0. */
int kd_lista_equal(const kd_lista_t a, const kd_lista_t b);

/* The number of layers L (each layer is one affine map plus one
   soft threshold). */
slong kd_lista_layers(const kd_lista_t net);
/* theta_k = |t_k| (0 <= k < L). */
double kd_lista_theta(const kd_lista_t net, slong k);

/* Sets B (m x N row-major, finite) in net. KD_ERR_ARG for a non-finite
   entry (net unchanged). */
kd_status kd_lista_set_B(kd_lista_t net, const double * B);

/* ISTA initialisation: sets B, W_k = RN(B^T / L_B) entrywise and
   t_k = theta_k = RN(lambda / L_B) for every k. With this the network is
   exactly L steps of ISTA with step 1/L_B for
       min_x (1/2)||B x - y||_2^2 + lambda ||x||_1
   (equivalently the project's P2, lambda' ||x||_1 + ||Bx - y||_2^2, with
   lambda' = 2 lambda and step 1/(2 L_B)); the entries are then exact
   when L_B is a power of two. L_B should be >= ||B||_2^2 (convergence of
   ISTA); LB = 0 asks for a certified bound: L_B = the double rounded up
   from the square of the bound of kd_iter_opnorm_ubound applied to the
   exact values of the doubles in B (a zero B gives L_B = 1). The L_B used
   is stored in *LB_used unless LB_used is NULL. KD_ERR_ARG for lambda < 0
   or non-finite, LB < 0 or non-finite, or a non-finite entry of B. */
kd_status kd_lista_set_ista(kd_lista_t net, double * LB_used, const double * B,
                            double lambda, double LB);

/* Seeded initialisation: sets B, each entry of each W_k to
   w_scale (2u - 1), u uniform on {0, 2^-53, ..., 1 - 2^-53} drawn from
   splitmix64 started at seed (entries in storage order), and
   t_k = theta. KD_ERR_ARG for a non-finite entry of B, w_scale < 0 or
   theta < 0 (or non-finite). */
kd_status kd_lista_set_random(kd_lista_t net, const double * B, ulong seed,
                              double w_scale, double theta);

/* x = Psi(y) in double; x has N entries, y has m (finite); x and y may
   overlap. KD_ERR_ARG for a non-finite y, KD_ERR_NOMEM. */
kd_status kd_lista_forward_d(double * x, const kd_lista_t net, const double * y);

/* x (N x 1) = the exact values of the doubles of Psi(RN(y)), y (m x 1)
   exact: each y_i is rounded to the nearest double (ties to even, as MPFR
   at 53 bits) before the forward pass, so x consists of dyadic rationals.
   KD_ERR_SIZE unless x is N x 1 and y is m x 1, KD_ERR_ARG when some y_i
   rounds outside double's normal range (zero excepted), KD_ERR_DOMAIN if
   the output is not finite. */
kd_status kd_lista_apply_fmpq(fmpq_mat_t x, const kd_lista_t net, const fmpq_mat_t y);

/* x (N x 1) = Psi(y) for an exact y (m x 1), evaluated exactly in Q: the
   network as the mathematical map whose parameters are the exact values
   of the stored doubles (no rounding of y or of any intermediate, unlike
   kd_lista_apply_fmpq). KD_ERR_SIZE for wrong shapes. */
kd_status kd_lista_eval_fmpq(fmpq_mat_t x, const kd_lista_t net, const fmpq_mat_t y);

/* Reverse mode with respect to the input: gy (m) = J(y)^T v, J the
   Jacobian of Psi at y (the soft threshold's derivative taken as in the
   gradient below: 1 where |u_i| > theta_k, else 0), v (N); x (N) =
   Psi(y) in double unless NULL. KD_ERR_ARG for a non-finite y or v,
   KD_ERR_NOMEM. */
kd_status kd_lista_vjp_y(double * gy, double * x, const kd_lista_t net, const double * y,
                         const double * v);

/* ------------------------------------------------------------------------
   Loss and gradient

   For R samples (rows of Y, R x m, and X, R x N, row-major),
       mse = (1/R) sum_r ||Psi(y_r) - x_r||_2^2,
   and its gradient with respect to W (same layout as net->W) and t,
   by backpropagation through the layers (the chain rule written by hand).
   The soft threshold's derivative is 1 where |u_i| > theta_k and 0 where
   |u_i| <= theta_k: at the kink |u_i| = theta_k the subgradient 0 is used
   (also for dS/dtheta = -sign(u_i)). Samples are accumulated in order
   r = 0..R-1 and the sums scaled by 2/R (gradient) or 1/R (loss) at the
   end.
   ------------------------------------------------------------------------ */

/* *mse as above. KD_ERR_ARG for R < 1 or a non-finite entry. */
kd_status kd_lista_mse_d(double * mse, const kd_lista_t net, const double * Y,
                         const double * X, slong R);

/* *mse, gW (L N m doubles) and gt (L doubles) as above; gW or gt may be
   NULL when not wanted. KD_ERR_ARG for R < 1 or a non-finite entry,
   KD_ERR_NOMEM. */
kd_status kd_lista_loss_grad(double * mse, double * gW, double * gt, const kd_lista_t net,
                             const double * Y, const double * X, slong R);

/* ------------------------------------------------------------------------
   Training

   Adam (Kingma-Ba 2015, Algorithm 1) on the parameters W and t with
   beta1 = 0.9, beta2 = 0.999, eps = 1e-8 and step size lr_e in epoch e
   (lr_0 = lr, lr_{e+1} = lr_e * lr_decay):
       m <- beta1 m + (1 - beta1) g,   v <- beta2 v + (1 - beta2) g^2,
       p <- p - lr_e (m / (1 - beta1^s)) / (sqrt(v / (1 - beta2^s)) + eps),
   s the step count (beta^s by repeated multiplication), g the gradient of
   the mini-batch MSE (mean over the batch). B is not trained.

   Split: the last n_val = floor(val_fraction R) samples (rows) are the
   validation set, the first R - n_val the training set (Keras's
   validation_split; order the rows to choose). Each epoch draws a
   permutation of the training set (Fisher-Yates from splitmix64 started at
   seed, continued across epochs) and takes consecutive mini-batches of
   `batch` samples (the last one may be smaller).

   Reported per epoch: the training MSE as the mean over the epoch of the
   per-sample losses seen during the epoch (weights changing within the
   epoch, as Keras reports), and the validation MSE of the weights at the
   end of the epoch. At the end the full training MSE of the final weights
   is computed as well.

   Determinism: same net, data, options (seed included) give bit-identical
   weights and reports (the times excepted), on any IEEE platform whose
   compiler does not fuse a*b + c (see above).
   ------------------------------------------------------------------------ */

typedef struct
{
    slong epochs;               /* >= 1; default 30 */
    slong batch;                /* >= 1; default 256 */
    double lr;                  /* > 0; default 1e-3 */
    double lr_decay;            /* in (0, 1]; default 1 (constant lr) */
    double val_fraction;        /* in [0, 1); default 0.1 */
    ulong seed;                 /* shuffling; default 1 */
    /* Called after each epoch (unless NULL) with the 0-based epoch index and
       that epoch's training and validation MSE (val = 0 when n_val = 0); a
       nonzero return stops training after this epoch. */
    int (* callback)(slong epoch, double train_mse, double val_mse, void * arg);
    void * callback_arg;
}
kd_lista_train_opts_struct;

typedef kd_lista_train_opts_struct kd_lista_train_opts_t[1];

/* The defaults above: a modest budget (about 2.5 s for one Table-sized
   network, m = 21, N = 22, L = 10, R = 8000, on one core). */
void kd_lista_train_opts_init(kd_lista_train_opts_t opts);
/* A long budget for final runs: 1000 epochs, batch 64, lr 1e-3, decay
   0.996 per epoch (lr ends near 2e-5). The authors' own training settings
   are not recorded in theory.md; this is a stand-in of the same scale as
   common LISTA practice (hundreds of epochs), not a copy of them. */
void kd_lista_train_opts_init_paper(kd_lista_train_opts_t opts);

typedef struct
{
    slong epochs;               /* epochs run (< opts->epochs if stopped) */
    slong n_train;              /* training samples */
    slong n_val;                /* validation samples */
    slong steps;                /* Adam steps taken */
    double train_mse;           /* final weights, whole training set */
    double val_mse;             /* final weights, validation set (0 if none) */
    double * train_hist;        /* epochs entries: per-epoch training MSE */
    double * val_hist;          /* epochs entries: per-epoch validation MSE */
    double seconds;             /* wall time of kd_lista_train */
    double seconds_per_epoch;   /* seconds / epochs */
}
kd_lista_report_struct;

typedef kd_lista_report_struct kd_lista_report_t[1];

void kd_lista_report_init(kd_lista_report_t rep);
void kd_lista_report_clear(kd_lista_report_t rep);

/* Trains net (initialised, its B the measurement matrix) on the R pairs
   (Y row r, X row r) with opts; the report goes to rep (its previous
   contents replaced). Nothing is allocated inside the epoch loop.
   KD_ERR_ARG (message says which) for R < 1, no training sample after the
   split, a non-finite entry of Y or X, or an option out of range; on an
   error net and rep are unchanged. KD_ERR_DOMAIN if the weights become
   non-finite (diverged; net then holds them). KD_ERR_NOMEM. */
kd_status kd_lista_train(kd_lista_report_t rep, kd_lista_t net, const double * Y,
                         const double * X, slong R, const kd_lista_train_opts_t opts);

/* ------------------------------------------------------------------------
   Exact text format

       kdigits-lista 1
       L m N
       B   (m lines of N numbers)
       t   (1 line of L numbers)
       W_0 (N lines of m numbers), ..., W_{L-1}

   Each number is a double written exactly as "<M>p<E>", the integer M
   (|M| < 2^53, odd unless zero) times 2^E, e.g. "-3p-2" = -0.75, "0" and
   "-0" for zeros: an exact dyadic rational, independent of the locale.
   Reading checks the header, sizes, that each value is such a pair
   representing a finite double exactly, and rejects trailing garbage.
   ------------------------------------------------------------------------ */

/* KD_ERR_IO if writing fails. */
kd_status kd_lista_write(FILE * f, const kd_lista_t net);
/* Replaces net (initialised) by the network read from f; on error net is
   unchanged: KD_ERR_FORMAT (message names the line and what was expected),
   KD_ERR_IO, KD_ERR_NOMEM. */
kd_status kd_lista_read(kd_lista_t net, FILE * f);
/* The same by file name (KD_ERR_IO names the file if it cannot be opened). */
kd_status kd_lista_save(const char * path, const kd_lista_t net);
kd_status kd_lista_load(kd_lista_t net, const char * path);

#ifdef __cplusplus
}
#endif
#endif
