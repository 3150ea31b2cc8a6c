/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Writing exact matrices as Matrix Market array files that kd_mtx_read
   reads back to the same values. */
#include <errno.h>
#include <string.h>
#include "internal.h"

/* Each line of the comment becomes its own "%" line, so a comment with
   newlines cannot break the file. */
static void
put_header(FILE * f, int is_complex, slong r, slong c, const char * comment)
{
    fprintf(f, "%s matrix array %s general\n", KD_MTX_BANNER, is_complex ? "complex" : "real");
    while (comment != NULL)
    {
        const char * end = strchr(comment, '\n');
        int n = end != NULL ? (int) (end - comment) : (int) strlen(comment);
        if (n > 0)
            fprintf(f, "%% %.*s\n", n, comment);
        else
            fputs("%\n", f);
        comment = end != NULL ? end + 1 : NULL;
    }
    fprintf(f, "%ld %ld\n", r, c);
}

/* Buffered output reports failure late, so flush before asking. */
static kd_status
finish(FILE * f)
{
    if (fflush(f) != 0 || ferror(f))
        return kd_error_set(KD_ERR_IO, "cannot write the Matrix Market file: %s",
                            errno != 0 ? strerror(errno) : "write error");
    return KD_OK;
}

static void
put_fmpq(FILE * f, const fmpq_t q)
{
    fmpz_fprint(f, fmpq_numref(q));
    if (!fmpz_is_one(fmpq_denref(q)))
    {
        putc('/', f);
        fmpz_fprint(f, fmpq_denref(q));
    }
}

kd_status
kd_mtx_write_fmpq_mat(FILE * f, const fmpq_mat_t re, const fmpq_mat_t im,
                      const char * comment)
{
    slong i, j;
    int is_complex;

    if (f == NULL)
        return kd_error_set(KD_ERR_ARG, "kd_mtx_write_fmpq_mat: no stream");
    if (im != NULL && (fmpq_mat_nrows(im) != fmpq_mat_nrows(re)
                       || fmpq_mat_ncols(im) != fmpq_mat_ncols(re)))
        return kd_error_set(KD_ERR_SIZE, "real part %ld x %ld and imaginary part %ld x %ld differ",
                            fmpq_mat_nrows(re), fmpq_mat_ncols(re),
                            fmpq_mat_nrows(im), fmpq_mat_ncols(im));
    is_complex = im != NULL && !fmpq_mat_is_zero(im);
    errno = 0;
    put_header(f, is_complex, fmpq_mat_nrows(re), fmpq_mat_ncols(re), comment);
    for (j = 0; j < fmpq_mat_ncols(re); j++)
        for (i = 0; i < fmpq_mat_nrows(re); i++)
        {
            put_fmpq(f, fmpq_mat_entry(re, i, j));
            if (is_complex)
            {
                putc(' ', f);
                put_fmpq(f, fmpq_mat_entry(im, i, j));
            }
            putc('\n', f);
        }
    return finish(f);
}

/* One entry field. The reader takes no value longer than KD_EXPR_LEN_MAX
   characters, and a shared DAG can print exponentially long, so a longer
   text is refused rather than built. A complex entry is two fields on one
   line, and the reader separates fields at white space outside
   parentheses. */
static kd_status
put_field(FILE * f, const kd_real_t x, int paren, slong i, slong j)
{
    char * s;
    kd_status st = kd_real_get_str_max(&s, x, KD_EXPR_LEN_MAX);
    if (st != KD_OK)
    {
        kd_error_prefix("entry (%ld, %ld)", i + 1, j + 1);
        return st;
    }
    if (paren && strpbrk(s, " \t") != NULL)
        fprintf(f, "(%s)", s);
    else
        fputs(s, f);
    flint_free(s);
    return KD_OK;
}

kd_status
kd_mtx_write_mat(FILE * f, const kd_mat_t A, const char * comment)
{
    slong i, j;
    int is_complex = A->is_complex;

    if (f == NULL)
        return kd_error_set(KD_ERR_ARG, "kd_mtx_write_mat: no stream");
    /* a stale is_complex flag must not drop imaginary parts */
    for (i = 0; i < A->r * A->c && !is_complex; i++)
        is_complex = !kd_complex_is_real(A->entries + i);
    errno = 0;
    put_header(f, is_complex, A->r, A->c, comment);
    for (j = 0; j < A->c; j++)
        for (i = 0; i < A->r; i++)
        {
            const kd_complex_struct * z = kd_mat_entry(A, i, j);
            kd_status st;
            /* a real entry is the whole line, spaces and all */
            st = put_field(f, &z->re, is_complex, i, j);
            if (st == KD_OK && is_complex)
            {
                putc(' ', f);
                st = put_field(f, &z->im, 1, i, j);
            }
            if (st != KD_OK)
                return st;
            putc('\n', f);
        }
    return finish(f);
}
