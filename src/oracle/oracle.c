/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Oracles with a query log: every read is recorded (level, order), so the
   number of data an algorithm consumed can be reported. */
#include "kdigits/oracle.h"

static kd_status
mat_query(fmpq_mat_t re, fmpq_mat_t im, kd_oracle_struct * O, slong n)
{
    return kd_mat_approx(re, im, NULL, (const kd_mat_struct *) O->data, n, O->prec_cap);
}

static void
mat_clear(void * data)
{
    kd_mat_clear((kd_mat_struct *) data);
    flint_free(data);
}

void
kd_oracle_init_custom(kd_oracle_t O, slong r, slong c, int is_complex,
                      kd_oracle_query_fn query, void * data,
                      void (*clear_data)(void *))
{
    O->r = r;
    O->c = c;
    O->is_complex = is_complex;
    O->prec_cap = 0;
    O->query = query;
    O->data = data;
    O->exact = NULL;
    O->clear_data = clear_data;
    O->levels = NULL;
    O->nreads = 0;
    O->alloc = 0;
    O->max_level = -1;
}

kd_status
kd_oracle_init_mat(kd_oracle_t O, const kd_mat_t A)
{
    kd_mat_struct * copy = flint_malloc(sizeof(kd_mat_struct));
    kd_status st = kd_mat_init(copy, 0, 0);
    if (st == KD_OK)
        st = kd_mat_set(copy, A);
    kd_oracle_init_custom(O, A->r, A->c, A->is_complex, mat_query, copy, mat_clear);
    O->exact = copy;
    return st;
}

void
kd_oracle_clear(kd_oracle_t O)
{
    if (O->clear_data != NULL)
        O->clear_data(O->data);
    flint_free(O->levels);
    O->levels = NULL;
    O->data = NULL;
}

void
kd_oracle_set_prec_cap(kd_oracle_t O, slong prec_cap)
{
    O->prec_cap = prec_cap;
}

static void
log_read(kd_oracle_t O, slong n)
{
    if (O->nreads == O->alloc)
    {
        O->alloc = 2 * O->alloc + 8;
        O->levels = flint_realloc(O->levels, O->alloc * sizeof(slong));
    }
    O->levels[O->nreads++] = n;
    if (n > O->max_level)
        O->max_level = n;
}

/* re (and im) resized to the oracle's shape. */
static kd_status
shape_outputs(fmpq_mat_t re, fmpq_mat_t im, const kd_oracle_t O)
{
    if (fmpq_mat_nrows(re) != O->r || fmpq_mat_ncols(re) != O->c)
    {
        fmpq_mat_clear(re);
        fmpq_mat_init(re, O->r, O->c);
    }
    if (im != NULL && (fmpq_mat_nrows(im) != O->r || fmpq_mat_ncols(im) != O->c))
    {
        fmpq_mat_clear(im);
        fmpq_mat_init(im, O->r, O->c);
    }
    if (O->is_complex && im == NULL)
        return kd_error_set(KD_ERR_ARG, "a complex oracle needs an imaginary-part output");
    return KD_OK;
}

kd_status
kd_oracle_get_err(fmpq_mat_t re, fmpq_mat_t im, mag_t err, kd_oracle_t O, slong n)
{
    kd_status st;
    if ((st = kd_check_level(n)) != KD_OK || (st = shape_outputs(re, im, O)) != KD_OK)
        return st;
    if (O->exact != NULL && err != NULL)
        st = kd_mat_approx(re, O->is_complex ? im : NULL, err, O->exact, n, O->prec_cap);
    else
    {
        st = O->query(re, O->is_complex ? im : NULL, O, n);
        if (err != NULL)
            mag_set_ui_2exp_si(err, 1, -n);
    }
    if (st != KD_OK)
        return st;
    if (!O->is_complex && im != NULL)
        fmpq_mat_zero(im);
    log_read(O, n);
    return KD_OK;
}

kd_status
kd_oracle_get(fmpq_mat_t re, fmpq_mat_t im, kd_oracle_t O, slong n)
{
    return kd_oracle_get_err(re, im, NULL, O, n);
}

int
kd_oracle_is_exact(const kd_oracle_t O)
{
    slong i;
    if (O->exact == NULL)
        return 0;
    for (i = 0; i < O->exact->r * O->exact->c; i++)
        if (!kd_real_is_fmpq(&O->exact->entries[i].re) || !kd_real_is_fmpq(&O->exact->entries[i].im))
            return 0;
    return 1;
}

kd_status
kd_oracle_get_exact(fmpq_mat_t re, fmpq_mat_t im, kd_oracle_t O)
{
    kd_status st;
    slong i;
    if (!kd_oracle_is_exact(O))
        return kd_error_set(KD_ERR_ARG, "exact data requested but %s", O->exact != NULL
                            ? "an entry is irrational" : "the oracle gives approximations only");
    if ((st = shape_outputs(re, im, O)) != KD_OK)
        return st;
    for (i = 0; i < O->r * O->c; i++)
    {
        kd_real_get_fmpq(re->entries + i, &O->exact->entries[i].re);
        if (im != NULL)
            kd_real_get_fmpq(im->entries + i, &O->exact->entries[i].im);
    }
    log_read(O, KD_ORACLE_EXACT);
    return KD_OK;
}

slong
kd_oracle_nreads(const kd_oracle_t O)
{
    return O->nreads;
}

slong
kd_oracle_max_level(const kd_oracle_t O)
{
    return O->max_level;
}

slong
kd_oracle_read_level(const kd_oracle_t O, slong i)
{
    return (i >= 0 && i < O->nreads) ? O->levels[i] : -1;
}

void
kd_oracle_log_reset(kd_oracle_t O)
{
    O->nreads = 0;
    O->max_level = -1;
}

void
kd_oracle_reads_init(kd_oracle_reads_t L)
{
    L->nreads = L->nexact = 0;
    L->levels = NULL;
    L->max_level = -1;
}

void
kd_oracle_reads_clear(kd_oracle_reads_t L)
{
    flint_free(L->levels);
    L->levels = NULL;
}

void
kd_oracle_reads_since(kd_oracle_reads_t L, const kd_oracle_struct * O, slong start)
{
    slong i, n = (O == NULL || start >= O->nreads) ? 0 : O->nreads - FLINT_MAX(start, 0);
    kd_oracle_reads_clear(L);
    kd_oracle_reads_init(L);
    if (n == 0)
        return;
    L->levels = flint_malloc(n * sizeof(slong));
    for (i = 0; i < n; i++)
    {
        slong v = O->levels[O->nreads - n + i];
        L->levels[i] = v;
        if (v == KD_ORACLE_EXACT)
            L->nexact++;
        else if (v > L->max_level)
            L->max_level = v;
    }
    L->nreads = n;
}
