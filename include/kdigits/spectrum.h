/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Spectra with error control, the spectral examples of the SCI hierarchy
   (theory.md §9, proofs-notes/sci-spectrum.md):
   - the eigenvalues of a Hermitian matrix from its level-n oracle are Δ₁:
     every enclosure is certified and its radius is 2^-n plus an Arb radius
     (Weyl's inequality, §1);
   - the spectrum of a self-adjoint tridiagonal operator on l^2(Z) is Σ₁
     from finite sections: every output point lies within its certified
     bound of the spectrum, and the output converges to the spectrum, but
     no finite computation certifies what it has not found yet (§2-§4). */
#ifndef KDIGITS_SPECTRUM_H
#define KDIGITS_SPECTRUM_H

#include "kdigits/oracle.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest matrix order accepted by kd_spectrum_hermitian (the Arb
   eigenvalue enclosure is O(N^3) at high precision). */
#define KD_SPECTRUM_DIM_MAX 400
/* Largest section half-width n and largest number of grid points of
   kd_spectrum_tridiag_points. */
#define KD_SPECTRUM_SECTION_MAX 1000000
#define KD_SPECTRUM_GRID_MAX 10000000

/* ------------------------------------------------- Hermitian matrices */

/* Decides A = A^* for an exact square matrix: *res = KD_TRUE when every pair
   a_ij, conj(a_ji) is proved equal (exact rationals, or the same exact
   expression), KD_FALSE when some a_ij - conj(a_ji) is proved non-zero by a
   ball evaluation, KD_UNKNOWN when a difference could be neither recognised
   as zero nor separated from zero within prec_cap bits (0: 4096). For
   KD_FALSE and KD_UNKNOWN, (*i, *j) (0-based, either pointer may be NULL)
   is the first offending pair. A non-square A is KD_ERR_SIZE. */
kd_status kd_spectrum_is_hermitian(kd_truth * res, slong * i, slong * j,
                                   const kd_mat_t A, slong prec_cap);

/* The Δ₁ algorithm: reads A_n from the oracle O (one read, logged), which
   must stand for a Hermitian N x N matrix A, and sets eig (a vector of N
   balls) to enclosures of the eigenvalues of A in ascending order:
   lambda_j(A) lies in eig[j], proved. Each radius is 2^-n plus the radius
   of an Arb enclosure of the eigenvalues of the Hermitian part
   B = (A_n + A_n^*)/2 of A_n (Weyl: |lambda_j(A) - lambda_j(B)| <= 2^-n);
   the working precision doubles (up to prec_cap bits, 0: a default that
   grows with n) until that Arb radius is <= 2^-(n+20), and a larger but
   still certified radius is returned if the cap is reached first.
   Errors: KD_ERR_SIZE (not square, or larger than KD_SPECTRUM_DIM_MAX),
   KD_ERR_DOMAIN when A_n is proved not to be within 2^-n of any Hermitian
   matrix (some |(A_n - A_n^*)_ij| > 2^(1-n)), so A is not Hermitian,
   KD_ERR_UNDECIDED when no enclosure succeeded within the cap, and the
   oracle's errors. */
kd_status kd_spectrum_hermitian(arb_ptr eig, kd_oracle_t O, slong n, slong prec_cap);

/* The same for a Hermitian matrix given exactly by its (dyadic or rational)
   real and imaginary parts (im may be NULL), with no perturbation: the
   enclosures of the eigenvalues of M itself in ascending order (no 2^-n
   term). M must be exactly Hermitian (KD_ERR_DOMAIN otherwise). prec is the
   starting precision, target the radius goal 2^-target. */
kd_status kd_spectrum_hermitian_exact(arb_ptr eig, const fmpq_mat_t re, const fmpq_mat_t im,
                                      slong target, slong prec, slong prec_cap);

/* ------------------------------ self-adjoint tridiagonal operators on l^2(Z) */

/* A coefficient of the operator: res must contain the exact value (a ball
   at working precision prec). */
typedef kd_status (*kd_tridiag_coef_fn)(arb_t res, slong k, void * data, slong prec);

/* (H x)_k = b_{k-1} x_{k-1} + d_k x_k + b_k x_{k+1}, k in Z, with real
   coefficients d_k = diag(k), b_k = offdiag(k) = H_{k,k+1} = H_{k+1,k}, so
   H is self-adjoint; norm is a certified bound on ||H|| (hence on the
   spectrum: Sp(H) is contained in [-norm, norm]). */
typedef struct
{
    kd_tridiag_coef_fn diag;
    kd_tridiag_coef_fn offdiag;
    void * data;
    void (*clear_data)(void * data);
    mag_struct norm;
}
kd_tridiag_op_struct;

typedef kd_tridiag_op_struct kd_tridiag_op_t[1];

/* An operator from two coefficient callbacks; clear_data (may be NULL) is
   called on data at clear. The caller promises sup |d_k| + 2 sup |b_k| <=
   norm (or any other proof of ||H|| <= norm). */
void kd_tridiag_op_init(kd_tridiag_op_t H, kd_tridiag_coef_fn diag, kd_tridiag_coef_fn offdiag,
                        void * data, void (*clear_data)(void *), const mag_t norm);
/* The almost Mathieu operator d_k = 2 lambda cos(2 pi (omega k + theta)),
   b_k = 1, with exact real lambda, omega, theta (copied); norm = 2 + 2|lambda|
   rounded up. lambda = 0 is the free Laplacian, Sp = [-2, 2]. Errors: those
   of evaluating lambda (KD_ERR_DOMAIN, KD_ERR_UNDECIDED). */
kd_status kd_tridiag_op_init_almost_mathieu(kd_tridiag_op_t H, const kd_real_t lambda,
                                            const kd_real_t omega, const kd_real_t theta);
void kd_tridiag_op_clear(kd_tridiag_op_t H);

/* The coefficients the section of half-width n needs: d_k for k = -n..n
   (d[k + n]) and b_k for k = -n-1..n (b[k + n + 1]) as balls at precision
   prec, with their double midpoints (dd, bd) for the unverified part. */
typedef struct
{
    slong n;
    slong prec;
    arb_ptr d;
    arb_ptr b;
    double * dd;
    double * bd;
}
kd_tridiag_section_struct;

typedef kd_tridiag_section_struct kd_tridiag_section_t[1];

/* Errors: KD_ERR_ARG (n < 1 or n > KD_SPECTRUM_SECTION_MAX, a coefficient
   that is not a finite real ball), and the callbacks' errors. S is valid
   (and must be cleared) in every case. */
kd_status kd_tridiag_section_init(kd_tridiag_section_t S, const kd_tridiag_op_t H,
                                  slong n, slong prec);
void kd_tridiag_section_clear(kd_tridiag_section_t S);

/* An approximate smallest right singular vector v (2n + 1 doubles, v[k + n]
   for k = -n..n) of the (2n+3) x (2n+1) section (H - z) P_n, by Givens QR
   and eight steps of inverse iteration in IEEE double from a fixed start:
   deterministic, unverified (nothing depends on its quality but the size of
   the bound below). z must be a finite real ball (its midpoint is used). */
void kd_spectrum_tridiag_vector(double * v, const kd_tridiag_section_t S, const arb_t z);

/* Certified residual bound: b >= ||(H - z) v|| / ||v||, computed in ball
   arithmetic with the section's coefficient balls, for real z (an exact
   value, or a ball: then b holds for every z in it) and v of length 2n + 1
   (supported on -n..n, not all zero). Because H is self-adjoint,
   dist(z, Sp(H)) <= b (proofs-notes/sci-spectrum.md §2). Errors:
   KD_ERR_ARG for v = 0 or not finite. */
kd_status kd_spectrum_tridiag_bound(mag_t b, const kd_tridiag_section_t S, const arb_t z,
                                    const double * v);

/* One level of the Σ₁ tower (proofs-notes/sci-spectrum.md §3). */
typedef struct
{
    slong n;            /* section half-width */
    slong e;            /* grid spacing h = 2^-e */
    slong grid_lo;      /* the grid is j 2^-e, j = grid_lo .. grid_lo + grid_len - 1 */
    slong grid_len;
    mag_ptr grid_bound; /* b_n at every grid point */
    slong seeds;        /* grid points with b_n <= tol */
    slong len;          /* output points Gamma_n, ascending */
    slong * j;          /* their grid numerators: z_i = j[i] 2^-e */
    mag_ptr bound;      /* their certified bounds: dist(z_i, Sp(H)) <= bound[i] */
    mag_struct max_bound;
}
kd_spectrum_level_struct;

typedef kd_spectrum_level_struct kd_spectrum_level_t[1];

void kd_spectrum_level_init(kd_spectrum_level_t L);
void kd_spectrum_level_clear(kd_spectrum_level_t L);
/* z = the i-th output point exactly. */
void kd_spectrum_level_point(arf_t z, const kd_spectrum_level_t L, slong i);

/* Gamma_n: the grid G = 2^-e Z ∩ [lo, hi]; b_n(z) for every z in G (the
   bound above, v from kd_spectrum_tridiag_vector); then every z in G with
   b_n(z) <= tol seeds the window G ∩ [z - b_n(z), z + b_n(z)], and the first
   minimiser of b_n over each window is output (the local-minimiser rule of
   Colbrook, Roman and Hansen 2019, which converges without knowing the rate;
   §3). Every output point z satisfies dist(z, Sp(H)) <= its bound, proved.
   L must be initialised; its previous content is replaced. Errors:
   KD_ERR_ARG (n outside [1, KD_SPECTRUM_SECTION_MAX], e outside [0, 60],
   lo > hi, a grid of more than KD_SPECTRUM_GRID_MAX points), and those of
   the section (the callbacks'). */
kd_status kd_spectrum_tridiag_points(kd_spectrum_level_t L, const kd_tridiag_op_t H,
                                     slong n, slong e, const fmpq_t lo, const fmpq_t hi,
                                     const mag_t tol, slong prec);

/* Certified inner extent: when L has points, lo = min (z_i + bound_i)
   (rounded up) and hi = max (z_i - bound_i) (rounded down) satisfy
   inf Sp(H) <= lo and sup Sp(H) >= hi; returns 0 when L is empty. */
int kd_spectrum_level_extent(arf_t lo, arf_t hi, const kd_spectrum_level_t L);

/* The excess e(B, A) = max over points b of B of the distance from b to the
   nearest point of A (exact; infinite when A is empty and B is not, 0 when B
   is empty). Used, unverified in meaning, to estimate how much of what a
   finer level finds a coarser level misses. */
void kd_spectrum_level_excess(arf_t d, const kd_spectrum_level_t B, const kd_spectrum_level_t A);

/* ------------------------------------------------- the demonstrations of
   `kdigits sci spectrum` (src/spectrum/run.c): every level computed by one
   call, for a front end that only formats */

/* (a) The Δ₁ algorithm at several levels on the nearest-rounding oracle of
   an exact Hermitian matrix. */
typedef struct
{
    slong N;                /* the order */
    int is_complex;
    slong nlevels;
    slong * levels;
    arb_ptr * eig;          /* eig[i]: the N enclosures at levels[i], ascending */
    mag_ptr max_radius;     /* the largest radius at each level */
    slong nreads;           /* the levels the oracle was read at */
    slong * reads;
}
kd_spectrum_hermitian_run_struct;

typedef kd_spectrum_hermitian_run_struct kd_spectrum_hermitian_run_t[1];

void kd_spectrum_hermitian_run_init(kd_spectrum_hermitian_run_t R);
void kd_spectrum_hermitian_run_clear(kd_spectrum_hermitian_run_t R);

/* Checks that M is square, of order <= KD_SPECTRUM_DIM_MAX and Hermitian
   (kd_spectrum_is_hermitian: KD_ERR_DOMAIN when proved not, KD_ERR_UNDECIDED
   when undecided; the messages name M by name), then runs
   kd_spectrum_hermitian at every level n[0..nn-1] on M's oracle with
   precision cap prec_cap (0: none). */
kd_status kd_spectrum_hermitian_levels(kd_spectrum_hermitian_run_t R, const kd_mat_t M,
                                       const char * name, const slong * n, slong nn,
                                       slong prec_cap);

/* (b) The Σ₁ tower at several section half-widths. */
typedef struct
{
    fmpq lo, hi;            /* the grid range [-R, R], R = ceil(4 ||H||)/4 + 1/2 */
    slong nlevels;
    kd_spectrum_level_struct * L;
    arf_struct * missed;    /* i < nlevels - 1: kd_spectrum_level_excess of the finest
                               level over level i (NOT certified) */
}
kd_spectrum_tower_struct;

typedef kd_spectrum_tower_struct kd_spectrum_tower_t[1];

void kd_spectrum_tower_init(kd_spectrum_tower_t S);
void kd_spectrum_tower_clear(kd_spectrum_tower_t S);

/* The grid spacing exponent of level n when none is given:
   max(6, ceil(log2 n) + 1), so the grid refines as n grows. */
slong kd_spectrum_grid_default(slong n);

/* kd_spectrum_tridiag_points at every half-width n[0..nn-1] on the grid
   2^-e Z of [-R, R] (R as above, so that points outside the spectrum are
   tried too), e = grid, or kd_spectrum_grid_default(n) when grid < 0; then
   the excess of the finest level over each coarser one. */
kd_status kd_spectrum_tower_run(kd_spectrum_tower_t S, const kd_tridiag_op_t H, const slong * n,
                                slong nn, slong grid, const mag_t tol, slong prec);

/* Exact decimal strings (flint_free them): the output point z_i of L, and
   the grid spacing of L as "1" or "1/2^e" written out ("1/64"). */
char * kd_spectrum_level_point_get_str(const kd_spectrum_level_t L, slong i);
char * kd_spectrum_level_spacing_get_str(const kd_spectrum_level_t L);

/* x with `places` decimals, rounded up (up = 1) or down (up = 0), so that
   a one-sided bound stays valid when printed. */
char * kd_spectrum_arf_get_decimal(const arf_t x, slong places, int up);

/* ---- the runs as text or CSV (src/spectrum/text.c; JSON: kdigits/json.h) */
/* The Hermitian run R of the matrix called name: text (the radius per
   level and at most points enclosures of the last level) or CSV (every
   enclosure). */
kd_status kd_spectrum_hermitian_run_write(FILE * f, const kd_spectrum_hermitian_run_t R,
                                          const char * name, slong points, int csv);
/* The tower S of the operator H (the almost Mathieu operator with lam, om,
   th, or the free Laplacian): text (a row per level, at most points points
   of the finest level, what is and is not certified) or CSV (every
   point). */
kd_status kd_spectrum_tower_write(FILE * f, const kd_spectrum_tower_t S, const kd_tridiag_op_t H,
                                  int laplacian, const kd_real_t lam, const kd_real_t om,
                                  const kd_real_t th, slong points, int csv);

#ifdef __cplusplus
}
#endif
#endif
