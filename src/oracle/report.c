/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The levels of an oracle as `kdigits oracle` reports them: A_n of an
   exact matrix (or y = A_n x of a matrix-free operator) at each level,
   exactly, with the proved error bound, as text, CSV, Matrix Market or
   JSON. */
#include <string.h>
#include "kdigits/oracle.h"
#include "kdigits/op.h"
#include "kdigits/mtx.h"
#include "kdigits/json.h"

static void
print_text(FILE * f, const fmpq_mat_t re, const fmpq_mat_t im, int cplx)
{
    slong i, j;
    for (i = 0; i < fmpq_mat_nrows(re); i++)
    {
        fprintf(f, "  ");
        for (j = 0; j < fmpq_mat_ncols(re); j++)
        {
            char * s = kd_fmpq_get_str(fmpq_mat_entry(re, i, j));
            fprintf(f, "%s%s", j ? "  " : "", s);
            flint_free(s);
            if (cplx)
            {
                const fmpq * b = fmpq_mat_entry(im, i, j);
                s = kd_fmpq_get_str(b);
                fprintf(f, "%s%si", fmpq_sgn(b) < 0 ? "" : "+", s);
                flint_free(s);
            }
        }
        fprintf(f, "\n");
    }
}

/* One level A_n (re, im) with its proved bound err, in the chosen format;
   JSON: appended to jlevels. */
static kd_status
print_level(FILE * f, json_t * jlevels, kd_report_format fmt, const char * source,
            const kd_mat_t A, slong n, slong k, const fmpq_mat_t re, const fmpq_mat_t im,
            const mag_t err)
{
    char * e, comment[512];
    slong i, j;
    kd_status st = KD_OK;
    if (fmt == KD_REPORT_JSON)
    {
        json_array_append_new(jlevels, kd_oracle_level_json(n, kd_oracle_entry_level(n, k), re,
                                                            A->is_complex ? im : NULL, err));
        return KD_OK;
    }
    if (fmt == KD_REPORT_CSV)
    {
        for (i = 0; i < A->r; i++)
            for (j = 0; j < A->c; j++)
            {
                char * a = kd_fmpq_get_str(fmpq_mat_entry(re, i, j));
                char * b = kd_fmpq_get_str(fmpq_mat_entry(im, i, j));
                fprintf(f, "%ld,%ld,%ld,%s,%s\n", n, i + 1, j + 1, a, A->is_complex ? b : "0");
                flint_free(a);
                flint_free(b);
            }
        return KD_OK;
    }
    e = kd_mag_get_decimal(err, 6);
    if (fmt == KD_REPORT_MTX)
    {
        snprintf(comment, sizeof comment,
                 "A_n of %s at n = %ld: ||A_n - A||_2 <= ||A_n - A||_F <= %s <= 2^-%ld (proved by kdigits)",
                 source, n, e, n);
        st = kd_mtx_write_fmpq_mat(f, re, A->is_complex ? im : NULL, comment);
    }
    else
    {
        fprintf(f, "\nn = %ld: entries at level %ld; ||A_n - A||_2 <= ||A_n - A||_F <= %s <= 2^-%ld (proved)\n",
                n, kd_oracle_entry_level(n, k), e, n);
        print_text(f, re, im, A->is_complex);
    }
    flint_free(e);
    return st;
}

kd_status
kd_oracle_report(json_t ** doc, FILE * f, kd_report_format fmt, const kd_mat_t A,
                 const char * source, const slong * levels, slong nlevels, slong prec_cap)
{
    slong k = kd_mat_count_inexact(A), i;
    json_t * jlevels = json_array();
    kd_status st = KD_OK;
    fmpq_mat_t re, im;
    mag_t err;
    kd_oracle_t O;

    fmpq_mat_init(re, A->r, A->c);
    fmpq_mat_init(im, A->r, A->c);
    mag_init(err);
    if (fmt == KD_REPORT_CSV)
        fprintf(f, "n,i,j,re,im\n");
    else if (fmt == KD_REPORT_TEXT)
        fprintf(f, "# %s: %ld x %ld %s matrix, %ld entries not exact dyadics\n", source,
                A->r, A->c, A->is_complex ? "complex" : "real", k);
    st = kd_oracle_init_mat(O, A);
    kd_oracle_set_prec_cap(O, prec_cap);
    for (i = 0; i < nlevels && st == KD_OK; i++)
    {
        st = kd_oracle_get_err(re, im, err, O, levels[i]);
        if (st == KD_OK)
            st = print_level(f, jlevels, fmt, source, A, levels[i], k, re, im, err);
    }
    if (st == KD_OK && fmt == KD_REPORT_JSON)
        *doc = json_pack("{sssIsIsbsIso}", "source", source, "rows", (json_int_t) A->r,
                         "cols", (json_int_t) A->c, "complex", A->is_complex,
                         "inexact_entries", (json_int_t) k, "levels", jlevels);
    else
        json_decref(jlevels);
    kd_oracle_clear(O);
    fmpq_mat_clear(re);
    fmpq_mat_clear(im);
    mag_clear(err);
    return st;
}

/* x for the operator path: "ones" or "e:J" (the J-th unit vector, J from
   0), exact */
static kd_status
op_vector(acb_ptr x, slong N, const char * spec)
{
    char * end;
    long j;
    _acb_vec_zero(x, N);
    if (strcmp(spec, "ones") == 0)
    {
        for (j = 0; j < N; j++)
            acb_one(x + j);
        return KD_OK;
    }
    if (strncmp(spec, "e:", 2) == 0)
    {
        j = strtol(spec + 2, &end, 10);
        if (spec[2] != '\0' && *end == '\0' && j >= 0 && j < N)
        {
            acb_one(x + j);
            return KD_OK;
        }
    }
    return kd_error_set(KD_ERR_ARG, "--x '%s': expected ones or e:J with 0 <= J < %ld", spec,
                        (long) N);
}

kd_status
kd_oracle_op_report(json_t ** doc, FILE * f, kd_report_format fmt, kd_op_t A,
                    const char * source, const char * xs, const slong * levels, slong nlevels,
                    slong prec_cap)
{
    slong i, l, m = A->nrows, N = A->ncols;
    acb_ptr x = _acb_vec_init(N), y = _acb_vec_init(m);
    json_t * jlevels = json_array();
    fmpq_mat_t re, im;
    mag_t err;
    kd_status st;

    fmpq_mat_init(re, m, 1);
    fmpq_mat_init(im, m, 1);
    mag_init(err);
    st = op_vector(x, N, xs);
    for (l = 0; l < nlevels && st == KD_OK; l++)
    {
        slong n = levels[l];
        if ((st = kd_op_apply_level(y, A, x, 0, n, prec_cap)) != KD_OK)
            break;
        /* the header once the first level exists (an error prints nothing) */
        if (l == 0 && fmt == KD_REPORT_CSV)
            fprintf(f, "n,i,j,re,im\n");
        else if (l == 0 && fmt == KD_REPORT_TEXT)
            fprintf(f, "# %s: %ld x %ld %s operator, matrix-free; ||A||_2 <= 1 (proved: unitary"
                    " factors and a row selection)\n# x = %s; each level prints y = A_n x with"
                    " ||y - A x||_2 <= 2^-n ||x||_2 (proved)\n", source, (long) m, (long) N,
                    A->is_complex ? "complex" : "real", xs);
        for (i = 0; i < m; i++)
        {
            arf_get_fmpq(fmpq_mat_entry(re, i, 0), arb_midref(acb_realref(y + i)));
            arf_get_fmpq(fmpq_mat_entry(im, i, 0), arb_midref(acb_imagref(y + i)));
        }
        /* the proved bound 2^-n ||x||: ||x||^2 = N for ones, 1 for e:J */
        mag_set_ui(err, strcmp(xs, "ones") == 0 ? (ulong) N : 1);
        mag_sqrt(err, err);
        mag_mul_2exp_si(err, err, -n);
        if (fmt == KD_REPORT_JSON)
        {
            /* the matrix level object, its bound renamed: here it bounds
               ||y - A x||_2 */
            json_t * j = kd_oracle_level_json(n, n, re, A->is_complex ? im : NULL, err);
            json_object_set(j, "error_bound_y", json_object_get(j, "error_bound_frobenius"));
            json_object_del(j, "error_bound_frobenius");
            json_object_del(j, "entry_level");
            json_array_append_new(jlevels, j);
        }
        else if (fmt == KD_REPORT_CSV)
            for (i = 0; i < m; i++)
            {
                char * a = kd_fmpq_get_str(fmpq_mat_entry(re, i, 0));
                char * b = kd_fmpq_get_str(fmpq_mat_entry(im, i, 0));
                fprintf(f, "%ld,%ld,1,%s,%s\n", (long) n, (long) i + 1, a, A->is_complex ? b : "0");
                flint_free(a);
                flint_free(b);
            }
        else
        {
            fprintf(f, "\nn = %ld:\n", (long) n);
            print_text(f, re, im, A->is_complex);
        }
    }
    if (st == KD_OK && fmt == KD_REPORT_JSON)
        *doc = json_pack("{sssIsIsbsssssIso}", "source", source, "rows", (json_int_t) m,
                         "cols", (json_int_t) N, "complex", A->is_complex, "opnorm_ubound", "1",
                         "x", xs, "reads", (json_int_t) A->nreads, "levels", jlevels);
    else
        json_decref(jlevels);
    _acb_vec_clear(x, N);
    _acb_vec_clear(y, m);
    fmpq_mat_clear(re);
    fmpq_mat_clear(im);
    mag_clear(err);
    return st;
}

