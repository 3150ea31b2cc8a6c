/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* One entry point for bindings: a JSON request in, a JSON result out
   (kdigits/json.h, kd_json_call). The Python module is thin over it: every
   number is computed here. */
#include <stdlib.h>
#include <string.h>
#include "kdigits/kdigits.h"
#include "kdigits/json.h"

/* A string member, or NULL when absent or null. */
static const char *
get_str(const json_t * req, const char * key)
{
    const json_t * v = json_object_get(req, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static kd_status
need_str(const char ** out, const json_t * req, const char * key)
{
    const json_t * v = json_object_get(req, key);
    if (v != NULL && !json_is_null(v) && !json_is_string(v))
        return kd_error_set(KD_ERR_ARG, "\"%s\" must be a string", key);
    *out = json_is_string(v) ? json_string_value(v) : NULL;
    return KD_OK;
}

/* An entry as text: a string as it is, a number (integers exactly; a
   real number as the exact value of the double jansson read). */
static kd_status
entry_text(char * buf, size_t size, const json_t * v, const char * what)
{
    if (json_is_string(v))
        snprintf(buf, size, "%s", json_string_value(v));
    else if (json_is_integer(v))
        snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_real(v))
        snprintf(buf, size, "%a", json_real_value(v));
    else
        return kd_error_set(KD_ERR_ARG, "%s: an entry is not a number or a string", what);
    return KD_OK;
}

/* A matrix from "path" (.mtx or builtin:NAME) or a list of rows (a flat
   list is a column) of exact-expression strings or numbers. */
static kd_status
get_mat(kd_mat_t M, const json_t * req, const char * key, int required)
{
    const json_t * v = json_object_get(req, key), * row, * e;
    size_t i, j, r, c;
    char buf[4096];
    kd_status st = KD_OK;
    kd_complex_t z;

    if (v == NULL || json_is_null(v))
        return required ? kd_error_set(KD_ERR_ARG, "\"%s\" is required", key) : KD_OK;
    if (json_is_string(v))
        return kd_builtin_load(M, json_string_value(v));
    if (!json_is_array(v) || json_array_size(v) == 0)
        return kd_error_set(KD_ERR_ARG, "\"%s\": a path or a non-empty list of rows", key);
    r = json_array_size(v);
    row = json_array_get(v, 0);
    c = json_is_array(row) ? json_array_size(row) : 1;
    if ((st = kd_mat_resize(M, (slong) r, (slong) c)) != KD_OK)
        return st;
    kd_complex_init(z);
    for (i = 0; i < r && st == KD_OK; i++)
    {
        row = json_array_get(v, i);
        if (json_is_array(row) != (c != 1 || json_is_array(json_array_get(v, 0)))
            || (json_is_array(row) && json_array_size(row) != c))
        {
            st = kd_error_set(KD_ERR_SIZE, "\"%s\": row %zu has not %zu entries", key, i + 1, c);
            break;
        }
        for (j = 0; j < c && st == KD_OK; j++)
        {
            e = json_is_array(row) ? json_array_get(row, j) : row;
            if ((st = entry_text(buf, sizeof buf, e, key)) == KD_OK
                && (st = kd_complex_parse(z, buf)) == KD_OK)
                kd_mat_set_entry(M, (slong) i, (slong) j, z);
            else if (st != KD_OK)
                kd_error_prefix("\"%s\" entry (%zu, %zu)", key, i + 1, j + 1);
        }
    }
    kd_complex_clear(z);
    return st;
}

/* Candidates from "x": a list of entries (one x) or a list of lists;
   "x_im" the same for imaginary parts. */
static kd_status
get_candidates(kd_candidates_t C, const json_t * req, kd_xformat f)
{
    const json_t * x = json_object_get(req, "x"), * xi = json_object_get(req, "x_im");
    size_t k, nk, j, n;
    int nested;
    kd_status st = KD_OK;

    if (!json_is_array(x) || json_array_size(x) == 0)
        return kd_error_set(KD_ERR_ARG, "\"x\" must be a non-empty list");
    nested = json_is_array(json_array_get(x, 0));
    nk = nested ? json_array_size(x) : 1;
    for (k = 0; k < nk && st == KD_OK; k++)
    {
        const json_t * xr = nested ? json_array_get(x, k) : x;
        const json_t * xm = xi == NULL || json_is_null(xi) ? NULL
                          : nested ? json_array_get(xi, k) : xi;
        char ** re, ** im = NULL, name[32];
        if (!json_is_array(xr) || (xm != NULL && (!json_is_array(xm)
                                                  || json_array_size(xm) != json_array_size(xr))))
            return kd_error_set(KD_ERR_ARG, "\"x\": candidate %zu is not a list (or x_im differs "
                                "in length)", k + 1);
        n = json_array_size(xr);
        re = flint_calloc(n + 1, sizeof(char *));
        if (xm != NULL)
            im = flint_calloc(n + 1, sizeof(char *));
        for (j = 0; j < n && st == KD_OK; j++)
        {
            char buf[4096];
            snprintf(name, sizeof name, nk > 1 ? "x[%zu]" : "x", k);
            if ((st = entry_text(buf, sizeof buf, json_array_get(xr, j), name)) == KD_OK)
            {
                re[j] = flint_malloc(strlen(buf) + 1);
                strcpy(re[j], buf);
            }
            if (st == KD_OK && im != NULL
                && (st = entry_text(buf, sizeof buf, json_array_get(xm, j), name)) == KD_OK)
            {
                im[j] = flint_malloc(strlen(buf) + 1);
                strcpy(im[j], buf);
            }
        }
        if (st == KD_OK)
            st = kd_candidates_add_str(C, name, (const char * const *) re,
                                       (const char * const *) im, (slong) n, f);
        for (j = 0; j < n; j++)
        {
            flint_free(re[j]);
            if (im != NULL)
                flint_free(im[j]);
        }
        flint_free(re);
        flint_free(im);
    }
    return st;
}

static kd_status
get_bool(int * out, const json_t * req, const char * key)
{
    const json_t * v = json_object_get(req, key);
    if (v != NULL && !json_is_null(v))
    {
        if (!json_is_boolean(v))
            return kd_error_set(KD_ERR_ARG, "\"%s\" must be true or false", key);
        *out = json_is_true(v);
    }
    return KD_OK;
}

static kd_status
get_int(slong * out, const json_t * req, const char * key, slong lo, slong hi)
{
    const json_t * v = json_object_get(req, key);
    if (v != NULL && !json_is_null(v))
    {
        if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
            return kd_error_set(KD_ERR_ARG, "\"%s\" must be an integer in [%ld, %ld]", key,
                                (long) lo, (long) hi);
        *out = (slong) json_integer_value(v);
    }
    return KD_OK;
}

/* What certify and solve requests share: the problem and its data. */
typedef struct
{
    kd_problem_kind kind;
    const char * param;
    const char * scaled;
    int center, standardize, has_w;
    kd_mat_t A, y, w;
}
problem_req;

static void
problem_req_init(problem_req * r)
{
    memset(r, 0, sizeof *r);
    r->center = r->standardize = 1;
    kd_mat_init(r->A, 0, 0);
    kd_mat_init(r->y, 0, 0);
    kd_mat_init(r->w, 0, 0);
}

static void
problem_req_clear(problem_req * r)
{
    kd_mat_clear(r->A);
    kd_mat_clear(r->y);
    kd_mat_clear(r->w);
}

/* problem, lambda | eta, scaled, center, standardize, A, y, w. */
static kd_status
get_problem(problem_req * r, const json_t * req)
{
    const char * p = get_str(req, "problem"), * lam, * eta;
    kd_status st;
    if (p == NULL)
        return kd_error_set(KD_ERR_ARG, "\"problem\" (bp, p1, p2, p3) is required");
    if ((st = kd_problem_kind_parse(&r->kind, p)) != KD_OK
        || (st = need_str(&lam, req, "lambda")) != KD_OK
        || (st = need_str(&eta, req, "eta")) != KD_OK)
        return st;
    if (eta != NULL && r->kind != KD_PROBLEM_P1)
        return kd_error_set(KD_ERR_ARG, "eta is the constraint of p1; %s does not take it", p);
    if (lam != NULL && r->kind != KD_PROBLEM_P2 && r->kind != KD_PROBLEM_P3)
        return kd_error_set(KD_ERR_ARG, "lambda is the weight of p2 and p3; %s does not take it", p);
    r->param = r->kind == KD_PROBLEM_P1 ? eta : lam;
    r->has_w = json_object_get(req, "w") != NULL && !json_is_null(json_object_get(req, "w"));
    if ((st = need_str(&r->scaled, req, "scaled")) != KD_OK
        || (st = get_bool(&r->center, req, "center")) != KD_OK
        || (st = get_bool(&r->standardize, req, "standardize")) != KD_OK
        || (st = get_mat(r->A, req, "A", 1)) != KD_OK || (st = get_mat(r->y, req, "y", 1)) != KD_OK)
        return st;
    return get_mat(r->w, req, "w", 0);
}

static kd_status
op_certify(json_t ** out, const json_t * req)
{
    kd_certify_spec_t S;
    kd_certify_job_t J;
    kd_candidates_t C;
    problem_req r;
    kd_xformat f = KD_XFORMAT_DOUBLE;
    const char * s;
    kd_status st;

    kd_certify_spec_init(S);
    problem_req_init(&r);
    kd_candidates_init(C);
    kd_certify_job_init(J);
    if ((st = get_problem(&r, req)) == KD_OK
        && (st = get_int(&S->prec, req, "cert_prec", 64, 1000000)) == KD_OK
        && (st = need_str(&s, req, "x_format")) == KD_OK
        && (s == NULL || (st = kd_xformat_parse(&f, s)) == KD_OK)
        && (st = need_str(&s, req, "data")) == KD_OK
        && (s == NULL || (st = kd_data_mode_parse(&S->data, s)) == KD_OK)
        && (st = get_candidates(C, req, f)) == KD_OK)
    {
        S->kind = r.kind;
        S->param = r.param;
        S->scaled = r.scaled;
        S->center = r.center;
        S->standardize = r.standardize;
        S->A = r.A;
        S->y = r.y;
        S->w = r.has_w ? r.w : NULL;
        if ((st = kd_certify_run(J, S, C)) == KD_OK)
            *out = kd_certify_job_json(J, S, C);
    }
    kd_certify_job_clear(J);
    kd_candidates_clear(C);
    problem_req_clear(&r);
    return st;
}

static kd_status
op_solve(json_t ** out, const json_t * req)
{
    problem_req r;
    const char * s;
    kd_problem_t P;
    kd_solve_opts_t so;
    kd_solve_result_t R;
    slong prec = 0;
    kd_status st;

    kd_problem_init_empty(P);
    kd_solve_opts_init(so);
    kd_solve_result_init(R);
    problem_req_init(&r);
    if ((st = get_problem(&r, req)) == KD_OK
        && (st = need_str(&s, req, "method")) == KD_OK
        && (s == NULL || (st = kd_method_parse(&so->method, s)) == KD_OK)
        && (st = get_int(&prec, req, "prec", 0, KD_ARITH_PREC_MAX)) == KD_OK
        && (prec == 0 || (st = kd_arith_set_mpfr(&so->arith, prec)) == KD_OK)
        && (st = get_int(&so->level, req, "n", -2, KD_LEVEL_MAX)) == KD_OK
        && (st = get_bool(&so->certify, req, "certify")) == KD_OK
        && (st = get_int(&so->iter.max_iter, req, "max_iter", 1, WORD_MAX)) == KD_OK
        && (st = get_int(&so->cert_prec, req, "cert_prec", 64, 1000000)) == KD_OK
        && (st = kd_problem_init_spec(P, r.kind, r.A, r.y, r.has_w ? r.w : NULL, r.param, r.scaled,
                                      r.center, r.standardize, 0)) == KD_OK
        && (st = kd_solve(R, P, so)) == KD_OK)
        *out = kd_solve_result_json(R, P, so, r.scaled);
    kd_problem_clear(P);
    kd_solve_opts_clear(so);
    kd_solve_result_clear(R);
    problem_req_clear(&r);
    return st;
}

static kd_status
op_approx(json_t ** out, const json_t * req)
{
    const char * e = get_str(req, "expr");
    slong n = -1;
    kd_complex_t z;
    fmpq_t re, im;
    mag_t err;
    kd_status st;
    if (e == NULL)
        return kd_error_set(KD_ERR_ARG, "\"expr\" (a string) is required");
    if ((st = get_int(&n, req, "n", 0, KD_LEVEL_MAX)) != KD_OK)
        return st;
    if (n < 0)
        return kd_error_set(KD_ERR_ARG, "\"n\" (the level) is required");
    kd_complex_init(z);
    fmpq_init(re);
    fmpq_init(im);
    mag_init(err);
    if ((st = kd_complex_parse(z, e)) == KD_OK
        && (st = kd_complex_approx(re, im, err, z, n, 0)) == KD_OK)
        *out = kd_complex_approx_json(e, n, re, im, err, kd_complex_is_real(z),
                                      kd_json_level_digits(n));
    kd_complex_clear(z);
    fmpq_clear(re);
    fmpq_clear(im);
    mag_clear(err);
    return st;
}

static kd_status
op_oracle(json_t ** out, const json_t * req)
{
    kd_mat_t A;
    kd_oracle_t O;
    fmpq_mat_t re, im;
    mag_t err;
    slong n = -1;
    kd_status st;
    if ((st = get_int(&n, req, "n", 0, KD_LEVEL_MAX)) != KD_OK)
        return st;
    if (n < 0)
        return kd_error_set(KD_ERR_ARG, "\"n\" (the level) is required");
    kd_mat_init(A, 0, 0);
    if ((st = get_mat(A, req, "A", 1)) != KD_OK || (st = kd_oracle_init_mat(O, A)) != KD_OK)
    {
        kd_mat_clear(A);
        return st;
    }
    fmpq_mat_init(re, A->r, A->c);
    fmpq_mat_init(im, A->r, A->c);
    mag_init(err);
    if ((st = kd_oracle_get_err(re, im, err, O, n)) == KD_OK)
        *out = kd_oracle_level_json(n, n, re, A->is_complex ? im : NULL, err);
    fmpq_mat_clear(re);
    fmpq_mat_clear(im);
    mag_clear(err);
    kd_oracle_clear(O);
    kd_mat_clear(A);
    return st;
}

char *
kd_json_call(const char * request)
{
    json_error_t jerr;
    json_t * req = request ? json_loads(request, 0, &jerr) : NULL, * res = NULL, * ans;
    const char * op;
    kd_status st;
    char * out;

    if (req == NULL || !json_is_object(req))
        st = kd_error_set(KD_ERR_ARG, "the request is not a JSON object%s%s",
                          req == NULL && request ? ": " : "", req == NULL && request ? jerr.text : "");
    else if ((op = get_str(req, "op")) == NULL)
        st = kd_error_set(KD_ERR_ARG, "the request has no \"op\" (certify, solve, approx, oracle)");
    else if (strcmp(op, "certify") == 0)
        st = op_certify(&res, req);
    else if (strcmp(op, "solve") == 0)
        st = op_solve(&res, req);
    else if (strcmp(op, "approx") == 0)
        st = op_approx(&res, req);
    else if (strcmp(op, "oracle") == 0)
        st = op_oracle(&res, req);
    else
        st = kd_error_set(KD_ERR_ARG, "unknown op '%s' (certify, solve, approx, oracle)", op);
    json_decref(req);
    if (st == KD_OK && res == NULL)
        st = kd_error_set(KD_ERR_NOMEM, "out of memory building the result");
    ans = json_object();
    if (st == KD_OK)
        json_object_set_new(ans, "result", res);
    else
    {
        json_object_set_new(ans, "error", json_string(kd_error_message()));
        json_object_set_new(ans, "status", json_string(kd_status_name(st)));
    }
    out = kd_json_dumps_malloc(ans, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(ans);
    return out;
}

void
kd_json_free(char * s)
{
    free(s);
}
