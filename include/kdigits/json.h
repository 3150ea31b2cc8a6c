/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits/json: the library's results as JSON values (jansson), the same
   keys as `kdigits CMD --format json` prints, for the CLI and for bindings.
   The only public header that includes <jansson.h>. */
#ifndef KDIGITS_JSON_H
#define KDIGITS_JSON_H

#include <jansson.h>
#include "kdigits/deps.h"
#include "kdigits/truth.h"
#include "kdigits/oracle.h"
#include "kdigits/problem.h"
#include "kdigits/solve.h"
#include "kdigits/omega.h"
#include "kdigits/regimes.h"
#include "kdigits/lasso.h"
#include "kdigits/convergence.h"
#include "kdigits/bpprobe.h"
#include "kdigits/spectrum.h"
#include "kdigits/sci.h"
#include "kdigits/candidate.h"
#include "kdigits/peers.h"
#include "kdigits/stability.h"
#include "kdigits/dln.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Every function below returns a new reference (json_decref it), or NULL
   when jansson could not allocate the value itself (a member that could not
   be allocated is left out of its object). The strings are the library's
   own (kd_arb_get_decimal, kd_fmpq_get_str, ...): balls are {"mid", "rad"}
   certified decimal enclosures, rationals "p/q". */

/* ---- values */

/* A string value that takes ownership of s (flint_malloc'ed; freed). */
json_t * kd_json_take_string(char * s);
/* "p/q" (or "p"). */
json_t * kd_json_fmpq(const fmpq_t q);
/* A matrix as a list of rows of "p/q" strings. */
json_t * kd_json_fmpq_mat(const fmpq_mat_t M);
/* An upper bound as a decimal string with 6 significant digits, rounded up. */
json_t * kd_json_mag(const mag_t m);
/* {"mid": "...", "rad": "..."}: a certified decimal enclosure of x with the
   given significant digits of mid. */
json_t * kd_json_arb(const arb_t x, slong digits);
/* kd_json_arb, or null when x is not finite (an indeterminate ball). */
json_t * kd_json_arb_or_null(const arb_t x, slong digits);
/* json_dumps(j, flags) copied into malloc'ed memory (release it with
   free(), whatever allocator jansson was given); NULL on failure. */
char * kd_json_dumps_malloc(const json_t * j, size_t flags);
/* A three-valued answer: true, false or "unknown". */
json_t * kd_json_truth(kd_truth t);
/* A three-valued answer: true, false or null. */
json_t * kd_json_truth_or_null(kd_truth t);
/* A list of integers. */
json_t * kd_json_slong_list(const slong * v, slong n);
/* Decimal digits shown for a value known to 2^-n: enough to see the
   accuracy (n log10 2 + 2), between 6 and 60. Not a JSON value: the rule
   the serializers (and the CLI's text) use. */
slong kd_json_level_digits(slong n);

/* ---- results */

/* {"count", "exact", "levels"}: what a method read of one oracle (levels
   of the non-exact reads, in order). */
json_t * kd_oracle_reads_json(const kd_oracle_reads_struct * L);
/* One answer of a matrix oracle (`kdigits oracle --format json`): A_n at
   level n (entries read at entry_level), re and, for a complex matrix, im
   (NULL: real), with ||A_n - A||_F <= err. */
json_t * kd_oracle_level_json(slong n, slong entry_level, const fmpq_mat_t re,
                              const fmpq_mat_t im, const mag_t err);
/* `kdigits approx --format json`: re + i im approximates the number written
   expr at level n, |re + i im - x| <= err; is_real: the number is real
   (value and decimal are then plain strings); digits: the decimals'
   significant digits. */
json_t * kd_complex_approx_json(const char * expr, slong n, const fmpq_t re, const fmpq_t im,
                                const mag_t err, int is_real, slong digits);

/* Everything `kdigits solve --format json` prints for the result R of
   kd_solve(R, P, so): problem, method, arithmetic, level, reads, x,
   x_decimal, unique, objective, iterations, ... and, when R is certified,
   distance_to_truth, truth, correct_digits_certified, right_support,
   gap_bound (and feasible for p1, bp). scaled: the name of the scaled
   convention shown when P is a scaled LASSO ("matlab", "mean"; may be NULL
   when P is not scaled). */
json_t * kd_solve_result_json(const kd_solve_result_t R, const kd_problem_t P,
                              const kd_solve_opts_t so, const char * scaled);
/* The same as text, 2-space indented, keys in order, no trailing newline;
   malloc'ed: release it with free(). NULL on allocation failure. */
char * kd_solve_result_json_str(const kd_solve_result_t R, const kd_problem_t P,
                                const kd_solve_opts_t so, const char * scaled);
/* An operator solve (kd_solve_op) of the operator spec: method, sizes,
   steps, "gaps": [{"iter", "gap": {"mid", "rad"}, "gap_ubound", "F"}]
   (the gap ball encloses F(x_k) - F*, i.e. [0, bound]; null when not
   proved) and "output" for the method's output. */
json_t * kd_solve_op_report_json(const kd_solve_op_report_t R, const char * spec);

/* ---- certifying candidates (`kdigits certify --format json`) */

/* {"found", "unique", "how", "levels_read"}: a truth set, as `solve
   --certify` shows it under "truth". */
json_t * kd_truth_set_json(const kd_truth_set_t T);
/* One candidate's certified fields, with the names `solve --certify` uses:
   objective, distance_to_truth, correct_digits_certified, right_support,
   gap_bound (and feasible for p1, bp). */
json_t * kd_candidate_cert_json(const kd_candidate_cert_struct * c, kd_problem_kind kind);
/* Everything `kdigits certify --format json` prints for the job J of
   kd_certify_run(J, S, C): problem, data, truth, candidates (name,
   x_format and the fields above) and, with --data both, the same for the
   rounded data under "double_data". */
json_t * kd_certify_job_json(const kd_certify_job_t J, const kd_certify_spec_t S,
                             const kd_candidates_t C);

/* ---- one entry point for bindings (the Python module `kdigits`) */

/* Runs the request (a JSON object, UTF-8) and returns the answer as JSON
   text: {"result": ...} with what the matching command prints with
   --format json, or {"error": "one-line message", "status": "KD_ERR_..."}.
   Requests ("op" and its members; A, y, w: a path, builtin:NAME, or a list
   of rows of exact-expression strings or numbers; a flat list is a column):
     certify  problem, A, y, x (a list of entries, or a list of such lists;
              strings as kd_number_parse reads them, numbers exactly),
              x_im, lambda | eta, w, scaled, center, standardize, x_format,
              data, cert_prec: `kdigits certify`
     solve    problem, A, y, lambda | eta, w, scaled, center, standardize,
              method, prec (0: double), n, certify, max_iter, cert_prec
     approx   expr, n                   oracle   A, n
   Never NULL unless out of memory; release it with kd_json_free. */
char * kd_json_call(const char * request);
void kd_json_free(char * s);

/* `kdigits table --format json`: {"problem", "replicate_published", "rows"}
   of the table T computed with the options to; paper: whether the
   published values apply (the paper's setting) and are shown. */
json_t * kd_omega_table_json(const kd_omega_table_t T, const kd_omega_table_opts_t to, int paper);

/* `kdigits regimes --format json`. */
json_t * kd_regimes_report_json(const kd_regimes_report_t R);

/* ---- the LASSO probe (`kdigits lasso-probe --format json`) */

/* One row of the table: the cell C for delta (written dstr; D its
   kd_lasso_probe_delta) and setting s, the LASSO's Lambda; published: the
   published verdict shown with the row (NULL: none). */
json_t * kd_lasso_cell_json(const kd_lasso_cell_t C, const char * dstr, const kd_lasso_delta_t D,
                            kd_lasso_setting s, const fmpq_t Lambda, const char * published);
/* One row of the precision sweep (--precisions): R at precision p. */
json_t * kd_lasso_prec_row_json(const kd_lasso_prec_row_t R, const char * dstr,
                                const kd_lasso_delta_t D, slong p, kd_lasso_setting s);
/* What is known of one delta before the solvers run (the "truth" entries). */
json_t * kd_lasso_delta_json(const char * dstr, const kd_lasso_delta_t D);
/* {"kappa", "epsilon_B", "midpoint"} of kd_lasso_probe_breakdown. */
json_t * kd_lasso_breakdown_json(const arb_t kappa, const arb_t eps, const arb_mat_t mid);
/* The peers' table (--peers): convention, Lambda, B_star_2, peers, rows. */
json_t * kd_lasso_peers_json(const kd_lasso_peers_t P, const fmpq_t Lambda,
                             kd_scaled_convention conv);

/* `kdigits demo`: one level n of the probe's instance (entries read at
   entry_level), A_n and y_n with their proved bounds. */
json_t * kd_lasso_demo_level_json(slong n, slong entry_level, const fmpq_mat_t An,
                                  const mag_t errA, const fmpq_mat_t yn, const mag_t erry);
/* `kdigits demo`: the instance for delta (written delta_s), the levels
   (an array of kd_lasso_demo_level_json; the reference is taken) and what
   IEEE double input does to it (I, kd_lasso_probe_ieee). */
json_t * kd_lasso_ieee_json(const kd_lasso_ieee_t I, const char * delta_s, const kd_real_t delta,
                            json_t * levels);

/* ---- the basis-pursuit probe (`kdigits bp-probe --format json`) */

/* The instance P (solved exactly), the report R of kd_bp_probe_run; A_file
   and y_file name the files of a given instance (unused when P->k != 0). */
json_t * kd_bp_probe_report_json(const kd_bp_probe_t P, const kd_bp_probe_report_t R,
                                 const char * A_file, const char * y_file);

/* ---- spectra (`kdigits sci spectrum --format json`) */

/* The Hermitian matrix called name: enclosures of every eigenvalue at
   every level, with kd_json_level_digits(n) digits. */
json_t * kd_spectrum_hermitian_run_json(const kd_spectrum_hermitian_run_t R, const char * name);
/* The Sigma_1 tower S of the tridiagonal operator H: the laplacian
   (laplacian != 0) or the almost-Mathieu operator with its parameters
   lambda, omega, theta; tol: the tower's tolerance as given. */
json_t * kd_spectrum_tower_json(const kd_spectrum_tower_t S, const kd_tridiag_op_t H, int laplacian,
                                const kd_real_t lambda, const kd_real_t omega,
                                const kd_real_t theta, const kd_real_t tol);

/* ---- the SCI demonstrations (`kdigits sci ... --format json`) */

/* positive, sign or rank (D->kind): the input as written (x, or the
   matrix's source for rank), its oracle (seeded: random valid with seed,
   else nearest), what a certified value proves (certainty), the tower's
   rows, the sign's adversarial inputs, the adversary's runs, the
   explanation. */
json_t * kd_sci_demo_json(const kd_sci_demo_t D, const char * input, int seeded, ulong seed,
                          const char * certainty);
/* argmin: Lambda, K, lasso_probe, bp_gadget, adversary,
   generalised_hardness, explanation. */
json_t * kd_sci_argmin_json(const kd_sci_argmin_t R);
/* classes: the table with each row's certified value at scale K (prec
   bits). */
json_t * kd_sci_classes_json(slong K, slong prec);

/* The report as JSON (a new reference; NULL when jansson fails): the
   parameters, per run the fits and an enclosure of F*, and every step with
   "relerr", "F" and "gap" as {"mid", "rad"} balls (gap: an enclosure of
   F(x) - F*) and "gap_ub" (the step's own certified bound, rounded up).
   The seconds are the only fields that vary between identical runs. */
json_t * kd_conv_report_json(const kd_conv_report_t R);

/* Writes doc (an object) to f as CSV: a header row "table,index,<fields>"
   and one row per record. A record is each object of a top-level array
   (index = its position, from 1), each top-level object, and first the
   top-level scalars together ("summary"); nested objects become dotted
   columns (a ball: x.mid, x.rad), arrays of scalars are joined with ';',
   and a field a record lacks is left empty. KD_ERR_ARG if doc is not an
   object. */
kd_status kd_json_write_csv(FILE * f, const json_t * doc);

/* ---- stability (kdigits/stability.h) */

/* The map F exactly: kind, sizes, layout and every parameter as "p/q". */
json_t * kd_stab_map_json(const kd_stab_map_t F);
/* `kdigits stability --format json`: "y", "e" (exact), the certified
   "lipschitz_lower", "lipschitz_upper", "amplification_lower",
   "amplification_upper" ({"mid", "rad"} or null), "verdict", the search
   "log" (double, not certified) and "network" (kd_stab_map_json). */
json_t * kd_stab_result_json(const kd_stab_result_t R, const kd_stab_map_t F,
                             const kd_stab_opts_t o);
/* `kdigits kernel --format json`: "kernel" (exact basis vectors),
   "A_k_zero", "error_lower_bound" (||k_1||/2). */
json_t * kd_stab_kernel_json(const kd_stab_kernel_t K);
/* The hallucination demonstration: A, k, the scores (exact), the bounds,
   both networks exactly (kdigits/stability.h). */
json_t * kd_stab_halluc_json(const kd_stab_halluc_t H);

/* The peers' runs: [{"peer", "package", "state": "ran"|"skipped"|"failed",
   "version", "note"}] (version and note null when absent). */
json_t * kd_peer_answers_json(const kd_peer_answers_t R);
/* `kdigits dln --format json`: the report R of kd_dln_run(R, P, o): m, N,
   truth, rho, rows (depth, alpha, x_limit balls, limit measures, flow),
   rates, selection. */
json_t * kd_dln_report_json(const kd_dln_report_t R, const kd_dln_opts_t o);
/* `kdigits dln --omega K --format json`: {"omega": [rows]}. */
json_t * kd_dln_omega_json(const kd_dln_omega_t R);

/* ---- reports that are written as text/CSV or built as JSON */
/* The certify run W (kdigits/candidate.h): for each k (or once) the
   parameters bound, the data and candidates read, the peers run (W->peers)
   and everything certified. Text and CSV (fmt) are written to f as each
   run ends (a sweep: a "== k = K ==" block per k, a k column); JSON:
   *doc = the job's document (kd_certify_job_json, with "peers" and "k"),
   or an array of them for a sweep. The first failing run's status is
   returned (the text of the runs before it was written). The parameters
   (kd_expr_set_param) stay bound, k at its last value. */
kd_status kd_certify_sweep(json_t ** doc, FILE * f, kd_report_format fmt,
                           const kd_certify_sweep_t W);
/* kd_peer_answers_json(R), each peer that ran with its certificate from CR
   (kd_peers_certify) as "certified"; CR NULL: none. */
json_t * kd_peer_answers_report_json(const kd_peer_answers_t R, const kd_candidates_report_t CR);
/* The levels levels[0..nlevels-1] of the nearest-rounding oracle of A
   (kd_oracle_get_err, precision cap prec_cap) with their proved bounds,
   source naming A: text, CSV or Matrix Market (one level) written to f,
   or JSON in *doc. */
kd_status kd_oracle_report(json_t ** doc, FILE * f, kd_report_format fmt, const kd_mat_t A,
                           const char * source, const slong * levels, slong nlevels,
                           slong prec_cap);
/* The same for a matrix-free operator: y = A_n x at each level with
   ||y - A x||_2 <= 2^-n ||x||_2 proved, xs "ones" or "e:J" (KD_ERR_ARG
   otherwise); text, CSV or JSON. */
kd_status kd_oracle_op_report(json_t ** doc, FILE * f, kd_report_format fmt, kd_op_t A,
                              const char * source, const char * xs, const slong * levels,
                              slong nlevels, slong prec_cap);
/* The LASSO probe's table (lasso-probe.md §3-§5), piece by piece: each
   appends its JSON to the given document (rows, truth or root) or, given
   NULL, writes its lines of the text table to f. The head; what is known
   about one delta; one cell (a MATLAB setting) or one precision-sweep row,
   run here; the breakdown epsilon. */
void kd_lasso_probe_head_report(FILE * f, json_t * jroot, const char * conv_name,
                                const fmpq_t Lambda, kd_scaled_convention conv, int sweep);
void kd_lasso_delta_report(FILE * f, json_t * jtruth, const char * dstr,
                           const kd_lasso_delta_t D, int sweep);
kd_status kd_lasso_probe_cell_report(FILE * f, json_t * jrows, const kd_real_t delta,
                                     const char * dstr, const kd_lasso_delta_t D,
                                     const fmpq_t Lambda, kd_scaled_convention conv,
                                     kd_lasso_setting s);
kd_status kd_lasso_probe_prec_report(FILE * f, json_t * jrows, const kd_real_t delta,
                                     const char * dstr, const kd_lasso_delta_t D,
                                     const fmpq_t Lambda, slong p, kd_lasso_setting s);
kd_status kd_lasso_probe_breakdown_report(FILE * f, json_t * jroot, const fmpq_t Lambda);

#ifdef __cplusplus
}
#endif
#endif
