/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* FIRENET's convergence experiment (Colbrook-Antun-Hansen, PNAS 2022,
   matlab/Demo_convergence_test.m of the authors' code) at a size this
   machine runs, with a certified duality gap at every step: a
   piecewise-smooth (or piecewise-constant) phantom generated here,
   A = P_Omega U H^-1 (U Walsh or Fourier, H a periodic Haar transform),
   multilevel or uniform sampling,
   Gaussian noise, weighted SR-LASSO, FIRENET (kd_iter_firenet).
   Proofs and what is only observed: proofs-notes/convergence.md. */
#ifndef KDIGITS_CONVERGENCE_H
#define KDIGITS_CONVERGENCE_H

#include <stdio.h>
#include "kdigits/deps.h"
#include "kdigits/status.h"
#include "kdigits/op.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ phantom

   f (n x n, row-major, n >= 2) = the phantom sampled at the pixel centres
   ((j + 1/2)/n, (i + 1/2)/n): a sum of ellipses, a rectangle and a bump,
   each with a polynomial intensity profile (smooth inside, a jump on its
   boundary), clipped to [0, 1]. Only +, -, *, / and comparisons of
   doubles, so f is the same on every IEEE machine. */
void kd_conv_phantom(double * f, slong n);

/* The piecewise-constant phantom (n >= 2 a power of 2): constant
   ellipses in Shepp-Logan's layout and rectangles with sides on the grid
   of step 1/32, dyadic intensities, clipped to [0, 1]; compressible in
   Haar (only the ellipses' edges give detail below scale 1/32). Same
   arithmetic rules as kd_conv_phantom. */
void kd_conv_phantom_constant(double * f, slong n);

/* The compressed phantom is not an image function: it is defined by its
   Haar coefficients, those of the smooth phantom (c = H f computed in
   double by kd_op_apply_d) with |c_i| > the keep threshold, the others
   set to 0. These doubles are the exact coefficients c of the experiment:
   an image exactly sparse in levels (model error 0), so that the floor
   FIRENET reaches is set by the noise alone. */
typedef enum
{
    KD_CONV_PHANTOM_CONSTANT = 0,       /* kd_conv_phantom_constant */
    KD_CONV_PHANTOM_SMOOTH = 1,         /* kd_conv_phantom */
    KD_CONV_PHANTOM_COMPRESSED = 2      /* kd_conv_phantom's large Haar coefficients */
} kd_conv_phantom_kind;

/* "constant", "smooth", "compressed" */
const char * kd_conv_phantom_name(kd_conv_phantom_kind k);

/* -------------------------------------------------------- experiment */

typedef struct
{
    slong n;                    /* image side, a power of 2 in [4, 4096]; default 256 */
    double rate;                /* sampling rate in (0, 1]; default 0.15 */
    double noise;               /* ||e|| / ||A c||, >= 0; default 0.02 */
    slong levels;               /* Haar levels r; 0 (default): log2(n) - 1 */
    int walsh;                  /* run Walsh sampling (default 1) */
    int fourier;                /* run Fourier sampling (default 0) */
    int das;                    /* run DAS sampling, adapted to the local sparsities
                                   (kd_op_sample_das; default 1) */
    int multilevel;             /* run multilevel sampling with density halving by
                                   level (kd_op_sample_multilevel; default 0) */
    int uniform;                /* run uniform sampling (default 1) */
    fmpq_t lambda;              /* default 1/4000 */
    fmpq_t delta;               /* default 10^-9 */
    slong p;                    /* inner steps, default 5 */
    slong restarts;             /* default 16 */
    double sparsity_threshold;  /* s_l counts |c_i| > this (image in [0,1]); default 0.5 */
    ulong seed;                 /* sampling and noise; default 1 */
    slong prec;                 /* ball precision of the certificates; default 64 */
    kd_conv_phantom_kind phantom;       /* default KD_CONV_PHANTOM_COMPRESSED */
    double keep;                /* the compressed phantom keeps |c_i| > keep; 0 (default):
                                   n/128 (2 at n = 256: the Haar coefficients of an
                                   image with values in [0, 1] grow like n) */
}
kd_conv_opts_struct;

typedef kd_conv_opts_struct kd_conv_opts_t[1];

void kd_conv_opts_init(kd_conv_opts_t o);
void kd_conv_opts_clear(kd_conv_opts_t o);

/* One recorded step of a run: after inner step l (1..p) of restart k,
   x = x^l / alpha_k; or (l = 0) the restart's output psi_k. */
typedef struct
{
    slong restart;
    slong step;                 /* 0: the restart's output psi_k */
    slong iter;                 /* inner iterations so far: (k - 1) p + l (psi_k: k p) */
    arb_t relerr;               /* contains ||x - c||_2 / ||c||_2, c = H f */
    arb_t F;                    /* contains F(x) */
    arf_t gap_ub;               /* certified F(x) - F* <= gap_ub: upper F(x) minus the
                                   best dual value proved so far in the run (this
                                   step's own dual points, kd_op_gap_ubound_d, and
                                   those of the earlier steps) */
    arb_t gap;                  /* a ball containing F(x) - F*: [max(0, lower F(x) -
                                   upper of the least F seen), gap_ub] */
}
kd_conv_step_struct;

typedef struct
{
    const char * transform;     /* "walsh" or "fourier" */
    const char * sampling;      /* "das", "multilevel" or "uniform" */
    slong m;                    /* rows sampled */
    slong nsteps;
    kd_conv_step_struct * steps;
    arb_t Fstar;                /* contains F* = min F (best dual, least F seen) */
    /* least-squares fits of log(gap_ub) (not certified: observations) over
       restarts 1..fit_restarts, the first restart output whose bound is
       within a factor 2 of the least one (at least 2): the decreasing
       phase; gap_floor is that least bound (certified as a bound) */
    double rate_restart;        /* factor per restart, over the restart outputs */
    double rate_inner;          /* factor per inner step, over those inner steps */
    slong fit_restarts;         /* restarts used by the fits */
    double gap_floor;           /* the least restart-output gap_ub, rounded up */
    double relerr_floor;        /* midpoint of the last restart's relative error */
    /* the truth as a point of the problem: c (for the smooth and constant
       phantoms its coefficients rounded to double, for the compressed one
       c itself); truth_gap contains F(c) - F* (upper end truth_gap_ub: the
       best dual value of the run); its lower end > 0 is the objective's
       noise floor: below_truth_restart is the first restart whose output
       has, proved, F(psi_k) < F(c) (0: none) */
    arb_t truth_F;
    arb_t truth_gap;
    arf_t truth_gap_ub;
    slong below_truth_restart;
    double seconds;             /* wall time of the run (FIRENET + certificates) */
    double seconds_certify;     /* of which the certificates */
}
kd_conv_run_struct;

typedef struct
{
    slong n, N, levels;
    double keep;                /* the keep threshold used (compressed phantom) */
    slong * sparsity;           /* levels + 1 local sparsities s_0..s_r (>= 1) */
    double * weights_level;     /* levels + 1: w_l = sqrt(s/s_l) rounded to double;
                                   the exact weights of the problem solved */
    arb_t cnorm;                /* contains ||c||_2 */
    slong nruns;
    kd_conv_run_struct * runs;
    kd_conv_opts_t opts;        /* a copy */
    double seconds;
}
kd_conv_report_struct;

typedef kd_conv_report_struct kd_conv_report_t[1];

void kd_conv_report_init(kd_conv_report_t R);
void kd_conv_report_clear(kd_conv_report_t R);

/* Runs the experiment: for each transform and sampling chosen, builds
   A = P_Omega U H^-1 (kdigits/op.h; k = round(rate n^2) rows: DAS by
   kd_op_sample_das with the phantom's local sparsities, multilevel by
   kd_op_sample_multilevel, or uniform), c = H f (for the compressed
   phantom: the kept coefficients, and f = H^* c in double), y = fl(P_Omega U f) + e
   with e seeded Gaussian (complex for Fourier) scaled to ||e|| = noise
   ||y0||, all rounded to double: the exact data of the problem
       min lambda ||x||_{1,w} + ||A x - y||_2,
   w_i = the double nearest sqrt(s/s_l), s_l = #{i in level l : |c_i| >
   threshold} (at least 1). FIRENET (kd_iter_firenet, double, eps0 =
   ||y||, L_A the structural bound) with an observer that certifies every
   step. Progress through kd_progress ("convergence", step, total).
   Errors: KD_ERR_ARG for bad options, KD_ERR_NOMEM. */
kd_status kd_conv_run(kd_conv_report_t R, const kd_conv_opts_t opts);

/* The report as JSON: kd_conv_report_json (kdigits/json.h). */

/* The report as an SVG plot (written by this library; no gnuplot):
   gap_ub / ||c|| and the relative error against the inner iteration, log
   scale, one colour per run. */
kd_status kd_conv_write_svg(FILE * out, const kd_conv_report_t R);

#ifdef __cplusplus
}
#endif
#endif
