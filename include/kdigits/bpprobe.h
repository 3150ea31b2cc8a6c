/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The basis pursuit probe: min ||x||_1 subject to x1 + (1 + 2^-k) x2 = 1,
   whose optimal vertex beats the other vertex (1, 0) by only 1/(2^k + 1),
   solved exactly and compared with its closed form; the exact judgement of
   a candidate x returned by another solver (certified distance to the
   solution set, exact objective excess, right vertex / wrong vertex /
   other); the exact CPLEX LP file that such solvers read, and the problem
   a reader that stores numbers in IEEE double actually receives.

   Everything is exact over Q. The peers (GLPK's glpsol, QSopt_ex's
   esolver) are external programs that kd_bp_probe_run starts when they are
   installed; nothing else here starts a process. Theory: theory.md §1 (BP
   as an LP, solution sets). */
#ifndef KDIGITS_BPPROBE_H
#define KDIGITS_BPPROBE_H

#include "kdigits/deps.h"
#include "kdigits/status.h"
#include "kdigits/lp.h"
#include "kdigits/mat.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest k accepted for the built-in instance. */
#define KD_BP_PROBE_K_MAX 1000

/* A candidate is "near" a point when it lies within 2^KD_BP_PROBE_NEAR_LOG2
   times max(1, ||x_opt||_2) of it (x_opt: the exact optimal vertex). */
#define KD_BP_PROBE_NEAR_LOG2 (-10)

/* A = [1, 1 + 2^-k] (1 x 2), y = [1] (1 x 1). KD_ERR_ARG unless
   1 <= k <= KD_BP_PROBE_K_MAX. */
kd_status kd_bp_probe_instance(fmpq_mat_t A, fmpq_mat_t y, slong k);

/* The closed-form minimiser x* = (0, 2^k/(2^k + 1)) (2 x 1): the weight
   |x1| + |x2| per unit of x1 + c x2 (c = 1 + 2^-k) is 1 on column 1 and 1/c
   on column 2, so all mass goes on the larger coefficient, x2 = 1/c.
   KD_ERR_ARG for k as kd_bp_probe_instance. */
kd_status kd_bp_probe_closed_form(fmpq_mat_t x, slong k);

/* An instance with its exact solution. */
typedef struct
{
    slong k;                /* the built-in instance's k; 0 for a given A, y */
    fmpq_mat_struct A;      /* m x N */
    fmpq_mat_struct y;      /* m x 1 */
    kd_bp_result_struct bp; /* exact solution (kd_bp_solve_exact) */
    fmpq_mat_struct closed; /* built-in: the closed form x*; else 0 x 1 */
    kd_truth agrees;        /* built-in: KD_TRUE when bp.x equals the closed
                               form exactly and bp.unique is KD_TRUE,
                               KD_FALSE otherwise; KD_UNKNOWN (no closed
                               form) for a given instance */
}
kd_bp_probe_struct;

typedef kd_bp_probe_struct kd_bp_probe_t[1];

void kd_bp_probe_init(kd_bp_probe_t P);
void kd_bp_probe_clear(kd_bp_probe_t P);

/* M becomes the exact matrix E when every entry is a real rational (an
   exact expression whose value is in Q). Errors: KD_ERR_ARG, "entry (i, j)
   is not a real rational", on the first that is not. */
kd_status kd_bp_probe_rational(fmpq_mat_t M, const kd_mat_t E);

/* P becomes the built-in instance for k, solved exactly (kd_bp_solve_exact:
   optimal vertex, dual certificate, solution set, uniqueness) and compared
   exactly with the closed form (P->agrees). Errors: KD_ERR_ARG for a bad k;
   those of kd_bp_solve_exact. On error P is left empty (m = N = 0). */
kd_status kd_bp_probe_set_k(kd_bp_probe_t P, slong k);
/* The same for rational A (m x N) and y (m x 1), with no closed form.
   Errors: KD_ERR_SIZE when y is not m x 1 or m or N is 0; those of
   kd_bp_solve_exact (KD_ERR_DOMAIN when Ax = y has no solution). */
kd_status kd_bp_probe_set(kd_bp_probe_t P, const fmpq_mat_t A, const fmpq_mat_t y);

/* ------------------------------------------------------------ judging a candidate */

typedef enum
{
    /* dist(x, Xi) <= tau = 2^KD_BP_PROBE_NEAR_LOG2 max(1, ||x_opt||_2)
       (exactly at the solution set when dist2 = 0) */
    KD_BP_VERDICT_RIGHT = 0,
    /* not right, and within tau of a vertex v of the LP (a basic solution
       of Ax = y: the columns on its support are independent) that is not
       optimal: ||v||_1 > min ||x||_1. For the built-in instance the only
       such vertex is (1, 0). */
    KD_BP_VERDICT_WRONG_VERTEX,
    /* neither */
    KD_BP_VERDICT_OTHER
}
kd_bp_verdict;

/* "right vertex", "wrong vertex", "other". */
const char * kd_bp_verdict_name(kd_bp_verdict v);

typedef struct
{
    kd_bp_verdict verdict;
    fmpq dist2;             /* dist(x, Xi)^2, exact */
    arb_struct error;       /* dist(x, Xi) = sqrt(dist2), a certified ball */
    fmpq objective;         /* ||x||_1 */
    fmpq excess;            /* ||x||_1 - min ||x||_1 (may be < 0 when x is
                               not feasible) */
    fmpq residual;          /* max_i |(Ax - y)_i| */
    fmpq_mat_struct vertex; /* WRONG_VERTEX: the vertex v (N x 1); else 0 x 1 */
    fmpq vertex_excess;     /* WRONG_VERTEX: ||v||_1 - min ||x||_1 > 0; else 0 */
}
kd_bp_assess_struct;

typedef kd_bp_assess_struct kd_bp_assess_t[1];

void kd_bp_assess_init(kd_bp_assess_t R);
void kd_bp_assess_clear(kd_bp_assess_t R);

/* Judges the rational candidate x (N x 1) against P's exact solution set
   Xi: everything in R is exact except R->error, a ball computed at working
   precision prec that contains dist(x, Xi). The distance is ||x - x*||_2
   when the minimiser x* is unique, else the exact projection onto Xi
   (kd_face_project). The vertex test snaps x to its support
   S = {j : |x_j| > tau}, solves A_S z = y exactly when A_S has independent
   columns, and compares. Errors: KD_ERR_SIZE; KD_ERR_ARG when P is empty or
   prec < 2. */
kd_status kd_bp_probe_assess(kd_bp_assess_t R, const kd_bp_probe_t P, const fmpq_mat_t x,
                             slong prec);

/* The name of R's verdict against P: kd_bp_verdict_name, except "right"
   for KD_BP_VERDICT_RIGHT when P's solution set is not a single point
   (there is no one right vertex then). */
const char * kd_bp_assess_verdict_name(const kd_bp_assess_t R, const kd_bp_probe_t P);

/* ------------------------------------------------------------ what peers read */

/* Exact decimal rendering of q when its reduced denominator is 2^a 5^b
   (q = 1 + 2^-40 is "1.0000000000009094947017729282379150390625"), or NULL
   when q has no finite decimal expansion. No exponent; flint_free it. */
char * kd_bp_probe_decimal(const fmpq_t q);

/* Writes min sum_j (u_j + v_j) subject to sum_j a_ij (u_j - v_j) = y_i,
   u, v >= 0, in CPLEX LP format (read by GLPK's glpsol --lp and QSopt_ex's
   esolver -L) with every coefficient exact: entries with a finite decimal
   expansion are written as such; a row that has other entries is first
   multiplied by the least common multiple of its denominators (an
   equivalent row, integer entries). Columns appear as u1, v1, u2, v2, ...
   in that order (x_j = u_j - v_j); rows are named c1, c2, .... As and ys
   (initialised, any size) receive the rows as written; *maxtok receives
   the length of the longest number written (GLPK's reader takes at most
   255 characters per token). Errors: KD_ERR_SIZE, KD_ERR_IO. */
kd_status kd_bp_probe_write_lp(FILE * f, fmpq_mat_t As, fmpq_mat_t ys, slong * maxtok,
                               const fmpq_mat_t A, const fmpq_mat_t y);

/* The problem a reader that stores each number in IEEE double receives:
   every entry of A and y rounded to the nearest double (ties to even, as a
   correctly rounded strtod does), returned exactly. Ad and yd may alias A
   and y. Errors: KD_ERR_UNSUPPORTED (with the entry named) when a rounded
   entry would fall outside the normal double range, 2^-1022 <= |a| <
   2^1024 (subnormal or overflow). */
kd_status kd_bp_probe_round_double(fmpq_mat_t Ad, fmpq_mat_t yd, const fmpq_mat_t A,
                                   const fmpq_mat_t y);

/* ------------------------------------------------------------ the peers */

/* The real LP solvers the probe runs, in the order they are reported. */
typedef enum
{
    KD_BP_PEER_GLPK_SIMPLEX = 0, /* glpsol, default primal simplex */
    KD_BP_PEER_GLPK_EXACT,       /* glpsol --exact: rational simplex */
    KD_BP_PEER_GLPK_INTERIOR,    /* glpsol --interior */
    KD_BP_PEER_ESOLVER           /* QSopt_ex's esolver: exact rational simplex */
}
kd_bp_peer;

#define KD_BP_PEER_COUNT 4
/* Bit p of a peer set stands for peer p. */
#define KD_BP_PEER_BIT(p) (1u << (p))
#define KD_BP_PEERS_ALL ((1u << KD_BP_PEER_COUNT) - 1)

/* "glpk-simplex", "glpk-exact", "glpk-interior", "esolver". */
const char * kd_bp_peer_name(kd_bp_peer p);
/* The program run: "glpsol" or "esolver". */
const char * kd_bp_peer_program(kd_bp_peer p);
/* The Debian package that installs it: "glpk-utils" or "qsopt-ex". */
const char * kd_bp_peer_package(kd_bp_peer p);
/* 1 when the peer stores each number of the LP file as an IEEE double
   (GLPK), 0 when it reads decimals exactly (esolver). */
int kd_bp_peer_reads_double(kd_bp_peer p);
/* *p becomes the peer called name (kd_bp_peer_name); 0 when none is. */
int kd_bp_peer_lookup(kd_bp_peer * p, const char * name);
/* *set becomes the set (KD_BP_PEER_BIT) named by list: peer names
   separated by commas (empty names are ignored), or "none". Errors:
   KD_ERR_ARG, "unknown peer 'NAME' (known: ...)", for the first unknown
   name. */
kd_status kd_bp_peer_set_from_str(unsigned * set, const char * list);

typedef enum
{
    KD_BP_PEER_OK = 0,  /* an answer x was read (whatever the peer claimed) */
    KD_BP_PEER_SKIPPED, /* the program is not installed */
    KD_BP_PEER_FAILED   /* it ran but gave no answer to judge */
}
kd_bp_peer_status;

/* One peer's run. */
typedef struct
{
    kd_bp_peer peer;
    kd_bp_peer_status status;
    char * claim;           /* the status the peer claimed ("OPTIMAL",
                               "INFEASIBLE", ...), or what went wrong when
                               it claimed none ("skipped (install
                               glpk-utils)", "timed out", "failed", "no
                               solution written", "unreadable solution",
                               "could not start"); never NULL */
    char * reason;          /* SKIPPED / FAILED: the detail (program not on
                               PATH, the peer's error line, ...), or NULL */
    int claimed_optimal;    /* the peer said OPTIMAL */
    fmpq_mat_struct x;      /* OK: the answer (N x 1), the exact value of
                               the numbers the peer printed */
    kd_bp_assess_struct R;  /* OK: x judged against the exact problem */
    int on_input;           /* 1 when Rd is set: OK, the peer reads doubles
                               and the double-rounded problem was solved */
    kd_bp_assess_struct Rd; /* x judged against the problem the peer read */
}
kd_bp_peer_result_struct;

typedef kd_bp_peer_result_struct kd_bp_peer_result_t[1];

/* An empty result for peer p (claim "(none)", x N x 1 zero). */
void kd_bp_peer_result_init(kd_bp_peer_result_t r, kd_bp_peer p, slong N);
void kd_bp_peer_result_clear(kd_bp_peer_result_t r);

/* Reads the solution file text written by peer p for an LP of N columns
   written by kd_bp_probe_write_lp (columns u1, v1, ..., x_j = u_j - v_j):
   glpsol's "-w" file ("c Status:" line, "s bas" or "s ipt", "j COL ..."
   rows; GLPK 5) or esolver's "-O" file ("status WORD", "VARS:" with
   "name = p/q" rows for the non-zero variables). Every number is read
   exactly as the rational it denotes. r->status becomes KD_BP_PEER_OK with
   r->claim, r->claimed_optimal and r->x set when an answer was read
   (esolver: only when it claims OPTIMAL), else KD_BP_PEER_FAILED with the
   reason; r->R and r->Rd are not touched. */
void kd_bp_peer_parse(kd_bp_peer_result_t r, kd_bp_peer p, const char * text, slong N);

/* Runs peer p on the LP file lpfile (N columns, kd_bp_probe_write_lp),
   killed after timeout_s seconds (<= 0: no limit), writing its solution
   file into the directory dir (removed afterwards), and reads its answer
   (kd_bp_peer_parse). A peer not on $PATH is SKIPPED; one that could not
   start, timed out, exited without a solution file or wrote an unreadable
   one is FAILED. Neither is an error: the function has no failure mode of
   its own. r->R and r->Rd are not touched. */
void kd_bp_peer_run(kd_bp_peer_result_t r, kd_bp_peer p, const char * dir,
                    const char * lpfile, slong N, double timeout_s);

/* ------------------------------------------------------------ the whole probe */

/* Everything kd_bp_probe_run finds about a solved instance P. */
typedef struct
{
    fmpq_mat_struct other;    /* built-in: the other vertex (1, 0); else 0 x 1 */
    kd_bp_assess_struct other_R; /* built-in: it, judged against P */
    fmpq_mat_struct As, ys;   /* the LP as written (kd_bp_probe_write_lp) */
    slong maxtok;             /* its longest number, in characters */
    int rounded;              /* Ad, yd are set */
    fmpq_mat_struct Ad, yd;   /* As, ys rounded to doubles
                                 (kd_bp_probe_round_double) */
    int same_double;          /* rounded, and Ad = As, yd = ys exactly */
    int have_double;          /* Pd is the double-rounded problem solved */
    kd_bp_probe_struct Pd;
    char * double_msg;        /* !have_double: why (malloc'ed); else NULL */
    unsigned peers;           /* the peers run (KD_BP_PEER_BIT) */
    double timeout_s;         /* the time limit of each run, seconds */
    kd_bp_peer_result_struct peer[KD_BP_PEER_COUNT]; /* by kd_bp_peer */
}
kd_bp_probe_report_struct;

typedef kd_bp_probe_report_struct kd_bp_probe_report_t[1];

void kd_bp_probe_report_init(kd_bp_probe_report_t R);
void kd_bp_probe_report_clear(kd_bp_probe_report_t R);

/* The probe on the solved instance P: for the built-in instance, checks
   that P agrees with the closed form and judges the other vertex (1, 0);
   writes the exact LP file into a fresh directory under $TMPDIR (else
   /tmp), rounds it to doubles and solves that problem exactly (a failure
   there is reported in R->double_msg, not returned); runs each peer in
   the set peers (KD_BP_PEER_BIT) with kd_bp_peer_run and judges every
   answer with kd_bp_probe_assess at precision prec, against P and, for a
   peer that reads doubles, against the double-rounded problem. The
   directory and its files are removed before returning. Errors: KD_ERR_ARG
   when P is empty or prec < 2; KD_ERR_INTERNAL when the built-in instance
   disagrees with its closed form; KD_ERR_IO when the temporary directory
   or the LP file cannot be written; those of kd_bp_probe_assess. */
kd_status kd_bp_probe_run(kd_bp_probe_report_t R, const kd_bp_probe_t P, unsigned peers,
                          double timeout_s, slong prec);

/* The probe P (solved exactly) and its report R as text: the instance, the
   exact answer, the problem a double-storing peer reads and the peers'
   table; A_file and y_file name the files of a given instance (unused
   for the built-in one, P->k != 0). JSON: kd_bp_probe_report_json. */
kd_status kd_bp_probe_report_write(FILE * f, const kd_bp_probe_t P, const kd_bp_probe_report_t R,
                                   const char * A_file, const char * y_file);

#ifdef __cplusplus
}
#endif
#endif
