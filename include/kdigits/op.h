/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Matrix-free exact operators: orthonormal Walsh-Hadamard (sequency
   order), DCT-II, unitary DFT and periodic Haar wavelet transforms in 1-D
   and 2-D, row subsampling (uniform or multilevel, seeded) and their
   products, such as A = P_Omega W H^-1. Applied in O(N log N) in IEEE double
   (for the solvers), and in ball arithmetic (acb) where the output balls
   contain the exact A x; never materialised. As oracles (theory.md §2,
   proofs-notes/operators.md §3): kd_op_apply_level returns dyadic y with
   ||y - A x||_2 <= 2^-n ||x||_2, i.e. y = A_n x for a matrix A_n with
   ||A_n - A||_2 <= 2^-n. */
#ifndef KDIGITS_OP_H
#define KDIGITS_OP_H

#include "kdigits/deps.h"
#include "kdigits/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum
{
    KD_OP_WALSH = 0,            /* sequency-ordered Walsh-Hadamard, entries +-1/sqrt(n) */
    KD_OP_DCT,                  /* orthonormal DCT-II */
    KD_OP_DFT,                  /* unitary DFT, F_kj = e^{-2 pi i jk/n}/sqrt(n) */
    KD_OP_HAAR,                 /* periodic orthonormal Haar analysis, r levels */
    KD_OP_SUBSAMPLE             /* P_Omega: keeps the rows in Omega, in order */
}
kd_op_kind;

typedef struct
{
    kd_op_kind kind;
    int inverse;                /* the factor is the adjoint (= inverse) */
    int dim;                    /* 1 or 2 (transforms); 2-D acts on n x n row-major */
    slong n;                    /* side (a power of 2) */
    slong levels;               /* Haar: 1 <= levels <= log2 n */
    slong rows;                 /* output size (|Omega| for P_Omega, else n^dim) */
    slong cols;                 /* input size */
    slong * omega;              /* P_Omega: the kept indices, increasing */
}
kd_op_factor_struct;

typedef struct kd_op_struct
{
    slong nrows;
    slong ncols;
    int is_complex;             /* some factor is a DFT */
    slong nf;
    kd_op_factor_struct * f;    /* A = f[0] f[1] ... f[nf-1] */
    /* the oracle's query log (levels of kd_op_apply_level, in order) */
    slong nreads;
    slong max_level;
}
kd_op_struct;

typedef kd_op_struct kd_op_t[1];

/* Largest side accepted for a transform (2-D: n x n). */
#define KD_OP_SIDE_MAX (WORD(1) << 20)

/* The identity on ncols = N (A has no factors yet). */
void kd_op_init(kd_op_t A, slong N);
/* A = a copy of B (its own factors and sampling sets; a fresh query log) */
void kd_op_init_set(kd_op_t A, const kd_op_t B);
void kd_op_clear(kd_op_t A);

/* A = A T with T the transform (inverse: T^*) of side n in dim 1 or 2;
   levels is used by Haar only. KD_ERR_ARG unless n is a power of 2 in
   [2, KD_OP_SIDE_MAX], dim is 1 or 2, 1 <= levels <= log2 n (Haar), and
   n^dim equals A's number of columns (KD_ERR_SIZE). */
kd_status kd_op_mul_transform(kd_op_t A, kd_op_kind kind, slong n, int dim, slong levels,
                              int inverse);
/* A = A P_Omega^* (inverse) or A = A P_Omega... in practice the sampling
   matrix comes first: kd_op_mul_subsample on the identity of size N makes
   A = P_Omega (k x N). omega: k distinct increasing indices in [0, N). */
kd_status kd_op_mul_subsample(kd_op_t A, const slong * omega, slong k, int inverse);

/* Parses "walsh2:256", "dct:64", "dft2d:32", "haar2d:256:4",
   "walsh2:256:haar:4:ml:0.15:SEED" (P_Omega W H^-1 with multilevel
   sampling of 15 % of the rows), "...:unif:0.15:SEED" (uniform). Errors:
   KD_ERR_ARG naming spec. */
kd_status kd_op_parse(kd_op_t A, const char * spec);
/* Help text for the operator built-ins, one per line, indented by two
   spaces. */
extern const char * kd_op_help;

/* y = A x (adjoint: y = A^* x) in IEEE double, O(N log N); re/im parts
   (im may be NULL for real operators and real x: then y_im is not
   written). Not certified: this is the working arithmetic of the solvers.
   y and x must not overlap. */
void kd_op_apply_d(double * y_re, double * y_im, const kd_op_t A, const double * x_re,
                   const double * x_im, int adjoint);

/* A workspace for kd_op_apply_d_ws: scratch memory grown to the largest
   operator it has served and reused, so that repeated products allocate
   nothing (kd_op_apply_d allocates and frees 4 max(m, N) + 8 n doubles per
   call: 32 MB at 1024^2). One workspace per thread: A is only read, so
   several threads may apply the same A, each with its own workspace. */
typedef struct
{
    double * buf;
    slong alloc;                /* doubles */
}
kd_op_ws_struct;

typedef kd_op_ws_struct kd_op_ws_t[1];

void kd_op_ws_init(kd_op_ws_t W);
void kd_op_ws_clear(kd_op_ws_t W);

/* kd_op_apply_d with the scratch memory taken from W; the same result, bit
   for bit. */
void kd_op_apply_d_ws(double * y_re, double * y_im, const kd_op_t A, const double * x_re,
                      const double * x_im, int adjoint, kd_op_ws_t W);

/* y = A x (or A^* x) in ball arithmetic at prec bits: for every x0 in the
   balls x, A x0 lies in the balls y (componentwise). y and x must not
   overlap; lengths nrows/ncols (swapped for the adjoint). */
void kd_op_apply_acb(acb_ptr y, const kd_op_t A, acb_srcptr x, int adjoint, slong prec);

/* The operator oracle at level n >= 0: y (dyadic, exact acb balls of
   radius 0) with ||y - A x||_2 <= 2^-n ||x||_2 for the exact dyadic x
   (x's radii must be 0), found by raising the precision until the balls
   prove it (at most prec_cap bits; 0: a default). The read is logged.
   Errors: KD_ERR_ARG (n < 0, inexact x), KD_ERR_UNDECIDED at the cap. */
kd_status kd_op_apply_level(acb_ptr y, kd_op_t A, acb_srcptr x, int adjoint, slong n,
                            slong prec_cap);

/* A certified upper bound of ||A||_2 from the structure: every transform is
   unitary and every subsampling a coordinate projection, so ||A||_2 <= 1,
   with equality when A = P_Omega U (U unitary, Omega non-empty). Sets L = 1
   (exact) and returns 1 when the equality is proved, 0 when only <= 1 is. */
int kd_op_opnorm_ubound(arf_t L, const kd_op_t A);

/* 1 when A A^* = I follows from A's factors: each is a unitary transform
   (Walsh, DCT, DFT, Haar or an inverse) except a coordinate projection
   P_Omega as the first factor, so A = U or A = P_Omega U with U unitary
   and A A^* = P_Omega P_Omega^* = I (operators.md §5c); 0 otherwise. A
   structural fact about the exact operator, not a numerical test. */
int kd_op_rows_orthonormal(const kd_op_t A);

/* xp = the nearest point to x of {x : ||A x - y||_2 <= eta} for A with
   orthonormal rows: x - A^*(r (1 - eta/||r||)), r = A x - y, when
   ||r|| > eta (*moved = 1), else x (*moved = 0); computed in double with
   kd_op_apply_d_ws (W: a workspace, or NULL), so not certified: a caller
   who needs feasibility proves it (kd_op_gap_ubound_d, P1) and passes a
   radius eta slightly below the true one. x_im, y_im may be NULL; xp_im
   (N) is needed when A or the data are complex, else it may be NULL.
   KD_ERR_ARG when kd_op_rows_orthonormal(A) is 0, eta < 0 or not finite,
   or A x - y overflows. */
kd_status kd_op_project_ball_d(double * xp_re, double * xp_im, int * moved, const kd_op_t A,
                               const double * x_re, const double * x_im, const double * y_re,
                               const double * y_im, double eta, kd_op_ws_t W);

/* The dense matrix of A (small sizes, tests): M (nrows x ncols) balls
   containing the exact entries, computed column by column. */
void kd_op_get_acb_mat(acb_mat_t M, const kd_op_t A, slong prec);

/* ---------------------------------------------------------- sampling */

/* omega = k indices of [0, N) drawn uniformly without replacement with the
   seed, sorted; k <= N. */
kd_status kd_op_sample_uniform(slong * omega, slong N, slong k, ulong seed);

/* Multilevel (DAS-style) sampling of about k of the n^dim frequencies of a
   side-n transform (sequency/frequency index, 2-D row-major): the levels
   are the dyadic bands max(|k1|, |k2|) in [2^(l-1), 2^l) (|k| the distance
   to frequency 0, i.e. min(k, n - k) for the DFT, k otherwise); the
   lowest bands up to a full-sampling radius are taken entirely, and the
   remaining budget is spread over the other levels with a density that
   decreases geometrically by level (ratio 1/2 per level, capped at 1),
   uniformly within each level (the rounding remainder goes to the lowest
   levels with room). Returns the sorted indices and their number in
   *k_out, which is k. */
kd_status kd_op_sample_multilevel(slong * omega, slong * k_out, slong n, int dim, int dft_like,
                                  slong k, ulong seed);

/* DAS sampling adapted to local sparsities (after the authors' DAS
   patterns and the multilevel theory: Adcock, Hansen, Poon, Roman, Forum
   Math. Sigma 5, 2017): the n x n frequencies (2-D, row-major) split into
   blocks (a, b) by the bands of their two coordinates in the numbering of
   kd_op_haar_level with r levels (DFT coordinates folded and doubled), and
   block (a, b) gets a number of samples proportional to
   sum_l s_l 2^(-|l - a| - |l - b|) (s_l the sparsity of Haar level l,
   l = 0..r; zero counted as 1), capped at its size, drawn uniformly within
   the block with the seed; the rounding remainder goes to the blocks with
   room, lowest bands first. Returns the sorted indices and their number
   in *k_out, which is k. */
kd_status kd_op_sample_das(slong * omega, slong * k_out, slong n, int dft_like, slong k,
                           const slong * s, slong r, ulong seed);

/* ------------------------------------------------- sparsity in levels */

/* The level of index i of the Haar coefficients of side n in dim
   dimensions with r levels (2-D: row-major n x n, i = (i1, i2)): with
   b = i (1-D) or max(i1, i2) (2-D) and c = n/2^r the coarse side, level 0
   when b < c (the approximation), else level l = 1 + floor(log2(b/c)),
   1 <= l <= r (the details of scale l; l = r the finest). */
slong kd_op_haar_level(slong i, slong n, int dim, slong r);

/* The weights of the weighted rNSP in levels (Adcock-Hansen-Roman): with
   local sparsities s_0, ..., s_r >= 1 and s = sum s_l,
   w_i = sqrt(s / s_l) for i in level l (kd_op_haar_level). w gets n^dim
   balls at prec bits. KD_ERR_ARG if some s_l < 1. */
kd_status kd_op_weights_in_levels(arb_ptr w, slong n, int dim, slong r, const slong * s,
                                  slong prec);

/* ------------------------------------------- certified duality gaps */

typedef enum
{
    KD_OP_P1 = 1,               /* min ||x||_{1,w} s.t. ||A x - y||_2 <= eta */
    KD_OP_P2 = 2,               /* min lambda ||x||_{1,w} + ||A x - y||_2^2 */
    KD_OP_P3 = 3                /* min lambda ||x||_{1,w} + ||A x - y||_2 */
}
kd_op_problem;

/* A certified upper bound of F(x) - F* for the problem P with operator A,
   data y (y_im may be NULL), weights w (NULL: all 1) and parameter param
   (lambda for P2/P3, eta for P1), at the point x (x_im may be NULL; any
   rationals, e.g. a solver's iterate). F receives a ball containing F(x),
   gap an upper bound of F(x) - F* >= 0, from the weak duality
   F* >= D(z) at a dual-feasible z = t z0, z0 built from the residual,
   the feasibility |(A^* z)_i| <= lambda w_i (P1: w_i) proved in ball
   arithmetic (operators.md §5). Costs two ball applications of A.
   KD_ERR_UNDECIDED (P1) when ||A x - y|| <= eta is not proved: F(x) is then
   not the objective of a feasible point (kd_op_project_ball_d gives a
   nearby point that can be, as kd_solve_op does; operators.md §5c). KD_ERR_SIZE on mismatched sizes,
   KD_ERR_ARG for a bad parameter or weight. */
kd_status kd_op_gap_ubound(arf_t gap, arb_t F, kd_op_problem P, const kd_op_t A,
                           const fmpq_mat_t x_re, const fmpq_mat_t x_im, const fmpq_mat_t y_re,
                           const fmpq_mat_t y_im, const fmpq_mat_t w, const fmpq_t param,
                           slong prec);

/* The same with a dual candidate z (z_re, z_im m x 1; z_im may be NULL),
   e.g. the dual iterate of a primal-dual solver (kd_iter_result's z): it
   is tried, scaled into the feasible set, besides the directions built
   from x; the best proved dual value is used. */
kd_status kd_op_gap_ubound_dual(arf_t gap, arb_t F, kd_op_problem P, const kd_op_t A,
                                const fmpq_mat_t x_re, const fmpq_mat_t x_im,
                                const fmpq_mat_t y_re, const fmpq_mat_t y_im,
                                const fmpq_mat_t z_re, const fmpq_mat_t z_im,
                                const fmpq_mat_t w, const fmpq_t param, slong prec);

/* The same at a point given as doubles (their exact values), for large
   operators: x_re, x_im (N; x_im may be NULL), y_re, y_im (m; y_im may be
   NULL), z_re, z_im (m, a dual candidate; z_re NULL: none; z_im may be
   NULL), w (N positive doubles, exact; NULL: all 1). For real data on an
   operator of Walsh, Haar and subsampling factors only, the products with
   A and A^* are computed in double with a proved a priori error bound
   (operators.md §5b: O(N log N) flops instead of ball transforms); other
   operators use the ball transforms. KD_ERR_ARG for a non-finite value or
   weight, or a bad parameter. */
kd_status kd_op_gap_ubound_d(arf_t gap, arb_t F, kd_op_problem P, const kd_op_t A,
                             const double * x_re, const double * x_im, const double * y_re,
                             const double * y_im, const double * z_re, const double * z_im,
                             const double * w, const fmpq_t param, slong prec);

#ifdef __cplusplus
}
#endif
#endif
