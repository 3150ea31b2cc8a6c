/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The class Omega_K of the barrier theorem as exact data: the Table-1
   phase-transition gadget with its exact minimiser sets (a point, or the tie
   simplex), P3 training samples, the two-scale class and the adversarial
   oracle that makes the impossibility statement executable (theory.md
   §3-§5; Colbrook-Antun-Hansen, PNAS 2022, Table 1 and the proof of Thm 1).

   Index convention: columns are 0-based in C. The paper's "j = 1" and
   "j = 2" are j = 0 and j = 1 here. */
#ifndef KDIGITS_OMEGA_H
#define KDIGITS_OMEGA_H

#include "kdigits/mat.h"
#include "kdigits/oracle.h"
#include "kdigits/solve.h"

#ifdef __cplusplus
extern "C" {
#endif

/* j value of the exact tie (no raised column). */
#define KD_OMEGA_TIE (-1)
/* Bounds accepted for the decimal scale K and the sizes N1, N2. */
#define KD_OMEGA_K_MAX 10000
#define KD_OMEGA_DIM_MAX 100000

/* ------------------------------------------------------------ the gadget

   With a0 = (sqrt(2)/3) 10^K, eps = 2^-(n+1), the first row is
   a = a0 * 1 + eps e_j (a = a0 * 1 for the tie), c = ||a||_2,
     A = D [ a^T 0 ; 0 c I_{N2} ]  ((N2+1) x (N1+N2)),   y = D e_1,
   D the orthonormal DCT-II of size m = N2+1 (or I when dct = 0), w = 1.
   The paper's generator writes a_i = gamma lambda / rho and
   a_j = gamma lambda / rho_min with gamma = sqrt(2)(1-delta)10^K/(3 lambda),
   rho = 1-delta, rho_min = rho/(1+u rho), u = eps/(gamma lambda): these are
   exactly a0 and a0 + eps (delta and lambda cancel; kd_omega_paper_aj
   builds the literal formula for cross-checking).

   The minimiser set, for every kind, is the simplex
     Xi = conv{ tau e_i : i in J },  J = {j} (a point) or J = {0..N1-1} (tie),
   with tau = 1/a_max (P3, BP), (1/a_max)(1 - lambda/(2 a_max)) (P2),
   (1 - eta)/a_max (P1), a_max = a0 + eps (or a0). Proofs at
   kd_omega_certify (src/omega/gadget.c). */
typedef struct
{
    kd_problem_kind kind;
    slong K;
    slong n;            /* eps = 2^-(n+1); meaningless for the tie */
    slong N1;
    slong N2;
    slong j;            /* 0-based raised column, or KD_OMEGA_TIE */
    int dct;
    slong m;            /* N2 + 1 */
    slong N;            /* N1 + N2 */
    kd_real_t param;    /* lambda (P2, P3), eta (P1), 0 (BP) */
    kd_real_t a0;       /* (sqrt(2)/3) 10^K */
    kd_real_t eps;      /* 2^-(n+1), or 0 for the tie */
    kd_real_t amax;     /* a0 + eps */
    kd_real_t c;        /* ||a||_2 */
    kd_real_t tau;      /* the vertex scale of Xi */
    kd_mat_t D;         /* m x m */
    kd_mat_t A;         /* m x N, exact */
    kd_mat_t y;         /* m x 1, exact */
    slong nvert;        /* |J| */
    slong * vert;       /* J, increasing */
}
kd_omega_struct;

typedef kd_omega_struct kd_omega_t[1];

/* An empty gadget (m = N = 0); kd_omega_clear frees any gadget. */
void kd_omega_init(kd_omega_t G);
void kd_omega_clear(kd_omega_t G);

/* Builds the gadget for problem kind (P1, P2, P3 or BP) with parameter
   param (lambda for P2/P3, eta for P1, ignored and may be NULL for BP),
   scale K (|K| <= KD_OMEGA_K_MAX), level n >= 0 (ignored for the tie),
   N1 >= 2, N2 >= 1, raised column 0 <= j < N1 or j = KD_OMEGA_TIE, with
   or without the DCT. Every entry is an exact expression. The closed form
   needs, proved by evaluation within prec_cap (0 = default): lambda > 0
   and a0 > lambda (P3), 2 a0 > lambda (P2), 0 <= eta < 1 (P1); KD_ERR_ARG
   with a message when one is proved false, KD_ERR_UNDECIDED when it is not
   decided. On failure G is a valid empty gadget. */
kd_status kd_omega_set(kd_omega_t G, kd_problem_kind kind, const kd_real_t param,
                       slong K, slong n, slong N1, slong N2, slong j, int dct,
                       slong prec_cap);

/* aj = gamma lambda / rho_min, literally as the paper's generator writes it
   (theory.md §4), for K, lambda > 0, 0 < delta < 1/4 and n >= 0; it equals
   a0 + 2^-(n+1), which kd_omega_set uses. KD_ERR_ARG for bad parameters. */
kd_status kd_omega_paper_aj(kd_real_t aj, slong K, const kd_real_t lambda,
                            const kd_real_t delta, slong n);

/* P = the exact problem of G (entries shared). Errors as kd_problem_init. */
kd_status kd_omega_problem_init(kd_problem_t P, const kd_omega_t G, slong prec_cap);

/* 1 if Xi(G) is a single point (j raised), 0 for the tie simplex. */
int kd_omega_is_point(const kd_omega_t G);

/* x (N x 1, resized) = the i-th vertex tau e_{J[i]} of Xi, exactly.
   KD_ERR_ARG unless 0 <= i < G->nvert. */
kd_status kd_omega_vertex(kd_mat_t x, const kd_omega_t G, slong i);

/* x = the unique minimiser tau e_j, exactly; KD_ERR_ARG for the tie. */
kd_status kd_omega_minimiser(kd_mat_t x, const kd_omega_t G);

/* d = dist(xhat, Xi(G)) as a certified ball, for a rational candidate xhat
   (N x 1). The projection onto the simplex conv{t e_i : i in J} is computed
   exactly in Q for a rational t within the enclosure of tau at prec bits;
   the radius of that enclosure is added (dist is 1-Lipschitz in the scale,
   proof in src/omega/gadget.c). KD_ERR_SIZE for a wrong shape. */
kd_status kd_omega_dist(arb_t d, const kd_omega_t G, const fmpq_mat_t xhat, slong prec);

/* The same for a candidate given by balls (midpoints projected exactly,
   the 2-norm of the radii added). */
kd_status kd_omega_dist_arb(arb_t d, const kd_omega_t G, const arb_mat_t xhat, slong prec);

/* Checks in ball arithmetic at prec bits that every vertex of Xi(G)
   satisfies the optimality conditions with the strict dual certificate that
   proves Xi(G) is exactly the stated simplex (proof in gadget.c):
     P3, BP (and P1 with eta = 0): zero residual y - A v (balls contain 0)
     and q = D e_1 / a_max with A^T q = 1 on J, |A^T q| < 1 off J, and for P3
     lambda ||q|| < 1;
     P2: 2 A^T (y - A v) = lambda on J, |.| < lambda off J;
     P1: ||y - A v|| = eta, A^T r equal and > 0 on J, strictly smaller in
     modulus off J.
   Equalities are checked as containment (their exactness is proved
   symbolically), strict inequalities are proved. *t = KD_TRUE when all
   hold, KD_FALSE when one is proved violated, KD_UNKNOWN otherwise. */
kd_status kd_omega_certify(kd_truth * t, const kd_omega_t G, slong prec);

/* Certified operator-norm test: *t = KD_TRUE when ||M||_2 < b is proved
   (b^2 I - M M^T, or M^T M, proved positive definite by a ball Cholesky
   factorisation), KD_FALSE when some row or column of M has 2-norm > b
   (proved), KD_UNKNOWN otherwise. */
void kd_omega_opnorm_lt(kd_truth * t, const arb_mat_t M, const arb_t b, slong prec);

/* R (resized m x N) = the real balls of G's matrix at prec bits (and of y
   into Y when Y is not NULL). Errors as kd_mat_eval_acb_mat. */
kd_status kd_omega_eval(arb_mat_t R, arb_mat_t Y, const kd_omega_t G, slong prec);

/* ------------------------------------------------------------ samples

   Training samples for P3 (theory.md §4): x = tau e_j + (0, z) with z
   s-sparse on a random support of the second block, z = g / c with g a
   standard normal draw, and y = D (1, g) = A x: zero residual, and x is the
   unique P3 minimiser (checked at draw time: lambda^2 (1/a_j^2 + s/c^2) < 1,
   proof in samples.c). The draws are reproducible bit for bit from the
   seed: uniforms are 53-bit integers from a FLINT random state seeded with
   (seed, seed ^ 0x5DEECE66D), g = sqrt(-2 ln u1) cos(2 pi u2) evaluated in
   MPFR at 53 bits, each operation correctly rounded to nearest, so g is an
   exact dyadic independent of the platform's libm. */
typedef struct
{
    slong R;            /* number of samples */
    slong s;            /* sparsity of z */
    ulong seed;
    slong m;
    slong N;
    slong * supp;       /* R * s column indices (0-based, in [N1, N)), increasing per sample */
    fmpq * g;           /* R * s exact dyadic Gaussian draws, parallel to supp */
    kd_mat_struct * x;  /* R exact minimisers, N x 1 */
    kd_mat_struct * y;  /* R exact data, m x 1 */
}
kd_omega_samples_struct;

typedef kd_omega_samples_struct kd_omega_samples_t[1];

void kd_omega_samples_init(kd_omega_samples_t S);
void kd_omega_samples_clear(kd_omega_samples_t S);

/* Draws R >= 0 samples of sparsity 0 <= s <= N2 for the point gadget G
   (kind P3 or BP), replacing S's contents. KD_ERR_ARG for the tie, another
   kind or bad R, s; KD_ERR_ARG when the uniqueness condition is proved to
   fail, KD_ERR_UNDECIDED when not decided. */
kd_status kd_omega_samples_draw(kd_omega_samples_t S, const kd_omega_t G, slong R, slong s,
                                ulong seed);

/* The samples in double for a trainer: X (R x N) and Y (R x m), row-major,
   each entry the nearest double to the midpoint of a prec-bit enclosure
   (uncertified rounding; the exact data stay in S). */
kd_status kd_omega_samples_get_d(double * X, double * Y, const kd_omega_samples_t S,
                                 slong prec);

/* X (R x N) and Y (R x m), row-major: bit for bit what
   kd_omega_samples_draw(S, G, R, s, seed) followed by
   kd_omega_samples_get_d(X, Y, S, prec) give (same draws, same balls),
   computed without building the exact samples as expression DAGs (memory
   O(m^2), not O(R m)); proofs-notes/omega-k.md §5. Errors as those two. */
kd_status kd_omega_samples_draw_d(double * X, double * Y, const kd_omega_t G, slong R,
                                  slong s, ulong seed, slong prec);

/* An (R x N, R x m) pair: *res = KD_TRUE when every sample's residual
   balls A x - y contain 0 and its support is the planted one ({j} plus
   supp), checked at prec bits. */
kd_status kd_omega_samples_check(kd_truth * res, const kd_omega_samples_t S,
                                 const kd_omega_t G, slong prec);

/* An = G's oracle answer at level (||An - A||_2 <= 2^-level, proved) as
   doubles, m x N row-major, each the nearest double to the dyadic entry
   (the conversion is not certified). */
kd_status kd_omega_approx_d(double * An, const kd_omega_t G, slong level, slong prec_cap);

/* ------------------------------------------------------------ the class

   Omega_K = Omega(1) u Omega(2) (theory.md §4, last paragraph): at scale 1
   the gadgets of scale K (raised column j, every n, and the exact tie), at
   scale 2 those of scale K-1 (a0/10), ties excluded. */
typedef struct
{
    kd_problem_kind kind;
    kd_real_t param;
    slong K;
    slong N1;
    slong N2;
    int dct;
    slong prec_cap;
}
kd_omega_class_struct;

typedef kd_omega_class_struct kd_omega_class_t[1];

/* Stores the class parameters (no validation beyond sizes and K; the
   instances validate). KD_ERR_ARG for bad sizes, K or kind. On failure C is
   still safe to clear. */
kd_status kd_omega_class_init(kd_omega_class_t C, kd_problem_kind kind, const kd_real_t param,
                              slong K, slong N1, slong N2, int dct, slong prec_cap);
void kd_omega_class_clear(kd_omega_class_t C);

/* G = the instance (scale, n, j) of C: scale 1 or 2, j in [0, N1) or
   KD_OMEGA_TIE (scale 1 only). Errors as kd_omega_set, KD_ERR_ARG for a
   bad scale or a tie at scale 2. */
kd_status kd_omega_class_instance(kd_omega_t G, const kd_omega_class_t C, slong scale,
                                  slong n, slong j);

/* Membership: *scale = 1 or 2 when G is an instance of C (same kind,
   parameter structurally equal or equal in balls, sizes, DCT; K or K-1; a
   tie only at scale 1), else 0. */
void kd_omega_class_member(slong * scale, const kd_omega_class_t C, const kd_omega_t G);

/* OA, Oy = oracles for G's exact A and y, with query logs. */
kd_status kd_omega_oracle_init(kd_oracle_t OA, kd_oracle_t Oy, const kd_omega_t G);

/* ------------------------------------------------------------ the adversary

   theory.md §5 (i): a custom oracle for the matrix that answers level k
   with the scale-1 tie matrix rounded at level k+1 (kd_mat_approx), and
   keeps every answer. After the algorithm halts at largest level k0, both
   "column 0 raised by 2^-(n+1)" and "column 1 raised" with n = k0 + 2 are
   consistent with every answer (proof in class.c). The y oracle is G's
   (y = D e_1 on the whole class). */
kd_status kd_omega_adversary_init(kd_oracle_t O, const kd_omega_class_t C);

/* The level of the revealed instances: k0 + 2 for the largest level k0
   read (k0 = -1, so level 1, when nothing was read). */
slong kd_omega_adversary_level(const kd_oracle_t O);

/* G = the candidate with raised column j (0 or 1, or any column < N1) at
   kd_omega_adversary_level(O). KD_ERR_ARG if O is not an adversary. */
kd_status kd_omega_adversary_candidate(kd_omega_t G, const kd_oracle_t O, slong j);

/* Names the candidate on which the output xhat is wrong: G = the candidate
   j in {0, 1} with the larger certified distance (dist to column 0's
   minimiser when undecided), d its distance. Since the two minimisers are
   sqrt(2) tau apart, d >= tau/sqrt(2) > 10^-K on the scale-1 class. */
kd_status kd_omega_adversary_reveal(kd_omega_t G, arb_t d, const kd_oracle_t O,
                                    const fmpq_mat_t xhat, slong prec);

/* Consistency: *t = KD_TRUE when every answer A_k the adversary gave is
   proved to satisfy ||A_k - G.A||_2 < 2^-k (kd_omega_opnorm_lt at prec
   bits), KD_FALSE when one is proved not to, KD_UNKNOWN otherwise.
   KD_ERR_ARG if O is not an adversary, KD_ERR_SIZE if shapes differ. */
kd_status kd_omega_adversary_check(kd_truth * t, const kd_oracle_t O, const kd_omega_t G,
                                   slong prec);

/* ---- the Omega_K accuracy table (theory.md §6; src/omega/table.c) ----

   One row: the gadget for K and n with A = the instance with column 0
   raised (the paper's j = 1) and A_n = the instance with column 1 raised
   (j = 2), y_n = y = D e_1. FIRENET (and, when available, LISTA) is run on
   A_n, y_n and its output's distance to Xi(A, y) is certified against the
   exact closed-form minimiser (kd_omega_dist). */
typedef struct
{
    kd_problem_kind kind;       /* P3 (the paper), P1 or P2 */
    kd_real_t param;            /* lambda (P2, P3) or eta (P1) */
    slong N1, N2;
    int dct;
    slong data_extra;           /* the networks read A_n at level n + data_extra */
    kd_arith_struct arith;      /* FIRENET's working arithmetic */
    kd_iter_firenet_params_struct firenet;
    int replicate_published;    /* the authors' steps and misplaced minimiser */
    slong prec;                 /* certification precision */
    /* LISTA (theory.md §8): trained on R samples of A_n, s-sparse second
       block, fixed seed; Adam on the MSE */
    int lista;                  /* 0: skip LISTA */
    slong lista_layers;         /* 10 */
    slong lista_R;              /* 8000 */
    slong lista_s;              /* 5 */
    slong lista_epochs;         /* 30 */
    double lista_lr;            /* 1e-2 */
    double lista_lr_decay;      /* 0.9 per epoch */
    ulong seed;
    /* threads for kd_omega_table_run: 1 (default) serial, 0 = the number
       of online CPUs (kd_omega_table_jobs); the table is the same bit for
       bit for every value */
    slong jobs;
    /* called before each row of kd_omega_table_run (may be NULL); with
       threads, under a lock, when the row's first task starts */
    void (*progress)(void * data, slong K, slong n);
    void * progress_data;
}
kd_omega_table_opts_struct;

typedef kd_omega_table_opts_struct kd_omega_table_opts_t[1];

void kd_omega_table_opts_init(kd_omega_table_opts_t o);
void kd_omega_table_opts_clear(kd_omega_table_opts_t o);

/* Sets the problem kind with its defaults: eta = 1/10 for P1 (eta < 1/3
   keeps the candidates apart, proofs-notes/omega-k.md §1), and no LISTA
   unless P3 (its training samples are P3 minimisers). KD_ERR_ARG for BP. */
kd_status kd_omega_table_opts_set_kind(kd_omega_table_opts_t o, kd_problem_kind kind);

typedef struct
{
    slong K, n;
    arb_struct firenet;         /* certified dist(Phi(y_n), Xi(A, y)) */
    slong firenet_layers;
    double firenet_seconds;
    kd_truth firenet_k;         /* dist <= 10^-K */
    kd_truth firenet_k1;        /* dist <= 10^-(K-1) */
    arb_struct lista;           /* certified dist(Psi(y_n), Xi(A, y)) */
    kd_truth lista_k, lista_k1;
    double lista_train_mse, lista_val_mse;  /* original scale */
    double lista_seconds;
    slong lista_epochs;
    arb_struct ten_k;           /* 10^-K */
    arb_struct x_norm;          /* ||x*|| */
}
kd_omega_table_row_struct;

typedef kd_omega_table_row_struct kd_omega_table_row_t[1];

void kd_omega_table_row_init(kd_omega_table_row_t r);
void kd_omega_table_row_clear(kd_omega_table_row_t r);

/* Computes the FIRENET columns of the row (K, n). With
   replicate_published, FIRENET uses the authors' step sizes and the
   distance is measured, as in their test script, to a misplaced minimiser
   tau e_{N-1} (last column) for K <= 3 (theory.md §6); the result is then
   not a distance to Xi and is labelled so by the caller. */
kd_status kd_omega_table_firenet(kd_omega_table_row_t r, slong K, slong n,
                                 const kd_omega_table_opts_t o);

/* The LISTA columns: a network trained on the samples of A_n (the
   instance with column 1 raised) and applied to y_n; its output's distance
   to Xi(A, y) is certified. The data are scaled by an exact power of two
   2^e ~ 10^K so that the weights Adam trains are of order 1 at every K
   (LISTA commutes with that scaling: x = Psi~(y) 2^-e exactly). */
kd_status kd_omega_table_lista(kd_omega_table_row_t r, slong K, slong n,
                               const kd_omega_table_opts_t o);

/* The whole table: a row for every K in Ks and n in ns (K-major order),
   FIRENET and, when o->lista, LISTA. */
typedef struct
{
    kd_omega_table_row_struct * rows;
    slong nrows;
}
kd_omega_table_struct;

typedef kd_omega_table_struct kd_omega_table_t[1];

void kd_omega_table_init(kd_omega_table_t T);
void kd_omega_table_clear(kd_omega_table_t T);

/* Upper bound on the table's threads. */
#define KD_OMEGA_JOBS_MAX 256

/* The number of threads jobs asks for: jobs itself (at most
   KD_OMEGA_JOBS_MAX), the number of online CPUs for jobs <= 0, and 1 when
   the library was built without POSIX threads. */
slong kd_omega_table_jobs(slong jobs);

/* Computes the rows (kd_omega_table_firenet, kd_omega_table_lista), calling
   o->progress before each; stops at the first error (the first in the
   serial order, whatever the threads). With o->jobs != 1 the independent
   FIRENET and LISTA runs of the rows go to kd_omega_table_jobs(o->jobs)
   threads (serially when the parameter is not an exact rational); the rows
   are the same bit for bit (src/omega/table.c). */
kd_status kd_omega_table_run(kd_omega_table_t T, const slong * Ks, slong nK, const slong * ns,
                             slong nn, const kd_omega_table_opts_t o);

/* The claim of theory.md §3 on the table: KD_TRUE when every distance
   (FIRENET, and LISTA when o->lista) is proved to lie in (10^-K, 10^-(K-1)],
   KD_FALSE when one is proved outside, KD_UNKNOWN otherwise. */
kd_truth kd_omega_table_verdict(const kd_omega_table_t T, const kd_omega_table_opts_t o);

/* The gnuplot terminal for a plot file by its extension (png, svg, pdf),
   NULL for any other. */
const char * kd_plot_terminal(const char * file);

/* Writes the table's plot: the data (one block per level of ns) to data,
   which the script reads from data_path, and a gnuplot script drawing
   output (terminal by its extension) to script. KD_ERR_ARG for an unknown
   extension, KD_ERR_IO when a write failed. */
kd_status kd_omega_table_gnuplot(FILE * script, FILE * data, const char * data_path,
                                 const char * output, const kd_omega_table_t T,
                                 const kd_omega_table_opts_t to, slong Kmax, const slong * ns,
                                 slong nn);

/* The published value of Colbrook-Antun-Hansen (PNAS 2022, Table 1) for
   LISTA (lista = 1) or FIRENET at (K, n), as printed there, or NULL
   outside K in {1, 3, 6}, n in {10, 20, 30}; and a note on why it differs
   from the certified one (theory.md §6), or NULL. */
const char * kd_omega_table_published(int lista, slong K, slong n);
const char * kd_omega_table_published_note(int lista, slong K);

/* The table T (kd_omega_table_run with to) as text or CSV, next to the
   published values when paper (P3 with lambda = 1, the paper's setting).
   JSON: kd_omega_table_json. */
kd_status kd_omega_table_write(FILE * f, const kd_omega_table_t T, const kd_omega_table_opts_t to,
                               int paper, int csv);
/* T plotted to file (.png, .svg, .pdf) by gnuplot (kd_omega_table_gnuplot,
   temporary files removed): KD_ERR_UNSUPPORTED when gnuplot is not
   installed, KD_ERR_IO when it or the temporary files fail. */
kd_status kd_omega_table_plot(const char * file, const kd_omega_table_t T,
                              const kd_omega_table_opts_t to, slong Kmax, const slong * ns,
                              slong nn);

#ifdef __cplusplus
}
#endif
#endif
