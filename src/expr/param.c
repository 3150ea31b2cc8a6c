/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Binding a parameter of the .mtx expressions from text ("d=2^-20", as
   --param gives it) or from an integer (the k of a sweep). */
#include <string.h>
#include "kdigits/expr.h"
#include "kdigits/complex.h"

kd_status
kd_expr_set_param_str(const char * assignment)
{
    const char * eq = strchr(assignment, '=');
    char name[KD_EXPR_PARAM_NAME_MAX + 2];
    kd_complex_t v;
    kd_status st;
    size_t len = eq ? (size_t) (eq - assignment) : 0;
    if (eq == NULL || len == 0 || len > KD_EXPR_PARAM_NAME_MAX)
        return kd_error_set(KD_ERR_ARG, "--param: '%s' is not NAME=EXPR (e.g. d=2^-20)",
                            assignment);
    memcpy(name, assignment, len);
    name[len] = '\0';
    kd_complex_init(v);
    st = kd_complex_parse(v, eq + 1);
    if (st == KD_OK)
        st = kd_expr_set_param(name, v);
    kd_complex_clear(v);
    if (st != KD_OK)
        kd_error_prefix("--param %s", assignment);
    return st;
}

kd_status
kd_expr_set_param_si(const char * name, slong value)
{
    kd_complex_t v;
    kd_real_t r;
    kd_status st;
    kd_complex_init(v);
    kd_real_init(r);
    kd_real_set_si(r, value);
    kd_complex_set_real(v, r);
    st = kd_expr_set_param(name, v);
    kd_complex_clear(v);
    kd_real_clear(r);
    return st;
}
