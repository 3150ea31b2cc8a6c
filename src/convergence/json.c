/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The convergence report as JSON: every step with its certified gap. */
#include "kdigits/convergence.h"
#include "kdigits/json.h"
#include "kdigits/candidate.h"

static json_t *
_kd_conv_arf_up(const arf_t a)
{
    mag_t m;
    json_t * j;
    mag_init(m);
    arf_get_mag(m, a);
    j = kd_json_mag(m);
    mag_clear(m);
    return j;
}

static json_t *
_kd_conv_double(double d)
{
    fmpq_t q;
    json_t * j;
    fmpq_init(q);
    kd_fmpq_set_double(q, d);
    j = kd_json_fmpq(q);
    fmpq_clear(q);
    return j;
}

static json_t *
_kd_conv_run_json(const kd_conv_run_struct * r)
{
    json_t * o = json_object();
    json_object_set_new(o, "transform", json_string(r->transform));
    json_object_set_new(o, "sampling", json_string(r->sampling));
    json_object_set_new(o, "m", json_integer(r->m));
    json_object_set_new(o, "Fstar", kd_json_arb_or_null(r->Fstar, 10));
    json_object_set_new(o, "rate_per_restart", isfinite(r->rate_restart)
                        ? json_real(r->rate_restart) : json_null());
    json_object_set_new(o, "rate_per_inner_step", isfinite(r->rate_inner)
                        ? json_real(r->rate_inner) : json_null());
    json_object_set_new(o, "fit_restarts", json_integer(r->fit_restarts));
    json_object_set_new(o, "gap_floor", json_real(r->gap_floor));
    json_object_set_new(o, "truth_F", kd_json_arb_or_null(r->truth_F, 15));
    json_object_set_new(o, "truth_gap", kd_json_arb_or_null(r->truth_gap, 6));
    json_object_set_new(o, "below_truth_restart", r->below_truth_restart > 0
                        ? json_integer(r->below_truth_restart) : json_null());
    json_object_set_new(o, "relerr_final", json_real(r->relerr_floor));
    json_object_set_new(o, "seconds", json_real(r->seconds));
    json_object_set_new(o, "seconds_certify", json_real(r->seconds_certify));
    return o;
}

static json_t *
_kd_conv_step_json(const kd_conv_run_struct * r, slong run, slong j)
{
    const kd_conv_step_struct * S = r->steps + j;
    json_t * o = json_object();
    json_object_set_new(o, "run", json_integer(run + 1));
    json_object_set_new(o, "transform", json_string(r->transform));
    json_object_set_new(o, "sampling", json_string(r->sampling));
    json_object_set_new(o, "restart", json_integer(S->restart));
    json_object_set_new(o, "step", S->step == 0 ? json_string("output") : json_integer(S->step));
    json_object_set_new(o, "iter", json_integer(S->iter));
    json_object_set_new(o, "relerr", kd_json_arb_or_null(S->relerr, 10));
    json_object_set_new(o, "F", kd_json_arb_or_null(S->F, 15));
    json_object_set_new(o, "gap", kd_json_arb_or_null(S->gap, 6));
    json_object_set_new(o, "gap_ub", _kd_conv_arf_up(S->gap_ub));
    return o;
}

json_t *
kd_conv_report_json(const kd_conv_report_t R)
{
    const kd_conv_opts_struct * op = R->opts;
    json_t * o = json_object(), * a;
    slong i, j;
    json_object_set_new(o, "command", json_string("convergence"));
    json_object_set_new(o, "problem", json_string(
        "min lambda ||x||_{1,w} + ||A x - y||_2, A = P_Omega U H^-1 (U unitary Walsh or "
        "Fourier, H periodic Haar), y and w the stored doubles (exact)"));
    json_object_set_new(o, "phantom", json_string(kd_conv_phantom_name(R->opts->phantom)));
    if (op->phantom == KD_CONV_PHANTOM_COMPRESSED)
        json_object_set_new(o, "keep", json_real(R->keep));
    json_object_set_new(o, "n", json_integer(R->n));
    json_object_set_new(o, "N", json_integer(R->N));
    json_object_set_new(o, "levels", json_integer(R->levels));
    json_object_set_new(o, "rate", json_real(op->rate));
    json_object_set_new(o, "noise", json_real(op->noise));
    json_object_set_new(o, "seed", json_integer((json_int_t) op->seed));
    json_object_set_new(o, "lambda", kd_json_fmpq(op->lambda));
    json_object_set_new(o, "delta", kd_json_fmpq(op->delta));
    json_object_set_new(o, "p", json_integer(op->p));
    json_object_set_new(o, "restarts", json_integer(op->restarts));
    json_object_set_new(o, "sparsity", kd_json_slong_list(R->sparsity, R->levels + 1));
    a = json_array();
    for (i = 0; i <= R->levels; i++)
        json_array_append_new(a, _kd_conv_double(R->weights_level[i]));
    json_object_set_new(o, "weights", a);
    json_object_set_new(o, "cnorm", kd_json_arb_or_null(R->cnorm, 15));
    json_object_set_new(o, "seconds", json_real(R->seconds));
    a = json_array();
    for (i = 0; i < R->nruns; i++)
        json_array_append_new(a, _kd_conv_run_json(R->runs + i));
    json_object_set_new(o, "runs", a);
    a = json_array();
    for (i = 0; i < R->nruns; i++)
        for (j = 0; j < R->runs[i].nsteps; j++)
            json_array_append_new(a, _kd_conv_step_json(R->runs + i, i, j));
    json_object_set_new(o, "steps", a);
    return o;
}
