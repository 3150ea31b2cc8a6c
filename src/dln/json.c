/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* `kdigits dln --format json`: the report as JSON (kdigits/json.h). */
#include "internal.h"
#include "kdigits/json.h"
#include "kdigits/util.h"

static json_t *
ball_list(const arb_mat_t x)
{
    json_t * a = json_array();
    slong j;
    for (j = 0; j < arb_mat_nrows(x); j++)
        json_array_append_new(a, kd_json_arb_or_null(arb_mat_entry(x, j, 0), 20));
    return a;
}

/* An unverified estimate: a number, or null when there is none. */
static json_t *
est_json(double e)
{
    return e >= 0 ? json_real(e) : json_null();
}

static json_t *
measure_json(const kd_dln_measure_t M)
{
    json_t * o = json_object();
    json_object_set_new(o, "distance_to_truth", kd_json_arb_or_null(&M->dist, 15));
    json_object_set_new(o, "residual", kd_json_arb_or_null(&M->resid, 15));
    json_object_set_new(o, "correct_digits_certified",
                        M->digits >= 0 ? json_integer(M->digits) : json_null());
    json_object_set_new(o, "right_support", kd_json_truth(M->support));
    return o;
}

static json_t *
row_json(const kd_dln_row_struct * w, const kd_dln_opts_t o)
{
    json_t * r = json_object();
    json_object_set_new(r, "depth", json_integer(w->D));
    json_object_set_new(r, "alpha", json_string(w->alpha_str));
    json_object_set_new(r, "limit_certified", json_boolean(w->limit_status == KD_OK));
    if (w->limit_status == KD_OK)
    {
        json_object_set_new(r, "x_limit", ball_list(&w->x_limit));
        json_object_set_new(r, "limit_prec", json_integer(w->limit_prec));
        json_object_set_new(r, "limit", measure_json(&w->lim));
    }
    if (w->flow_run)
    {
        json_t * f = json_object();
        json_object_set_new(f, "scheme", json_string(kd_dln_scheme_name(o->fopts.scheme)));
        json_object_set_new(f, "h", json_real(o->fopts.h));
        json_object_set_new(f, "T", json_real(o->fopts.T));
        json_object_set_new(f, "arithmetic", o->fopts.prec ? json_integer(o->fopts.prec)
                                                           : json_string("double"));
        json_object_set_new(f, "ok", json_boolean(w->flow_status == KD_OK));
        if (w->flow_status != KD_OK)
            json_object_set_new(f, "error", json_string(w->flow_error));
        else
        {
            json_object_set_new(f, "steps", json_integer(w->flow_steps));
            json_object_set_new(f, "x", kd_json_fmpq_mat(&w->x_flow));
            json_object_set_new(f, "measure", measure_json(&w->flow));
            json_object_set_new(f, "distance_to_limit", kd_json_arb_or_null(&w->flow_to_limit, 15));
            json_object_set_new(f, "integration_error_estimate_unverified", est_json(w->flow_err_est));
            json_object_set_new(f, "discretisation_error_estimate_unverified",
                                est_json(w->flow_err_disc));
            json_object_set_new(f, "observed_order", json_real(w->flow_order));
            json_object_set_new(f, "finite_time_error_estimate_unverified",
                                est_json(w->flow_err_tail));
        }
        json_object_set_new(r, "flow", f);
    }
    return r;
}

json_t *
kd_dln_report_json(const kd_dln_report_t R, const kd_dln_opts_t o)
{
    json_t * doc = json_object(), * rows = json_array();
    slong i;
    json_object_set_new(doc, "m", json_integer(R->m));
    json_object_set_new(doc, "N", json_integer(R->N));
    json_object_set_new(doc, "truth_found", kd_json_truth(R->truth.found));
    json_object_set_new(doc, "truth_unique", kd_json_truth(R->truth.unique));
    json_object_set_new(doc, "truth_how", json_string(R->truth.how));
    if (o->flow)
        json_object_set_new(doc, "flow_data_level", R->flow_data_level < 0 ? json_string("exact")
                                                    : json_integer(R->flow_data_level));
    if (R->dual_known)
        json_object_set_new(doc, "rho", kd_json_arb(&R->rho, 20));
    for (i = 0; i < R->nrows; i++)
        json_array_append_new(rows, row_json(R->rows + i, o));
    json_object_set_new(doc, "rows", rows);
    if (R->nrates > 0)
    {
        json_t * rates = json_array();
        for (i = 0; i < R->nrates; i++)
        {
            const kd_dln_rate_struct * r = R->rates + i;
            json_t * e = json_object();
            json_object_set_new(e, "depth", json_integer(r->D));
            json_object_set_new(e, "measured_exponent_fit", kd_json_arb_or_null(&r->fit, 10));
            json_object_set_new(e, "measured_exponent_last_secant",
                                kd_json_arb_or_null(&r->last_secant, 10));
            json_object_set_new(e, "predicted_exponent", r->predicted_known
                                ? kd_json_arb(&r->predicted, 10) : json_null());
            json_object_set_new(e, "predicted_rule", json_string(r->predicted_why));
            json_array_append_new(rates, e);
        }
        json_object_set_new(doc, "rates", rates);
    }
    if (R->nsel > 0)
    {
        json_t * sel = json_array();
        for (i = 0; i < R->nsel; i++)
        {
            const kd_dln_select_struct * s = R->sel + i;
            json_t * e = json_object();
            json_object_set_new(e, "depth", json_integer(s->D));
            json_object_set_new(e, "certified", json_boolean(s->status == KD_OK));
            if (s->status == KD_OK)
            {
                json_object_set_new(e, "x_selected", ball_list(&s->x));
                json_object_set_new(e, "distance_to_truth", kd_json_arb_or_null(&s->face_dist, 15));
                json_object_set_new(e, "distance_to_smallest_alpha_limit",
                                    kd_json_arb_or_null(&s->limit_dist, 15));
            }
            json_array_append_new(sel, e);
        }
        json_object_set_new(doc, "selection", sel);
        json_object_set_new(doc, "selection_distinct", kd_json_truth(R->sel_distinct));
        json_object_set_new(doc, "selection_min_separation",
                            kd_json_arb_or_null(&R->sel_min_sep, 15));
    }
    if (R->note[0])
        json_object_set_new(doc, "note", json_string(R->note));
    return doc;
}

json_t *
kd_dln_omega_json(const kd_dln_omega_t R)
{
    json_t * doc = json_object(), * rows = json_array();
    slong i;
    for (i = 0; i < R->nrows; i++)
    {
        const kd_dln_omega_row_struct * r = R->rows + i;
        json_t * e = json_object();
        json_object_set_new(e, "K", json_integer(r->K));
        json_object_set_new(e, "n", json_integer(r->n));
        json_object_set_new(e, "depth", json_integer(r->D));
        json_object_set_new(e, "alpha", json_string(r->alpha_str));
        json_object_set_new(e, "limit_certified", json_boolean(r->status == KD_OK));
        json_object_set_new(e, "distance_to_truth", kd_json_arb_or_null(&r->dist, 15));
        json_object_set_new(e, "distance_to_other_instance", kd_json_arb_or_null(&r->dist_other, 15));
        json_object_set_new(e, "worst_of_pair", kd_json_arb_or_null(&r->worst, 15));
        json_object_set_new(e, "breakdown_epsilon", kd_json_arb_or_null(&r->eps_b, 15));
        json_object_set_new(e, "K_digits", kd_json_truth(r->k_digits));
        json_object_set_new(e, "K_minus_1_digits", kd_json_truth(r->k1_digits));
        json_array_append_new(rows, e);
    }
    json_object_set_new(doc, "omega", rows);
    return doc;
}
