/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits oracle: A_n of an exact matrix, printed exactly. */
#include <getopt.h>
#include <string.h>
#include "cli.h"
#include "kdigits/op.h"

static void
help(void)
{
    kd_cli_help(stdout, kd_help_oracle, NULL, NULL);
}

static void
print_text(const fmpq_mat_t re, const fmpq_mat_t im, int cplx)
{
    slong i, j;
    for (i = 0; i < fmpq_mat_nrows(re); i++)
    {
        printf("  ");
        for (j = 0; j < fmpq_mat_ncols(re); j++)
        {
            char * s = kd_fmpq_get_str(fmpq_mat_entry(re, i, j));
            printf("%s%s", j ? "  " : "", s);
            flint_free(s);
            if (cplx)
            {
                const fmpq * b = fmpq_mat_entry(im, i, j);
                s = kd_fmpq_get_str(b);
                printf("%s%si", fmpq_sgn(b) < 0 ? "" : "+", s);
                flint_free(s);
            }
        }
        printf("\n");
    }
}

typedef struct
{
    const char * file;
    const char * builtin;
    const char * x;
}
oracle_args;

static int
own(int c, const char * arg, void * data)
{
    oracle_args * a = data;
    if (c == 'm')
        a->file = arg;
    else if (c == 'b')
        a->builtin = arg;
    else if (c == 'x')
        a->x = arg;
    else
        return 0;
    return 1;
}

/* One level A_n (re, im) with its proved bound err, in the chosen format;
   JSON: appended to jlevels. */
static kd_status
print_level(json_t * jlevels, kd_cli_format fmt, const char * source, const kd_mat_t A, slong n,
            slong k, const fmpq_mat_t re, const fmpq_mat_t im, const mag_t err)
{
    char * e, comment[512];
    slong i, j;
    kd_status st = KD_OK;
    if (fmt == KD_FMT_JSON)
    {
        json_array_append_new(jlevels, kd_oracle_level_json(n, kd_oracle_entry_level(n, k), re,
                                                            A->is_complex ? im : NULL, err));
        return KD_OK;
    }
    if (fmt == KD_FMT_CSV)
    {
        for (i = 0; i < A->r; i++)
            for (j = 0; j < A->c; j++)
            {
                char * a = kd_fmpq_get_str(fmpq_mat_entry(re, i, j));
                char * b = kd_fmpq_get_str(fmpq_mat_entry(im, i, j));
                printf("%ld,%ld,%ld,%s,%s\n", n, i + 1, j + 1, a, A->is_complex ? b : "0");
                flint_free(a);
                flint_free(b);
            }
        return KD_OK;
    }
    e = kd_mag_get_decimal(err, 6);
    if (fmt == KD_FMT_MTX)
    {
        snprintf(comment, sizeof comment,
                 "A_n of %s at n = %ld: ||A_n - A||_2 <= ||A_n - A||_F <= %s <= 2^-%ld (proved by kdigits)",
                 source, n, e, n);
        st = kd_mtx_write_fmpq_mat(stdout, re, A->is_complex ? im : NULL, comment);
    }
    else
    {
        printf("\nn = %ld: entries at level %ld; ||A_n - A||_2 <= ||A_n - A||_F <= %s <= 2^-%ld (proved)\n",
               n, kd_oracle_entry_level(n, k), e, n);
        print_text(re, im, A->is_complex);
    }
    flint_free(e);
    return st;
}

/* The header and every level of o for the matrix A read from source;
   *ret = kd_json_print's exit code for JSON. */
static kd_status
print_levels(int * ret, const kd_mat_t A, const char * source, const kd_cli_opts * o)
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
    if (o->fmt == KD_FMT_CSV)
        printf("n,i,j,re,im\n");
    else if (o->fmt == KD_FMT_TEXT)
        printf("# %s: %ld x %ld %s matrix, %ld entries not exact dyadics\n", source,
               A->r, A->c, A->is_complex ? "complex" : "real", k);
    st = kd_oracle_init_mat(O, A);
    kd_oracle_set_prec_cap(O, o->prec_cap);
    for (i = 0; i < o->nlevels && st == KD_OK; i++)
    {
        st = kd_oracle_get_err(re, im, err, O, o->levels[i]);
        if (st == KD_OK)
            st = print_level(jlevels, o->fmt, source, A, o->levels[i], k, re, im, err);
    }
    if (st == KD_OK && o->fmt == KD_FMT_JSON)
        *ret = kd_json_print(json_pack("{sssIsIsbsIso}", "source", source, "rows", (json_int_t) A->r,
                                "cols", (json_int_t) A->c, "complex", A->is_complex,
                                "inexact_entries", (json_int_t) k, "levels", jlevels));
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

/* The operator path: y = A_n x at every level, proved ||y - A x|| <= 2^-n ||x|| */
static kd_status
print_op_levels(int * ret, kd_op_t A, const char * source, const char * xs, const kd_cli_opts * o)
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
    for (l = 0; l < o->nlevels && st == KD_OK; l++)
    {
        slong n = o->levels[l];
        if ((st = kd_op_apply_level(y, A, x, 0, n, o->prec_cap)) != KD_OK)
            break;
        /* the header once the first level exists (an error prints nothing) */
        if (l == 0 && o->fmt == KD_FMT_CSV)
            printf("n,i,j,re,im\n");
        else if (l == 0 && o->fmt == KD_FMT_TEXT)
            printf("# %s: %ld x %ld %s operator, matrix-free; ||A||_2 <= 1 (proved: unitary"
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
        if (o->fmt == KD_FMT_JSON)
        {
            /* the matrix level object, its bound renamed: here it bounds
               ||y - A x||_2 */
            json_t * j = kd_oracle_level_json(n, n, re, A->is_complex ? im : NULL, err);
            json_object_set(j, "error_bound_y", json_object_get(j, "error_bound_frobenius"));
            json_object_del(j, "error_bound_frobenius");
            json_object_del(j, "entry_level");
            json_array_append_new(jlevels, j);
        }
        else if (o->fmt == KD_FMT_CSV)
            for (i = 0; i < m; i++)
            {
                char * a = kd_fmpq_get_str(fmpq_mat_entry(re, i, 0));
                char * b = kd_fmpq_get_str(fmpq_mat_entry(im, i, 0));
                printf("%ld,%ld,1,%s,%s\n", (long) n, (long) i + 1, a, A->is_complex ? b : "0");
                flint_free(a);
                flint_free(b);
            }
        else
        {
            printf("\nn = %ld:\n", (long) n);
            print_text(re, im, A->is_complex);
        }
    }
    if (st == KD_OK && o->fmt == KD_FMT_JSON)
        *ret = kd_json_print(json_pack("{sssIsIsbsssssIso}", "source", source, "rows", (json_int_t) m,
                                "cols", (json_int_t) N, "complex", A->is_complex,
                                "opnorm_ubound", "1", "x", xs, "reads", (json_int_t) A->nreads,
                                "levels", jlevels));
    else
        json_decref(jlevels);
    _acb_vec_clear(x, N);
    _acb_vec_clear(y, m);
    fmpq_mat_clear(re);
    fmpq_mat_clear(im);
    mag_clear(err);
    return st;
}

/* --builtin NAME: a dense built-in, else a matrix-free operator (the
   dense names take precedence: dft:M stays the exact matrix) */
static kd_status
oracle_builtin(int * ret, const oracle_args * a, const kd_cli_opts * o)
{
    kd_mat_t A;
    kd_op_t op;
    kd_status st;
    kd_mat_init(A, 0, 0);
    st = kd_builtin_mat(A, a->builtin);
    if (st == KD_OK)
    {
        if (a->x != NULL)
            st = kd_error_set(KD_ERR_ARG, "--x applies to matrix-free operators only");
        else
            st = print_levels(ret, A, a->builtin, o);
    }
    else if (kd_op_parse(op, a->builtin) == KD_OK)
    {
        if (o->fmt == KD_FMT_MTX)
            st = kd_error_set(KD_ERR_ARG, "--format mtx: an operator is never materialised");
        else
            st = print_op_levels(ret, op, a->builtin, a->x != NULL ? a->x : "ones", o);
        kd_op_clear(op);
    }
    else
        st = kd_builtin_mat(A, a->builtin);     /* the dense built-in's own error */
    kd_mat_clear(A);
    return st;
}

int
kd_cmd_oracle(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"matrix", required_argument, NULL, 'm'},
        {"builtin", required_argument, NULL, 'b'},
        {"x", required_argument, NULL, 'x'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    oracle_args a = {NULL, NULL, NULL};
    const char * usage = NULL;
    kd_cli_opts o;
    int r, ret = 0;
    kd_status st;
    kd_mat_t A;

    kd_cli_opts_init(&o, 1);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, "oracle", own, &a, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    if ((a.file == NULL) == (a.builtin == NULL))
        usage = "give exactly one of --matrix FILE and --builtin NAME";
    else if (o.levels == NULL)
        usage = "--n is required";
    else if (o.fmt == KD_FMT_MTX && o.nlevels != 1)
        usage = "--format mtx writes one matrix: give a single level";
    if (usage != NULL)
    {
        kd_cli_opts_clear(&o);
        return kd_cli_usage("oracle", "%s", usage);
    }
    kd_mat_init(A, 0, 0);
    if (a.builtin != NULL)
        st = oracle_builtin(&ret, &a, &o);
    else if (a.x != NULL)
        st = kd_error_set(KD_ERR_ARG, "--x applies to matrix-free operators only");
    else if ((st = kd_mtx_read(A, a.file)) == KD_OK)
        st = print_levels(&ret, A, a.file, &o);
    if (st != KD_OK)
        ret = kd_cli_fail("oracle", st);
    kd_mat_clear(A);
    kd_cli_opts_clear(&o);
    return ret;
}
